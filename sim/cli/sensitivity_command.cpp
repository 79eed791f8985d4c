// `groundswell sensitivity FILE|DIR`: Sobol' indices (saltelli sweep) or Morris
// elementary effects (morris sweep) of every observable, from a sweep it runs
// (resumably, as `groundswell sweep` does) or from a finished sweep directory.
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "models/registry.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/sweep_session.hpp"
#include "sim/engine/output.hpp"
#include "sim/experiments/sensitivity_report.hpp"
#include "sim/experiments/sweep_plan.hpp"
#include "sim/experiments/sweep_store.hpp"

namespace gs::cli {
namespace fs = std::filesystem;
namespace {

struct SensitivityArgs {
  std::string source;
  std::string out;
  std::size_t threads = 0;
  std::size_t resamples = 1000;
  double level = 0.95;
  double precision = 0.1;
  std::vector<std::string> observables;
  bool nested = false;
  bool quiet = false;
};

void require_indices_design(const experiments::SweepSpec& spec) {
  if (spec.design != experiments::DesignKind::saltelli &&
      spec.design != experiments::DesignKind::morris)
    throw scenario::ScenarioError({scenario::Diagnostic{
        spec.file.string(), 0, 0, "design",
        fmt::format("sensitivity indices need `design: saltelli` (Sobol' indices) or `design: "
                    "morris` (elementary effects), not {}",
                    experiments::design_name(spec.design))}});
}

int sensitivity_command(const SensitivityArgs& args) {
  experiments::SweepSpec spec;
  fs::path dir;
  if (fs::is_directory(args.source)) {
    dir = args.source;
    spec = experiments::sweep_spec_from_canonical(experiments::read_manifest(dir).at("sweep"),
                                                  dir / "manifest.json");
    require_indices_design(spec);
    if (!fs::exists(dir / "results.csv"))
      throw std::runtime_error(dir.string() +
                               ": the sweep has no results.csv yet; finish it (or merge its "
                               "shards) with `groundswell sweep` first");
  } else {
    MpiSession mpi;
    const auto& registry = builtin_models();
    std::vector<scenario::Diagnostic> problems;
    spec = experiments::read_sweep_spec(args.source, problems);
    if (problems.empty()) require_indices_design(spec);
    const auto plan = experiments::plan_sweep(spec, registry, std::move(problems));
    dir = args.out.empty() ? default_sweep_dir(args.source) : fs::path(args.out);
    SessionOptions options;
    options.out = dir;
    options.threads = args.threads;
    options.nested = args.nested;
    options.quiet = args.quiet;
    const auto result = run_sweep_session(plan, registry, options, mpi);
    if (result.status == SessionStatus::worker) return exit_ok;
    if (result.status == SessionStatus::interrupted) {
      fmt::print(stderr,
                 "interrupted: {} of {} runs are saved in {}; run the same command again to "
                 "finish the remaining {} and compute the indices.\n",
                 result.completed, result.shard_runs, dir.string(),
                 result.shard_runs - result.completed);
      return exit_interrupted;
    }
  }
  const auto design = experiments::expand_design(spec);
  const auto table = experiments::read_sweep_table(dir / "results.csv");
  experiments::BootstrapOptions bootstrap;
  bootstrap.resamples = args.resamples;
  bootstrap.level = args.level;
  bootstrap.seed = spec.seed;
  const auto report =
      experiments::analyse_sensitivity(spec, design, table, bootstrap, args.precision);
  write_atomically(dir / "sensitivity.csv", experiments::sensitivity_csv(report));
  if (!args.quiet) {
    fmt::print("{}", experiments::sensitivity_text(report, args.observables));
    fmt::print("written: {}\n", (dir / "sensitivity.csv").string());
  } else {
    for (const auto& w : report.warnings) fmt::print(stderr, "warning: {}\n", w);
  }
  return exit_ok;
}

}  // namespace

void add_sensitivity_command(CLI::App& app) {
  auto args = std::make_shared<SensitivityArgs>();
  auto* cmd = app.add_subcommand(
      "sensitivity",
      "Sobol' first-order and total indices with bootstrap CIs (saltelli sweep) or Morris "
      "mu*/sigma (morris sweep) for every observable; runs the sweep (resumably) or reads a "
      "finished sweep directory.");
  cmd->add_option("source", args->source, "Sweep YAML file, or a finished sweep directory")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_option("--out", args->out, "Sweep directory (default: runs/<sweep file stem>)");
  cmd->add_option("--threads", args->threads, "Runs at once (0 = all cores)")
      ->check(thread_count());
  cmd->add_option("--resamples", args->resamples, "Bootstrap resamples (default 1000; 0 = none)");
  cmd->add_option("--precision", args->precision,
                  "Largest acceptable half-width of a Sobol' index interval; wider ones are "
                  "warned about with the base sample that would reach it (default 0.1)")
      ->check(CLI::Range(1e-6, 1.0));
  cmd->add_option("--level", args->level, "Confidence level (default 0.95)")
      ->check(CLI::Range(0.5, 0.9999));
  cmd->add_option("--observables", args->observables,
                  "Observables to print (default: all; the CSV always has all)")
      ->delimiter(',');
  cmd->add_flag("--nested", args->nested, "Let each run's own parallel loops use idle cores");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress bar and no indices on stdout");
  cmd->callback([args] {
    const int code = sensitivity_command(*args);
    if (code != exit_ok) std::exit(code);
  });
}

}  // namespace gs::cli
