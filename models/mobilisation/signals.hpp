// Neighbourhood signals (MODEL.md tick step 1): what a resident's ties tell
// them, and the issues residents adopt from their ties; per-resident and
// parallel kernels, and the plain serial reference they are tested against
// (ARCHITECTURE.md 7, after gapbs's verifiers).
//
// Contract: from the engagement and issues at the start of the tick, for
// resident u, over u's ties (CSR ties in order, then pending ties in insertion
// order, as TieOverlay::for_each_tie visits them), with weights w (trust):
//   social   = sum w over participating neighbours (level >= 2) / degree:
//              the share of neighbours taking part, each counted by the
//              trust u has in them (trust in neighbours shapes joining;
//              a distrusted or divided neighbourhood pulls less), or
//              their plain count / degree when `by_count` (Granovetter
//              1978; Watts 2002); 0 without ties;
//   same     = sum w over participants on u's own issue / degree;
//   leader   = 1 - exp(-sum w over leaders (level 4));
//   dialogue = sum w over neighbours in dialogue (level >= 1) / degree;
//   issue_next[u] = u's issue, except that a resident in dialogue, in no group,
//              with participating neighbours, whose most trusted issue
//              among them (the first maximum of float sums of w per issue)
//              differs from theirs and holds more than half their weight,
//              adopts it with probability issue_adoption, drawn from
//              RandomStream(seed, purpose, tick, u) ("a clear set of
//              priorities as a collective" emerges from dialogue, NLGN
//              Table 1).
// Sums are doubles (per issue: floats) added in that visiting order, so the
// kernels and the reference agree bit for bit, whatever the thread count.
//
// Signals are computed on demand (signals_of), only for the residents who
// reconsider their engagement this tick (about one in four: decision.cpp),
// and the issue pass only walks the ties of residents who may adopt one;
// neither writes anything but issue_next (pull style, gapbs pr.cc), so the
// caller swaps issues in after the decision, which reads the start-of-tick
// issues through signals_of.
#pragma once

#include <cstdint>
#include <vector>

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

struct Signals {
  float social = 0.0f, same = 0.0f, leader = 0.0f, dialogue = 0.0f;
};

// One resident's signals, from r.engagement and r.issue (start of the tick).
Signals signals_of(const TieOverlay& ties, const Residents& r, bool by_count, AgentId u);

// Parallel kernel: writes r.issue_next for every resident (r.issue unchanged).
void adopt_issues(const TieOverlay& ties, Residents& r, const SignalRule& rule);

// Serial reference: the definition above, one resident and one tie at a time;
// every resident's signals, and r.issue_next.
std::vector<Signals> reference_signals(const TieOverlay& ties, Residents& r,
                                       const SignalRule& rule);

}  // namespace gs::mobilisation
