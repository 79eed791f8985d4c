// The mobilisation model: residents on a dynamic, trust-weighted network who
// move between not involved (0) and leader (4), form groups around shared
// issues, act on them and are helped or hindered by institutions and
// mobilisers (MODEL.md; NLGN "Community Mobilisation"; docs/ODD.md).
//
// Contract: the tick is the list of phases in step() (phases.hpp says what
// each reads and writes); set-up draws every resident's attributes from
// RandomStream(seed, purpose, setup tick, resident), so a run is a pure
// function of (scenario, seed) for any thread count. Observables, traits and
// the summary come from the Observer (observables.hpp); tables() gives
// groups.csv and agents.csv.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "models/mobilisation/community.hpp"
#include "models/mobilisation/observables.hpp"
#include "models/mobilisation/strategies/strategy.hpp"
#include "sim/engine/model.hpp"

namespace gs::mobilisation {

// Per-resident inputs a network may define (empty = drawn in set-up).
struct Layout {
  std::vector<std::uint16_t> segment;
  std::vector<std::uint32_t> patch;
  std::vector<float> x, y;
};

class MobilisationModel final : public gs::Model {
 public:
  MobilisationModel(Params params, std::uint64_t seed, TieOverlay ties, Layout layout,
                    std::vector<AgentId> initial_participants);
  // The observer points at the community: the model stays where it was built.
  MobilisationModel(const MobilisationModel&) = delete;
  MobilisationModel& operator=(const MobilisationModel&) = delete;

  const std::vector<std::string>& observable_names() const override { return observer_.names(); }
  void observe(std::span<double> out) const override { observer_.observe(out); }
  std::vector<ObservableInfo> observable_info() const override { return observer_.info(); }
  StepOutcome step(std::uint32_t tick) override;
  std::vector<Table> tables() const override;
  nlohmann::json summary() const override { return observer_.summary(); }
  std::vector<std::uint8_t> agent_snapshot() const override { return c_.r.engagement; }
  const Graph* network_graph() const override { return &c_.ties.base(); }

  // Read access for tests.
  const Community& community() const { return c_; }
  const Residents& residents() const { return c_.r; }
  const std::vector<Group>& groups() const { return c_.groups; }
  const Counters& counters() const { return c_.c; }
  const TieOverlay& ties() const { return c_.ties; }
  const Params& params() const { return c_.p; }
  double value(const std::string& observable) const { return observer_.value(observable); }
  Traits traits() const { return observer_.traits(); }

 private:
  void init_residents(const Layout& layout, std::span<const AgentId> initial);
  void init_tie_trust();

  Community c_;
  std::vector<std::unique_ptr<Strategy>> strategies_;
  Observer observer_;
};

}  // namespace gs::mobilisation
