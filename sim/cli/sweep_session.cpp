// A sweep brought to completion: see sweep_session.hpp for the contract.
#include "sim/cli/sweep_session.hpp"

#include <fmt/format.h>

#include <chrono>

#include "sim/cli/interrupt.hpp"
#include "sim/cli/progress.hpp"
#include "sim/experiments/sweep_executor.hpp"

namespace gs::cli {

std::filesystem::path default_sweep_dir(const std::filesystem::path& sweep_file) {
  return std::filesystem::path("runs") / sweep_file.stem();
}

SessionResult run_sweep_session(const experiments::SweepPlan& plan, const ModelRegistry& registry,
                                const SessionOptions& options, const MpiSession& mpi) {
  InterruptGuard guard;
  const auto start = std::chrono::steady_clock::now();
  SessionResult result;
  if (mpi.active() && mpi.rank() != 0) {
    mpi_work(plan, registry, options.threads, options.nested, mpi, InterruptGuard::requested());
    result.status = SessionStatus::worker;
    return result;
  }

  experiments::SweepStore store(options.out, plan, options.shard);
  result.shard_runs = store.shard_runs();
  result.table = store.results_file();
  if (store.discarded() > 0 && !options.quiet)
    fmt::print(stderr, "note: dropped {} incomplete journal line{} left by an interrupted run\n",
               store.discarded(), store.discarded() == 1 ? "" : "s");
  if (store.header_repaired() && !options.quiet)
    fmt::print(stderr, "note: rebuilt the damaged header line of {} from the manifest\n",
               store.journal_file().string());
  const auto pending = store.pending();
  const bool had_table = store.results_written();

  if (!pending.empty() || mpi.active()) {
    Progress progress(fmt::format("sweep {}", plan.spec.name), "runs", !options.quiet,
                      store.completed());
    const std::size_t total = store.shard_runs();
    progress.update(store.completed(), total);
    const auto on_recorded = [&] { progress.update(store.completed(), total); };
    if (mpi.active()) {
      mpi_coordinate(plan, store, pending, mpi, InterruptGuard::requested(), on_recorded);
    } else {
      experiments::ExecuteOptions execute;
      execute.threads = options.threads;
      execute.nested = options.nested;
      execute.stop = &InterruptGuard::requested();
      execute.on_recorded = on_recorded;
      (void)experiments::execute_runs(plan, registry, pending, store, execute);
    }
    progress.finish();
  }
  result.completed = store.completed();
  result.ran_now = result.completed - (store.shard_runs() - pending.size());
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (result.completed < result.shard_runs) {
    result.status = SessionStatus::interrupted;
    return result;
  }
  if (pending.empty() && had_table) {
    result.status = SessionStatus::already_finished;
    return result;
  }
  store.write_results();
  result.status = SessionStatus::finished;
  return result;
}

}  // namespace gs::cli
