// `groundswell run FILE`: run one scenario and write its outputs.
#include <fmt/format.h>

#include <filesystem>
#include <string>
#include <vector>

#include "models/registry.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/progress.hpp"
#include "sim/engine/output.hpp"
#include "sim/engine/runner.hpp"

namespace gs::cli {
namespace fs = std::filesystem;
namespace {

struct RunArgs {
  std::string file;
  std::vector<std::string> sets;
  std::uint64_t seed = 0;
  bool seed_given = false;
  std::size_t threads = 0;
  std::string out;
  bool force = false;
  bool quiet = false;
};

// The default output directory: runs/<scenario stem>, or the first free runs/<stem>-N,
// so a run never lands on an earlier one.
fs::path default_out_dir(const std::string& scenario_file) {
  const fs::path base = fs::path("runs") / fs::path(scenario_file).stem();
  fs::path candidate = base;
  for (int n = 2; fs::exists(candidate) && !fs::is_empty(candidate); ++n) {
    candidate = base.string() + "-" + std::to_string(n);
  }
  return candidate;
}

void print_human_summary(const RunResult& result, const fs::path& out_dir) {
  const auto& values = result.scenario->values();
  const auto name = values.at("name").get<std::string>();
  fmt::print("{} (model {}, seed {})\n",
             name.empty() ? result.scenario->file().stem().string() : name, result.model,
             result.seed);
  fmt::print("  ran {} {}{} in {:.3f} s (set-up {:.3f} s); stopped at {}\n", result.ticks_run,
             values.at("run").at("tick_unit").get<std::string>(), result.ticks_run == 1 ? "" : "s",
             result.step_seconds, result.setup_seconds,
             result.stop_reason == "fixed_point" ? "a fixed point" : "the tick limit");
  std::size_t width = 0;
  for (const auto& o : result.observables) width = std::max(width, o.size());
  for (std::size_t i = 0; i < result.observables.size(); ++i) {
    fmt::print("  {:<{}}  {:.6g}\n", result.observables[i], width, result.final_values()[i]);
  }
  fmt::print("  outputs in {}\n", out_dir.string());
}

void run_command(const RunArgs& args) {
  std::vector<scenario::Override> overrides;
  for (const auto& s : args.sets) overrides.push_back(scenario::Override::parse(s));
  const auto& registry = builtin_models();
  // Validate everything before touching the disk.
  auto spec = scenario::load(args.file, overrides, registry);
  const fs::path out_dir = args.out.empty() ? default_out_dir(args.file) : fs::path(args.out);
  prepare_output_dir(out_dir, args.force);

  Progress progress("running", "ticks", !args.quiet);
  RunOptions options;
  if (args.seed_given) options.seed = args.seed;
  options.threads = args.threads;
  options.on_tick = [&](std::uint32_t tick, std::uint32_t max) { progress.update(tick, max); };
  const RunResult result = run(spec, registry, options);
  progress.finish();
  write_run(result, out_dir);
  if (!args.quiet) print_human_summary(result, out_dir);
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run",
                                 "Run a scenario and write series.csv, summary.json and "
                                 "the model's tables to an output directory.");
  cmd->add_option("file", args->file, "Scenario YAML file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--set", args->sets, "Override a scenario key: path.to.key=value (repeatable)");
  cmd->add_option("--seed", args->seed, "Override the scenario's seed")
      ->each([args](const std::string&) { args->seed_given = true; });
  cmd->add_option("--threads", args->threads,
                  "Worker threads (0 = all cores); results do not "
                  "depend on it")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--out", args->out, "Output directory (default: runs/<scenario name>[-N])");
  cmd->add_flag("--force", args->force,
                "Write into a non-empty output directory (replaces only the files a run writes)");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress bar and no summary on stdout");
  cmd->callback([args] { run_command(*args); });
}

}  // namespace gs::cli
