// Strategies: who intervenes, how, at what cost (MODEL.md "Strategies"; NLGN
// typology and case studies).
//
// Contract: each active strategy spends annual_cost per year and makes
// staff x contacts_per_week contacts a week (serial, drawn from
// RandomStream(seed, strategy purpose, tick, strategy x 2^20 + contact)). A
// contacted resident accepts with probability equal to their institutional
// trust ("low institutional trust blunts mobiliser contact"); acceptance sets
// contact intensity to 1 (it enters the propensity as trust x contact and
// decays weekly) and raises confidence by confidence_boost. In `lead` mode the
// mobiliser raises agenda_issue instead of the resident's own: a resident for
// whom it is not their issue accepts only with probability x
// lead_salience_factor and loses lead_trust_penalty of trust ("catalyse,
// don't lead"; "it is impossible to force a community to mobilise around an
// issue artificially").
// - individuals (Local Area Coordination, Haringey): introductions favour
//   residents with needs (up to search_draws redraws for one with an unmet
//   need); the coordinator connects them to a group on their issue in their
//   patch (new ties to introduction_ties members) or, for an unmet shared
//   need, keeps a waiting list and convenes a new group once it reaches
//   groups.min_size (the menopause champions). A need met early averts the
//   demand cost of its level (about four pounds per pound spent).
// - groups (community organising, London CLT): listening 1:1s raise trust
//   by trust_gain whatever the answer ("listening builds trust") and record
//   the resident's issue; after listening_weeks the most heard issue (or the
//   agenda when leading) gets a steering group of steering_size from those
//   heard, trained (leadership + training) and brokered with the council.
// - places (Every One Every Day): hubs at residents' positions lower the
//   cost of taking part within hub_radius; sessions of session_size nearby
//   residents (a resident outside every catchment comes with probability
//   outside_share), each meeting ~new_ties_per_session new people, preferably
//   from other segments (a same-segment pairing is passed over with
//   probability cross_segment_skip; at most 3 x session_size pairings are
//   tried); groups near hubs get micro-project support (plan
//   progress doubled), no grants.
// - services (Community Catalysts): find residents with ideas (highest
//   leadership x salience of 1 + search_draws drawn), build confidence and leadership,
//   support their group (admin barriers: difficulty cut), link it to the
//   council and network change-makers with each other.
// - groups a strategy forms (convened, steering, enterprise, hub micro-project)
//   are supported by it, start with plan progress head_start, and their members
//   stay at least participants for commit_weeks after formation
//   (commit_members, groups.cpp); steering groups get the brokering cut of
//   their difficulty (council negotiations, London CLT).
// - services: a change-maker in no group founds an enterprise with up to
//   enterprise_size - 1 of their most trusted unaffiliated tie-neighbours
//   (needs groups.dissolve_size founders, at least 2; they take the founder's
//   issue).
// - places: each session starts, with probability micro_project_rate, a
//   micro-project of its unaffiliated attendees sharing the most common issue
//   (at least groups.min_size), without grants.
// - with groups.enabled false no strategy forms or fills a group: coordinators
//   still listen (trust, contact) but connect and convene no one, so no need
//   is met; no steering groups, enterprises or micro-projects.
// - engagement (shallow consultation): answers come from the "usual
//   suspects" (probability resources x (1 - fatalism)); a respondent is in
//   dialogue for that week only; no ties, no contact intensity.
#include <algorithm>
#include <cmath>

#include "models/mobilisation/model.hpp"

