// Group life (MODEL.md tick step 3): commitment, leaving, roles, joining,
// founding, co-member ties, accountable leadership, capacity, coherence, plan
// progress and links.
//
// Contract (deterministic, O(participants x degree) per tick; joining and founding run as
// the parallel kernels of group_search.hpp, the rest serially):
// - members of a group a strategy formed are committed: within the strategy's
//   commit_weeks of formation they are lifted back to participant after the
//   decision step (a steering group of "committed local people");
// - members whose engagement fell below participant leave;
// - roles are finite: a group has room for max(1, roles_share x size)
//   organisers and leaders; extra organisers (lowest latent leadership first)
//   go back to participant;
// - a participant in no group who finds or founds none within
//   groups.search_weeks falls back to dialogue (there must be somewhere to
//   take part; committed floors excepted);
// - an unaffiliated participant joins the group on their issue to whose
//   members they have the most trust (ties to members), if it has room; across
//   a division only through a tie whose trust reaches stranger_trust / (1 -
//   tension) (distrust across divisions);
// - unaffiliated participants sharing an issue, connected by ties, and at
//   least groups.min_size of them found a group (of the first one's patch:
//   patches shape a group's constituency and coherence, not who may found it)
//   with weekly probability found_rate x emergence x the most latent
//   leadership among them (someone has to step forward; NLGN: communities
//   mobilise around salient shared issues; Community Action MK: a big lunch ->
//   a residents group), drawn from RandomStream(seed, found, tick, first id);
// - each member makes ~groups.meeting_ties new ties a week with co-members; a
//   tie across segments forms only with probability 1 - tension;
// - leadership: a legitimate leader (members' mean trust in them at least
//   leadership.legitimacy_bar; a member without a tie to them trusts them as
//   far as a co-member they are tied to vouches, tie x tie, and at least
//   stranger_trust: newcomers take a leader on the word of the friends who
//   brought them in, Coleman 1988 on closure, so a growing group keeps its
//   leader; counting every newcomer a stranger made accountable leadership
//   fall as a community mobilised, docs/ODD.md 8) who is still an
//   organiser keeps the role; a leaderless group's best candidate (most latent
//   leadership of its top three whose legitimacy clears the bar) steps up with
//   weekly probability min(1, emergence x leadership / 4): accountable
//   leadership from within (NLGN Table 1). Groups led by a mobiliser imposing
//   an agenda are not led from within;
// - capacity = 1 - (1 - members x support) x exp(-funds /
//   philanthropy.capacity_scale), members = 1 - exp(-sum of members'
//   (groups.member_skills + resources) x (1/2 + leadership) /
//   scale.capacity_scale) (everyone brings some skills, whatever their spare
//   time and money: NLGN's "their own skills and resources"), support = 1 -
//   exp(-constituency / scale.supporters), where the constituency is the
//   residents in dialogue on the group's issue in its patch (goodwill,
//   donations, turnout: a group cannot act for a place that does not back it):
//   too small a community has too few supporters, too large a one too little
//   coherence, so group success is an inverted U in scale (NLGN barriers:
//   scale; stylised fact 3);
// - coherence = max(0, 1 - tension_penalty x division x (1 - bridging)) /
//   (1 + patch population / scale.coherent_population): "very large
//   communities may not exist as a coherent whole" (NLGN, barriers: scale);
//   bridging = min(1, c / c0), c the members' trust-weighted share of
//   cross-segment ties and c0 = 1 - sum_k share_k^2 (the share without
//   homophily); division = division_weight + tension:
//   a group bridged to no other segment cannot carry a plan the whole
//   community shares, the more so under tension (stylised fact 9);
// - plan progress grows by plan_rate x capacity x coherence x (2 - exp(-funds /
//   philanthropy.capacity_scale)) (money buys a venue, materials and time, up
//   to twice the pace and with diminishing returns: the first pounds buy the
//   venue; a linear factor times capacity, itself rising with funds, gave
//   increasing returns per pound in large places;
//   halved without a leader, doubled when a strategy supports the group) and
//   is contested by
//   the rest of a divided community: minus plan_rate x groups.contest x
//   division x (1 - bridging), so an unbridged group in a divided place may
//   never adopt a plan the whole community shares (stylised fact 9);
// - a led group with a plan links to the council with weekly probability
//   link_rate x staff capacity x receptiveness x members' mean institutional
//   trust, and to the voluntary sector with link_rate x that trust;
// - events: weekly probability groups.event_rate. At an event, each member
//   asks one of their ties, chosen at random (so the help does not grow with
//   the number of ties); one who is at most in dialogue and in no group helps
//   for the week with probability groups.event_helpers: their last week of
//   taking part is stamped and they
//   give the participant level's weekly hours, but their level does not
//   change and no phase reads the stamp, so the dynamics are untouched; it is
//   what lifts the survey's yearly volunteering above the monthly (occasional
//   volunteering; Community Life Survey, docs/ODD.md 7.1). Own stream
//   RandomStream(seed, help, tick, group).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>

