// `groundswell sweep FILE`: run a sweep file's runs (resumable, shardable, MPI),
// or `--merge DIR...` finished shards into one table.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "models/registry.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/job_array.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/sweep_session.hpp"
#include "sim/experiments/memory_check.hpp"
#include "sim/experiments/sweep_plan.hpp"
#include "sim/experiments/sweep_spec.hpp"
#include "sim/experiments/sweep_store.hpp"

namespace gs::cli {
namespace fs = std::filesystem;
namespace {

struct SweepArgs {
  std::string file;
  std::size_t threads = 0;
  std::string out;
  std::string shard;
  std::vector<std::string> merge;
  bool nested = false;
  bool quiet = false;
  bool no_memory_check = false;
};

void report_outcome(const experiments::SweepPlan& plan, const SessionResult& r, const fs::path& dir,
                    bool quiet) {
  switch (r.status) {
    case SessionStatus::worker:
      return;
    case SessionStatus::interrupted:
      fmt::print(stderr,
                 "interrupted: {} of {} runs are saved in {}; run the same command again to "
                 "finish the remaining {}.\n",
                 r.completed, r.shard_runs, dir.string(), r.shard_runs - r.completed);
      return;
    case SessionStatus::already_finished:
      if (!quiet)
        fmt::print("sweep {} already finished: all {} runs are in {}; nothing to do.\n",
                   plan.spec.name, r.shard_runs, r.table.string());
      return;
    case SessionStatus::finished:
      if (quiet) return;
      if (::isatty(STDOUT_FILENO) == 1) {
        fmt::print(
            "sweep {}: all {} runs done ({} in this session, {:.1f} s, {:.2f} runs/s); "
            "table in {}\n",
            plan.spec.name, r.shard_runs, r.ran_now, r.seconds,
            r.seconds > 0 ? static_cast<double>(r.ran_now) / r.seconds : 0.0, r.table.string());
      } else {
        fmt::print("status=finished runs={} new={} seconds={:.3f} table={}\n", r.shard_runs,
                   r.ran_now, r.seconds, r.table.string());
      }
      return;
  }
}

int sweep_command(const SweepArgs& args) {
  MpiSession mpi;
  try {
    const auto& registry = builtin_models();
    const auto plan = experiments::load_sweep(args.file, registry);
    const fs::path dir = args.out.empty() ? default_sweep_dir(args.file) : fs::path(args.out);
    if (!args.merge.empty()) {
      if (mpi.active() && mpi.rank() != 0) return exit_ok;
      std::vector<fs::path> dirs(args.merge.begin(), args.merge.end());
      experiments::merge_sweep(plan, dirs, dir);
      if (!args.quiet)
        fmt::print("merged {} runs from {} director{} into {}\n", plan.runs.size(), dirs.size(),
                   dirs.size() == 1 ? "y" : "ies", (dir / "results.csv").string());
      return exit_ok;
    }
    SessionOptions options;
    options.out = dir;
    try {
      if (args.shard.rfind("auto", 0) == 0) {
        options.shard = shard_from_environment(args.shard);
      } else if (!args.shard.empty()) {
        options.shard = experiments::Shard::parse(args.shard);
      }
    } catch (const std::invalid_argument& e) {
      throw CLI::ValidationError("--shard", e.what());  // exit 2: a bad command line
    }
    options.threads = args.threads;
    options.nested = args.nested;
    options.quiet = args.quiet;
    if (!args.no_memory_check)
      experiments::check_sweep_memory(plan, registry, args.threads, args.nested);
    const auto result = run_sweep_session(plan, registry, options, mpi);
    report_outcome(plan, result, dir, args.quiet);
    return result.status == SessionStatus::interrupted ? exit_interrupted : exit_ok;
  } catch (...) {
    if (!mpi.active()) throw;
    // Under MPI one failing rank must end the job, or the others wait for it forever.
    fmt::print(stderr, "rank {}: ", mpi.rank());
    try {
      throw;
    } catch (const scenario::ScenarioError& e) {
      fmt::print(stderr, "{}\n", e.what());
      mpi.abort(exit_invalid_input);
    } catch (const OutputDirNotEmpty& e) {
      fmt::print(stderr, "error: {}\n", e.what());
      mpi.abort(exit_output_refused);
    } catch (const std::exception& e) {
      fmt::print(stderr, "error: {}\n", e.what());
      mpi.abort(exit_failure);
    }
  }
}

}  // namespace

void add_sweep_command(CLI::App& app) {
  auto args = std::make_shared<SweepArgs>();
  auto* cmd = app.add_subcommand(
      "sweep",
      "Run every run of a sweep file (design x replicates) in parallel into one table, "
      "resumably: after a kill, the same command runs only the missing runs.");
  cmd->add_option("file", args->file, "Sweep YAML file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--threads", args->threads, "Runs at once (0 = all cores)")
      ->check(thread_count());
  cmd->add_option("--out", args->out, "Sweep directory (default: runs/<sweep file stem>)");
  cmd->add_option("--shard", args->shard,
                  "Run only runs with run_id % N == I (job arrays); writes results-I-of-N.csv. "
                  "`auto` takes I and N from a Slurm, SGE or PBS job array (auto/N gives N)");
  cmd->add_option("--merge", args->merge,
                  "Merge finished shard directories into --out instead of running")
      ->expected(1, -1);
  cmd->add_flag("--nested", args->nested,
                "Let each run's own parallel loops use idle cores (default: one core per run)");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress bar and no summary on stdout");
  cmd->add_flag("--no-memory-check", args->no_memory_check,
                "Run even if the largest run times the runs at once is estimated not to fit "
                "in available memory");
  cmd->callback([args] {
    const int code = sweep_command(*args);
    if (code != exit_ok) std::exit(code);
  });
}

}  // namespace gs::cli
