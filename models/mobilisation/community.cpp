// The community's shared operations; see community.hpp for the contract.
#include "models/mobilisation/community.hpp"

#include <algorithm>

namespace gs::mobilisation {

void Residents::resize(std::size_t n) {
  for_each_array(*this, [n](auto& v, auto fill) { v.assign(n, fill); });
}

std::size_t Residents::memory_bytes() const {
  std::size_t b = 0;
  for_each_array(*this, [&b](const auto& v, auto) { b += v.capacity() * sizeof(v[0]); });
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
  if (r.segment[a] != r.segment[b]) ++c.cross_segment_ties;
  return true;
}

void Community::meet_need(AgentId a) {
  if (r.need[a] == 0 || r.need_met[a]) return;
  r.need_met[a] = 1;
  ++c.needs_met;
  c.demand_averted += r.need[a] == 2 ? p.value_need_level_two : p.value_need_level_one;
}

}  // namespace gs::mobilisation
