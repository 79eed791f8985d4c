// The community: everything the phases and strategies of the mobilisation
// model share (residents, groups, ties, counters, institutions) and the few
// operations that keep it consistent (joining, forming and dissolving groups,
// making ties, meeting needs). Phases (phases.hpp) and strategies
// (strategies/strategy.hpp) read and write it as their contracts state.
//
// Contract: every operation here is serial and deterministic (its order is
// the caller's); parallel phases touch only per-resident rows they own.
// Counters are cumulative over the run unless named *_this_tick.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "models/mobilisation/params.hpp"
#include "models/mobilisation/state.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/tie_overlay.hpp"

namespace gs::mobilisation {

namespace purposes {
inline constexpr std::uint32_t base = gs::purpose::first_model_purpose;
inline constexpr std::uint32_t setup_attr = base + 0, setup_tie = base + 1, setup_seg = base + 2,
                               decide = base + 3, issue = base + 4, meet = base + 5,
                               action = base + 6, publicity = base + 7, strategy = base + 8,
                               threat = base + 9, group_event = base + 10, hubs = base + 11,
                               homophily = base + 12, grants = base + 13, found = base + 14,
                               help = base + 15;
}  // namespace purposes

struct Counters {
  std::int64_t groups_formed = 0, groups_dissolved = 0, assets = 0, quick_wins = 0, events = 0,
               new_ties = 0, cross_segment_ties = 0, actions = 0, failures = 0, grants = 0,
               contacts = 0, consulted = 0, needs_met = 0, sessions = 0;
  std::int64_t initial_ties = 0, initial_cross_ties = 0;  // the network at set-up
  double volunteer_hours = 0.0, care_hours = 0.0, spend = 0.0, demand_averted = 0.0,
         grants_paid = 0.0;
  double programme_hours = 0.0;  // given in groups a strategy formed
  std::int64_t wins_this_tick = 0;
  std::int64_t first_win_tick = -1;  // tick of the run's first quick win, -1 before any
};

class Community {
 public:
  Community(Params params, std::uint64_t seed, TieOverlay ties);

  Params p;
  std::uint64_t seed;
  TieOverlay ties;
  Residents r;
  std::vector<Group> groups;
  Counters c;
  std::uint32_t segments = 1, patches = 1, issues = 1;
  std::uint32_t tick = 0;
  std::vector<double> patch_population, patch_resources;
  std::vector<double> patch_wins;  // quick wins this tick per patch
  double receptiveness = 0.0, receptiveness0 = 0.0;
  double cross_expected = 0.0;  // 1 - sum of squared segment shares (bridging reference)
  double grant_pool = 0.0;
  std::vector<std::uint32_t> grant_applications;  // group ids, awaiting the next round
  double division = 0.0;  // 0 one cohesive community .. 1 segments apart (decision.cpp)
  // Division as each segment feels it: division x 2 p_s / (p_s + q_s), p_s its share of
  // residents, q_s of participants (decision.cpp); empty with one segment.
  std::vector<double> felt_division;
  bool changed = true;  // anything changed this tick (fixed-point detection)

  // Adds a group of these members (who must be in no group); returns its id.
  std::uint32_t new_group(std::uint8_t issue, std::uint32_t patch, std::span<const AgentId> members,
                          const char* origin);
  // A group formed and supported by strategy s: head start, commitment (strategy_params).
  std::uint32_t new_supported_group(std::uint8_t issue, std::uint32_t patch,
                                    std::span<const AgentId> members, const char* origin,
                                    std::size_t s, double head_start);
  void join(Group& g, AgentId a);
  void dissolve(Group& g, const char* fate);
  // Adds a tie (counting new and cross-segment ties); false if it existed.
  bool add_tie(AgentId a, AgentId b, float w);
  // Marks a resident's need met early and books the demand it averts.
  void meet_need(AgentId a);
  bool in_group(AgentId a) const { return r.group[a] != no_group; }
  std::int64_t tie_count() const { return c.initial_ties + c.new_ties; }
  // Share of all ties now (set-up and new) that cross segments; needs tie_count() > 0.
  double cross_tie_share() const {
    return static_cast<double>(c.initial_cross_ties + c.cross_segment_ties) /
           static_cast<double>(tie_count());
  }
};

}  // namespace gs::mobilisation
