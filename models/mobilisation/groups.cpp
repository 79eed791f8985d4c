// Group life (MODEL.md tick step 3): leaving, joining, forming, co-member
// ties, accountable leadership, capacity, coherence, plan progress and links.
//
// Contract (serial, deterministic, O(participants x degree) per tick):
// - members of a group a strategy formed are committed: within the strategy's
//   commit_weeks of formation they are lifted back to participant after the
//   decision step (a steering group of "committed local people");
// - members whose engagement fell below participant leave;
// - an unaffiliated participant joins the group on their issue to whose
//   members they have the most trust (ties to members), if it has room;
// - the remaining unaffiliated participants that share an issue and are
//   connected by ties (within one patch when there are patches) form a group
//   once there are groups.min_size of them (NLGN: communities mobilise around
//   salient shared issues; Community Action MK: a big lunch -> a residents
//   group);
// - each member makes ~groups.meeting_ties new ties a week with co-members
//   ("the work of community mobilisation is fundamentally about connecting");
// - the leader is the member with the most leadership whose legitimacy (the
//   members' mean trust in them, stranger_trust without a tie) clears
//   leadership.legitimacy_bar: accountable leadership from within (NLGN Table
//   1); groups led by a mobiliser imposing an agenda are not led from within;
// - capacity = 1 - exp(-sum of members' resources x (0.5 + leadership) /
//   scale.capacity_scale) x exp(-funds / philanthropy.capacity_scale): small
//   groups lack capacity and funds help with diminishing returns;
// - coherence = max(0, 1 - tension_penalty x tension x (1 - bridging)) /
//   (1 + community / scale.coherent_population): "very large communities may
//   not exist as a coherent whole" (NLGN, barriers: scale). Divisions (NLGN,
//   barriers: "internal divisions ... along lines of class, race or age"):
//   in a tense community a group can only agree a plan the wider community
//   shares to the extent its members are bridged to the other segments.
//   bridging = min(1, c / c0), where c is the trust-weighted share of the
//   members' ties that cross segments and c0 = 1 - sum_k share_k^2 the share
//   that would cross without homophily. Cross-segment ties (hub sessions
//   meeting people from other backgrounds, coordinators' introductions)
//   raise bridging and so restore coherence, plan adoption and the shared
//   agenda (stylised fact 9);
// - joining across a division: an unaffiliated participant joins through a
//   tie to a member of another segment only if that tie's trust reaches
//   leadership.stranger_trust / (1 - tension) (distrust across divisions;
//   with tension 0 any tie will do);
// - plan progress grows by groups.plan_rate x capacity x coherence (halved
//   without a leader, doubled when a strategy supports the group);
// - a led group with a plan links to the council (rate x staff capacity x
//   receptiveness) and the voluntary sector (rate) each week.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/mobilisation/model.hpp"

