// Neighbourhood signals (MODEL.md tick step 1): the parallel kernel over ties
// and the plain serial reference it is tested against (ARCHITECTURE.md 7,
// after gapbs's verifiers).
//
// Contract: from the engagement and issues at the start of the tick, for every
// resident u, over u's ties (CSR ties in order, then pending ties in insertion
// order, as TieOverlay::for_each_tie visits them), with weights w (trust):
//   sig_social   = sum w over participating neighbours (level >= 2) / degree:
//                  the share of neighbours taking part, each counted by the
//                  trust u has in them (trust in neighbours shapes joining;
//                  a distrusted or divided neighbourhood pulls less), or
//                  their plain count / degree when `by_count` (Granovetter
//                  1978; Watts 2002); 0 without ties;
//   sig_same     = sum w over participants on u's own issue / degree;
//   sig_leader   = 1 - exp(-sum w over leaders (level 4));
//   sig_dialogue = sum w over neighbours in dialogue (level >= 1) / degree;
//   issue_next   = u's issue, except that a resident in dialogue, in no group,
//                  with participating neighbours, whose most trusted issue
//                  among them (the first maximum of float sums of w per issue)
//                  differs from theirs and holds more than half their weight,
//                  adopts it with probability issue_adoption, drawn from
//                  RandomStream(seed, purpose, tick, u) ("a clear set of
//                  priorities as a collective" emerges from dialogue, NLGN
//                  Table 1).
// Sums are doubles (per issue: floats) added in that visiting order, so the
// kernel and the reference agree bit for bit, whatever the thread count. Both
// write only u's own signals and issue_next (pull style, gapbs pr.cc).
#pragma once

#include <cstdint>

#include "models/mobilisation/state.hpp"
#include "sim/core/tie_overlay.hpp"

namespace gs::mobilisation {

struct SignalRule {
  bool by_count = false;        // engagement.social_weighting == count
  double issue_adoption = 0.0;  // engagement.issue_adoption
  std::uint32_t issues = 1;     // issue ids are 0..issues-1, issues <= 64
  std::uint64_t seed = 0;
  std::uint32_t purpose = 0;  // random stream purpose of adoption draws
  std::uint32_t tick = 0;
};

// Parallel kernel: branch-free accumulation over the CSR arrays; the per-issue
// tally is taken in a second pass only for residents who may adopt an issue.
void compute_signals(const TieOverlay& ties, Residents& r, const SignalRule& rule);

// Serial reference: the definition above, one resident and one tie at a time.
void reference_signals(const TieOverlay& ties, Residents& r, const SignalRule& rule);

}  // namespace gs::mobilisation
