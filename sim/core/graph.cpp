// CSR construction: count, scatter, then sort and deduplicate each row in parallel.
//
// Counting and scattering stay serial: a parallel version with relaxed atomic
// counters and cursors (then sorting rows, which makes it deterministic) was
// measured 3-5x slower at 1e6 agents / 5e6 ties on the shared 2-core machine
// (random-address lock-prefixed increments); see bench/README.md (BM_FromTies).
#include "sim/core/graph.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

namespace gs {

Graph Graph::from_ties(AgentId num_agents, std::span<const Tie> ties,
                       std::span<const float> weights, TieCleanup* cleanup) {
  if (!weights.empty() && weights.size() != ties.size()) {
    throw std::invalid_argument("Graph::from_ties: " + std::to_string(weights.size()) +
                                " weights for " + std::to_string(ties.size()) + " ties");
  }
  const bool weighted = !weights.empty();
  TieCleanup dropped;

  // Count both directions of every proper tie.
  std::vector<TieIndex> offsets(std::size_t{num_agents} + 1, 0);
  for (const Tie& t : ties) {
    if (t.u >= num_agents || t.v >= num_agents) {
      throw std::out_of_range("Graph::from_ties: tie (" + std::to_string(t.u) + ", " +
                              std::to_string(t.v) + ") outside " + std::to_string(num_agents) +
                              " agents");
    }
    if (t.u == t.v) {
      ++dropped.self_loops;
      continue;
    }
    ++offsets[t.u + 1];
    ++offsets[t.v + 1];
  }
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());

  // Scatter.
  std::vector<AgentId> neighbours(offsets.back());
  std::vector<float> tie_weights(weighted ? offsets.back() : 0);
  {
    std::vector<TieIndex> cursor(offsets.begin(), offsets.end() - 1);
    for (std::size_t i = 0; i < ties.size(); ++i) {
      const Tie& t = ties[i];
      if (t.u == t.v) continue;
      const TieIndex a = cursor[t.u]++;
      const TieIndex b = cursor[t.v]++;
      neighbours[a] = t.v;
      neighbours[b] = t.u;
      if (weighted) tie_weights[a] = tie_weights[b] = weights[i];
    }
  }

  // Sort each row and drop repeats; a row keeps its largest weight per neighbour.
  std::vector<TieIndex> unique_count(num_agents, 0);
  tbb::parallel_for(AgentId{0}, num_agents, [&](AgentId u) {
    const TieIndex begin = offsets[u];
    const TieIndex end = offsets[u + 1];
    if (!weighted) {
      auto first = neighbours.begin() + static_cast<std::ptrdiff_t>(begin);
      auto last = neighbours.begin() + static_cast<std::ptrdiff_t>(end);
      std::sort(first, last);
      unique_count[u] = static_cast<TieIndex>(std::unique(first, last) - first);
      return;
    }
    std::vector<std::pair<AgentId, float>> row;
    row.reserve(end - begin);
    for (TieIndex i = begin; i < end; ++i) row.emplace_back(neighbours[i], tie_weights[i]);
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second > b.second;
    });
    TieIndex kept = 0;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0 && row[i].first == row[i - 1].first) continue;
      neighbours[begin + kept] = row[i].first;
      tie_weights[begin + kept] = row[i].second;
      ++kept;
    }
    unique_count[u] = kept;
  });

  // Compact rows to their unique prefixes.
  Graph g;
  g.offsets_.assign(std::size_t{num_agents} + 1, 0);
  for (AgentId u = 0; u < num_agents; ++u) g.offsets_[u + 1] = g.offsets_[u] + unique_count[u];
  const TieIndex total = g.offsets_.back();
  dropped.duplicates = (offsets.back() - total) / 2;
  if (total == offsets.back()) {
    g.neighbours_ = std::move(neighbours);
    g.weights_ = std::move(tie_weights);
  } else {
    g.neighbours_.resize(total);
    if (weighted) g.weights_.resize(total);
    tbb::parallel_for(AgentId{0}, num_agents, [&](AgentId u) {
      std::copy_n(neighbours.begin() + static_cast<std::ptrdiff_t>(offsets[u]), unique_count[u],
                  g.neighbours_.begin() + static_cast<std::ptrdiff_t>(g.offsets_[u]));
      if (weighted) {
        std::copy_n(tie_weights.begin() + static_cast<std::ptrdiff_t>(offsets[u]), unique_count[u],
                    g.weights_.begin() + static_cast<std::ptrdiff_t>(g.offsets_[u]));
      }
    });
  }
  if (cleanup != nullptr) *cleanup = dropped;
  return g;
}

Graph Graph::from_csr(std::vector<TieIndex> offsets, std::vector<AgentId> neighbours,
                      std::vector<float> weights) {
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != neighbours.size() ||
      (!weights.empty() && weights.size() != neighbours.size())) {
    throw std::invalid_argument("Graph::from_csr: inconsistent CSR arrays");
  }
  Graph g;
  g.offsets_ = std::move(offsets);
  g.neighbours_ = std::move(neighbours);
  g.weights_ = std::move(weights);
  return g;
}

bool Graph::has_tie(AgentId u, AgentId v) const {
  const auto row = neighbours(u);
  return std::binary_search(row.begin(), row.end(), v);
}

}  // namespace gs
