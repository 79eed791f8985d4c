// State of the mobilisation model: residents as one array per field, and groups.
//
// Contract: Residents holds every per-resident field of MODEL.md ("Residents")
// plus per-tick scratch (signals, next engagement), in small types: 112 bytes
// per resident (bench/README.md; the performance budget is 128). Groups are
// few (O(participants)) and kept as structs with member lists; a group is
// never erased, only marked dissolved, so its id is its index and the groups
// table has one row per group ever formed.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/core/graph.hpp"

namespace gs::mobilisation {

inline constexpr std::uint32_t no_group = std::numeric_limits<std::uint32_t>::max();
inline constexpr AgentId no_agent = std::numeric_limits<AgentId>::max();
inline constexpr std::uint16_t never = std::numeric_limits<std::uint16_t>::max();

// Engagement levels (MODEL.md).
inline constexpr std::uint8_t atomised = 0, in_dialogue = 1, participant = 2, organiser = 3,
                              leader_level = 4;

struct Residents {
  std::size_t size() const { return engagement.size(); }
  void resize(std::size_t n);
  std::size_t memory_bytes() const;  // every per-resident array (bench_mobilisation)

  // Visits every per-resident array with the value a new resident starts with, so that
  // resize() and memory_bytes() cannot miss a field: a new field is added here once.
  template <class Residents_, class F>
  static void for_each_array(Residents_& r, F&& f) {
    for (auto* v : {&r.engagement, &r.engagement_next, &r.issue, &r.issue_next, &r.need,
                    &r.need_met, &r.floor, &r.near_hub, &r.reached, &r.idle}) {
      f(*v, std::uint8_t{0});
    }
    for (auto* v : {&r.last_dialogue, &r.last_participant, &r.last_organiser}) f(*v, never);
    f(r.segment, std::uint16_t{0});
    for (auto* v :
         {&r.salience, &r.fatalism, &r.confidence, &r.inst_trust, &r.resources, &r.leadership,
          &r.theta, &r.marginalisation, &r.base_salience, &r.base_fatalism, &r.base_trust,
          &r.base_confidence, &r.contact, &r.threat, &r.hours, &r.x, &r.y}) {
      f(*v, 0.0f);
    }
    f(r.patch, std::uint32_t{0});
    f(r.group, no_group);
  }

  std::vector<std::uint8_t> engagement, engagement_next;  // 0..4
  std::vector<std::uint8_t> issue, issue_next;            // issue id
  std::vector<std::uint8_t> need;                         // 0 none, 1 Level One, 2 Level Two
  std::vector<std::uint8_t> need_met;                     // met early by a mechanism that meets it
  std::vector<std::uint8_t> floor;                        // committed minimum level
  std::vector<std::uint8_t> near_hub;                     // within a hub's catchment
  std::vector<std::uint8_t> reached;                      // bit s: contacted by strategy s (s < 8)
  std::vector<std::uint8_t> idle;                         // weeks taking part without a group
  // Last tick at level >= 1, >= 2, >= 3 (`never` before): the survey measures'
  // "at least once in the last 12 months" (observables.cpp).
  std::vector<std::uint16_t> last_dialogue, last_participant, last_organiser;
  std::vector<float> salience, fatalism, confidence, inst_trust, resources, leadership;
  std::vector<float> theta;            // personal threshold
  std::vector<float> marginalisation;  // 0..1
  std::vector<float> base_salience, base_fatalism, base_trust, base_confidence;  // drift targets
  std::vector<float> contact, threat;  // mobiliser contact, threat exposure
  std::vector<float> hours;            // volunteer hours given so far
  std::vector<float> x, y;             // position in the unit square
  std::vector<std::uint16_t> segment;
  std::vector<std::uint32_t> patch;
  std::vector<std::uint32_t> group;
};

struct Group {
  std::uint32_t id = 0;
  std::uint8_t issue = 0;
  std::uint32_t patch = 0;
  std::vector<AgentId> members;
  AgentId leader = no_agent;
  double legitimacy = 0.0;
  double capacity = 0.0;
  double coherence = 0.0;
  double bridging = 1.0;  // members' cross-segment ties relative to no homophily (0..1)
  double plan = 0.0;      // 0..1: assets mapped -> plan (plan_threshold) -> ready to act (1)
  double funds = 0.0;
  std::uint32_t links = 0;  // bit 0 council, 1 voluntary sector, 2 funder
  std::int64_t assets = 0, successes = 0, failures = 0, grants = 0;
  std::int64_t formed_tick = 0, ended_tick = -1, last_action_tick = -1000000;
  std::int64_t last_success_tick = -1000000;
  std::int64_t peak_size = 0;
  bool alive = true;
  bool externally_led = false;     // led by a mobiliser imposing an agenda
  bool applied = false;            // a grant application awaits the funders' next round
  int supported_by = -1;           // strategy index supporting it, -1 none
  double difficulty_cut = 0.0;     // services: admin barriers removed
  std::string origin = "organic";  // organic | convened | steering | hub | enterprise
  std::string fate = "active";

  // Formed by a strategy (a programme's project), not organically; programme
  // observables count these.
  bool formed_by_strategy() const { return origin != "organic"; }

  static int link_count(std::uint32_t l) {
    return static_cast<int>((l & 1u) + ((l >> 1) & 1u) + ((l >> 2) & 1u));
  }
};

}  // namespace gs::mobilisation
