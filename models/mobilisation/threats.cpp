// Threat events: "something to oppose" (NLGN enablers, after Alinsky).
//
// Contract: while an event is on (tick .. tick + duration - 1), residents of
// its patches (all when none are named) whose issue is the threat's get
// exposure max(exposure, strength), which enters both propensities and decays
// at opposition.exposure_decay once the event is over (drift.cpp). When it
// fires, a resident in no group adopts the threat's issue with probability
// issue_switch x strength (RandomStream(seed, threat, tick, i), one draw per
// earlier event skipped so events do not share draws), and residents on that
// issue gain salience_boost x strength x (1 - salience). The boost drifts back
// toward the baseline at drifts.salience, so a surge fades once the threat has
// passed; what remains is the residue of groups, ties and lowered fatalism
// that action left behind (stylised fact 13).
#include <algorithm>

#include "models/mobilisation/phases.hpp"
#include "sim/core/parallel.hpp"

namespace gs::mobilisation {

void fire_threats(Community& c) {
  const auto t = static_cast<std::int64_t>(c.tick);
  for (std::size_t e = 0; e < c.p.threats.size(); ++e) {
    const ThreatEvent& ev = c.p.threats[e];
    if (t < ev.tick || t >= ev.tick + ev.duration) continue;
    std::vector<std::uint8_t> in_patch;
    if (!ev.patches.empty()) {
      in_patch.assign(c.patches, 0);
      for (auto q : ev.patches) {
        if (q >= 0 && q < static_cast<std::int64_t>(c.patches))
          in_patch[static_cast<std::size_t>(q)] = 1;
      }
    }
    const auto issue = static_cast<std::uint8_t>(std::min<std::int64_t>(ev.issue, c.issues - 1));
    const bool first = t == ev.tick;
    Residents& r = c.r;
    parallel_for_index(r.size(), [&](std::size_t i) {
      if (!in_patch.empty() && in_patch[r.patch[i]] == 0) return;
      if (first && r.issue[i] != issue) {
        RandomStream rs(c.seed, purposes::threat, c.tick, static_cast<std::uint32_t>(i));
        for (std::size_t skip = 0; skip < e; ++skip) rs();
        if (r.group[i] == no_group && rs.bernoulli(c.p.opposition_issue_switch * ev.strength)) {
          r.issue[i] = r.issue_next[i] = issue;
        }
      }
      if (r.issue[i] != issue) return;
      r.threat[i] = std::max(r.threat[i], static_cast<float>(ev.strength));
      if (first) {
        r.salience[i] = static_cast<float>(std::clamp(
            r.salience[i] + c.p.opposition_salience_boost * ev.strength * (1.0 - r.salience[i]),
            0.0, 1.0));
      }
    });
    c.changed = true;
  }
}

}  // namespace gs::mobilisation
