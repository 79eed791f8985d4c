// Neighbourhood signals: the per-resident and parallel kernels and their
// serial reference (MODEL.md tick step 1); see signals.hpp for the contract.
//
// Speed (bench_mobilisation, bench/README.md): the kernels walk the CSR arrays
// directly, skip atomised neighbours (most of them: they add +0.0 to every
// non-negative sum, which changes no bit) and accumulate the others without
// further branches (a level selects w or +0.0), and read a resident's pending
// ties only when it has some. Only the ties of residents who reconsider
// (signals_of, from decision.cpp) or who may adopt an issue (adopt_issues,
// with the per-issue tally in the same pass) are walked: about half of all
// ties in a typical week, where every tie was walked before.
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

// Who may adopt an issue this tick (signals.hpp).
bool may_adopt(const Residents& r, const SignalRule& rule, AgentId u) {
  return rule.issue_adoption > 0.0 && r.engagement[u] >= in_dialogue && r.group[u] == no_group;
}

// One pass over u's ties in visiting order, adding each neighbour's weight to
// the sums of u's own issue `my_issue`, and to by_issue (when given) for
// participants.
Sums neighbour_sums(const TieOverlay& ties, const Residents& r, AgentId u,
                    std::array<float, 64>* by_issue) {
  const std::uint8_t* const level = r.engagement.data();
  const std::uint8_t* const issue = r.issue.data();
  const std::uint8_t my_issue = issue[u];
  Sums s;
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
    if (by_issue != nullptr && part) (*by_issue)[issue[v]] += wf;
  };
  const auto offsets = ties.base().offsets();
  const AgentId* const nbrs = ties.base().neighbour_array().data();
  const float* const weights = ties.weight_array().data();
  const TieIndex first = offsets[u], last = offsets[u + 1];
  for (TieIndex t = first; t < last; ++t) visit(nbrs[t], weights[t]);
  s.deg = static_cast<std::uint32_t>(last - first);
  if (ties.num_pending() > 0) {
    const auto extra = ties.pending(u);
    for (const auto& p : extra) visit(p.v, p.w);
    s.deg += static_cast<std::uint32_t>(extra.size());
  }
  return s;
}

}  // namespace

Signals signals_of(const TieOverlay& ties, const Residents& r, bool by_count, AgentId u) {
  const Sums s = neighbour_sums(ties, r, u, nullptr);
  const double inv_deg = s.deg == 0 ? 0.0 : 1.0 / static_cast<double>(s.deg);
  Signals out;
  out.social = by_count ? static_cast<float>(static_cast<double>(s.part_count) * inv_deg)
                        : static_cast<float>(s.part * inv_deg);
  out.same = static_cast<float>(s.same * inv_deg);
  // Most residents have no leader among their neighbours: 1 - exp(-0) is exactly 0.
  out.leader = s.lead == 0.0 ? 0.0f : static_cast<float>(1.0 - portable_exp(-s.lead));
  out.dialogue = static_cast<float>(s.dial * inv_deg);
  return out;
}

void adopt_issues(const TieOverlay& ties, Residents& r, const SignalRule& rule) {
  parallel_for_chunks(r.size(), 1024, [&](std::size_t begin, std::size_t end) {
    std::array<float, 64> by_issue{};
    for (std::size_t k = begin; k < end; ++k) {
      const auto u = static_cast<AgentId>(k);
      const std::uint8_t my_issue = r.issue[u];
      r.issue_next[u] = my_issue;
      if (!may_adopt(r, rule, u)) continue;
      std::fill(by_issue.begin(), by_issue.begin() + rule.issues, 0.0f);
      const Sums s = neighbour_sums(ties, r, u, &by_issue);
      if (s.part <= 0.0) continue;
      const auto best = static_cast<std::uint8_t>(
          std::max_element(by_issue.begin(), by_issue.begin() + rule.issues) - by_issue.begin());
      if (best != my_issue && by_issue[best] > 0.5 * s.part) {
        RandomStream rs(rule.seed, rule.purpose, rule.tick, u);
        if (rs.bernoulli(rule.issue_adoption)) r.issue_next[u] = best;
      }
    }
  });
}

// The definition, written out plainly (the original kernel, run serially).
std::vector<Signals> reference_signals(const TieOverlay& ties, Residents& r,
                                       const SignalRule& rule) {
  std::vector<Signals> out(r.size());
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
    out[u].social = rule.by_count ? static_cast<float>(static_cast<double>(part_count) * inv_deg)
                                  : static_cast<float>(part * inv_deg);
    out[u].same = static_cast<float>(same * inv_deg);
    out[u].leader = static_cast<float>(1.0 - portable_exp(-lead));
    out[u].dialogue = static_cast<float>(dial * inv_deg);
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
  return out;
}

void adopt_issues(Community& c) {
  const SignalRule rule{c.p.social_weighting == "count",
                        c.p.issue_adoption,
                        c.issues,
                        c.seed,
                        purposes::issue,
                        c.tick};
  adopt_issues(c.ties, c.r, rule);
}

}  // namespace gs::mobilisation