#include "models/mobilisation/group_search.hpp"
#include "models/mobilisation/phases.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/portable_math.hpp"

namespace gs::mobilisation {

namespace {

void commit_members(Community& c) {
  for (Group& g : c.groups) {
    if (!g.alive || g.supported_by < 0 || !g.formed_by_strategy()) continue;
    const StrategyParams& st = c.p.strategies[static_cast<std::size_t>(g.supported_by)];
    if (static_cast<std::int64_t>(c.tick) - g.formed_tick >= st.commit_weeks) continue;
    for (AgentId a : g.members) {
      if (c.r.engagement[a] < participant) c.r.engagement[a] = participant;
    }
  }
}

void leave(Community& c) {
  for (Group& g : c.groups) {
    if (!g.alive) continue;
    auto keep = std::stable_partition(g.members.begin(), g.members.end(),
                                      [&](AgentId a) { return c.r.engagement[a] >= participant; });
    for (auto it = keep; it != g.members.end(); ++it) c.r.group[*it] = no_group;
    if (keep != g.members.end()) c.changed = true;
    g.members.erase(keep, g.members.end());
    if (g.leader != no_agent &&
        (c.r.group[g.leader] != g.id || c.r.engagement[g.leader] < leader_level)) {
      g.leader = no_agent;  // stepped down (churn) or left: the chair is open
    }
  }
}

void cap_roles(Community& c) {
  std::vector<AgentId> holders;
  for (Group& g : c.groups) {
    if (!g.alive) continue;
    holders.clear();
    for (AgentId a : g.members) {
      if (c.r.engagement[a] >= organiser && a != g.leader) holders.push_back(a);
    }
    const auto roles = static_cast<std::size_t>(
        std::max(1.0, std::floor(c.p.roles_share * static_cast<double>(g.members.size()))));
    const std::size_t taken = g.leader != no_agent ? 1 : 0;
    if (holders.size() + taken <= roles) continue;
    std::stable_sort(holders.begin(), holders.end(), [&](AgentId a, AgentId b) {
      return c.r.leadership[a] != c.r.leadership[b] ? c.r.leadership[a] > c.r.leadership[b] : a < b;
    });
    for (std::size_t k = roles > taken ? roles - taken : 0; k < holders.size(); ++k) {
      c.r.engagement[holders[k]] = participant;
    }
  }
}

double legitimacy_of(const Community& c, const Group& g, AgentId candidate) {
  double trust = 0.0;
  for (AgentId m : g.members) {
    if (m != candidate) trust += trust_in_candidate(c, g, m, candidate);
  }
  return trust / static_cast<double>(g.members.size() - 1);
}

void lead(Community& c, Group& g, RandomStream& rs) {
  if (g.members.size() < 2 || g.externally_led) {
    g.legitimacy = 0.0;
    if (g.leader != no_agent) c.r.engagement[g.leader] = organiser;
    g.leader = no_agent;
    return;
  }
  if (g.leader != no_agent) {
    g.legitimacy = legitimacy_of(c, g, g.leader);
    if (g.legitimacy >= c.p.legitimacy_bar) {
      c.r.engagement[g.leader] = leader_level;
      return;
    }
    c.r.engagement[g.leader] = organiser;
    g.leader = no_agent;
  }
  std::vector<AgentId> cand = g.members;
  const std::size_t top = std::min<std::size_t>(3, cand.size());
  std::partial_sort(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(top), cand.end(),
                    [&](AgentId a, AgentId b) {
                      return c.r.leadership[a] != c.r.leadership[b]
                                 ? c.r.leadership[a] > c.r.leadership[b]
                                 : a < b;
                    });
  g.legitimacy = 0.0;
  for (std::size_t k = 0; k < top; ++k) {
    const double legit = legitimacy_of(c, g, cand[k]);
    g.legitimacy = std::max(g.legitimacy, legit);
    if (legit < c.p.legitimacy_bar) continue;
    if (rs.bernoulli(std::min(1.0, c.p.leadership_emergence * c.r.leadership[cand[k]] / 4.0))) {
      g.leader = cand[k];
      g.legitimacy = legit;
      c.r.engagement[g.leader] = leader_level;
      c.r.last_organiser[g.leader] =
          static_cast<std::uint16_t>(std::min<std::uint32_t>(c.tick, never - 1));
    }
    break;
  }
}

// Taking part needs somewhere to take part: a participant who finds or founds no group
// within groups.search_weeks falls back to dialogue.
void give_up_searching(Community& c) {
  const auto limit = static_cast<std::uint8_t>(std::min<std::int64_t>(c.p.search_weeks, 255));
  Residents& r = c.r;
  const auto gave_up = deterministic_sum<std::int64_t>(r.size(), [&](std::size_t a) {
    if (r.engagement[a] < participant || r.group[a] != no_group || r.floor[a] >= participant) {
      r.idle[a] = 0;
      return std::int64_t{0};
    }
    if (++r.idle[a] >= limit) {
      r.engagement[a] = in_dialogue;
      r.idle[a] = 0;
      return std::int64_t{1};
    }
    return std::int64_t{0};
  });
  if (gave_up > 0) c.changed = true;
}

// Constituencies: residents in dialogue per (patch, issue). Counts are whole numbers, exact in
// a double in any order, so blocks may count in parallel and add their tallies.
std::vector<double> constituencies(const Community& c) {
  const std::size_t issues = c.issues;
  return deterministic_tally<double>(
      c.r.size(), static_cast<std::size_t>(c.patches) * issues,
      [&](std::size_t a, std::span<double> tally) {
        if (c.r.engagement[a] >= in_dialogue)
          tally[std::size_t{c.r.patch[a]} * issues + c.r.issue[a]] += 1.0;
      },
      65536);
}

// Occasional help at an event of group g (contract above).
void help_at_event(Community& c, const Group& g) {
  const Params& p = c.p;
  Residents& r = c.r;
  RandomStream rs(c.seed, purposes::help, c.tick, g.id);
  const auto stamp = static_cast<std::uint16_t>(std::min<std::uint32_t>(c.tick, never - 1));
  const double hours = p.weeks_per_tick() * p.hours_per_level[participant];  // as drift.cpp
  const bool programme = g.formed_by_strategy();
  for (AgentId a : g.members) {
    const AgentId degree = c.ties.degree(a);
    if (degree == 0) continue;
    const AgentId v = c.ties.neighbour(a, rs.below(degree));  // the one they ask
    if (r.engagement[v] > in_dialogue || r.group[v] != no_group) continue;
    if (!rs.bernoulli(p.event_helpers) || r.last_participant[v] == stamp) continue;
    r.last_participant[v] = stamp;
    r.hours[v] += static_cast<float>(hours);
    c.c.volunteer_hours += hours;
    if (programme) c.c.programme_hours += hours;
  }
}

}  // namespace

double trust_in_candidate(const Community& c, const Group& g, AgentId member, AgentId candidate) {
  const float direct = c.ties.weight(member, candidate, -1.0f);
  if (direct >= 0.0f) return direct;
  double best = c.p.stranger_trust;
  c.ties.for_each_tie(member, [&](AgentId k, float w) {
    if (c.r.group[k] != g.id || static_cast<double>(w) <= best) return;
    const float vouch = c.ties.weight(k, candidate, 0.0f);
    best = std::max(best, static_cast<double>(w) * static_cast<double>(vouch));
  });
  return best;
}

void update_groups(Community& c) {
  const Params& p = c.p;
  commit_members(c);
  leave(c);
  cap_roles(c);
  join_through_ties(c);
  found_groups(c);
  give_up_searching(c);
  const bool divided = c.segments > 1 && c.cross_expected > 0.0;  // bridging is measured
  // Constituencies: residents in dialogue per (patch, issue).
  const std::vector<double> constituency =
      p.supporters > 0.0 ? constituencies(c)
                         : std::vector<double>(static_cast<std::size_t>(c.patches) * c.issues, 0.0);
  for (Group& g : c.groups) {
    if (!g.alive) continue;
    if (g.members.size() < static_cast<std::size_t>(p.dissolve_size)) {
      c.dissolve(g, "dissolved_small");
      continue;
    }
    const std::size_t size = g.members.size();
    for (std::size_t k = 0; k < size; ++k) {
      const AgentId a = g.members[k];
      RandomStream rs(c.seed, purposes::meet, c.tick, a);
      double want = p.meeting_ties;
      while (want > 0.0) {
        if (want < 1.0 && !rs.bernoulli(want)) break;
        want -= 1.0;
        const AgentId b = g.members[rs.below(static_cast<std::uint32_t>(size))];
        if (b == a) continue;
        if (c.r.segment[a] != c.r.segment[b] && !rs.bernoulli(1.0 - p.tension)) continue;
        c.add_tie(a, b, static_cast<float>(p.new_tie_trust));
      }
    }
    RandomStream rs(c.seed, purposes::group_event, c.tick, g.id);
    lead(c, g, rs);
    double res = 0.0, cross = 0.0, all = 0.0, trust = 0.0;
    for (AgentId a : g.members) {
      res += (p.member_skills + c.r.resources[a]) * (0.5 + c.r.leadership[a]);
      trust += c.r.inst_trust[a];
      if (!divided) continue;
      c.ties.for_each_tie(a, [&](AgentId v, float w) {
        all += w;
        if (c.r.segment[v] != c.r.segment[a]) cross += w;
      });
    }
    trust /= static_cast<double>(size);
    const double bridging = !divided    ? 1.0
                            : all > 0.0 ? std::min(1.0, (cross / all) / c.cross_expected)
                                        : 0.0;
    g.bridging = bridging;
    const double support =
        p.supporters > 0.0
            ? 1.0 - portable_exp(-constituency[std::size_t{g.patch} * c.issues + g.issue] /
                                 p.supporters)
            : 1.0;
    const double own = (1.0 - portable_exp(-res / p.capacity_scale)) * support;
    g.capacity = 1.0 - (1.0 - own) * portable_exp(-g.funds / p.grant_capacity_scale);
    const double division = p.division_weight + p.tension;
    g.coherence = std::max(0.0, 1.0 - p.tension_penalty * division * (1.0 - bridging)) /
                  (1.0 + c.patch_population[g.patch] / p.coherent_population);
    double rate = p.plan_rate * g.capacity * g.coherence *
                  (2.0 - portable_exp(-g.funds / p.grant_capacity_scale));
    if (g.leader == no_agent && !g.externally_led) rate *= 0.5;
    if (g.supported_by >= 0) rate *= 2.0;
    rate -= p.plan_rate * p.contest * division * (1.0 - bridging);
    g.plan = std::clamp(g.plan + rate, 0.0, 1.0);
    const bool led = g.leader != no_agent || g.externally_led;
    if (led && g.plan >= p.plan_threshold) {
      if (rs.bernoulli(p.link_rate * p.staff_capacity * c.receptiveness * trust)) g.links |= 1u;
      if (rs.bernoulli(p.link_rate * trust)) g.links |= 2u;
    }
    if (rs.bernoulli(p.event_rate)) {
      ++c.c.events;
      if (p.event_helpers > 0.0) help_at_event(c, g);
    }
  }
}

}  // namespace gs::mobilisation
