// The engagement decision (MODEL.md tick step 2; docs/ODD.md "Engagement").
//
// Contract. Two propensities, because talking is cheap and acting is not
// (NLGN: an atomised community still has shallow engagement; Community Life
// Survey: civic participation is far commoner than volunteering):
//   talk_i = w_sal salience + w_dial dialogue_share + w_trust (inst_trust - 1/2)
//          + w_con inst_trust contact + w_thr threat
//   act_i  = w_sal salience + w_soc social + w_iss same_issue
//          + w_lead influence leader_exposure + w_eff (confidence - fatalism)
//          + w_trust (inst_trust - 1/2) + w_con inst_trust contact + w_thr threat
//          - w_fr log(1 + community) / log(1 + reference) - w_coh felt_division_s
// where division = 1 - (1 - tension) min(1, cross-segment share of ties /
// its value without homophily): a divided place has less collective efficacy
// (Sampson, Raudenbush and Earls 1997); and segment s feels it as
// felt_division_s = division x 2 p_s / (p_s + q_s), p_s its share of residents
// and q_s its share of this week's participants: in a divided place collective
// action reads as belonging to whoever already does it, so a segment under-
// represented among participants feels the division up to twice as much and
// one over-represented less (NLGN: the 'usual suspects' who dominate decision
// making; Zakocs and Edwards 2006). Residents' shares are population-weighted
// around 1, so the place as a whole loses about what it did before.
// Level k in 1..3 has the bar theta_i + rung_k + w_cost cost_k (1 - resources)
// (1 - hub_cut near a hub), cost_k = participation_cost hours_k / hours_3
// (time budgets), and level 3 is lowered by w_own own leadership. Level 1 is
// judged on talk, levels 2-3 on act.
// Each week a resident at level >= 1 first steps down one level with
// probability churn_level (times 1 + fatigue (1 - resources) at levels 3-4;
// life events, fatigue, moving away). Otherwise, with probability `rate`, they
// reconsider: with logistic noise e (scale `noise`), they step up toward the
// highest level k with x_k + e >= bar_k and down when x_k + e < bar_k -
// hysteresis, by at most max_step levels, never below a committed floor.
// Level 3 needs a group (roles are capped in groups.cpp); level 4 is given only
// to group leaders, who reason like organisers. The draws come from
// RandomStream(seed, decide, tick, i) in a fixed order, so participation is a
// repeated, costly, reversible choice whose aggregate responds smoothly.
// With every weight but `social` at 0 (social 1), noise 0, rate 1, churn 0,
// count weighting, rung_2 = 0 and max_step >= 2 the participation rule
// (level >= 2) is exactly the linear threshold model (Granovetter 1978; Watts
// 2002): tests/models/mobilisation/test_equivalence.cpp.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "models/mobilisation/phases.hpp"
#include "models/mobilisation/signals.hpp"
#include "sim/core/numeric.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/portable_math.hpp"

