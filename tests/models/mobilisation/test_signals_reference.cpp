// The signals kernels against their serial reference (signals.hpp;
// ARCHITECTURE.md 7): bit-identical signals and issue choices on small random
// graphs with trust weights, pending ties, every engagement level, 1 to 64
// issues, both weightings, for 1, 2 and 4 threads. Also: the overlay's
// row-wise merge gives the CSR and weights a rebuild with Graph::from_ties gives.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <span>
#include <vector>

#include "models/mobilisation/signals.hpp"
#include "models/mobilisation/state.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/tie_overlay.hpp"

using namespace gs;
using namespace gs::mobilisation;

namespace {

// A random multigraph (repeats and self-loops included) with trust weights in
// [0, 1] (some exactly 0), plus `extra` pending ties added after freezing.
TieOverlay random_overlay(AgentId n, std::uint32_t ties, std::uint32_t extra, std::uint64_t seed) {
  RandomStream rs(seed, 1, 0, 0);
  std::vector<Tie> t(ties);
  std::vector<float> w(ties);
  for (std::uint32_t i = 0; i < ties; ++i) {
    t[i] = {rs.below(n), rs.below(n)};
    w[i] = rs.bernoulli(0.1) ? 0.0f : static_cast<float>(rs.uniform());
  }
  TieOverlay o(Graph::from_ties(n, t, w));
  for (std::uint32_t i = 0; i < extra; ++i) {
    o.add_tie(rs.below(n), rs.below(n), static_cast<float>(rs.uniform()));
  }
  return o;
}

Residents random_residents(AgentId n, std::uint32_t issues, std::uint64_t seed) {
  RandomStream rs(seed, 2, 0, 0);
  Residents r;
  r.resize(n);
  for (AgentId i = 0; i < n; ++i) {
    r.engagement[i] = static_cast<std::uint8_t>(rs.below(5));
    r.issue[i] = static_cast<std::uint8_t>(rs.below(issues));
    if (rs.bernoulli(0.2)) r.group[i] = rs.below(10);
  }
  r.issue_next = r.issue;
  return r;
}

bool same_bits(float a, float b) {
  return std::memcmp(&a, &b, sizeof(float)) == 0;
}

bool same_bits(std::span<const float> a, std::span<const float> b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size_bytes()) == 0;
}

}  // namespace

TEST_CASE(
    "signals kernels equal the serial reference bit for bit (weights, pending ties, 1..64 "
    "issues, both weightings, 1/2/4 threads)",
    "[mobilisation][signals]") {
  std::size_t adopted = 0, isolated = 0, with_pending = 0;
  for (const AgentId n : {1u, 7u, 300u, 5000u}) {
    for (const std::uint32_t issues : {1u, 6u, 64u}) {
      for (const bool by_count : {false, true}) {
        for (const double adoption : {0.0, 0.5, 1.0}) {
          const auto seed = std::uint64_t{n} * 1000 + issues;
          const TieOverlay ties = random_overlay(n, 3 * n, n / 4, seed);
          const Residents start = random_residents(n, issues, seed);
          const SignalRule rule{by_count, adoption, issues, seed, 1004, 17};
          Residents ref = start;
          const std::vector<Signals> expected = reference_signals(ties, ref, rule);
          for (AgentId u = 0; u < n; ++u) {
            const Signals got = signals_of(ties, start, by_count, u);
            INFO("resident " << u << " of " << n << " issues " << issues << " by_count "
                             << by_count);
            REQUIRE(same_bits(got.social, expected[u].social));
            REQUIRE(same_bits(got.same, expected[u].same));
            REQUIRE(same_bits(got.leader, expected[u].leader));
            REQUIRE(same_bits(got.dialogue, expected[u].dialogue));
          }
          for (const std::size_t threads : {1u, 2u, 4u}) {
            ThreadLimit limit(threads);
            Residents par = start;
            adopt_issues(ties, par, rule);
            INFO("n " << n << " issues " << issues << " by_count " << by_count << " adoption "
                      << adoption << " threads " << threads);
            REQUIRE(par.issue_next == ref.issue_next);
            REQUIRE(par.issue == start.issue);  // the kernel reads issues, never writes them
          }
          for (AgentId i = 0; i < n; ++i) {
            adopted += ref.issue_next[i] != start.issue[i] ? 1 : 0;
            isolated += ties.degree(i) == 0 ? 1 : 0;
            with_pending += ties.pending(i).empty() ? 0 : 1;
          }
        }
      }
    }
  }
  // Not vacuous: issues were adopted, and isolated residents and pending ties occurred.
  CHECK(adopted > 100);
  CHECK(isolated > 0);
  CHECK(with_pending > 100);
}

TEST_CASE("tie overlay: the row-wise merge equals a rebuild with Graph::from_ties",
          "[mobilisation][signals][ties]") {
  for (const AgentId n : {40u, 3000u}) {
    TieOverlay o = random_overlay(n, 4 * n, n, n);
    {  // weighted ties with repeats freeze the same way on one thread (largest weight kept)
      ThreadLimit one(1);
      const TieOverlay serial = random_overlay(n, 4 * n, n, n);
      REQUIRE(std::ranges::equal(serial.base().neighbour_array(), o.base().neighbour_array()));
      REQUIRE(std::ranges::equal(serial.weight_array(), o.weight_array()));
    }
    o.strengthen(0, 1, 0.25f);  // may or may not exist; either way symmetric
    // Rebuild by hand: every tie once (u < v), its weight from u's side.
    std::vector<Tie> all;
    std::vector<float> w;
    for (AgentId u = 0; u < n; ++u) {
      o.for_each_tie(u, [&](AgentId v, float x) {
        if (u < v) {
          all.push_back({u, v});
          w.push_back(x);
        }
      });
    }
    const Graph rebuilt = Graph::from_ties(n, all, w);
    const auto pending = o.num_pending();
    o.merge();
    INFO("n " << n);
    CHECK(pending > 0);
    REQUIRE(o.num_pending() == 0);
    REQUIRE(std::ranges::equal(o.base().offsets(), rebuilt.offsets()));
    REQUIRE(std::ranges::equal(o.base().neighbour_array(), rebuilt.neighbour_array()));
    REQUIRE(same_bits(o.weight_array(), rebuilt.weight_array()));
  }
}
