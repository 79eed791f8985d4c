// The model interface: the one thing the engine knows about any model.
//
// To add a model (as LAMMPS registers pair styles and Agents.jl opens
// model_abstract.jl with its contract):
//   1. In models/<name>/, derive from gs::Model and implement
//        observable_names()  column names, fixed for the model's lifetime;
//        observe(out)        the current value of each observable, same order;
//        step(tick)          advance one synchronous tick: read the state as it
//                            was at the start of the tick, write the next
//                            state, swap. Draw randomness only from
//                            RandomStream(seed, purpose, tick, agent) so the
//                            result is identical for any thread count. Return
//                            StepOutcome::fixed_point when nothing can change
//                            any more;
//      and optionally observable_info() (what values each observable can
//      take: a share in [0, 1], a count, a category code; summaries use it
//      to keep intervals inside the range and to report categories as shares),
//      tables() (per-entity output such as one row per group),
//      summary() (extra final results such as a verdict) and
//      agent_snapshot() (one small integer per agent for pictures).
//   2. Write `ModelEntry make_<name>_entry()` declaring its parameters (a
//      section of the scenario schema, documented) and a factory.
//   3. Add it to register_all_models() in models/registry.cpp. One explicit
//      list: static self-registration is dropped by linkers.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "sim/core/graph.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs {

enum class StepOutcome { changed, fixed_point };

// What values an observable can take. Summaries (compare, sweeps) keep their
// intervals inside these ranges and never average a category code.
enum class ObservableKind {
  real,        // any real number (the default)
  share,       // in [0, 1]
  count,       // >= 0 (counts, money, hours)
  categorical  // a code 0, 1, ... naming one of `categories`
};

struct ObservableInfo {
  ObservableKind kind = ObservableKind::real;
  std::vector<std::string> categories;  // categorical: the name of code 0, 1, ...
};

const char* observable_kind_name(ObservableKind kind);

// A per-entity table written as CSV next to the time series (e.g. groups.csv).
struct Table {
  std::string name;  // file stem
  std::vector<std::string> columns;
  std::vector<std::vector<nlohmann::json>> rows;  // cells: numbers, strings, bools or null
};

struct ModelContext {
  std::shared_ptr<const scenario::Scenario> scenario;
  std::uint64_t seed = 0;  // the run's seed (the scenario's, or one derived for a replicate)
};

class Model {
 public:
  virtual ~Model() = default;

  virtual const std::vector<std::string>& observable_names() const = 0;
  virtual void observe(std::span<double> out) const = 0;
  virtual StepOutcome step(std::uint32_t tick) = 0;

  // One entry per observable_names() entry, same order; empty (the default):
  // every observable is an unbounded real. NaN always means "undefined here".
  virtual std::vector<ObservableInfo> observable_info() const { return {}; }
  virtual std::vector<Table> tables() const { return {}; }
  virtual nlohmann::json summary() const { return nlohmann::json::object(); }
  // One small state code per agent (e.g. active 0/1, engagement 0..4); empty if none.
  virtual std::vector<std::uint8_t> agent_snapshot() const { return {}; }
  // The agents' ties as they stand (for pictures: network.csv); nullptr if none.
  virtual const Graph* network_graph() const { return nullptr; }
};

// One line of a model's glossary of outputs (`groundswell describe MODEL`).
struct OutputInfo {
  std::string name;
  std::string meaning;
  std::string unit;
};

struct ModelEntry {
  std::string name;     // the scenario's `model:` value
  std::string summary;  // one line for `groundswell describe`
  // Declares the model's own scenario sections at the root of the schema.
  std::function<void(scenario::Section root)> declare;
  std::function<std::unique_ptr<Model>(const ModelContext&)> create;
  std::vector<OutputInfo> outputs = {};  // glossary of observables (may be empty)
};

}  // namespace gs
