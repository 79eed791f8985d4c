// The tick loop: one scenario, one seed, one run.
//
// Contract: run() creates the scenario's model, observes it at tick 0, then
// steps ticks 1..run.max_ticks, recording every observable every
// output.series_every ticks and at the last tick. It stops early at a fixed
// point when run.stop_at_fixed_point is set, and throws RunCancelled when
// RunOptions::stop is raised (checked before set-up and after every tick, so
// any model stops within one tick: Ctrl-C in Python, a stopping sweep). The
// result is a pure function of (scenario, seed): thread count and timing never
// change a recorded number.
// Timings are kept apart from results.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/engine/registry.hpp"

namespace gs {

struct RunOptions {
  std::optional<std::uint64_t> seed;  // overrides the scenario's seed (replicates, --seed)
  std::size_t threads = 0;            // 0 = all cores
  // Called after every tick with (tick, max_ticks); for progress bars.
  std::function<void(std::uint32_t, std::uint32_t)> on_tick;
  // Polled before set-up and after every tick: when it holds true, run()
  // throws RunCancelled (Ctrl-C in Python, a stopping sweep). Model-agnostic.
  const std::atomic<bool>* stop = nullptr;
};

// A neighbourhood of the network small enough to draw: agents reached by
// breadth-first search from agent 0 (then from the lowest unreached agent, for
// another component) until `network_sample_max`, and every tie among them.
inline constexpr std::size_t network_sample_max = 1500;
struct NetworkSample {
  AgentId agents_total = 0;
  std::vector<AgentId> agents;  // sampled agent ids, in the order reached
  std::vector<Tie> ties;        // among sampled agents, each once with u < v (agent ids)
};
NetworkSample sample_network(const Graph& graph, std::size_t max_agents = network_sample_max);

struct RunResult {
  std::shared_ptr<const scenario::Scenario> scenario;
  std::string model;
  std::uint64_t seed = 0;
  std::vector<std::string> observables;
  std::vector<ObservableInfo> observable_info;       // one per observable (Model::observable_info)
  std::vector<std::uint32_t> ticks;                  // recorded ticks
  std::vector<std::vector<double>> series;           // one row per recorded tick
  std::vector<std::vector<std::uint8_t>> snapshots;  // per recorded tick, if output.snapshots
  NetworkSample network;  // ties at tick 0, if output.snapshots and the model has a network
  // The model's network at tick 0, when it has one (summary.json's "network"):
  // residents without ties are agents with none, the most atomised of all.
  struct NetworkCounts {
    std::uint64_t agents = 0;
    std::uint64_t ties = 0;
    std::uint64_t residents_without_ties = 0;
  };
  std::optional<NetworkCounts> network_counts;
  std::uint32_t ticks_run = 0;
  std::string stop_reason;  // "fixed_point" or "max_ticks"
  std::vector<Table> tables;
  nlohmann::json model_summary;
  double setup_seconds = 0.0;
  double step_seconds = 0.0;

  const std::vector<double>& final_values() const { return series.back(); }
  double final_value(const std::string& observable) const;  // throws std::out_of_range
};

// Thrown out of run() when RunOptions::stop turns true (checked every tick).
struct RunCancelled : std::runtime_error {
  RunCancelled() : std::runtime_error("run cancelled") {}
};

RunResult run(const std::shared_ptr<const scenario::Scenario>& scenario,
              const ModelRegistry& registry, const RunOptions& options = {});

}  // namespace gs
