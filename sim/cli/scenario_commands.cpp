// `groundswell validate FILE` and `groundswell describe [MODEL]`: check a
// scenario without running it, and document every parameter.
#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "models/registry.hpp"
#include "sim/cli/commands.hpp"
#include "sim/experiments/calibration_spec.hpp"
#include "sim/experiments/sweep_spec.hpp"
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

namespace {

// File formats other than scenarios that `describe NAME` documents, one entry
// each, each printing every key with its type, default and meaning from the
// table its parser validates against (a calibration file adds its entry here).
struct DocumentedFormat {
  const char* name;
  const char* summary;
  std::string (*text)();
};
const std::vector<DocumentedFormat>& documented_formats() {
  static const std::vector<DocumentedFormat> formats{
      {"sweep", "sweep files: many runs of one scenario (sweep, sensitivity)",
       &experiments::describe_sweep_file},
      {"calibrate", "calibration files: fit parameters to targets (calibrate)",
       [] { return std::string(experiments::calibration_format_help()); }}};
  return formats;
}

}  // namespace

void add_describe_command(CLI::App& app) {
  auto model = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "describe",
      "List every scenario parameter with its default, range and meaning; `describe sweep` "
      "and `describe calibrate` document those file formats.");
  cmd->add_option(
      "model", *model,
      "Model whose parameters to list, or a file format (sweep, calibrate); default: the "
      "engine's own parameters");
  cmd->callback([model] {
    for (const auto& format : documented_formats()) {
      if (*model == format.name) {
        fmt::print("{}", format.text());
        return;
      }
    }
    const auto& registry = builtin_models();
    if (model->empty()) {
      fmt::print("{}", scenario::describe(ModelRegistry::engine_schema(registry.model_names()),
                                          "Engine parameters (every scenario)"));
      fmt::print("\nModels:\n");
      for (const auto& name : registry.model_names()) {
        fmt::print("  {:<14} {}\n", name, registry.at(name).summary);
      }
      fmt::print("\nFile formats:\n");
      for (const auto& format : documented_formats())
        fmt::print("  {:<14} {}\n", format.name, format.summary);
      return;
    }
    const auto* schema = registry.schema_for(*model);
    if (schema == nullptr) {
      std::string known;
      for (const auto& name : registry.model_names()) known += (known.empty() ? "" : ", ") + name;
      for (const auto& format : documented_formats())
        known += std::string(", ") + format.name + " (file format)";
      throw std::invalid_argument("no model or file format named '" + *model +
                                  "'; known: " + known);
    }
    fmt::print("{}", scenario::describe(*schema, "Parameters of the " + *model + " model"));
    const auto& outputs = registry.at(*model).outputs;
    if (!outputs.empty()) {
      fmt::print("\nOutputs of the {} model (series.csv columns; NaN = undefined):\n", *model);
      for (const auto& o : outputs) fmt::print("  {:<28} [{}] {}\n", o.name, o.unit, o.meaning);
    }
  });
}

}  // namespace gs::cli
