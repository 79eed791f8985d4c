// One tick of the mobilisation model at 1e5 and 1e6 residents, mean degree 10
// (Watts-Strogatz, k = 10, so 1e7 directed ties at 1e6), next to the threshold
// model's dense step on the very same network: the target is a tick within 3x
// that step (bench/README.md). Set-up (network, residents) is outside the
// timed loop; ticks run on from one iteration to the next, so the time
// includes the tie-overlay merge every ties.merge_every ticks, amortised.
// items_per_second counts directed ties visited by the signals loop.
// Counters: state_bytes_per_resident (every per-resident array of Residents),
// overlay_bytes_per_resident (CSR offsets and the pending index) and
// bytes_per_directed_tie (neighbour id and trust weight), all measured.
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "models/mobilisation/mobilisation.hpp"
#include "models/mobilisation/model.hpp"
#include "models/mobilisation/phases.hpp"
#include "models/threshold/cascade.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/rng.hpp"
#include "sim/engine/registry.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

using namespace gs;

const ModelRegistry& registry() {
  static const ModelRegistry r = [] {
    ModelRegistry x;
    x.add(make_mobilisation_entry());
    return x;
  }();
  return r;
}

std::unique_ptr<Model> make_model(std::int64_t n) {
  const std::string yaml =
      "model: mobilisation\nnetwork: {generator: watts_strogatz, n: " + std::to_string(n) +
      ", k: 10, mean_degree: 10, beta: 0.1}\nfatalism: {mean: 0.3}\n";
  auto sc = scenario::Document::parse(yaml, "bench.yaml").resolve({}, registry());
  return registry().at("mobilisation").create(ModelContext{sc, 1});
}

void BM_MobilisationTick(benchmark::State& state) {
  auto model = make_model(state.range(0));
  const auto& m = dynamic_cast<const mobilisation::MobilisationModel&>(*model);
  std::uint32_t tick = 0;
  for (auto _ : state) model->step(++tick);
  const auto n = static_cast<double>(m.residents().size());
  const auto& ties = m.ties();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(ties.base().num_directed_ties()));
  state.counters["state_bytes_per_resident"] =
      static_cast<double>(m.residents().memory_bytes()) / n;
  const double tie_bytes =
      static_cast<double>(ties.base().num_directed_ties()) * (sizeof(AgentId) + sizeof(float));
  state.counters["overlay_bytes_per_resident"] =
      (static_cast<double>(ties.memory_bytes()) - tie_bytes) / n;
  state.counters["bytes_per_directed_tie"] =
      tie_bytes / static_cast<double>(ties.base().num_directed_ties());
  state.counters["ticks"] = tick;
}
// 24 ticks: three overlay merges (ties.merge_every = 8), past the first busy ticks.
BENCHMARK(BM_MobilisationTick)
    ->Arg(100000)
    ->Arg(1000000)
    ->Iterations(24)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The reference the tick is held to: one dense threshold step on the same network.
void BM_ThresholdStepSameNetwork(benchmark::State& state) {
  auto model = make_model(state.range(0));
  const Graph& g = dynamic_cast<const mobilisation::MobilisationModel&>(*model).ties().base();
  std::vector<AgentId> adopters;
  for (AgentId u = 0; u < g.num_agents(); u += 100) adopters.push_back(u);
  threshold::CascadeState s(g, std::vector<std::uint32_t>(g.num_agents(), threshold::never),
                            adopters);
  for (auto _ : state) benchmark::DoNotOptimize(threshold::dense_step(g, s));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(g.num_directed_ties()));
}
BENCHMARK(BM_ThresholdStepSameNetwork)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The floor under the decision: every resident opens its own Philox stream each
// tick and draws the churn and reconsideration uniforms, in parallel, as
// decide() does for the three residents in four who do not reconsider (the
// others also draw the noise and evaluate their thresholds).
void BM_DecisionDrawsFloor(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<std::uint8_t> out(n);
  std::uint32_t tick = 0;
  for (auto _ : state) {
    ++tick;
    parallel_for_index(n, [&](std::size_t i) {
      RandomStream rs(1, purpose::first_model_purpose + 3, tick, static_cast<std::uint32_t>(i));
      const double churn = rs.uniform();
      const double reconsider = rs.uniform();
      out[i] = static_cast<std::uint8_t>((churn < 0.01) + 2 * (reconsider < 0.25));
    });
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_DecisionDrawsFloor)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();

// What a place with segments adds to each tick: the division as each segment
// feels it (decision.cpp), a parallel count of residents and participants per
// segment, at 1e6 residents in 3 segments (engagement levels uniform on 0..4).
void BM_FeltDivision(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<std::uint16_t> segment(n);
  std::vector<std::uint8_t> engagement(n);
  RandomStream rs(1, 1, 0, 0);
  for (std::size_t i = 0; i < n; ++i) {
    segment[i] = static_cast<std::uint16_t>(rs.below(3));
    engagement[i] = static_cast<std::uint8_t>(rs.below(5));
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(mobilisation::felt_division(0.5, 3, segment, engagement));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_FeltDivision)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
