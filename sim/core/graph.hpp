// The social network: an undirected graph frozen into compressed sparse rows.
//
// Contract: agents are 0..num_agents()-1 (32-bit ids); each undirected tie is
// stored once in each direction, so neighbours(u) is a contiguous, sorted,
// duplicate-free range with no self-loop. Weights (interpersonal trust, in
// [0,1]) are optional and parallel to the neighbour array. Memory: 8 bytes per
// agent plus 4 bytes per directed tie (8 when weighted). Layout after gapbs
// `CSRGraph` (src/graph.h): hot loops walk neighbour ranges front to back.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace gs {

using AgentId = std::uint32_t;
using TieIndex = std::uint64_t;

struct Tie {
  AgentId u;
  AgentId v;
};

// What from_ties() dropped while cleaning its input.
struct TieCleanup {
  std::uint64_t self_loops = 0;
  std::uint64_t duplicates = 0;  // undirected ties seen again (in either orientation)
};

class Graph {
 public:
  Graph() = default;

  // Builds from undirected ties. Self-loops and repeated ties are dropped and
  // counted in `cleanup`; a repeated weighted tie keeps its largest weight.
  // `weights` is empty (unweighted) or one weight per tie. Runs in parallel;
  // the result does not depend on the thread count or on the order of `ties`.
  static Graph from_ties(AgentId num_agents, std::span<const Tie> ties,
                         std::span<const float> weights = {}, TieCleanup* cleanup = nullptr);
  // Adopts ready CSR arrays (offsets of num_agents + 1 entries starting at 0,
  // rows sorted and duplicate-free, both directions present; weights empty or
  // parallel to neighbours). Checks sizes only, not the row invariants.
  static Graph from_csr(std::vector<TieIndex> offsets, std::vector<AgentId> neighbours,
                        std::vector<float> weights = {});

  AgentId num_agents() const { return static_cast<AgentId>(offsets_.size() - 1); }
  TieIndex num_directed_ties() const { return offsets_.back(); }
  TieIndex num_ties() const { return num_directed_ties() / 2; }
  bool weighted() const { return !weights_.empty(); }

  AgentId degree(AgentId u) const { return static_cast<AgentId>(offsets_[u + 1] - offsets_[u]); }
  std::span<const AgentId> neighbours(AgentId u) const {
    return {neighbours_.data() + offsets_[u], degree(u)};
  }
  // Weights of neighbours(u), in the same order; empty for an unweighted graph.
  std::span<const float> weights(AgentId u) const {
    if (weights_.empty()) return {};
    return {weights_.data() + offsets_[u], degree(u)};
  }
  // Weight of the directed tie at position `index` of the neighbour array (1 if unweighted).
  float weight_at(TieIndex index) const { return weights_.empty() ? 1.0f : weights_[index]; }

  // Raw CSR arrays, for kernels that index ties directly.
  std::span<const TieIndex> offsets() const { return offsets_; }
  std::span<const AgentId> neighbour_array() const { return neighbours_; }
  std::span<const float> weight_array() const { return weights_; }

  bool has_tie(AgentId u, AgentId v) const;
  double mean_degree() const {
    return num_agents() == 0 ? 0.0 : static_cast<double>(num_directed_ties()) / num_agents();
  }
  std::size_t memory_bytes() const {
    return offsets_.capacity() * sizeof(TieIndex) + neighbours_.capacity() * sizeof(AgentId) +
           weights_.capacity() * sizeof(float);
  }

 private:
  std::vector<TieIndex> offsets_{0};
  std::vector<AgentId> neighbours_;
  std::vector<float> weights_;
};

}  // namespace gs
