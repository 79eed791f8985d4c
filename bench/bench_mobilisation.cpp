// One tick of the mobilisation model at 1e5 and 1e6 residents, mean degree 10
// (Watts-Strogatz, k = 10). Set-up (network, residents) is outside the timed
// loop; items_per_second counts directed ties visited by the signals loop.
#include <benchmark/benchmark.h>

#include <memory>

#include "models/mobilisation/mobilisation.hpp"
#include "sim/engine/registry.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

void BM_MobilisationTick(benchmark::State& state) {
  static const gs::ModelRegistry registry = [] {
    gs::ModelRegistry r;
    r.add(gs::make_mobilisation_entry());
    return r;
  }();
  const std::string yaml = "model: mobilisation\nnetwork: {generator: watts_strogatz, n: " +
                           std::to_string(state.range(0)) +
                           ", k: 10, mean_degree: 10, beta: 0.1}\nfatalism: {mean: 0.3}\n";
  auto sc = gs::scenario::Document::parse(yaml, "bench.yaml").resolve({}, registry);
  auto model = registry.at("mobilisation").create(gs::ModelContext{sc, 1});
  std::uint32_t tick = 0;
  for (auto _ : state) model->step(++tick);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0) * 10);
}

BENCHMARK(BM_MobilisationTick)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
