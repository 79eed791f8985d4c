// A dynamic social network: a frozen CSR graph plus an overlay of new ties,
// folded back into the CSR at intervals, and mutable tie weights.
//
// Contract: TieOverlay knows nothing about any model. It holds undirected,
// weighted ties (weights in [0,1], e.g. interpersonal trust). for_each_tie(u)
// visits u's CSR ties (contiguous, sorted) and then u's pending ties (added
// since the last merge), so hot loops stay cache-friendly while the network
// grows. add_tie() must be called serially (its order defines the result);
// weights of u's own row may be changed in a parallel phase that touches only
// rows it owns (pull style, gapbs `pr.cc`), and the owner must apply the same
// symmetric rule to both directions to keep weights symmetric. merge() folds
// the pending ties into a fresh CSR, row by row in parallel (thread-count
// independent; the same CSR Graph::from_ties would build); the overlay's
// weights are the weights, base() is left unweighted after a merge. Memory: the CSR's plus 4 bytes
// per directed tie for mutable weights, 4 bytes per agent for the pending index (agents without
// pending ties cost nothing more) and 8 bytes per pending directed tie plus one list header per
// agent with pending ties. A hot loop reads the 4-byte index only, not a 24-byte vector header per
// agent.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "sim/core/graph.hpp"

namespace gs {

class TieOverlay {
 public:
  struct Pending {
    AgentId v;
    float w;
  };

  TieOverlay() = default;
  // Takes a graph; an unweighted graph gets `default_weight` on every tie.
  explicit TieOverlay(Graph base, float default_weight = 1.0f);

  AgentId num_agents() const { return base_.num_agents(); }
  // Undirected ties, CSR plus pending.
  std::uint64_t num_ties() const { return base_.num_ties() + pending_ties_; }
  std::uint64_t num_pending() const { return pending_ties_; }
  const Graph& base() const { return base_; }

  AgentId degree(AgentId u) const {
    return base_.degree(u) + static_cast<AgentId>(pending(u).size());
  }
  std::span<const AgentId> base_neighbours(AgentId u) const { return base_.neighbours(u); }
  std::span<float> base_weights(AgentId u) {
    const auto o = base_.offsets();
    return {weights_.data() + o[u], static_cast<std::size_t>(o[u + 1] - o[u])};
  }
  std::span<const float> base_weights(AgentId u) const {
    const auto o = base_.offsets();
    return {weights_.data() + o[u], static_cast<std::size_t>(o[u + 1] - o[u])};
  }
  // Tie weights parallel to base().neighbour_array(), for kernels that index ties directly.
  std::span<const float> weight_array() const { return weights_; }
  std::span<Pending> pending(AgentId u) {
    const std::uint32_t s = slot_[u];
    return s == no_slot ? std::span<Pending>{} : std::span<Pending>(lists_[s]);
  }
  std::span<const Pending> pending(AgentId u) const {
    const std::uint32_t s = slot_[u];
    return s == no_slot ? std::span<const Pending>{} : std::span<const Pending>(lists_[s]);
  }

  // The k-th neighbour of u (k < degree(u)) in for_each_tie's order: CSR ties
  // first, then pending ones (a uniform pick is neighbour(u, below(degree(u)))).
  AgentId neighbour(AgentId u, AgentId k) const {
    const auto nb = base_.neighbours(u);
    return k < nb.size() ? nb[k] : pending(u)[k - nb.size()].v;
  }

  // Visits every tie of u as f(v, weight): CSR ties first, then pending ones.
  template <class F>
  void for_each_tie(AgentId u, F&& f) const {
    const auto nb = base_.neighbours(u);
    const auto o = base_.offsets()[u];
    for (std::size_t k = 0; k < nb.size(); ++k) f(nb[k], weights_[o + k]);
    for (const Pending& p : pending(u)) f(p.v, p.w);
  }

  bool has_tie(AgentId u, AgentId v) const;
  // Weight of tie u-v, or `absent` if there is none.
  float weight(AgentId u, AgentId v, float absent = 0.0f) const;

  // Adds an undirected tie with weight w; returns false (and changes nothing)
  // for a self-loop or a tie that already exists. Serial only.
  bool add_tie(AgentId u, AgentId v, float w);
  // Adds delta to the weight of an existing tie in both directions, clamped to
  // [0, 1]; returns false if there is no tie. Serial only.
  bool strengthen(AgentId u, AgentId v, float delta);

  // Folds pending ties into the CSR; each row keeps its own weights (symmetric by contract).
  void merge();

  std::size_t memory_bytes() const;

 private:
  Graph base_;
  static constexpr std::uint32_t no_slot = 0xFFFFFFFFu;
  std::vector<Pending>& pending_list(AgentId u);  // creates u's list on first use

  std::vector<float> weights_;               // parallel to base_.neighbour_array()
  std::vector<std::uint32_t> slot_;          // per agent: index into lists_, or no_slot
  std::vector<std::vector<Pending>> lists_;  // pending ties of one agent, insertion order
  std::uint64_t pending_ties_ = 0;
};

}  // namespace gs
