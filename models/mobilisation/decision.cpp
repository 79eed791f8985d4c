// The engagement decision (MODEL.md tick step 2).
//
// Contract: propensity
//   p_i = w_s salience + w_soc social + w_iss same_issue
//       + w_lead * leadership.influence * leader_exposure + w_dial dialogue
//       + w_eff (confidence - fatalism) + w_con inst_trust * contact
//       + w_thr threat - w_cost cost (1 - hub_cut near_hub)(1 - resources)
//       - w_fr log(1 + community) / log(1 + reference) + noise N(0,1)
// (NLGN enablers and barriers; the free-rider problem after Gram et al. 2019
// grows with the size of the community at stake). Level k in 1..3 is within
// reach when gs::at_least(p_i, theta_i + rung_k); a resident steps up toward
// the highest level within reach and steps down when p_i falls below
// theta_i + rung_k - hysteresis, by at most engagement.max_step levels a tick,
// never below a committed floor. Level 3 needs a group; level 4 is given only
// to group leaders. With every weight but `social` at 0 (social = 1), noise 0,
// count weighting, rung_2 = 0 and max_step >= 2 this is exactly the linear
// threshold model (Granovetter 1978; Watts 2002) for participation (level >= 2).
#include <algorithm>
#include <cmath>

#include "models/mobilisation/model.hpp"
#include "sim/core/numeric.hpp"
#include "sim/core/parallel.hpp"

namespace gs::mobilisation {

double MobilisationModel::propensity(AgentId i) const {
  double p = 0.0;
  if (p_.w_salience != 0.0) p += p_.w_salience * r_.salience[i];
  if (p_.w_social != 0.0) p += p_.w_social * r_.sig_social[i];
  if (p_.w_same_issue != 0.0) p += p_.w_same_issue * r_.sig_same[i];
  if (p_.w_leader != 0.0) p += p_.w_leader * p_.leadership_influence * r_.sig_leader[i];
  if (p_.w_dialogue != 0.0) p += p_.w_dialogue * r_.sig_dialogue[i];
  if (p_.w_efficacy != 0.0) p += p_.w_efficacy * (r_.confidence[i] - r_.fatalism[i]);
  if (p_.w_contact != 0.0) p += p_.w_contact * r_.inst_trust[i] * r_.contact[i];
  if (p_.w_threat != 0.0) p += p_.w_threat * r_.threat[i];
  if (p_.w_cost != 0.0) {
    const double cut = r_.near_hub[i] != 0 ? p_.hub_cost_cut : 0.0;
    p -= p_.w_cost * p_.participation_cost * (1.0 - cut) * (1.0 - r_.resources[i]);
  }
  if (p_.w_free_rider != 0.0) {
    // A pure function of (community, reference), remembered per thread: residents of one
    // patch share it, so two log1p calls per resident and tick become one per patch run
    // (bit-identical; bench/README.md).
    thread_local double memo_c = -1.0, memo_ref = -1.0, memo_share = 0.0;
    const double c = community_size(i);
    if (c != memo_c || p_.free_rider_reference != memo_ref) {
      memo_c = c;
      memo_ref = p_.free_rider_reference;
      memo_share = std::min(1.0, std::log1p(c) / std::log1p(memo_ref));
    }
    p -= p_.w_free_rider * memo_share;
  }
  return p;
}

void MobilisationModel::decide(std::uint32_t tick) {
  const auto changes =
      deterministic_sum<std::int64_t>(r_.size(), [&](std::size_t k) -> std::int64_t {
        const auto i = static_cast<AgentId>(k);
        const std::uint8_t cur = r_.engagement[i];
        std::uint8_t next = cur;
        bool draw_needed = p_.noise > 0.0 || p_.rate < 1.0;
        double p = propensity(i);
        bool reconsider = true;
        if (draw_needed) {
          RandomStream rs(seed_, purposes::decide, tick, i);
          if (p_.rate < 1.0) reconsider = rs.bernoulli(p_.rate);
          if (p_.noise > 0.0) p += p_.noise * rs.normal();
        }
        if (reconsider) {
          const double theta = r_.theta[i];
          const int cap = r_.group[i] != no_group ? organiser : participant;
          int up = 0, down = 0;
          for (int level = 1; level <= organiser; ++level) {
            const double bar = theta + p_.rungs[static_cast<std::size_t>(level - 1)];
            if (at_least(p, bar)) up = level;
            if (at_least(p, bar - p_.hysteresis)) down = level;
          }
          up = std::min(up, cap);
          down = std::min(down, cap);
          const int step = static_cast<int>(p_.max_step);
          const int c = cur == leader_level ? organiser : cur;  // leaders reason like organisers
          int target = c;
          if (up > c)
            target = std::min(up, c + step);
          else if (down < c)
            target = std::max(down, c - step);
          target = std::max<int>(target, r_.floor[i]);
          if (cur == leader_level && target >= participant) target = leader_level;
          next = static_cast<std::uint8_t>(target);
        }
        r_.engagement_next[i] = next;
        if (next >= in_dialogue) r_.ever_engaged[i] = 1;
        if (next >= participant) r_.ever_participated[i] = 1;
        return next != cur ? 1 : 0;
      });
  if (changes > 0) changed_ = true;
  r_.engagement.swap(r_.engagement_next);
}

}  // namespace gs::mobilisation
