// Action and publicity (MODEL.md tick step 4).
//
// Contract:
// - A group whose plan is complete (progress 1) and whose last action is at
//   least action.cooldown ticks ago makes its ask or builds its asset.
//   strength = capacity x coherence x (1/2 + legitimacy/2) x (1 + link_bonus x
//   links); difficulty = (action.difficulty + issue difficulty) x (1 -
//   difficulty cut); P(success) = receptiveness x strength / (strength +
//   difficulty): the public sector can "make or break" community initiatives
//   (NLGN). Draws: RandomStream(seed, action, tick, group).
// - Success builds an asset ("build something"), counts a quick win, lowers
//   members' fatalism and raises their confidence and trust (a share
//   drifts.baseline_learning of each change moves their baselines: experience
//   leaves a residue), grows the leader, and the plan returns to
//   plan_threshold for the next ask. Failure raises members' fatalism (and its
//   baseline likewise) and dissolves the group with probability
//   failure_dissolve x exp(-funds / philanthropy.resilience) (funds help
//   groups survive a setback).
// - Quick wins are publicised through the communication channels: a resident
//   reached by channel c (probability reach_c[segment]) in a patch with w wins
//   this tick has fatalism lowered, confidence and trust raised by the
//   publicity amounts x tailoring_c x (1 - exp(-w)); the salience of won
//   issues rises ("generating quick wins and communicating successes", NLGN).
#include <algorithm>
#include <cmath>

#include "models/mobilisation/phases.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/portable_math.hpp"

namespace gs::mobilisation {

namespace {
float clamp01(double v) {
  return static_cast<float>(std::clamp(v, 0.0, 1.0));
}
// Moves value by delta and its baseline by `learning` x delta.
void learn(float& value, float& baseline, double delta, double learning) {
  value = clamp01(value + delta);
  baseline = clamp01(baseline + learning * delta);
}
}  // namespace

double group_strength(const Group& g, const Params& p) {
  return g.capacity * g.coherence * (0.5 + 0.5 * g.legitimacy) *
         (1.0 + p.link_bonus * Group::link_count(g.links));
}

void act(Community& c) {
  const Params& p = c.p;
  Residents& r = c.r;
  std::fill(c.patch_wins.begin(), c.patch_wins.end(), 0.0);
  c.c.wins_this_tick = 0;
  for (Group& g : c.groups) {
    if (!g.alive || g.plan < 1.0) continue;
    if (static_cast<double>(c.tick) - static_cast<double>(g.last_action_tick) < p.action_cooldown)
      continue;
    g.last_action_tick = c.tick;
    ++c.c.actions;
    const double strength = group_strength(g, p);
    double difficulty = p.base_difficulty;
    if (g.issue < p.issue_difficulty.size()) difficulty += p.issue_difficulty[g.issue];
    difficulty *= 1.0 - g.difficulty_cut;
    const double chance = c.receptiveness * strength / (strength + difficulty + 1e-12);
    RandomStream rs(c.seed, purposes::action, c.tick, g.id);
    g.plan = p.plan_threshold;
    c.changed = true;
    const double learning = p.baseline_learning;
    if (rs.bernoulli(chance)) {
      ++g.successes;
      ++g.assets;
      g.last_success_tick = c.tick;
      ++c.c.assets;
      ++c.c.quick_wins;
      ++c.c.wins_this_tick;
      if (c.c.first_win_tick < 0) c.c.first_win_tick = c.tick;
      c.patch_wins[g.patch] += 1.0;
      for (AgentId a : g.members) {
        learn(r.fatalism[a], r.base_fatalism[a], -p.success_fatalism, learning);
        learn(r.confidence[a], r.base_confidence[a], p.success_confidence, learning);
        learn(r.inst_trust[a], r.base_trust[a], p.success_trust, learning);
      }
      if (g.leader != no_agent) {
        r.leadership[g.leader] =
            clamp01(r.leadership[g.leader] + p.leadership_success_growth * p.leadership_emergence);
      }
    } else {
      ++g.failures;
      ++c.c.failures;
      for (AgentId a : g.members) {
        learn(r.fatalism[a], r.base_fatalism[a], p.failure_fatalism, learning);
      }
      if (rs.bernoulli(p.failure_dissolve * portable_exp(-g.funds / p.grant_resilience))) {
        c.dissolve(g, "dissolved_failure");
      }
    }
  }
}

void publicise(Community& c) {
  if (c.c.wins_this_tick == 0) return;
  const Params& p = c.p;
  Residents& r = c.r;
  std::vector<std::uint64_t> won(c.patches, 0);  // won issues per patch (bit set)
  for (const Group& g : c.groups) {
    if (g.last_success_tick == static_cast<std::int64_t>(c.tick)) {
      won[g.patch] |= std::uint64_t{1} << g.issue;
    }
  }
  parallel_for_index(r.size(), [&](std::size_t k) {
    const auto i = static_cast<AgentId>(k);
    const double w = c.patch_wins[r.patch[i]];
    if (w <= 0.0) return;
    const double dose = 1.0 - portable_exp(-w);
    RandomStream rs(c.seed, purposes::publicity, c.tick, i);
    double effect = 0.0;
    for (const Channel& ch : p.channels) {
      const double reach = ch.reach.empty()                 ? 0.0
                           : r.segment[i] < ch.reach.size() ? ch.reach[r.segment[i]]
                                                            : ch.reach.back();
      if (rs.bernoulli(reach)) effect = std::max(effect, ch.tailoring * dose);
    }
    if (effect <= 0.0) return;
    r.fatalism[i] = clamp01(r.fatalism[i] - p.publicity_fatalism * effect);
    r.confidence[i] = clamp01(r.confidence[i] + p.publicity_confidence * effect);
    r.inst_trust[i] = clamp01(r.inst_trust[i] + p.publicity_trust * effect);
    if ((won[r.patch[i]] >> r.issue[i]) & 1u) {
      r.salience[i] = clamp01(r.salience[i] + p.publicity_salience * effect);
    }
  });
}

}  // namespace gs::mobilisation
