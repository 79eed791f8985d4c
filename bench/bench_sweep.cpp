// Sweep throughput on the sweeps' base scenario (scenarios/sweeps/estate_10k.yaml:
// 10,000 residents, 104 weekly ticks): what `groundswell sweep` does per run,
// with fixed sizes. Target (issue 4): at least 2 runs per second per core, and
// per-run overhead (scenario resolve, model set-up incl. network build, the
// table row and series output) under 10% of the run.
//
// BM_SweepThroughput/<inner>/<threads>: 4 x threads runs per iteration, executed
// as the sweep executor does (TBB across runs; inner 0 = each run in a
// single-slot task_arena, the default; inner 1 = nested, the model's own loops
// may use idle cores). items_per_second = runs per second; counter
// runs_per_second_per_core divides by the threads.
// BM_SweepRunParts: one run, single-threaded, split into resolve (Document::
// resolve with a factor override), setup (model creation: network and
// residents, RunResult::setup_seconds), step (the ticks) and output
// (formatting the series and a row); counter overhead_fraction =
// (resolve + setup + output) / total.
// Only gs::engine and gs::models are linked, so the loop mirrors
// sim/experiments/sweep_executor.cpp rather than calling it.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "models/registry.hpp"
#include "sim/engine/output.hpp"
#include "sim/engine/runner.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

using Clock = std::chrono::steady_clock;

const gs::scenario::Document& base() {
  // The scenario sits next to this file's folder (CMake compiles with absolute paths).
  static const gs::scenario::Document doc =
      gs::scenario::Document::read(std::filesystem::path(__FILE__).parent_path().parent_path() /
                                   "scenarios/sweeps/estate_10k.yaml");
  return doc;
}

gs::RunResult one_run(std::uint64_t seed, std::size_t threads) {
  const auto spec = base().resolve(
      {{"fatalism.mean", fmt::format("{}", 0.3 + 0.001 * static_cast<double>(seed % 100))}},
      gs::builtin_models());
  gs::RunOptions options;
  options.seed = seed;
  options.threads = threads;
  return gs::run(spec, gs::builtin_models(), options);
}

void BM_SweepThroughput(benchmark::State& state) {
  const bool nested = state.range(0) == 1;
  const auto threads = static_cast<std::size_t>(state.range(1));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  const std::size_t runs = 4 * threads;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    tbb::parallel_for(
        std::size_t{0}, runs,
        [&](std::size_t i) {
          if (nested) {
            benchmark::DoNotOptimize(one_run(seed + i, threads));
          } else {
            tbb::task_arena arena(1);
            arena.execute([&] { benchmark::DoNotOptimize(one_run(seed + i, threads)); });
          }
        },
        tbb::simple_partitioner());
    seed += runs;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * runs));
  state.counters["runs_per_second_per_core"] = benchmark::Counter(
      static_cast<double>(state.iterations() * runs) / static_cast<double>(threads),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SweepThroughput)
    ->ArgNames({"nested", "threads"})
    ->Args({0, 1})
    ->Args({0, 2})
    ->Args({1, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(2);

void BM_SweepRunParts(benchmark::State& state) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
  double resolve = 0, setup = 0, step = 0, output = 0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    const auto spec = base().resolve({{"fatalism.mean", "0.35"}}, gs::builtin_models());
    const auto t1 = Clock::now();
    gs::RunOptions options;
    options.seed = seed++;
    options.threads = 1;
    const auto result = gs::run(spec, gs::builtin_models(), options);
    const auto t2 = Clock::now();
    std::string row;
    for (double v : result.final_values()) row += gs::format_number(v) + ",";
    benchmark::DoNotOptimize(gs::series_csv(result));
    benchmark::DoNotOptimize(row);
    const auto t3 = Clock::now();
    resolve += std::chrono::duration<double>(t1 - t0).count();
    setup += result.setup_seconds;
    step += result.step_seconds;
    output += std::chrono::duration<double>(t3 - t2).count();
  }
  const double total = resolve + setup + step + output;
  const double n = static_cast<double>(state.iterations());
  state.counters["resolve_ms"] = 1e3 * resolve / n;
  state.counters["setup_ms"] = 1e3 * setup / n;
  state.counters["step_ms"] = 1e3 * step / n;
  state.counters["output_ms"] = 1e3 * output / n;
  state.counters["overhead_fraction"] = (resolve + setup + output) / total;
}
BENCHMARK(BM_SweepRunParts)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
BENCHMARK_MAIN();
