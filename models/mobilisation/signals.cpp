// Neighbourhood signals: the parallel hot loop over ties (MODEL.md tick step 1).
//
// Contract: for every resident, from the engagement and issues at the start of
// the tick: the trust-weighted share of participating neighbours (level >= 2;
// the plain count share when engagement.social_weighting is `count`, as in
// Granovetter 1978 / Watts 2002), the share participating on the resident's
// own issue, exposure to leaders 1 - exp(-sum of trust to level-4 neighbours),
// and the share in dialogue (level >= 1). Residents in dialogue also find the
// issue most of their participating neighbours share and may adopt it
// (engagement.issue_adoption): "a clear set of priorities as a collective"
// emerges from dialogue (NLGN Table 1). Pull-style: writes only resident i's
// own fields, so it is deterministic for any thread count (gapbs pr.cc).
#include <algorithm>
#include <array>
#include <cmath>

#include "models/mobilisation/model.hpp"
#include "sim/core/parallel.hpp"

namespace gs::mobilisation {

void MobilisationModel::compute_signals() {
  const bool by_count = p_.social_weighting == "count";
  const std::uint32_t tick = last_tick_;
  parallel_for_index(r_.size(), [&](std::size_t k) {
    const auto u = static_cast<AgentId>(k);
    const std::uint8_t my_issue = r_.issue[u];
    const bool engaged = r_.engagement[u] >= in_dialogue;
    double wsum = 0.0, part = 0.0, same = 0.0, lead = 0.0, dial = 0.0;
    std::uint32_t deg = 0, part_count = 0;
    std::array<float, 64> by_issue{};
    ties_.for_each_tie(u, [&](AgentId v, float w) {
      const std::uint8_t e = r_.engagement[v];
      ++deg;
      wsum += w;
      if (e >= participant) {
        ++part_count;
        part += w;
        if (r_.issue[v] == my_issue) same += w;
        if (engaged) by_issue[r_.issue[v]] += w;
      }
      if (e >= leader_level) lead += w;
      if (e >= in_dialogue) dial += w;
    });
    if (by_count) {
      r_.sig_social[u] =
          deg == 0 ? 0.0f : static_cast<float>(static_cast<double>(part_count) / deg);
    } else {
      r_.sig_social[u] = wsum > 0.0 ? static_cast<float>(part / wsum) : 0.0f;
    }
    r_.sig_same[u] = wsum > 0.0 ? static_cast<float>(same / wsum) : 0.0f;
    r_.sig_leader[u] = static_cast<float>(1.0 - std::exp(-lead));
    r_.sig_dialogue[u] = wsum > 0.0 ? static_cast<float>(dial / wsum) : 0.0f;
    r_.issue_next[u] = my_issue;
    if (engaged && part > 0.0 && p_.issue_adoption > 0.0 && r_.group[u] == no_group) {
      const auto best = static_cast<std::uint8_t>(
          std::max_element(by_issue.begin(), by_issue.begin() + issues_) - by_issue.begin());
      if (best != my_issue && by_issue[best] > 0.5 * part) {
        RandomStream rs(seed_, purposes::issue, tick, u);
        if (rs.bernoulli(p_.issue_adoption)) r_.issue_next[u] = best;
      }
    }
  });
  r_.issue.swap(r_.issue_next);
}

}  // namespace gs::mobilisation
