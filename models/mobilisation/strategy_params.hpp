// What every strategy has in common (MODEL.md "Strategies": staff, contacts
// per week, an annual cost and a mode), plus the element of the `strategies`
// list it was read from, whose type-specific keys its own strategy reads
// (strategies/*.cpp: each strategy type owns its parameters).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace gs::mobilisation {

struct StrategyParams {
  std::string type = "individuals";  // a registered strategy type (strategies/registry.cpp)
  std::string mode = "catalyse";     // catalyse | lead
  double staff = 1.0;
  double contacts_per_week = 10.0;  // per FTE
  double annual_cost = 40000.0;
  std::int64_t agenda_issue = 0;
  std::int64_t start_tick = 0;
  std::int64_t end_tick = 1000000;
  std::vector<std::int64_t> patches;
  double confidence_boost = 0.1;
  double trust_gain = 0.05;
  double training = 0.2;
  std::int64_t search_draws = 4;
  std::int64_t commit_weeks = 0;
  double head_start = 0.0;
  nlohmann::json element;  // the list element as resolved (every declared key present)
};

}  // namespace gs::mobilisation
