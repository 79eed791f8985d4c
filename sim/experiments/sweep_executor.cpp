// Running a sweep's runs with TBB: see sweep_executor.hpp for the contract.
#include "sim/experiments/sweep_executor.hpp"

#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <exception>
#include <mutex>
#include <stdexcept>

#include "sim/core/parallel.hpp"
#include "sim/engine/csv.hpp"
#include "sim/engine/output.hpp"

namespace gs::experiments {

RunResult execute_one(const SweepPlan& plan, const ModelRegistry& registry, const Run& run,
                      bool nested, const std::function<bool()>& should_stop, std::size_t threads) {
  auto on_tick = [&should_stop](std::uint32_t, std::uint32_t) {
    if (should_stop && should_stop()) throw RunAbandoned{};
  };
  // run() holds a tbb::global_control for its `threads`, which is process-wide:
  // it is given the sweep's own limit so that it never lowers it.
  if (nested) return plan.execute(run, registry, on_tick, threads);
  tbb::task_arena arena(1);
  return arena.execute([&] { return plan.execute(run, registry, on_tick, threads); });
}

ExecuteOutcome execute_runs(const SweepPlan& plan, const ModelRegistry& registry,
                            std::span<const Run> runs, SweepStore& store,
                            const ExecuteOptions& options) {
  const std::size_t threads =
      options.threads == 0 ? static_cast<std::size_t>(tbb::this_task_arena::max_concurrency())
                           : options.threads;
  ThreadLimit limit(threads);
  std::atomic<bool> failed{false};
  std::atomic<std::size_t> completed{0};
  std::exception_ptr error;
  std::atomic<bool> abandon{false};
  std::mutex mutex;
  // Stop when the caller says so or another run failed.
  const std::function<bool()> stopping = [&] {
    return failed.load(std::memory_order_relaxed) ||
           (options.stop != nullptr && options.stop->load(std::memory_order_relaxed));
  };
  tbb::parallel_for(
      std::size_t{0}, runs.size(),
      [&](std::size_t i) {
        if (stopping()) {
          abandon = true;
          return;
        }
        const Run& run = runs[i];
        try {
          const RunResult result =
              execute_one(plan, registry, run, options.nested, stopping, threads);
          store.record(run.run_id, join_csv_line(plan.row(run, result)),
                       plan.spec.series ? series_csv(result) : std::string());
          ++completed;
          if (options.on_recorded) {
            std::lock_guard lock(mutex);
            options.on_recorded();
          }
        } catch (const RunAbandoned&) {
          abandon = true;
        } catch (const std::exception& e) {
          std::lock_guard lock(mutex);
          if (!failed.exchange(true))
            error = std::make_exception_ptr(std::runtime_error(
                fmt::format("run {} (point {}, replicate {}, seed {}) failed: {}", run.run_id,
                            run.point_index, run.replicate, run.seed, e.what())));
        }
      },
      tbb::simple_partitioner());
  if (error) std::rethrow_exception(error);
  return ExecuteOutcome{completed.load(), abandon.load() || completed.load() < runs.size()};
}

}  // namespace gs::experiments
