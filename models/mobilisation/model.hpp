// The mobilisation model: residents on a dynamic, trust-weighted network who
// move between atomised (0) and leader (4), form groups around shared issues,
// act on them and are helped or hindered by institutions and mobilisers.
//
// Contract (MODEL.md "One tick", in this order; each phase reads the state at
// its start and writes the next, so results are identical for any thread
// count):
//   0. threats fire and strategies make their contacts (serial, O(contacts));
//   1. signals: the parallel hot loop over ties (signals.cpp);
//   2. engagement decisions: parallel, double-buffered (decision.cpp);
//   3. groups: leave, join, form, co-member ties, leaders, capacity, coherence,
//      plan, links (serial, O(participants x degree)) (groups.cpp);
//   4. action: asks and assets, quick wins publicised through channels
//      (serial per group + one parallel pass) (action.cpp);
//   5. institutions: grants, council culture change (action.cpp);
//   6. drifts: parallel; tie trust between co-members; overlay merge.
// Random draws: RandomStream(seed, purpose, tick, agent|group) with the
// purposes below. Sources per rule are cited in the phase files.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "models/mobilisation/params.hpp"
#include "models/mobilisation/state.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/tie_overlay.hpp"
#include "sim/engine/model.hpp"

namespace gs::mobilisation {

namespace purposes {
inline constexpr std::uint32_t base = gs::purpose::first_model_purpose;
inline constexpr std::uint32_t setup_attr = base + 0, setup_tie = base + 1, setup_seg = base + 2,
                               decide = base + 3, issue = base + 4, meet = base + 5,
                               action = base + 6, publicity = base + 7, strategy = base + 8,
                               threat = base + 9, group_event = base + 10, hubs = base + 11;
}  // namespace purposes

// Cumulative and per-tick counters.
struct Counters {
  std::int64_t groups_formed = 0, groups_dissolved = 0, assets = 0, quick_wins = 0, events = 0,
               new_ties = 0, cross_segment_ties = 0, actions = 0, failures = 0, grants = 0,
               contacts = 0, consulted = 0, needs_met = 0;
  double volunteer_hours = 0.0, spend = 0.0, demand_averted = 0.0, grants_paid = 0.0;
  std::int64_t wins_this_tick = 0;
  std::int64_t first_win_tick = 0;  // tick of the run's first quick win, 0 before any
};

struct StrategyState {
  std::vector<AgentId> candidates;  // residents in its patches
  std::vector<AgentId> listened;    // groups: residents heard this campaign
  std::vector<std::int64_t> tally;  // groups: issues heard
  std::vector<std::array<float, 2>> hubs;
  std::vector<AgentId> networked;  // services: change-makers met so far
  std::int64_t campaign_start = 0;
};

class MobilisationModel final : public gs::Model {
 public:
  MobilisationModel(Params params, std::uint64_t seed, TieOverlay ties,
                    std::vector<std::uint16_t> segment, std::vector<std::uint32_t> patch,
                    std::vector<float> x, std::vector<float> y,
                    std::vector<AgentId> initial_participants);

  const std::vector<std::string>& observable_names() const override { return names_; }
  void observe(std::span<double> out) const override;
  StepOutcome step(std::uint32_t tick) override;
  std::vector<Table> tables() const override;
  nlohmann::json summary() const override;
  std::vector<std::uint8_t> agent_snapshot() const override { return r_.engagement; }
  const Graph* network_graph() const override { return &ties_.base(); }

  // Read access for tests.
  const Residents& residents() const { return r_; }
  const std::vector<Group>& groups() const { return groups_; }
  const TieOverlay& ties() const { return ties_; }
  const Counters& counters() const { return c_; }
  const Params& params() const { return p_; }
  double receptiveness() const { return receptiveness_; }
  double value(const std::string& observable) const;

  // The six Table 1 traits, the index and the verdict (0 atomised, 1 mobilising, 2 mobilised).
  struct Traits {
    double dialogue = 0, priorities = 0, shared_agenda = 0, accountable_leadership = 0,
           assets_and_plan = 0, networked = 0, index = 0;
    double planned_participation = 0, breadth = 1;  // observables.cpp
    int verdict = 0;
  };
  Traits traits() const;
  static const char* verdict_name(int code);

 private:
  // set-up (model.cpp)
  void init_residents(std::span<const std::uint16_t> segment, std::span<const std::uint32_t> patch,
                      std::span<const float> x, std::span<const float> y,
                      std::span<const AgentId> initial);
  void init_tie_trust();
  void init_strategies();
  // phases
  void fire_threats(std::uint32_t tick);    // model.cpp
  void run_strategies(std::uint32_t tick);  // strategies.cpp
  void compute_signals();                   // signals.cpp
  void decide(std::uint32_t tick);          // decision.cpp
  double propensity(AgentId i) const;       // decision.cpp
  void update_groups(std::uint32_t tick);   // groups.cpp
  void form_groups(std::uint32_t tick);     // groups.cpp
  void choose_leader(Group& g);             // groups.cpp
  void act(std::uint32_t tick);             // action.cpp
  void publicise(std::uint32_t tick);       // action.cpp
  void institutions(std::uint32_t tick);    // action.cpp
  void drift(std::uint32_t tick);           // model.cpp
  // helpers
  std::uint32_t new_group(std::uint8_t issue, std::uint32_t patch, std::span<const AgentId> members,
                          std::uint32_t tick, const char* origin);
  std::uint32_t form_supported(std::uint8_t issue, std::uint32_t patch,
                               std::span<const AgentId> members, std::uint32_t tick,
                               const char* origin, std::size_t strategy);  // strategies.cpp
  void commit_members(std::uint32_t tick);                                 // groups.cpp
  void join(Group& g, AgentId a);
  void dissolve(Group& g, std::uint32_t tick, const char* fate);
  bool add_tie(AgentId a, AgentId b, float w);
  double community_size(AgentId i) const;
  bool strategy_active(const Strategy& s, std::uint32_t tick) const;

  Params p_;
  std::uint64_t seed_;
  TieOverlay ties_;
  Residents r_;
  std::vector<Group> groups_;
  std::vector<StrategyState> strategy_state_;
  std::vector<double> patch_population_;
  std::vector<double> patch_resources_;
  std::vector<double> patch_wins_;                           // quick wins this tick per patch
  std::map<std::uint64_t, std::vector<AgentId>> convening_;  // (patch, issue) -> waiting

  double receptiveness_ = 0.0, receptiveness0_ = 0.0;
  double cross_expected_ = 0.0;  // 1 - sum of squared segment shares (groups.cpp bridging)
  double grant_pool_ = 0.0;
  std::uint32_t segments_ = 1, patches_ = 1, issues_ = 1;
  std::uint32_t last_tick_ = 0;
  bool changed_ = true;
  Counters c_;
  std::vector<std::string> names_;
};

}  // namespace gs::mobilisation
