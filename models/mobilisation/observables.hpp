// What the mobilisation model reports: one table of observables, each a name,
// a meaning, a unit and its value, so names and values cannot drift apart
// (ARCHITECTURE.md 14, after Mesa's model_reporters); the six NLGN Table 1
// traits, the index and the verdict; the survey measures the levels map onto;
// the value of outcomes; and the per-resident table (agents.csv).
//
// Contract: observables are computed from one pass over residents and groups
// (a Tally). A value that has no data is NaN ("undefined"), never 0 or 1:
// traits resting on fewer than verdict.min_support residents, shares of empty
// segments, the success rate without actions, first_win_tick before any win,
// inclusion with one segment. Definitions are in observables.cpp and
// docs/ODD.md ("Observation").
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "models/mobilisation/community.hpp"
#include "sim/engine/model.hpp"

namespace gs::mobilisation {

struct Tally;  // observables.cpp

struct ObservableDef {
  std::string name;
  std::string meaning;
  std::string unit;  // share | count | people | weeks | hours | pounds | index | level | code
  std::function<double(const Tally&)> value;
};

// The table for a community with these segments and issues. With glossary
// set, per-segment and per-issue rows appear once, named with <s> and <k>.
std::vector<ObservableDef> observable_table(std::uint32_t segments, std::uint32_t issues,
                                            bool glossary = false);

struct Traits {
  double dialogue = 0, priorities = 0, shared_agenda = 0, accountable_leadership = 0,
         assets_and_plan = 0, networked = 0;
  double planned_participation = 0, breadth = 1, index = 0;
  int verdict = 0;  // 0 atomised, 1 mobilising, 2 mobilised
};
const char* verdict_name(int code);

class Observer {
 public:
  explicit Observer(const Community& c);
  const std::vector<std::string>& names() const { return names_; }
  void observe(std::span<double> out) const;
  double value(const std::string& name) const;  // throws std::out_of_range
  // What values each observable can take, from its unit: share and index in
  // [0, 1]; counts, people, weeks, hours and pounds >= 0; the verdict a code.
  std::vector<ObservableInfo> info() const;
  Traits traits() const;
  nlohmann::json summary() const;

 private:
  const Community* c_;
  std::vector<ObservableDef> table_;
  std::vector<std::string> names_;
};

}  // namespace gs::mobilisation
