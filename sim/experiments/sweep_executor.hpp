// Running a sweep's pending runs on one machine: TBB across runs.
//
// Contract: execute_runs() runs every given run at most once, in parallel
// (one TBB task per run), records each completed run in the store as soon as it
// finishes, and returns when all are recorded, when `stop` becomes true, or
// when a run fails. Stopping abandons in-flight runs at their next tick (they
// are not recorded and run again on resume) and starts no new ones. A failing
// run stops the others the same way; its error is rethrown, naming the run.
//
// Inner parallelism: by default each run executes in its own single-slot
// tbb::task_arena, so the model's parallel loops run serially inside it and the
// cores are shared out across runs, which have no synchronisation between them
// (bench_sweep measures this against nested parallelism, `nested = true`, where
// the model's loops may spread over idle cores). Results are identical either
// way: a run is a pure function of (scenario, seed).
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <span>

#include "sim/engine/registry.hpp"
#include "sim/experiments/sweep_plan.hpp"
#include "sim/experiments/sweep_store.hpp"

namespace gs::experiments {

struct ExecuteOptions {
  std::size_t threads = 0;  // runs at once (0 = all cores)
  bool nested = false;      // let each run's own loops use idle cores
  const std::atomic<bool>* stop = nullptr;
  // Called (from worker threads, serialised) after each recorded run.
  std::function<void()> on_recorded;
};

struct ExecuteOutcome {
  std::size_t completed = 0;  // runs recorded by this call
  bool stopped = false;       // `stop` was raised before every run was recorded
};

ExecuteOutcome execute_runs(const SweepPlan& plan, const ModelRegistry& registry,
                            std::span<const Run> runs, SweepStore& store,
                            const ExecuteOptions& options);

// Runs one run as execute_runs does (arena, abandon on stop) and returns its
// result; throws RunAbandoned when should_stop() turns true mid-run (checked
// every tick). `threads` is the process's TBB limit (see the .cpp).
struct RunAbandoned {};
RunResult execute_one(const SweepPlan& plan, const ModelRegistry& registry, const Run& run,
                      bool nested, const std::function<bool()>& should_stop, std::size_t threads);

}  // namespace gs::experiments
