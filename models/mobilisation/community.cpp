// The community's shared operations; see community.hpp for the contract.
#include "models/mobilisation/community.hpp"

#include <algorithm>

namespace gs::mobilisation {

void Residents::resize(std::size_t n) {
  for (auto* v : {&engagement, &engagement_next, &issue, &issue_next, &need, &need_met, &floor,
                  &near_hub, &reached, &idle}) {
    v->assign(n, 0);
  }
  for (auto* v : {&last_dialogue, &last_participant, &last_organiser}) v->assign(n, never);
  for (auto* v : {&salience,
                  &fatalism,
                  &confidence,
                  &inst_trust,
                  &resources,
                  &leadership,
                  &theta,
                  &marginalisation,
                  &base_salience,
                  &base_fatalism,
                  &base_trust,
                  &base_confidence,
                  &contact,
                  &threat,
                  &hours,
                  &x,
                  &y,
                  &sig_social,
                  &sig_same,
                  &sig_leader,
                  &sig_dialogue}) {
    v->assign(n, 0.0f);
  }
  segment.assign(n, 0);
  patch.assign(n, 0);
  group.assign(n, no_group);
}

std::size_t Residents::memory_bytes() const {
  std::size_t b = 0;
  auto add = [&](const auto& v) { b += v.capacity() * sizeof(v[0]); };
  for (const auto* v : {&engagement, &engagement_next, &issue, &issue_next, &need, &need_met,
                        &floor, &near_hub, &reached, &idle}) {
    add(*v);
  }
  for (const auto* v : {&last_dialogue, &last_participant, &last_organiser, &segment}) add(*v);
  for (const auto* v : {&salience,
                        &fatalism,
                        &confidence,
                        &inst_trust,
                        &resources,
                        &leadership,
                        &theta,
                        &marginalisation,
                        &base_salience,
                        &base_fatalism,
                        &base_trust,
                        &base_confidence,
                        &contact,
                        &threat,
                        &hours,
                        &x,
                        &y,
                        &sig_social,
                        &sig_same,
                        &sig_leader,
                        &sig_dialogue}) {
    add(*v);
  }
  add(patch);
  add(group);
  return b;
}

Community::Community(Params params, std::uint64_t run_seed, TieOverlay network)
    : p(std::move(params)), seed(run_seed), ties(std::move(network)) {}

std::uint32_t Community::new_group(std::uint8_t issue, std::uint32_t patch,
                                   std::span<const AgentId> members, const char* origin) {
  Group g;
  g.id = static_cast<std::uint32_t>(groups.size());
  g.issue = issue;
  g.patch = patch;
  g.formed_tick = tick;
  g.origin = origin;
  groups.push_back(std::move(g));
  Group& ng = groups.back();
  for (AgentId a : members) join(ng, a);
  ++c.groups_formed;
  changed = true;
  return ng.id;
}

std::uint32_t Community::new_supported_group(std::uint8_t issue, std::uint32_t patch,
                                             std::span<const AgentId> members, const char* origin,
                                             std::size_t s, double head_start) {
  const std::uint32_t id = new_group(issue, patch, members, origin);
  Group& g = groups[id];
  g.supported_by = static_cast<int>(s);
  g.plan = std::max(g.plan, head_start);
  return id;
}

void Community::join(Group& g, AgentId a) {
  if (r.group[a] != no_group) return;
  r.group[a] = g.id;
  g.members.push_back(a);
  if (r.engagement[a] < participant) r.engagement[a] = participant;
  r.last_dialogue[a] = r.last_participant[a] =
      static_cast<std::uint16_t>(std::min<std::uint32_t>(tick, never - 1));
  g.peak_size = std::max<std::int64_t>(g.peak_size, static_cast<std::int64_t>(g.members.size()));
}

void Community::dissolve(Group& g, const char* fate) {
  for (AgentId a : g.members) {
    r.group[a] = no_group;
    if (r.engagement[a] > participant) r.engagement[a] = participant;
  }
  g.members.clear();
  g.leader = no_agent;
  g.alive = false;
  g.fate = fate;
  g.ended_tick = tick;
  ++c.groups_dissolved;
  changed = true;
}

bool Community::add_tie(AgentId a, AgentId b, float w) {
  if (!ties.add_tie(a, b, w)) return false;
  ++c.new_ties;
  ++c.ties_total;
  if (r.segment[a] != r.segment[b]) {
    ++c.cross_segment_ties;
    ++c.ties_cross;
  }
  return true;
}

void Community::meet_need(AgentId a) {
  if (r.need[a] == 0 || r.need_met[a]) return;
  r.need_met[a] = 1;
  ++c.needs_met;
  c.demand_averted += r.need[a] == 2 ? p.value_need_level_two : p.value_need_level_one;
}

}  // namespace gs::mobilisation