namespace gs::mobilisation {

std::uint32_t MobilisationModel::new_group(std::uint8_t issue, std::uint32_t patch,
                                           std::span<const AgentId> members, std::uint32_t tick,
                                           const char* origin) {
  Group g;
  g.id = static_cast<std::uint32_t>(groups_.size());
  g.issue = issue;
  g.patch = patch;
  g.formed_tick = tick;
  g.origin = origin;
  groups_.push_back(std::move(g));
  Group& ng = groups_.back();
  for (AgentId a : members) join(ng, a);
  ++c_.groups_formed;
  changed_ = true;
  return ng.id;
}

void MobilisationModel::join(Group& g, AgentId a) {
  if (r_.group[a] != no_group) return;
  r_.group[a] = g.id;
  g.members.push_back(a);
  if (r_.engagement[a] < participant) r_.engagement[a] = participant;
  r_.ever_engaged[a] = r_.ever_participated[a] = 1;
  g.peak_size = std::max<std::int64_t>(g.peak_size, static_cast<std::int64_t>(g.members.size()));
}

void MobilisationModel::dissolve(Group& g, std::uint32_t tick, const char* fate) {
  for (AgentId a : g.members) {
    r_.group[a] = no_group;
    if (r_.engagement[a] > participant) r_.engagement[a] = participant;
  }
  g.members.clear();
  g.leader = no_agent;
  g.alive = false;
  g.fate = fate;
  g.ended_tick = tick;
  ++c_.groups_dissolved;
  changed_ = true;
}

void MobilisationModel::choose_leader(Group& g) {
  const AgentId old = g.leader;
  g.leader = no_agent;
  g.legitimacy = 0.0;
  if (g.members.size() < 2) return;
  std::vector<AgentId> cand = g.members;
  const std::size_t top = std::min<std::size_t>(3, cand.size());
  std::partial_sort(
      cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(top), cand.end(),
      [&](AgentId a, AgentId b) {
        return r_.leadership[a] != r_.leadership[b] ? r_.leadership[a] > r_.leadership[b] : a < b;
      });
  for (std::size_t k = 0; k < top; ++k) {
    const AgentId c = cand[k];
    double trust = 0.0;
    for (AgentId m : g.members) {
      if (m != c) trust += ties_.weight(m, c, static_cast<float>(p_.stranger_trust));
    }
    const double legit = trust / static_cast<double>(g.members.size() - 1);
    g.legitimacy = std::max(g.legitimacy, legit);
    if (legit >= p_.legitimacy_bar && !g.externally_led) {
      g.leader = c;
      g.legitimacy = legit;
      break;
    }
  }
  if (old != no_agent && old != g.leader && r_.group[old] == g.id) r_.engagement[old] = organiser;
  if (g.leader != no_agent) r_.engagement[g.leader] = leader_level;
}

void MobilisationModel::form_groups(std::uint32_t tick) {
  const AgentId n = ties_.num_agents();
  std::vector<std::uint8_t> seen(n, 0);
  std::vector<AgentId> component, frontier;
  const auto min_size = static_cast<std::size_t>(p_.min_group_size);
  const auto max_size = static_cast<std::size_t>(p_.max_group_size);
  for (AgentId s = 0; s < n; ++s) {
    if (seen[s] || r_.engagement[s] < participant || r_.group[s] != no_group) continue;
    component.clear();
    frontier.assign(1, s);
    seen[s] = 1;
    const std::uint8_t issue = r_.issue[s];
    const std::uint32_t patch = r_.patch[s];
    while (!frontier.empty()) {
      const AgentId u = frontier.back();
      frontier.pop_back();
      component.push_back(u);
      ties_.for_each_tie(u, [&](AgentId v, float) {
        if (seen[v] || r_.engagement[v] < participant || r_.group[v] != no_group ||
            r_.issue[v] != issue || (patches_ > 1 && r_.patch[v] != patch)) {
          return;
        }
        seen[v] = 1;
        frontier.push_back(v);
      });
    }
    if (component.size() < min_size) continue;
    std::sort(component.begin(), component.end());
    for (std::size_t b = 0; b + min_size <= component.size(); b += max_size) {
      const std::size_t e = std::min(component.size(), b + max_size);
      new_group(issue, patch, std::span<const AgentId>(component).subspan(b, e - b), tick,
                "organic");
    }
  }
}

void MobilisationModel::commit_members(std::uint32_t tick) {
  for (Group& g : groups_) {
    if (!g.alive || g.supported_by < 0 || g.origin == "organic") continue;
    const Strategy& st = p_.strategies[static_cast<std::size_t>(g.supported_by)];
    if (static_cast<std::int64_t>(tick) - g.formed_tick >= st.commit_weeks) continue;
    for (AgentId a : g.members) {
      if (r_.engagement[a] < participant) r_.engagement[a] = participant;
    }
  }
}

void MobilisationModel::update_groups(std::uint32_t tick) {
  commit_members(tick);
  // Leave.
  for (Group& g : groups_) {
    if (!g.alive) continue;
    auto keep = std::stable_partition(g.members.begin(), g.members.end(),
                                      [&](AgentId a) { return r_.engagement[a] >= participant; });
    for (auto it = keep; it != g.members.end(); ++it) r_.group[*it] = no_group;
    if (keep != g.members.end()) changed_ = true;
    g.members.erase(keep, g.members.end());
    if (g.leader != no_agent && r_.group[g.leader] != g.id) g.leader = no_agent;
  }
  // Join through ties (across a division only through a trusted enough tie).
  const AgentId n = ties_.num_agents();
  const double cross_join_bar = p_.tension <= 0.0   ? 0.0
                                : p_.tension >= 1.0 ? 2.0
                                                    : p_.stranger_trust / (1.0 - p_.tension);
  for (AgentId a = 0; a < n; ++a) {
    if (r_.engagement[a] < participant || r_.group[a] != no_group) continue;
    std::uint32_t best = no_group;
    double best_w = 0.0;
    ties_.for_each_tie(a, [&](AgentId v, float w) {
      const std::uint32_t g = r_.group[v];
      if (g == no_group || groups_[g].issue != r_.issue[a]) return;
      if (r_.segment[v] != r_.segment[a] && w < cross_join_bar) return;
      if (groups_[g].members.size() >= static_cast<std::size_t>(p_.max_group_size)) return;
      if (w > best_w || (w == best_w && g < best)) {
        best_w = w;
        best = g;
      }
    });
    if (best != no_group) {
      join(groups_[best], a);
      changed_ = true;
    }
  }
  form_groups(tick);

  for (Group& g : groups_) {
    if (!g.alive) continue;
    if (g.members.size() < static_cast<std::size_t>(p_.dissolve_size)) {
      dissolve(g, tick, "dissolved_small");
      continue;
    }
    // Co-member ties.
    const std::size_t size = g.members.size();
    for (std::size_t k = 0; k < size; ++k) {
      const AgentId a = g.members[k];
      RandomStream rs(seed_, purposes::meet, tick, a);
      double want = p_.meeting_ties;
      while (want > 0.0) {
        if (want < 1.0 && !rs.bernoulli(want)) break;
        want -= 1.0;
        const AgentId b = g.members[rs.below(static_cast<std::uint32_t>(size))];
        if (b != a) add_tie(a, b, static_cast<float>(p_.new_tie_trust));
      }
    }
    choose_leader(g);
    // Capacity and coherence.
    double res = 0.0, cross = 0.0, all = 0.0;
    const bool divided = p_.tension > 0.0 && segments_ > 1 && cross_expected_ > 0.0;
    for (AgentId a : g.members) {
      res += r_.resources[a] * (0.5 + r_.leadership[a]);
      if (!divided) continue;
      ties_.for_each_tie(a, [&](AgentId v, float w) {
        all += w;
        if (r_.segment[v] != r_.segment[a]) cross += w;
      });
    }
    const double bridging = !divided    ? 1.0
                            : all > 0.0 ? std::min(1.0, (cross / all) / cross_expected_)
                                        : 0.0;
    const double members_cap = 1.0 - std::exp(-res / p_.capacity_scale);
    g.capacity = 1.0 - (1.0 - members_cap) * std::exp(-g.funds / p_.grant_capacity_scale);
    g.coherence = std::max(0.0, 1.0 - p_.tension_penalty * p_.tension * (1.0 - bridging)) /
                  (1.0 + patch_population_[g.patch] / p_.coherent_population);
    // Plan progress.
    double rate = p_.plan_rate * g.capacity * g.coherence;
    if (g.leader == no_agent && !g.externally_led) rate *= 0.5;
    if (g.supported_by >= 0) rate *= 2.0;
    g.plan = std::min(1.0, g.plan + rate);
    // Links and events.
    RandomStream rs(seed_, purposes::group_event, tick, g.id);
    const bool led = g.leader != no_agent || g.externally_led;
    if (led && g.plan >= p_.plan_threshold) {
      if (rs.bernoulli(p_.link_rate * p_.staff_capacity * receptiveness_)) g.links |= 1u;
      if (rs.bernoulli(p_.link_rate)) g.links |= 2u;
    }
    if (rs.bernoulli(p_.event_rate)) ++c_.events;
  }
}

}  // namespace gs::mobilisation
