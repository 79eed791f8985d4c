// The phases of one tick of the mobilisation model (MODEL.md "One tick"), in
// the order model.cpp calls them, with what each reads and writes (FLAME GPU
// 2's agent functions name their inputs and outputs; ARCHITECTURE.md 15).
// Every phase takes the Community and the tick in it (Community::tick); each
// parallel phase writes only rows of the residents it owns, so results are
// identical for any thread count.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "models/mobilisation/community.hpp"

namespace gs::mobilisation {

// 0. threats.cpp. Reads events, issue, group. Writes issue, threat, salience.
void fire_threats(Community& c);

// (strategies/*: each active strategy's weekly contacts, serial.)

// 1. signals.cpp. Reads engagement, issue, group, ties. Writes issue_next
// (issues adopted from ties; model.cpp swaps them in after the decision).
void adopt_issues(Community& c);

// 2. decision.cpp. Reads every attitude, theta, floor, group, patch, segment,
// and the signals of the residents who reconsider (signals_of: engagement,
// issue, ties). Writes engagement (double-buffered), last_* stamps, and the
// community's division and felt_division. Parallel.
void decide(Community& c);
// 2a. decision.cpp, for decide: the division as each of `segments` feels it,
// division x 2 p_s / (p_s + q_s) with p_s the segment's share of residents and
// q_s of participants (engagement >= 2); division for all while nobody takes
// part. Parallel, exact (integer counts), so identical for any thread count.
std::vector<double> felt_division(double division, std::uint32_t segments,
                                  std::span<const std::uint16_t> segment,
                                  std::span<const std::uint8_t> engagement);

// 3. groups.cpp. Reads engagement, issue, patch, segment, leadership,
// resources, inst_trust, ties. Writes groups, group, engagement (commitment,
// roles, leaders), ties (co-member ties). Serial.
void update_groups(Community& c);
// 3a. groups.cpp, for a group's legitimacy: a member's trust in a candidate
// leader of their group, their tie's weight; without a tie, the best vouching
// by a co-member they are tied to who is tied to the candidate (tie x tie),
// at least leadership.stranger_trust.
double trust_in_candidate(const Community& c, const Group& g, AgentId member, AgentId candidate);

// 4. action.cpp. Reads groups. Writes groups (plan, assets, dissolution),
// members' attitudes and baselines, leader's leadership, counters, patch_wins.
void act(Community& c);
// 4a. action.cpp, for act and for funders assessing a grant application: a
// group's strength, capacity x coherence x (1/2 + legitimacy/2) x (1 +
// action.link_bonus x links).
double group_strength(const Group& g, const Params& p);
// 4b. action.cpp. Reads patch_wins, channels, segment, issue. Writes
// fatalism, confidence, inst_trust, salience of residents reached. Parallel.
void publicise(Community& c);

// 5. institutions.cpp. Reads groups, patch_resources, inst_trust. Writes
// grant_pool, grant_applications, groups' funds, links and applied flag,
// receptiveness, counters.
void institutions(Community& c);

// 6. drift.cpp. Reads baselines, engagement, group, ties. Writes attitudes,
// exposures, leadership, co-member tie trust, hours, volunteer_hours. Parallel.
void drift(Community& c);

}  // namespace gs::mobilisation
