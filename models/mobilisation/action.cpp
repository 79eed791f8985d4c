// Action, publicity and institutions (MODEL.md tick steps 4 and 5).
//
// Contract:
// - A group whose plan is complete (progress 1) and whose last action is at
//   least action.cooldown ticks ago makes its ask or builds its asset.
//   strength = capacity x coherence x (0.5 + 0.5 legitimacy) x (1 + link_bonus
//   x links); difficulty = action.difficulty + issue difficulty, reduced by a
//   services strategy's admin_barrier_cut; P(success) = receptiveness x
//   strength / (strength + difficulty). Receptiveness multiplies every chance:
//   the public sector can "make or break" community initiatives (NLGN).
// - Success builds an asset ("build something"), counts a quick win, lowers
//   members' fatalism, raises their confidence and trust, grows the leader,
//   and the plan returns to plan_threshold for the next ask. Failure raises
//   members' fatalism and dissolves the group with probability failure_dissolve
//   x exp(-funds / capacity_scale) (funds help groups survive).
// - Quick wins are publicised through the communication channels: a resident
//   reached by channel c (probability reach_c[segment]) in a patch with w wins
//   this tick has fatalism lowered, confidence and trust raised by the
//   publicity amounts x tailoring_c x (1 - exp(-w)); the salience of won
//   issues rises ("generating quick wins and communicating successes", NLGN).
// - Institutions: the grant pool accrues annual_pool per year and pays
//   grant_size to groups with a plan and a leader (place-based giving: any
//   group with a plan, poorest patches first), at most one grant per group per
//   year. Council receptiveness gains culture_change x (1 - r) per quick win
//   and reverts toward its initial value at culture_memory (Community
//   Catalysts: "quick wins" changed the council's culture).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/mobilisation/model.hpp"
#include "sim/core/parallel.hpp"

namespace gs::mobilisation {

namespace {
float clamp01(double v) {
  return static_cast<float>(std::clamp(v, 0.0, 1.0));
}
}  // namespace

void MobilisationModel::act(std::uint32_t tick) {
  std::fill(patch_wins_.begin(), patch_wins_.end(), 0.0);
  for (Group& g : groups_) {
    if (!g.alive || g.plan < 1.0) continue;
    if (static_cast<double>(tick) - static_cast<double>(g.last_action_tick) < p_.action_cooldown)
      continue;
    g.last_action_tick = tick;
    ++c_.actions;
    const double strength = g.capacity * g.coherence * (0.5 + 0.5 * g.legitimacy) *
                            (1.0 + p_.link_bonus * Group::link_count(g.links));
    double difficulty = p_.base_difficulty;
    if (g.issue < p_.issue_difficulty.size()) difficulty += p_.issue_difficulty[g.issue];
    difficulty *= 1.0 - g.difficulty_cut;
    const double chance = receptiveness_ * strength / (strength + difficulty + 1e-12);
    RandomStream rs(seed_, purposes::action, tick, g.id);
    g.plan = p_.plan_threshold;
    changed_ = true;
    if (rs.bernoulli(chance)) {
      ++g.successes;
      ++g.assets;
      g.last_success_tick = tick;
      ++c_.assets;
      ++c_.quick_wins;
      ++c_.wins_this_tick;
      if (c_.first_win_tick == 0) c_.first_win_tick = tick;
      patch_wins_[g.patch] += 1.0;
      for (AgentId a : g.members) {
        r_.fatalism[a] = clamp01(r_.fatalism[a] - p_.success_fatalism);
        r_.confidence[a] = clamp01(r_.confidence[a] + p_.success_confidence);
        r_.inst_trust[a] = clamp01(r_.inst_trust[a] + p_.success_trust);
      }
      if (g.leader != no_agent) {
        r_.leadership[g.leader] = clamp01(r_.leadership[g.leader] +
                                          p_.leadership_success_growth * p_.leadership_emergence);
      }
    } else {
      ++g.failures;
      ++c_.failures;
      for (AgentId a : g.members) r_.fatalism[a] = clamp01(r_.fatalism[a] + p_.failure_fatalism);
      if (rs.bernoulli(p_.failure_dissolve * std::exp(-g.funds / p_.grant_capacity_scale))) {
        dissolve(g, tick, "dissolved_failure");
      }
    }
  }
}

void MobilisationModel::publicise(std::uint32_t tick) {
  if (c_.wins_this_tick == 0) return;
  // Won issues per patch (bit set), for salience.
  std::vector<std::uint64_t> won(patches_, 0);
  for (const Group& g : groups_) {
    if (g.last_success_tick == static_cast<std::int64_t>(tick)) {
      won[g.patch] |= std::uint64_t{1} << g.issue;
    }
  }
  parallel_for_index(r_.size(), [&](std::size_t k) {
    const auto i = static_cast<AgentId>(k);
    const double w = patch_wins_[r_.patch[i]];
    if (w <= 0.0) return;
    const double dose = 1.0 - std::exp(-w);
    RandomStream rs(seed_, purposes::publicity, tick, i);
    double effect = 0.0;
    for (const Channel& ch : p_.channels) {
      const double reach = ch.reach.empty()                  ? 0.0
                           : r_.segment[i] < ch.reach.size() ? ch.reach[r_.segment[i]]
                                                             : ch.reach.back();
      if (rs.bernoulli(reach)) effect = std::max(effect, ch.tailoring * dose);
    }
    if (effect <= 0.0) return;
    r_.fatalism[i] = clamp01(r_.fatalism[i] - p_.publicity_fatalism * effect);
    r_.confidence[i] = clamp01(r_.confidence[i] + p_.publicity_confidence * effect);
    r_.inst_trust[i] = clamp01(r_.inst_trust[i] + p_.publicity_trust * effect);
    if ((won[r_.patch[i]] >> r_.issue[i]) & 1u) {
      r_.salience[i] = clamp01(r_.salience[i] + p_.publicity_salience * effect);
    }
  });
}

void MobilisationModel::institutions(std::uint32_t tick) {
  // Grants.
  grant_pool_ += p_.grant_pool / p_.ticks_per_year;
  if (p_.grant_pool > 0.0) {
    std::vector<std::uint32_t> order;
    for (const Group& g : groups_) {
      if (!g.alive || g.plan < p_.plan_threshold) continue;
      if (g.leader == no_agent && !p_.place_based) continue;
      if (static_cast<double>(tick - g.last_grant_tick) < p_.ticks_per_year) continue;
      order.push_back(g.id);
    }
    if (p_.place_based) {
      std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return patch_resources_[groups_[a].patch] < patch_resources_[groups_[b].patch];
      });
    }
    for (std::uint32_t id : order) {
      if (grant_pool_ < p_.grant_size) break;
      Group& g = groups_[id];
      grant_pool_ -= p_.grant_size;
      g.funds += p_.grant_size;
      ++g.grants;
      g.links |= 4u;
      g.last_grant_tick = tick;
      ++c_.grants;
      c_.grants_paid += p_.grant_size;
    }
  }
  // Council culture change.
  receptiveness_ +=
      p_.culture_change * static_cast<double>(c_.wins_this_tick) * (1.0 - receptiveness_);
  receptiveness_ += p_.culture_memory * (receptiveness0_ - receptiveness_);
  receptiveness_ = std::clamp(receptiveness_, 0.0, 1.0);
}

}  // namespace gs::mobilisation