namespace gs::mobilisation {

namespace {

struct Propensity {
  double talk = 0.0, act = 0.0;
};

// `by_count`: engagement.social_weighting == count (signals.hpp).
Propensity propensities(const Community& c, AgentId i, double free_rider_share, bool by_count) {
  const Params& p = c.p;
  const Residents& r = c.r;
  const Weights& w = p.w;
  const Signals sig = signals_of(c.ties, r, by_count, i);
  double shared = 0.0;
  if (w.salience != 0.0) shared += w.salience * r.salience[i];
  if (w.trust != 0.0) shared += w.trust * (r.inst_trust[i] - 0.5);
  if (w.contact != 0.0) shared += w.contact * r.inst_trust[i] * r.contact[i];
  if (w.threat != 0.0) shared += w.threat * r.threat[i];
  Propensity out;
  out.talk = shared + (w.dialogue != 0.0 ? w.dialogue * sig.dialogue : 0.0);
  double act = shared;
  if (w.social != 0.0) act += w.social * sig.social;
  if (w.same_issue != 0.0) act += w.same_issue * sig.same;
  if (w.leader != 0.0) act += w.leader * p.leadership_influence * sig.leader;
  if (w.efficacy != 0.0) act += w.efficacy * (r.confidence[i] - r.fatalism[i]);
  if (w.free_rider != 0.0) act -= w.free_rider * free_rider_share;
  if (w.cohesion != 0.0 && !c.felt_division.empty()) {
    act -= w.cohesion * c.felt_division[r.segment[i]];
  }
  out.act = act;
  return out;
}

}  // namespace

// Residents and participants (level >= 2) are counted per segment in integer
// blocks (deterministic_tally), so any thread count gives the same result.
std::vector<double> felt_division(double division, std::uint32_t segments,
                                  std::span<const std::uint16_t> segment,
                                  std::span<const std::uint8_t> engagement) {
  const std::size_t n = segment.size();
  // Bins: residents of segment s at s, its participants at segments + s.
  const auto counts = deterministic_tally<std::int64_t>(
      n, 2 * std::size_t{segments}, [&](std::size_t i, std::span<std::int64_t> tally) {
        ++tally[segment[i]];
        if (engagement[i] >= participant) ++tally[segments + segment[i]];
      });
  std::int64_t all_participants = 0;
  for (std::size_t s = 0; s < segments; ++s) all_participants += counts[segments + s];
  std::vector<double> felt(segments, division);
  if (all_participants == 0) return felt;  // nobody acts yet: no one's action to read
  for (std::size_t s = 0; s < segments; ++s) {
    const double pop = static_cast<double>(counts[s]) / static_cast<double>(n);
    const double part =
        static_cast<double>(counts[segments + s]) / static_cast<double>(all_participants);
    if (pop > 0.0) felt[s] = division * 2.0 * pop / (pop + part);
  }
  return felt;
}

void decide(Community& c) {
  const Params& p = c.p;
  Residents& r = c.r;
  if (c.segments > 1 && c.cross_expected > 0.0 && c.tie_count() > 0) {
    c.division = 1.0 - (1.0 - p.tension) * std::min(1.0, c.cross_tie_share() / c.cross_expected);
    c.felt_division = felt_division(c.division, c.segments, r.segment, r.engagement);
  }
  const double hours_ref = std::max(1e-9, p.hours_per_level[organiser]);
  const bool noisy = p.noise > 0.0;
  const bool sometimes = p.rate < 1.0;
  const bool by_count = p.social_weighting == "count";
  const bool churns = std::any_of(p.churn.begin(), p.churn.end(), [](double x) { return x > 0; });
  const auto stamp = static_cast<std::uint16_t>(std::min<std::uint32_t>(c.tick, never - 1));
  // The free-rider share depends on the patch only (its population): one log per patch, not
  // one per reconsidering resident.
  std::vector<double> free_rider_share(p.w.free_rider != 0.0 ? c.patches : 0);
  parallel_for_index(free_rider_share.size(), [&](std::size_t q) {
    free_rider_share[q] = std::min(1.0, portable_log(1.0 + c.patch_population[q]) /
                                            portable_log(1.0 + p.free_rider_reference));
  });
  const auto changes =
      deterministic_sum<std::int64_t>(r.size(), [&](std::size_t k) -> std::int64_t {
        const auto i = static_cast<AgentId>(k);
        const std::uint8_t cur = r.engagement[i];
        int target = cur;
        // The uniforms are drawn in their fixed order but only as far as they are needed (a
        // stream's draws depend only on their position in it): most residents neither churn
        // nor reconsider, so they never pay for the noise draw's second Philox block.
        RandomStream rs(c.seed, purposes::decide, c.tick, i);
        const double u_churn = churns ? rs.uniform() : 1.0;
        double churn = cur >= in_dialogue ? p.churn[cur - 1u] : 0.0;
        if (cur >= organiser) churn *= 1.0 + p.fatigue * (1.0 - r.resources[i]);
        if (u_churn < churn) {
          target = cur - 1;
        } else if ((sometimes ? rs.uniform() : 0.0) < p.rate) {
          const double u_noise = noisy ? rs.uniform() : 0.5;
          const double share = p.w.free_rider != 0.0 ? free_rider_share[r.patch[i]] : 0.0;
          const Propensity x = propensities(c, i, share, by_count);
          const double e = noisy ? p.noise * portable_log(std::max(u_noise, 1e-300) /
                                                          std::max(1.0 - u_noise, 1e-300))
                                 : 0.0;
          const double cut = r.near_hub[i] != 0 ? p.hub_cost_cut : 0.0;
          const double scarce = (1.0 - r.resources[i]) * (1.0 - cut) * p.participation_cost;
          const int cap = r.group[i] != no_group ? organiser : participant;
          int up = 0, down = 0;
          for (int level = 1; level <= organiser; ++level) {
            double bar = r.theta[i] + p.rungs[static_cast<std::size_t>(level - 1)];
            if (p.w.cost != 0.0) {
              bar += p.w.cost * scarce * p.hours_per_level[static_cast<std::size_t>(level)] /
                     hours_ref;
            }
            if (level == organiser) bar -= p.w.own_leadership * r.leadership[i];
            const double v = (level == in_dialogue ? x.talk : x.act) + e;
            if (at_least(v, bar)) up = level;
            if (at_least(v, bar - p.hysteresis)) down = level;
          }
          up = std::min(up, cap);
          down = std::min(down, cap);
          const int step = static_cast<int>(p.max_step);
          const int now = cur == leader_level ? organiser : cur;  // leaders reason like organisers
          target = now;
          if (up > now) {
            target = std::min(up, now + step);
          } else if (down < now) {
            target = std::max(down, now - step);
          }
          if (cur == leader_level && target >= organiser) target = leader_level;
        }
        target = std::max<int>(target, r.floor[i]);
        const auto next = static_cast<std::uint8_t>(target);
        r.engagement_next[i] = next;
        if (next >= in_dialogue) r.last_dialogue[i] = stamp;
        if (next >= participant) r.last_participant[i] = stamp;
        if (next >= organiser) r.last_organiser[i] = stamp;
        return next != cur ? 1 : 0;
      });
  if (changes > 0) c.changed = true;
  r.engagement.swap(r.engagement_next);
}

}  // namespace gs::mobilisation
