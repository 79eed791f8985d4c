// A strategy is a registered type (ARCHITECTURE.md 13, after LAMMPS's pair
// styles): one file per type under strategies/, each owning its parameters
// (a Settings struct visited once for the schema and once for reading), its
// set-up, its weekly contacts and its end-of-week work. The registry
// (registry.cpp) lists the types; an unknown type is a validation error.
//
// To add a strategy: write strategies/<name>.cpp defining a Strategy subclass
// and `StrategyType <name>_strategy()`, and add that function to the list in
// registry.cpp. Nothing else changes.
//
// Common contract (MODEL.md "Strategies"; NLGN typology): an active strategy
// spends annual_cost per year and makes staff x contacts_per_week contacts a
// week, drawn from RandomStream(seed, strategy purpose, tick, strategy index).
// A contacted resident accepts with probability equal to their institutional
// trust ("low institutional trust blunts mobiliser contact"); a strategy that
// is not an institution's offer may weigh trust less (places: hubs are
// resident-run everyday places, open to all). In `lead` mode
// the mobiliser raises agenda_issue instead of the resident's own: a resident
// for whom it is not their issue accepts only with probability x
// lead_salience_factor, loses lead_trust_penalty of trust and, if persuaded,
// takes the agenda up with little salience ("catalyse, don't lead"; "it is
// impossible to force a community to mobilise around an issue artificially").
// Acceptance sets contact intensity to 1 (it enters the propensity as trust x
// contact and decays weekly), raises confidence by confidence_boost and marks
// the resident as reached by this strategy (programme reach).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/mobilisation/community.hpp"
#include "models/mobilisation/param_visitors.hpp"
#include "models/mobilisation/strategy_params.hpp"

namespace gs::mobilisation {

class Strategy {
 public:
  Strategy(StrategyParams common, std::size_t index) : s_(std::move(common)), index_(index) {}
  virtual ~Strategy() = default;
  Strategy(const Strategy&) = delete;
  Strategy& operator=(const Strategy&) = delete;

  // After residents exist: finds the candidates (residents of its patches), then setup().
  void prepare(Community& c);
  // One week: spend, contacts (each through contact()), then end_of_week(). Serial.
  void week(Community& c);
  bool active(std::uint32_t tick) const {
    return static_cast<std::int64_t>(tick) >= s_.start_tick &&
           static_cast<std::int64_t>(tick) <= s_.end_tick;
  }
  const StrategyParams& params() const { return s_; }
  std::size_t index() const { return index_; }

 protected:
  virtual void setup(Community&) {}
  virtual void contact(Community& c, RandomStream& rs) = 0;
  virtual void end_of_week(Community&, RandomStream&) {}

  AgentId any(RandomStream& rs) const {
    return candidates_[rs.below(static_cast<std::uint32_t>(candidates_.size()))];
  }
  bool leading() const { return s_.mode == "lead"; }
  std::uint8_t agenda(const Community& c) const;
  // P(accept) = 1 - trust_weight x (1 - institutional trust), x lead factors.
  bool accepts(Community& c, AgentId a, RandomStream& rs, double trust_weight = 1.0) const;
  void touch(Community& c, AgentId a) const;
  void raise_trust(Community& c, AgentId a) const;
  void train(Community& c, AgentId a) const;

  StrategyParams s_;
  std::size_t index_;
  std::vector<AgentId> candidates_;
};

struct StrategyType {
  std::string name;
  std::string summary;
  // Declares this type's own keys in the `strategies` list element.
  void (*declare)(SchemaDeclarer& element);
  std::unique_ptr<Strategy> (*create)(const StrategyParams& common, std::size_t index);
};

// Every registered type, in a fixed order.
const std::vector<StrategyType>& strategy_types();
std::vector<std::string> strategy_type_names();
// The strategy of type params.type (which validation has checked is registered).
std::unique_ptr<Strategy> make_strategy(const StrategyParams& params, std::size_t index);

StrategyType individuals_strategy();
StrategyType groups_strategy();
StrategyType places_strategy();
StrategyType services_strategy();
StrategyType engagement_strategy();

}  // namespace gs::mobilisation
