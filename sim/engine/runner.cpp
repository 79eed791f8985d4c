#include "sim/engine/runner.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "sim/core/parallel.hpp"

namespace gs {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool stop_requested(const RunOptions& options) {
  return options.stop != nullptr && options.stop->load(std::memory_order_relaxed);
}

}  // namespace

const char* observable_kind_name(ObservableKind kind) {
  switch (kind) {
    case ObservableKind::real:
      return "real";
    case ObservableKind::share:
      return "share";
    case ObservableKind::count:
      return "count";
    case ObservableKind::categorical:
      return "categorical";
  }
  return "real";
}

NetworkSample sample_network(const Graph& graph, std::size_t max_agents) {
  NetworkSample sample;
  sample.agents_total = graph.num_agents();
  const std::size_t n = graph.num_agents();
  std::vector<std::uint8_t> reached(n, 0);
  AgentId next_root = 0;
  for (std::size_t head = 0; sample.agents.size() < std::min(max_agents, n);) {
    if (head == sample.agents.size()) {  // component exhausted: start from the next unreached
      while (reached[next_root] != 0) ++next_root;
      reached[next_root] = 1;
      sample.agents.push_back(next_root);
    }
    for (AgentId v : graph.neighbours(sample.agents[head])) {
      if (reached[v] != 0 || sample.agents.size() >= max_agents) continue;
      reached[v] = 1;
      sample.agents.push_back(v);
    }
    ++head;
  }
  for (AgentId u : sample.agents) {
    for (AgentId v : graph.neighbours(u))
      if (u < v && reached[v] != 0) sample.ties.push_back({u, v});
  }
  return sample;
}

double RunResult::final_value(const std::string& observable) const {
  const auto it = std::find(observables.begin(), observables.end(), observable);
  if (it == observables.end()) throw std::out_of_range("no observable named '" + observable + "'");
  return final_values()[static_cast<std::size_t>(it - observables.begin())];
}

RunResult run(const std::shared_ptr<const scenario::Scenario>& scenario,
              const ModelRegistry& registry, const RunOptions& options) {
  ThreadLimit limit(options.threads);
  const auto& values = scenario->values();
  const auto max_ticks = values.at("run").at("max_ticks").get<std::uint32_t>();
  const bool stop_at_fixed_point = values.at("run").at("stop_at_fixed_point").get<bool>();
  const auto every = values.at("output").at("series_every").get<std::uint32_t>();
  const bool snapshots = values.at("output").at("snapshots").get<bool>();

  RunResult result;
  result.scenario = scenario;
  result.model = scenario->model();
  result.seed = options.seed.value_or(scenario->seed());

  if (stop_requested(options)) throw RunCancelled();
  const auto setup_start = std::chrono::steady_clock::now();
  std::unique_ptr<Model> model = registry.at(result.model).create({scenario, result.seed});
  result.setup_seconds = seconds_since(setup_start);
  result.observables = model->observable_names();
  result.observable_info = model->observable_info();
  if (result.observable_info.size() != result.observables.size()) {
    if (!result.observable_info.empty())
      throw std::logic_error(
          "model " + result.model + " declares " + std::to_string(result.observable_info.size()) +
          " observable kinds for " + std::to_string(result.observables.size()) + " observables");
    result.observable_info.assign(result.observables.size(), ObservableInfo{});
  }

  auto record = [&](std::uint32_t tick) {
    std::vector<double> row(result.observables.size());
    model->observe(row);
    result.ticks.push_back(tick);
    result.series.push_back(std::move(row));
    if (snapshots) result.snapshots.push_back(model->agent_snapshot());
  };

  const auto step_start = std::chrono::steady_clock::now();
  if (const Graph* graph = model->network_graph(); graph != nullptr) {
    RunResult::NetworkCounts counts;
    counts.agents = graph->num_agents();
    counts.ties = graph->num_ties();
    for (AgentId u = 0; u < graph->num_agents(); ++u)
      counts.residents_without_ties += graph->degree(u) == 0 ? 1 : 0;
    result.network_counts = counts;
    if (snapshots) result.network = sample_network(*graph);
  }
  record(0);
  result.stop_reason = "max_ticks";
  for (std::uint32_t tick = 1; tick <= max_ticks; ++tick) {
    const StepOutcome outcome = model->step(tick);
    result.ticks_run = tick;
    const bool stopping =
        tick == max_ticks || (stop_at_fixed_point && outcome == StepOutcome::fixed_point);
    if (stopping || tick % every == 0) record(tick);
    if (options.on_tick) options.on_tick(tick, max_ticks);
    if (stop_requested(options)) throw RunCancelled();
    if (stop_at_fixed_point && outcome == StepOutcome::fixed_point) {
      result.stop_reason = "fixed_point";
      break;
    }
  }
  result.step_seconds = seconds_since(step_start);
  if (values.at("output").at("tables").get<bool>()) result.tables = model->tables();
  result.model_summary = model->summary();
  return result;
}

}  // namespace gs
