// Scaling curves (issue 10, target 6): the wall time of one tick against the
// number of residents (1e3 to 1e7, mean degree 10) and against the mean degree
// (2 to 80, 1e5 residents), one curve per series. bench/plot_scaling.py draws
// them on log-log axes into bench/scaling.png; numbers: bench/README.md.
//
// A series is a name and a factory that builds, outside the timed loop, the
// state for (residents, mean degree) and returns the tick to time. Series:
//   threshold  the threshold model's dense full step (threshold::dense_step)
//              on G(n, m), 1% active and bars out of reach, so every tick
//              pulls every tie of the 99% inactive: its worst-case tick.
//   mobilisation  a tick of the mobilisation model (its defaults, fatalism 0.3
//              as in bench_mobilisation) on Watts-Strogatz (k = mean degree,
//              beta 0.1): the mean of weeks 1-24 from a fresh state in each
//              repetition (its state evolves, so every size is timed over
//              the same weeks).
// Any registered model is one more line in series(), through model_tick(),
// which builds it from a scenario with $N (residents) and $K (mean degree)
// filled in and times model.step().
// Counters: residents, mean_degree, directed_ties (of the network ticked).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "models/registry.hpp"
#include "models/threshold/cascade.hpp"
#include "sim/engine/model.hpp"
#include "sim/network/network.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

using namespace gs;

using Tick = std::function<void()>;
// Builds the state for (residents, mean degree); returns its tick and its directed tie count.
using TickFactory = std::function<std::pair<Tick, TieIndex>(AgentId, int)>;

struct Series {
  std::string name;
  TickFactory make_tick;
  // 0: as many ticks as Google Benchmark likes, on one state kept across
  // repetitions (a state that does not evolve); otherwise exactly this many from
  // a fresh state in every repetition (a model whose state evolves: every size
  // and repetition is timed over the same weeks).
  int ticks = 0;
};

std::pair<Tick, TieIndex> threshold_full_step(AgentId n, int mean_degree) {
  auto net = std::make_shared<Network>(
      erdos_renyi_gnm(n, static_cast<std::uint64_t>(mean_degree) * n / 2, 2026));
  const Graph& g = net->graph;
  std::vector<std::uint32_t> needed(n, threshold::never);
  std::vector<AgentId> adopters;
  for (AgentId u = 0; u < n; u += 100) adopters.push_back(u);
  auto state = std::make_shared<threshold::CascadeState>(g, std::move(needed), adopters);
  return {[net, state] { benchmark::DoNotOptimize(threshold::dense_step(net->graph, *state)); },
          g.num_directed_ties()};
}

std::string filled(std::string text, const std::string& key, const std::string& value) {
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
    text.replace(at, key.size(), value);
  return text;
}

// A tick of any built-in model, from a scenario template with $N and $K.
TickFactory model_tick(const std::string& scenario_template) {
  return [scenario_template](AgentId n, int mean_degree) -> std::pair<Tick, TieIndex> {
    const std::string yaml = filled(filled(scenario_template, "$N", std::to_string(n)), "$K",
                                    std::to_string(mean_degree));
    const auto sc =
        scenario::Document::parse(yaml, "bench_scaling.yaml").resolve({}, builtin_models());
    std::shared_ptr<Model> model = builtin_models().at(sc->model()).create(ModelContext{sc, 1});
    const Graph* g = model->network_graph();
    auto tick = std::make_shared<std::uint32_t>(1);
    return {[model, tick] { model->step((*tick)++); }, g ? g->num_directed_ties() : 0};
  };
}

const std::vector<Series>& series() {
  static const std::vector<Series> all{
      {"threshold", threshold_full_step},
      {"mobilisation",
       model_tick("model: mobilisation\nnetwork: {generator: watts_strogatz, "
                  "n: $N, k: $K, beta: 0.1}\nfatalism: {mean: 0.3}\n"),
       24},
  };
  return all;
}

// One cached state: repetitions of a case run back to back, and a 1e7-resident
// network should not be built once per repetition nor kept after its case.
struct Cached {
  std::string key;
  Tick tick;
  TieIndex ties = 0;
};

void run_tick(benchmark::State& state, const Series& s, AgentId n, int mean_degree) {
  static Cached cache;
  const std::string key = s.name + "/" + std::to_string(n) + "/" + std::to_string(mean_degree);
  if (cache.key != key || s.ticks > 0) {
    cache = {};
    auto [tick, ties] = s.make_tick(n, mean_degree);
    cache = {key, std::move(tick), ties};
  }
  for (auto _ : state) cache.tick();
  state.counters["residents"] = n;
  state.counters["mean_degree"] = mean_degree;
  state.counters["directed_ties"] = static_cast<double>(cache.ties);
}

void register_all() {
  for (const Series& s : series()) {
    const auto timed = [&s](benchmark::internal::Benchmark* b) {
      b->Unit(benchmark::kMillisecond)->UseRealTime();
      if (s.ticks > 0) b->Iterations(s.ticks);
    };
    for (AgentId n : {1'000u, 10'000u, 100'000u, 1'000'000u, 10'000'000u}) {
      timed(benchmark::RegisterBenchmark(
          ("BM_TickVsResidents/" + s.name + "/residents:" + std::to_string(n)).c_str(),
          [&s, n](benchmark::State& st) { run_tick(st, s, n, 10); }));
    }
    for (int k : {2, 4, 10, 20, 40, 80}) {
      timed(benchmark::RegisterBenchmark(
          ("BM_TickVsDegree/" + s.name + "/mean_degree:" + std::to_string(k)).c_str(),
          [&s, k](benchmark::State& st) { run_tick(st, s, 100'000, k); }));
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
