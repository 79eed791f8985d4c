// Neighbourhood signals: the parallel hot loop over ties and its serial
// reference (MODEL.md tick step 1); see signals.hpp for the contract.
//
// Speed (bench_mobilisation, bench/README.md): the kernel walks the CSR arrays
// directly, skips atomised neighbours (most of them: they add +0.0 to every
// non-negative sum, which changes no bit) and accumulates the others without
// further branches (a level selects w or +0.0), reads a resident's pending
// ties only when it has some, and fills the per-issue tally only for residents
// who may adopt an issue, in the same single pass over their ties.
#include "models/mobilisation/signals.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "models/mobilisation/phases.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/portable_math.hpp"
#include "sim/core/rng.hpp"

namespace gs::mobilisation {

namespace {

struct Sums {
  double part = 0.0, same = 0.0, lead = 0.0, dial = 0.0;
  std::uint32_t deg = 0, part_count = 0;
};

// Who may adopt an issue this tick, once their sums are known (signals.hpp).
bool may_adopt(const Residents& r, const SignalRule& rule, AgentId u) {
  return rule.issue_adoption > 0.0 && r.engagement[u] >= in_dialogue && r.group[u] == no_group;
}

// Writes the four signals of u and decides issue_next[u] from its sums and its
// per-issue tally (filled only when may_adopt(u)).
void finish(Residents& r, const SignalRule& rule, AgentId u, const Sums& s,
            const std::array<float, 64>& by_issue) {
  const double inv_deg = s.deg == 0 ? 0.0 : 1.0 / static_cast<double>(s.deg);
  r.sig_social[u] = rule.by_count ? static_cast<float>(static_cast<double>(s.part_count) * inv_deg)
                                  : static_cast<float>(s.part * inv_deg);
  r.sig_same[u] = static_cast<float>(s.same * inv_deg);
  // Most residents have no leader among their neighbours: 1 - exp(-0) is exactly 0.
  r.sig_leader[u] = s.lead == 0.0 ? 0.0f : static_cast<float>(1.0 - portable_exp(-s.lead));
  r.sig_dialogue[u] = static_cast<float>(s.dial * inv_deg);
  const std::uint8_t my_issue = r.issue[u];
  r.issue_next[u] = my_issue;
  if (s.part > 0.0 && may_adopt(r, rule, u)) {
    const auto best = static_cast<std::uint8_t>(
        std::max_element(by_issue.begin(), by_issue.begin() + rule.issues) - by_issue.begin());
    if (best != my_issue && by_issue[best] > 0.5 * s.part) {
      RandomStream rs(rule.seed, rule.purpose, rule.tick, u);
      if (rs.bernoulli(rule.issue_adoption)) r.issue_next[u] = best;
    }
  }
}

}  // namespace

void compute_signals(const TieOverlay& ties, Residents& r, const SignalRule& rule) {
  const auto offsets = ties.base().offsets();
  const AgentId* const nbrs = ties.base().neighbour_array().data();
  const float* const weights = ties.weight_array().data();
  const std::uint8_t* const level = r.engagement.data();
  const std::uint8_t* const issue = r.issue.data();
  const bool any_pending = ties.num_pending() > 0;
  parallel_for_chunks(r.size(), 1024, [&](std::size_t begin, std::size_t end) {
    std::array<float, 64> by_issue{};
    for (std::size_t k = begin; k < end; ++k) {
      const auto u = static_cast<AgentId>(k);
      const std::uint8_t my_issue = issue[u];
      const bool tally = may_adopt(r, rule, u);
      if (tally) std::fill(by_issue.begin(), by_issue.begin() + rule.issues, 0.0f);
      Sums s;
      // One pass over u's ties in visiting order. Most neighbours are atomised and add +0.0
      // to every (non-negative) sum, which changes no bit, so they are skipped; the tally is
      // kept in the same pass, in the same order, for those who may adopt an issue.
      auto visit = [&](AgentId v, float wf) {
        const std::uint8_t e = level[v];
        if (e == atomised) return;
        const double w = wf;
        const bool part = e >= participant;
        s.part_count += part ? 1u : 0u;
        s.part += part ? w : 0.0;
        s.same += part && issue[v] == my_issue ? w : 0.0;
        s.lead += e >= leader_level ? w : 0.0;
        s.dial += w;
        if (tally && part) by_issue[issue[v]] += wf;
      };
      const TieIndex first = offsets[u], last = offsets[u + 1];
      for (TieIndex t = first; t < last; ++t) visit(nbrs[t], weights[t]);
      s.deg = static_cast<std::uint32_t>(last - first);
      const auto extra = any_pending ? ties.pending(u) : std::span<const TieOverlay::Pending>{};
      for (const auto& p : extra) visit(p.v, p.w);
      s.deg += static_cast<std::uint32_t>(extra.size());
      finish(r, rule, u, s, by_issue);
    }
  });
}

// The definition, written out plainly (the original kernel, run serially).
void reference_signals(const TieOverlay& ties, Residents& r, const SignalRule& rule) {
  for (AgentId u = 0; u < r.size(); ++u) {
    const std::uint8_t my_issue = r.issue[u];
    const bool engaged = r.engagement[u] >= in_dialogue;
    double part = 0.0, same = 0.0, lead = 0.0, dial = 0.0;
    std::uint32_t deg = 0, part_count = 0;
    std::array<float, 64> by_issue{};
    ties.for_each_tie(u, [&](AgentId v, float w) {
      const std::uint8_t e = r.engagement[v];
      ++deg;
      if (e >= participant) {
        ++part_count;
        part += w;
        if (r.issue[v] == my_issue) same += w;
        by_issue[r.issue[v]] += w;
      }
      if (e >= leader_level) lead += w;
      if (e >= in_dialogue) dial += w;
    });
    const double inv_deg = deg == 0 ? 0.0 : 1.0 / static_cast<double>(deg);
    r.sig_social[u] = rule.by_count ? static_cast<float>(static_cast<double>(part_count) * inv_deg)
                                    : static_cast<float>(part * inv_deg);
    r.sig_same[u] = static_cast<float>(same * inv_deg);
    r.sig_leader[u] = static_cast<float>(1.0 - portable_exp(-lead));
    r.sig_dialogue[u] = static_cast<float>(dial * inv_deg);
    r.issue_next[u] = my_issue;
    if (engaged && part > 0.0 && rule.issue_adoption > 0.0 && r.group[u] == no_group) {
      const auto best = static_cast<std::uint8_t>(
          std::max_element(by_issue.begin(), by_issue.begin() + rule.issues) - by_issue.begin());
      if (best != my_issue && by_issue[best] > 0.5 * part) {
        RandomStream rs(rule.seed, rule.purpose, rule.tick, u);
        if (rs.bernoulli(rule.issue_adoption)) r.issue_next[u] = best;
      }
    }
  }
}

void update_signals(Community& c) {
  const SignalRule rule{c.p.social_weighting == "count",
                        c.p.issue_adoption,
                        c.issues,
                        c.seed,
                        purposes::issue,
                        c.tick};
  compute_signals(c.ties, c.r, rule);
  c.r.issue.swap(c.r.issue_next);
}

}  // namespace gs::mobilisation
