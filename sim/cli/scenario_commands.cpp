// `groundswell validate FILE` and `groundswell describe [MODEL]`: check a
// scenario without running it, and document every parameter.
#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "models/registry.hpp"
#include "sim/cli/commands.hpp"
#include "sim/experiments/calibration_spec.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::cli {

void add_validate_command(CLI::App& app) {
  struct Args {
    std::string file;
    std::vector<std::string> sets;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "validate", "Check a scenario file: report every problem with file:line:column.");
  cmd->add_option("file", args->file, "Scenario YAML file")->required();
  cmd->add_option("--set", args->sets, "Override a scenario key: path.to.key=value (repeatable)");
  cmd->callback([args] {
    std::vector<scenario::Override> overrides;
    for (const auto& s : args->sets) overrides.push_back(scenario::Override::parse(s));
    const auto spec = scenario::load(args->file, overrides, builtin_models());
    fmt::print("{}: valid ({} model)\n", args->file, spec->model());
  });
}

void add_describe_command(CLI::App& app) {
  auto model = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "describe", "List every scenario parameter with its default, range and meaning.");
  cmd->add_option(
      "model", *model,
      "Model whose parameters to list (default: the engine's own), or `calibrate` for the "
      "calibration file format");
  cmd->callback([model] {
    if (*model == "calibrate") {  // the calibration file format, not a model
      fmt::print("{}", experiments::calibration_format_help());
      return;
    }
    const auto& registry = builtin_models();
    if (model->empty()) {
      fmt::print("{}", scenario::describe(ModelRegistry::engine_schema(registry.model_names()),
                                          "Engine parameters (every scenario)"));
      fmt::print("\nModels:\n");
      for (const auto& name : registry.model_names()) {
        fmt::print("  {:<14} {}\n", name, registry.at(name).summary);
      }
      return;
    }
    const auto* schema = registry.schema_for(*model);
    if (schema == nullptr) {
      std::string known;
      for (const auto& name : registry.model_names()) known += (known.empty() ? "" : ", ") + name;
      throw std::invalid_argument("no model named '" + *model + "'; known models: " + known);
    }
    fmt::print("{}", scenario::describe(*schema, "Parameters of the " + *model + " model"));
  });
}

}  // namespace gs::cli
