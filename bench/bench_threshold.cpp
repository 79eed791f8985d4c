// The threshold model's hot loop and a full cascade, at fixed sizes.
//
// BM_FullStep: one dense (pull) step over every tie, the kernel any model's
// neighbourhood signal resembles; items = directed ties visited, so
// items_per_second is tie visits per second. BM_Cascade: a Watts cascade from
// one seed to its fixed point, direction-optimising (dense/sparse) as in a run.
// Network set-up is outside the timed loop. Numbers: bench/README.md.
#include <benchmark/benchmark.h>

#include <vector>

#include "models/threshold/cascade.hpp"
#include "sim/network/network.hpp"

namespace {

using namespace gs;

const Network& network_of(AgentId n, double mean_degree) {
  static std::vector<std::pair<std::pair<AgentId, double>, Network>> cache;
  for (auto& [key, net] : cache) {
    if (key.first == n && key.second == mean_degree) return net;
  }
  const auto m = static_cast<std::uint64_t>(mean_degree * n / 2);
  cache.push_back({{n, mean_degree}, erdos_renyi_gnm(n, m, 2026)});
  return cache.back().second;
}

std::vector<std::uint32_t> needed_all(const Graph& g, double theta) {
  std::vector<std::uint32_t> needed(g.num_agents());
  for (AgentId u = 0; u < g.num_agents(); ++u)
    needed[u] = threshold::needed_count(theta, g.degree(u), true);
  return needed;
}

void BM_FullStep(benchmark::State& state) {
  const auto n = static_cast<AgentId>(state.range(0));
  const Graph& g = network_of(n, static_cast<double>(state.range(1))).graph;
  // 1% active, thresholds out of reach: every step visits every inactive agent's ties
  // and changes nothing, so each iteration does the same work.
  std::vector<AgentId> adopters;
  for (AgentId u = 0; u < n; u += 100) adopters.push_back(u);
  threshold::CascadeState s(g, needed_all(g, 2.0), adopters);
  for (auto _ : state) benchmark::DoNotOptimize(threshold::dense_step(g, s));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(g.num_directed_ties()));
  state.counters["bytes_per_directed_tie"] =
      static_cast<double>(g.memory_bytes() - (n + 1) * sizeof(TieIndex)) /
      static_cast<double>(g.num_directed_ties());
  state.counters["model_bytes_per_agent"] =
      static_cast<double>(s.active.capacity() + 4 * s.needed.capacity() + 4 * s.count.capacity() +
                          sizeof(TieIndex) * (n + 1)) /
      n;
}
BENCHMARK(BM_FullStep)
    ->Args({10'000, 20})
    ->Args({100'000, 20})
    ->Args({1'000'000, 20})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Cascade(benchmark::State& state) {
  const auto n = static_cast<AgentId>(state.range(0));
  const Graph& g = network_of(n, 4.0).graph;
  const auto needed = needed_all(g, 0.18);
  std::uint64_t activated = 0;
  for (auto _ : state) {
    threshold::CascadeState s(g, needed, std::vector<AgentId>{0});
    activated = 1;
    for (;;) {
      const auto fresh = threshold::cascade_step(g, s);
      if (fresh.empty()) break;
      activated += fresh.size();
    }
  }
  state.counters["final_active_share"] = static_cast<double>(activated) / n;
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(g.num_directed_ties()));
}
BENCHMARK(BM_Cascade)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
