// `groundswell calibrate FILE`: fit a model's free parameters to real figures
// (sim/experiments/calibration.hpp), every batch of runs a resumable sweep run
// by the sweep machinery: on this machine, as one shard of a job array, or
// over MPI (sweep_session.hpp).
//
// Sharding: with --shard I/N, each job runs its share of a batch, then waits
// (polling the shared directory once a second) until every shard's table of
// that batch is there, and computes the next batch itself; every job computes
// the same batches, so N jobs started together finish the calibration
// together. Under MPI, rank 0 coordinates each batch, and the workers wait at
// a barrier for its table before planning the next (the directory must be on
// a file system every rank sees).
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "models/registry.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/interrupt.hpp"
#include "sim/cli/sweep_session.hpp"
#include "sim/experiments/calibration.hpp"
#include "sim/experiments/calibration_spec.hpp"

namespace gs::cli {
namespace fs = std::filesystem;
namespace {

struct CalibrateArgs {
  std::string file;
  std::size_t threads = 0;
  std::string out;
  std::string shard;
  bool nested = false;
  bool quiet = false;
};

std::optional<experiments::SweepTable> run_batch(const experiments::SweepPlan& plan,
                                                 const fs::path& dir, const SessionOptions& base,
                                                 const MpiSession& mpi) {
  if (InterruptGuard::requested()) return std::nullopt;
  SessionOptions options = base;
  options.out = dir;
  // Shard 0 opens each batch's sweep directory first: shards that open one
  // empty directory at the same moment would each find the other's files.
  while (options.shard.index > 0 && !fs::exists(dir / "manifest.json")) {
    if (InterruptGuard::requested()) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const auto result = run_sweep_session(plan, builtin_models(), options, mpi);
  mpi.barrier();  // workers wait for rank 0's table (a no-op without MPI)
  if (result.status == SessionStatus::interrupted) return std::nullopt;
  for (bool told = false;; told = true) {
    auto table = experiments::read_batch_table(dir, options.shard);
    if (table || mpi.active()) return table;
    if (InterruptGuard::requested()) return std::nullopt;
    if (!told && !options.quiet)
      fmt::print(stderr, "shard {}/{}: waiting for the other shards to finish {}\n",
                 options.shard.index, options.shard.count, dir.string());
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

void print_result(const nlohmann::json& result, const fs::path& dir) {
  fmt::print("calibration {} ({}): {} runs + {} predictive; stopped: {}\n",
             result.at("name").get<std::string>(), result.at("method").get<std::string>(),
             result.at("runs").get<std::size_t>(), result.at("predictive_runs").get<std::size_t>(),
             result.at("stop_reason").get<std::string>());
  const auto num = [](const nlohmann::json& v) {
    return v.is_number() ? fmt::format("{:.4g}", v.get<double>()) : std::string("nan");
  };
  fmt::print("{:<36} {:>10} {:>10} {:>10} {:>22}\n", "parameter", "q05", "median", "q95",
             "prior 90%");
  for (const auto& p : result.at("parameters"))
    fmt::print("{:<36} {:>10} {:>10} {:>10} {:>22}\n", p.at("key").get<std::string>(),
               num(p.at("q05")), num(p.at("median")), num(p.at("q95")),
               "[" + num(p.at("prior_q05")) + ", " + num(p.at("prior_q95")) + "]");
  fmt::print("{:<36} {:>10} {:>24} {:>8}\n", "target", "figure", "predictive 90%", "covered");
  for (const auto& t : result.at("predictive"))
    fmt::print("{:<36} {:>10} {:>24} {:>8}\n", t.at("target").get<std::string>(),
               num(t.at("value")), "[" + num(t.at("q05")) + ", " + num(t.at("q95")) + "]",
               t.at("covered").get<bool>() ? "yes" : "NO");
  fmt::print("outputs in {}\n", dir.string());
}

int calibrate_command(const CalibrateArgs& args) {
  MpiSession mpi;
  try {
    InterruptGuard guard;
    const auto& registry = builtin_models();
    const auto spec = experiments::read_calibration_spec(args.file);
    const auto context = experiments::prepare_calibration(spec, registry);
    const fs::path dir =
        args.out.empty() ? fs::path("runs") / fs::path(args.file).stem() : fs::path(args.out);
    SessionOptions options;
    if (!args.shard.empty()) options.shard = experiments::Shard::parse(args.shard);
    options.threads = args.threads;
    options.nested = args.nested;
    options.quiet = args.quiet;
    const bool writes = !mpi.active() || mpi.rank() == 0;
    const auto runner = [&](const experiments::SweepPlan& plan, const fs::path& batch_dir) {
      return run_batch(plan, batch_dir, options, mpi);
    };
    // Rank 0 vets the directory and writes the manifest before any rank looks.
    if (writes) experiments::claim_calibration_directory(dir, context, true);
    mpi.barrier();
    const auto outcome = experiments::run_calibration(context, registry, dir, runner, writes);
    if (!writes) return exit_ok;
    if (!outcome.finished) {
      fmt::print(stderr,
                 "interrupted: {} calibration runs of finished batches are saved in {}; run the "
                 "same command again to resume from {}.\n",
                 outcome.runs, dir.string(), outcome.waiting_for);
      return exit_interrupted;
    }
    if (args.quiet) return exit_ok;
    if (::isatty(STDOUT_FILENO) == 1) {
      print_result(outcome.result, dir);
    } else {
      fmt::print("status=finished runs={} predictive_runs={} dir={}\n", outcome.runs,
                 outcome.predictive_runs, dir.string());
    }
    return exit_ok;
  } catch (...) {
    if (!mpi.active()) throw;
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

void add_calibrate_command(CLI::App& app) {
  auto args = std::make_shared<CalibrateArgs>();
  auto* cmd = app.add_subcommand(
      "calibrate",
      "Fit free parameters to real figures (ABC-SMC or history matching) with their "
      "uncertainty; every batch of runs is a resumable sweep (format: describe calibrate).");
  cmd->add_option("file", args->file, "Calibration YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--threads", args->threads, "Runs at once (0 = all cores)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--out", args->out, "Calibration directory (default: runs/<file stem>)");
  cmd->add_option("--shard", args->shard,
                  "Run only runs with run_id % N == I of each batch; the N jobs share --out");
  cmd->add_flag("--nested", args->nested,
                "Let each run's own parallel loops use idle cores (default: one core per run)");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress and no summary on stdout");
  cmd->callback([args] {
    const int code = calibrate_command(*args);
    if (code != exit_ok) std::exit(code);
  });
}

}  // namespace gs::cli
