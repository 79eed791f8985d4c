// The threshold model's hot loop and a full cascade, at fixed sizes.
//
// BM_FullStep: one dense (pull) step over every tie, the kernel any model's
// neighbourhood signal resembles; items = directed ties visited, so
// items_per_second is tie visits per second. BM_FullStepByteActivity: the
// same pull over one activity byte per agent (last round's kernel), the
// side-by-side baseline for the bit array. BM_Cascade: a Watts cascade from
// one seed to its fixed point, direction-optimising (dense/sparse) as in a run.
// BM_IssueCascade_*: the cascade of issue 10 (G(2e6 agents, 1e7 ties), phi
// 0.12, 1,000 seeds) run to its fixed point by Groundswell (direction-
// optimising, and forced sparse or dense to show what the switch buys), by
// the OpenMP full-sweep kernel in bench/peers/openmp_full_sweep.cpp and by the
// scipy.sparse program bench/peers/threshold_scipy.py (a subprocess that
// reports its own run phase). All time the run phase only (manual time) and
// report final_active and ticks, which must agree.
// Network set-up is outside the timed loop. Numbers: bench/README.md.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/peers/openmp_full_sweep.hpp"
#include "models/threshold/cascade.hpp"
#include "sim/core/parallel.hpp"
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
      static_cast<double>(s.active.capacity() + 4 * s.needed.capacity() +
                          4 * s.shortfall.capacity() + sizeof(TieIndex) * (n + 1)) /
      n;
}
BENCHMARK(BM_FullStep)
    ->Args({10'000, 20})
    ->Args({100'000, 20})
    ->Args({1'000'000, 20})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The pull of the previous round (one activity byte per agent, four sums),
// kept here only as the side-by-side baseline for BM_FullStep's bit array.
void BM_FullStepByteActivity(benchmark::State& state) {
  const auto n = static_cast<AgentId>(state.range(0));
  const Graph& g = network_of(n, static_cast<double>(state.range(1))).graph;
  std::vector<std::uint8_t> active(n, 0);
  for (AgentId u = 0; u < n; u += 100) active[u] = 1;
  const auto offsets = g.offsets();
  const AgentId* nbrs = g.neighbour_array().data();
  std::vector<std::uint32_t> count(n, 0);
  for (auto _ : state) {
    parallel_for_chunks(n, 4096, [&](std::size_t begin, std::size_t end) {
      for (std::size_t u = begin; u < end; ++u) {
        if (active[u]) continue;
        std::uint32_t c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        const AgentId* first = nbrs + offsets[u];
        const AgentId* last = nbrs + offsets[u + 1];
        for (; last - first >= 4; first += 4) {
          c0 += active[first[0]];
          c1 += active[first[1]];
          c2 += active[first[2]];
          c3 += active[first[3]];
        }
        for (; first != last; ++first) c0 += active[*first];
        count[u] = c0 + c1 + c2 + c3;
      }
    });
    benchmark::DoNotOptimize(count.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(g.num_directed_ties()));
}
BENCHMARK(BM_FullStepByteActivity)
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

struct IssueCascade {
  Network network;
  std::vector<std::uint32_t> needed;
  std::vector<AgentId> seeds;
};

const IssueCascade& issue_cascade() {
  static const IssueCascade c = [] {
    IssueCascade x{erdos_renyi_gnm(2'000'000, 10'000'000, 2026), {}, {}};
    x.needed = needed_all(x.network.graph, 0.12);
    for (AgentId u = 0; u < 2'000'000; u += 2'000) x.seeds.push_back(u);  // 1,000 seeds
    return x;
  }();
  return c;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void report(benchmark::State& state, std::uint64_t final_active, std::uint64_t ticks) {
  state.counters["final_active"] = static_cast<double>(final_active);
  state.counters["ticks"] = static_cast<double>(ticks);
}

// alpha as in threshold::cascade_step: 0 always pushes, a huge value always pulls.
void issue_cascade_groundswell(benchmark::State& state, double alpha) {
  const IssueCascade& c = issue_cascade();
  const Graph& g = c.network.graph;
  std::uint64_t final_active = 0, ticks = 0;
  for (auto _ : state) {
    threshold::CascadeState s(g, c.needed, c.seeds);
    final_active = c.seeds.size();
    ticks = 0;
    const auto start = std::chrono::steady_clock::now();
    for (;;) {
      const auto fresh = threshold::cascade_step(g, s, alpha);
      if (fresh.empty()) break;
      final_active += fresh.size();
      ++ticks;
    }
    state.SetIterationTime(seconds_since(start));
  }
  report(state, final_active, ticks);
}

void BM_IssueCascade_Groundswell(benchmark::State& state) {
  issue_cascade_groundswell(state, 15.0);
}
// The switch's alpha, swept: the evidence behind cascade_step's default.
void BM_IssueCascade_GroundswellAlpha(benchmark::State& state) {
  issue_cascade_groundswell(state, static_cast<double>(state.range(0)));
}
void BM_IssueCascade_GroundswellSparseOnly(benchmark::State& state) {
  issue_cascade_groundswell(state, 0.0);
}
void BM_IssueCascade_GroundswellDenseOnly(benchmark::State& state) {
  issue_cascade_groundswell(state, 1e30);
}

void BM_IssueCascade_OpenMPFullSweep(benchmark::State& state) {
  const IssueCascade& c = issue_cascade();
  const auto offsets = c.network.graph.offsets();
  const auto nbrs = c.network.graph.neighbour_array();
  const std::vector<std::uint64_t> off(offsets.begin(), offsets.end());
  const std::vector<std::uint32_t> nb(nbrs.begin(), nbrs.end());
  std::uint64_t final_active = 0;
  std::uint32_t ticks = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    final_active = peers::openmp_full_sweep_cascade(off, nb, c.needed, c.seeds, &ticks);
    state.SetIterationTime(seconds_since(start));
  }
  report(state, final_active, ticks);
}

template <class T>
void write_raw(const std::filesystem::path& path, std::span<const T> values) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(values.data()),
            static_cast<std::streamsize>(values.size_bytes()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Pulls a number out of the one-line JSON the scipy program prints.
double json_number(const std::string& line, const std::string& key) {
  const auto at = line.find("\"" + key + "\":");
  if (at == std::string::npos) throw std::runtime_error("scipy peer printed: " + line);
  return std::stod(line.substr(at + key.size() + 3));
}

void BM_IssueCascade_ScipySparse(benchmark::State& state) {
  const IssueCascade& c = issue_cascade();
  const auto dir = std::filesystem::temp_directory_path() / "gs_bench_threshold_scipy";
  std::filesystem::create_directories(dir);
  write_raw(dir / "offsets.u64", c.network.graph.offsets());
  write_raw(dir / "neighbours.u32", c.network.graph.neighbour_array());
  write_raw(dir / "needed.u32", std::span<const std::uint32_t>(c.needed));
  write_raw(dir / "seeds.u32", std::span<const AgentId>(c.seeds));
  const std::string command =
      "/usr/bin/python3 " GS_PEERS_DIR "/threshold_scipy.py " + dir.string();
  double final_active = 0, ticks = 0;
  for (auto _ : state) {
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
    std::string line;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) line += buffer;
    if (pclose(pipe) != 0) {
      state.SkipWithError(("scipy peer failed: " + command).c_str());
      break;
    }
    state.SetIterationTime(json_number(line, "run_seconds"));
    final_active = json_number(line, "final_active");
    ticks = json_number(line, "ticks");
  }
  std::filesystem::remove_all(dir);
  report(state, static_cast<std::uint64_t>(final_active), static_cast<std::uint64_t>(ticks));
}

BENCHMARK(BM_IssueCascade_Groundswell)->Unit(benchmark::kMillisecond)->UseManualTime();
BENCHMARK(BM_IssueCascade_GroundswellAlpha)
    ->Arg(4)
    ->Arg(8)
    ->Arg(15)
    ->Arg(30)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();
BENCHMARK(BM_IssueCascade_GroundswellSparseOnly)->Unit(benchmark::kMillisecond)->UseManualTime();
BENCHMARK(BM_IssueCascade_GroundswellDenseOnly)->Unit(benchmark::kMillisecond)->UseManualTime();
BENCHMARK(BM_IssueCascade_OpenMPFullSweep)->Unit(benchmark::kMillisecond)->UseManualTime();
BENCHMARK(BM_IssueCascade_ScipySparse)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