namespace gs::mobilisation {

namespace {
float clamp01(double v) {
  return static_cast<float>(std::clamp(v, 0.0, 1.0));
}
}  // namespace

std::uint32_t MobilisationModel::form_supported(std::uint8_t issue, std::uint32_t patch,
                                                std::span<const AgentId> members,
                                                std::uint32_t tick, const char* origin,
                                                std::size_t s) {
  const std::uint32_t id = new_group(issue, patch, members, tick, origin);
  Group& g = groups_[id];
  g.supported_by = static_cast<int>(s);
  g.plan = std::max(g.plan, p_.strategies[s].head_start);
  return id;
}

void MobilisationModel::init_strategies() {
  strategy_state_.resize(p_.strategies.size());
  for (std::size_t s = 0; s < p_.strategies.size(); ++s) {
    const Strategy& st = p_.strategies[s];
    StrategyState& ss = strategy_state_[s];
    std::vector<std::uint8_t> in(patches_, st.patches.empty() ? 1 : 0);
    for (auto q : st.patches) {
      if (q >= 0 && q < static_cast<std::int64_t>(patches_)) in[static_cast<std::size_t>(q)] = 1;
    }
    for (AgentId i = 0; i < r_.size(); ++i) {
      if (in[r_.patch[i]]) ss.candidates.push_back(i);
    }
    ss.tally.assign(issues_, 0);
    ss.campaign_start = st.start_tick;
    if (st.type == "places" && !ss.candidates.empty()) {
      for (std::int64_t h = 0; h < st.hubs; ++h) {
        RandomStream rs(seed_, purposes::hubs, static_cast<std::uint32_t>(s),
                        static_cast<std::uint32_t>(h));
        const AgentId at =
            ss.candidates[rs.below(static_cast<std::uint32_t>(ss.candidates.size()))];
        ss.hubs.push_back({r_.x[at], r_.y[at]});
      }
      const double r2 = st.hub_radius * st.hub_radius;
      for (AgentId i : ss.candidates) {
        for (const auto& h : ss.hubs) {
          const double dx = r_.x[i] - h[0], dy = r_.y[i] - h[1];
          if (dx * dx + dy * dy <= r2) r_.near_hub[i] = 1;
        }
      }
    }
  }
}

void MobilisationModel::run_strategies(std::uint32_t tick) {
  const double weeks = 52.0 / p_.ticks_per_year;
  const auto min_size = static_cast<std::size_t>(p_.min_group_size);
  for (std::size_t s = 0; s < p_.strategies.size(); ++s) {
    const Strategy& st = p_.strategies[s];
    StrategyState& ss = strategy_state_[s];
    if (!strategy_active(st, tick) || ss.candidates.empty()) continue;
    changed_ = true;
    c_.spend += st.annual_cost / p_.ticks_per_year;
    RandomStream rs(seed_, purposes::strategy, tick, static_cast<std::uint32_t>(s));
    const double want = st.staff * st.contacts_per_week * weeks;
    auto contacts = static_cast<std::int64_t>(std::floor(want));
    if (rs.bernoulli(want - std::floor(want))) ++contacts;
    const bool lead = st.mode == "lead";
    const auto agenda =
        static_cast<std::uint8_t>(std::min<std::int64_t>(st.agenda_issue, issues_ - 1));
    auto any = [&]() {
      return ss.candidates[rs.below(static_cast<std::uint32_t>(ss.candidates.size()))];
    };
    // Acceptance: trust, and in lead mode the imposed agenda's relevance.
    auto accepts = [&](AgentId a) {
      double pr = r_.inst_trust[a];
      if (lead && r_.issue[a] != agenda) {
        pr *= p_.lead_salience_factor;
        r_.inst_trust[a] = clamp01(r_.inst_trust[a] - p_.lead_trust_penalty);
      }
      return rs.bernoulli(pr);
    };
    auto touch = [&](AgentId a) {
      r_.contact[a] = 1.0f;
      r_.confidence[a] = clamp01(r_.confidence[a] + st.confidence_boost);
      if (lead && r_.issue[a] != agenda && r_.group[a] == no_group) {
        r_.issue[a] = agenda;  // takes up the mobiliser's agenda, with little salience
        r_.salience[a] = clamp01(r_.salience[a] * p_.lead_salience_factor);
      }
    };
    std::vector<AgentId> session;
    // places: a session of the residents gathered so far (also the week's last, partial one).
    auto hold_session = [&]() {
      if (session.empty()) return;
      ++c_.events;
      for (std::size_t x = 0; x < session.size(); ++x) {
        const AgentId u = session[x];
        double meet = st.new_ties_per_session;
        for (std::size_t tries = 0; meet > 0.0 && tries < 3 * session.size(); ++tries) {
          if (meet < 1.0 && !rs.bernoulli(meet)) break;
          const AgentId v = session[rs.below(static_cast<std::uint32_t>(session.size()))];
          if (v == u) continue;
          if (r_.segment[v] == r_.segment[u] && segments_ > 1 &&
              rs.bernoulli(st.cross_segment_skip)) {
            continue;
          }
          if (add_tie(u, v, static_cast<float>(p_.new_tie_trust))) meet -= 1.0;
        }
      }
      // Micro-project: the largest set of unaffiliated attendees sharing an issue.
      if (p_.groups_enabled && st.micro_project_rate > 0.0 && rs.bernoulli(st.micro_project_rate)) {
        std::vector<std::size_t> count(issues_, 0);
        for (AgentId u : session) {
          if (r_.group[u] == no_group) ++count[r_.issue[u]];
        }
        const auto best =
            static_cast<std::uint8_t>(std::max_element(count.begin(), count.end()) - count.begin());
        if (count[best] >= min_size) {
          std::vector<AgentId> project;
          for (AgentId u : session) {
            if (r_.group[u] == no_group && r_.issue[u] == best &&
                std::find(project.begin(), project.end(), u) == project.end()) {
              project.push_back(u);
            }
          }
          if (project.size() >= min_size) {
            form_supported(best, r_.patch[project.front()], project, tick, "hub", s);
          }
        }
      }
      session.clear();
    };
    for (std::int64_t k = 0; k < contacts; ++k) {
      ++c_.contacts;
      if (st.type == "individuals") {
        AgentId a = any();
        for (std::int64_t tries = 0; tries < st.search_draws && (r_.need[a] == 0 || r_.need_met[a]);
             ++tries) {
          a = any();
        }
        if (!accepts(a)) continue;
        touch(a);
        r_.inst_trust[a] = clamp01(r_.inst_trust[a] + st.trust_gain * (1.0 - r_.inst_trust[a]));
        if (r_.need[a] == 0 || r_.need_met[a] || !p_.groups_enabled) continue;
        const std::uint8_t issue = r_.issue[a];
        std::uint32_t target = no_group;
        for (const Group& g : groups_) {
          if (g.alive && g.issue == issue && g.patch == r_.patch[a] &&
              g.members.size() < static_cast<std::size_t>(p_.max_group_size)) {
            target = g.id;
            break;
          }
        }
        auto meet_needs = [&](AgentId m) {
          if (r_.need[m] == 0 || r_.need_met[m]) return;
          r_.need_met[m] = 1;
          ++c_.needs_met;
          c_.demand_averted +=
              r_.need[m] == 2 ? p_.demand_cost_level_two : p_.demand_cost_level_one;
        };
        if (r_.group[a] != no_group) {
          meet_needs(a);
        } else if (target != no_group) {
          Group& g = groups_[target];
          const auto intro = static_cast<std::size_t>(st.introduction_ties);
          for (std::size_t j = 0; j < intro && j < g.members.size(); ++j) {
            add_tie(a, g.members[rs.below(static_cast<std::uint32_t>(g.members.size()))],
                    static_cast<float>(p_.new_tie_trust));
          }
          join(g, a);
          if (g.supported_by < 0) g.supported_by = static_cast<int>(s);
          g.links |= 2u;
          meet_needs(a);
        } else {
          auto& wait = convening_[std::uint64_t{r_.patch[a]} * 64 + issue];
          if (std::find(wait.begin(), wait.end(), a) == wait.end()) wait.push_back(a);
          std::erase_if(wait, [&](AgentId m) { return r_.group[m] != no_group; });
          if (wait.size() >= min_size) {
            const std::uint32_t id = form_supported(issue, r_.patch[a], wait, tick, "convened", s);
            groups_[id].links |= 3u;
            for (AgentId m : groups_[id].members) meet_needs(m);
            wait.clear();
          }
        }
      } else if (st.type == "groups") {
        const AgentId a = any();
        r_.inst_trust[a] = clamp01(r_.inst_trust[a] + st.trust_gain * (1.0 - r_.inst_trust[a]));
        if (!accepts(a)) continue;
        touch(a);
        ++ss.tally[r_.issue[a]];
        ss.listened.push_back(a);
      } else if (st.type == "places") {
        const AgentId a = any();
        if (!r_.near_hub[a] && !rs.bernoulli(st.outside_share)) continue;  // mostly nearby
        if (!accepts(a)) continue;
        touch(a);
        if (r_.engagement[a] < in_dialogue) r_.engagement[a] = in_dialogue;
        r_.ever_engaged[a] = 1;
        session.push_back(a);
        if (session.size() >= static_cast<std::size_t>(st.session_size)) hold_session();
      } else if (st.type == "services") {
        AgentId a = any();
        for (std::int64_t tries = 0; tries < st.search_draws; ++tries) {
          const AgentId b = any();
          if (r_.leadership[b] * r_.salience[b] > r_.leadership[a] * r_.salience[a]) a = b;
        }
        if (!accepts(a)) continue;
        touch(a);
        r_.leadership[a] = clamp01(r_.leadership[a] + st.training * (1.0 - r_.leadership[a]));
        if (r_.engagement[a] < participant) r_.engagement[a] = participant;
        r_.ever_engaged[a] = r_.ever_participated[a] = 1;
        if (!ss.networked.empty()) {
          add_tie(a, ss.networked[rs.below(static_cast<std::uint32_t>(ss.networked.size()))],
                  static_cast<float>(p_.new_tie_trust));
        }
        if (std::find(ss.networked.begin(), ss.networked.end(), a) == ss.networked.end()) {
          ss.networked.push_back(a);
        }
        if (r_.group[a] == no_group && p_.groups_enabled && st.enterprise_size > 0) {
          // A new enterprise: the founder and their most trusted unaffiliated tie-neighbours.
          std::vector<std::pair<float, AgentId>> near;
          ties_.for_each_tie(a, [&](AgentId v, float w) {
            if (r_.group[v] == no_group && v != a) near.emplace_back(w, v);
          });
          std::sort(near.begin(), near.end(), [](const auto& x, const auto& y) {
            return x.first != y.first ? x.first > y.first : x.second < y.second;
          });
          std::vector<AgentId> founders{a};
          for (const auto& [w, v] : near) {
            if (founders.size() >= static_cast<std::size_t>(st.enterprise_size)) break;
            if (std::find(founders.begin(), founders.end(), v) == founders.end())
              founders.push_back(v);
          }
          if (founders.size() >=
              static_cast<std::size_t>(std::max<std::int64_t>(2, p_.dissolve_size))) {
            for (AgentId v : founders) r_.issue[v] = r_.issue_next[v] = r_.issue[a];
            form_supported(r_.issue[a], r_.patch[a], founders, tick, "enterprise", s);
          }
        }
        if (r_.group[a] != no_group) {
          Group& g = groups_[r_.group[a]];
          g.supported_by = static_cast<int>(s);
          g.difficulty_cut = std::max(g.difficulty_cut, st.admin_barrier_cut);
          g.links |= 1u;
        }
      } else {  // engagement: shallow consultation
        const AgentId a = any();
        if (!rs.bernoulli(r_.resources[a] * (1.0 - r_.fatalism[a]))) continue;
        ++c_.consulted;
        if (r_.engagement[a] < in_dialogue) r_.engagement[a] = in_dialogue;
        r_.ever_engaged[a] = 1;
      }
    }
    // places: the week's last, partial session; micro-project support for groups near hubs.
    if (st.type == "places") {
      hold_session();
      for (Group& g : groups_) {
        if (g.alive && g.supported_by < 0 && !g.members.empty() && r_.near_hub[g.members.front()]) {
          g.supported_by = static_cast<int>(s);
        }
      }
    }
    // groups: end of a listening campaign -> steering group.
    if (st.type == "groups" &&
        static_cast<std::int64_t>(tick) - ss.campaign_start + 1 >= st.listening_weeks) {
      ss.campaign_start = tick + 1;
      const auto issue =
          lead ? agenda
               : static_cast<std::uint8_t>(std::max_element(ss.tally.begin(), ss.tally.end()) -
                                           ss.tally.begin());
      std::vector<AgentId> pool;
      for (AgentId a : ss.listened) {
        if (r_.group[a] == no_group && (lead || r_.issue[a] == issue) &&
            std::find(pool.begin(), pool.end(), a) == pool.end()) {
          pool.push_back(a);
        }
      }
      std::stable_sort(pool.begin(), pool.end(),
                       [&](AgentId a, AgentId b) { return r_.leadership[a] > r_.leadership[b]; });
      if (pool.size() > static_cast<std::size_t>(st.steering_size)) {
        pool.resize(static_cast<std::size_t>(st.steering_size));
      }
      if (pool.size() >= min_size && p_.groups_enabled) {
        for (AgentId a : pool) {
          r_.leadership[a] = clamp01(r_.leadership[a] + st.training * (1.0 - r_.leadership[a]));
          if (lead && r_.issue[a] != issue) {
            r_.issue[a] = issue;
            r_.salience[a] = clamp01(r_.salience[a] * p_.lead_salience_factor);
          }
        }
        const std::uint32_t id =
            form_supported(issue, r_.patch[pool.front()], pool, tick, "steering", s);
        Group& g = groups_[id];
        g.externally_led = lead;
        g.difficulty_cut = std::max(g.difficulty_cut, st.brokering);
        g.links |= 1u;
        for (std::size_t x = 0; x < pool.size(); ++x) {
          for (std::size_t y = x + 1; y < pool.size(); ++y) {
            add_tie(pool[x], pool[y], static_cast<float>(p_.new_tie_trust));
          }
        }
      }
      std::fill(ss.tally.begin(), ss.tally.end(), 0);
      ss.listened.clear();
    }
  }
}

}  // namespace gs::mobilisation
