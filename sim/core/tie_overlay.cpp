// Dynamic tie overlay: see tie_overlay.hpp for the contract.
#include "sim/core/tie_overlay.hpp"

#include <algorithm>

#include "sim/core/parallel.hpp"

namespace gs {

TieOverlay::TieOverlay(Graph base, float default_weight)
    : base_(std::move(base)), slot_(base_.num_agents(), no_slot) {
  if (base_.weighted()) {
    const auto w = base_.weight_array();
    weights_.assign(w.begin(), w.end());
  } else {
    weights_.assign(base_.num_directed_ties(), default_weight);
  }
}

bool TieOverlay::has_tie(AgentId u, AgentId v) const {
  if (base_.has_tie(u, v)) return true;
  const auto p = pending(u);
  return std::any_of(p.begin(), p.end(), [v](const Pending& x) { return x.v == v; });
}

float TieOverlay::weight(AgentId u, AgentId v, float absent) const {
  const auto nb = base_.neighbours(u);
  const auto it = std::lower_bound(nb.begin(), nb.end(), v);
  if (it != nb.end() && *it == v) {
    return weights_[base_.offsets()[u] + static_cast<std::size_t>(it - nb.begin())];
  }
  for (const Pending& p : pending(u)) {
    if (p.v == v) return p.w;
  }
  return absent;
}

std::vector<TieOverlay::Pending>& TieOverlay::pending_list(AgentId u) {
  if (slot_[u] == no_slot) {
    slot_[u] = static_cast<std::uint32_t>(lists_.size());
    lists_.emplace_back();
  }
  return lists_[slot_[u]];
}

bool TieOverlay::add_tie(AgentId u, AgentId v, float w) {
  if (u == v || has_tie(u, v)) return false;
  w = std::clamp(w, 0.0f, 1.0f);
  pending_list(u).push_back({v, w});
  pending_list(v).push_back({u, w});
  ++pending_ties_;
  return true;
}

bool TieOverlay::strengthen(AgentId u, AgentId v, float delta) {
  auto bump = [&](AgentId a, AgentId b) {
    const auto nb = base_.neighbours(a);
    const auto it = std::lower_bound(nb.begin(), nb.end(), b);
    if (it != nb.end() && *it == b) {
      float& w = weights_[base_.offsets()[a] + static_cast<std::size_t>(it - nb.begin())];
      w = std::clamp(w + delta, 0.0f, 1.0f);
      return true;
    }
    for (Pending& p : pending(a)) {
      if (p.v == b) {
        p.w = std::clamp(p.w + delta, 0.0f, 1.0f);
        return true;
      }
    }
    return false;
  };
  if (u == v || !bump(u, v)) return false;
  bump(v, u);
  return true;
}

// Each new row is the sorted merge of the CSR row and the (sorted) pending
// row; both are sorted and disjoint (add_tie refuses existing ties), so this is
// the CSR Graph::from_ties would build from all ties, without re-sorting, and
// it runs in parallel per row. A tie's weight is taken from the end with the
// smaller id, as a rebuild from the list of ties (u < v) would.
void TieOverlay::merge() {
  if (pending_ties_ == 0) return;
  const AgentId n = base_.num_agents();
  const auto old = base_.offsets();
  const auto old_nb = base_.neighbour_array();
  std::vector<TieIndex> offsets(std::size_t{n} + 1, 0);
  for (AgentId u = 0; u < n; ++u) offsets[u + 1] = offsets[u] + degree(u);
  std::vector<AgentId> nb(offsets.back());
  std::vector<float> w(offsets.back());
  // Each row keeps its own weights: weights are symmetric by contract (the owner applies the
  // same rule to both directions), so no lookup in the other end's row is needed; that lookup
  // (a binary search and a cache miss for half of all ties) used to dominate the merge.
  parallel_for_chunks(n, 1024, [&](std::size_t first, std::size_t last) {
    std::vector<Pending> extra;
    for (std::size_t k = first; k < last; ++k) {
      const auto u = static_cast<AgentId>(k);
      const auto p = pending(u);
      TieIndex b = old[u];
      const TieIndex b_end = old[u + 1];
      if (p.empty()) {  // an unchanged row: copied as it is
        std::copy(old_nb.begin() + static_cast<std::ptrdiff_t>(b),
                  old_nb.begin() + static_cast<std::ptrdiff_t>(b_end),
                  nb.begin() + static_cast<std::ptrdiff_t>(offsets[u]));
        std::copy(weights_.begin() + static_cast<std::ptrdiff_t>(b),
                  weights_.begin() + static_cast<std::ptrdiff_t>(b_end),
                  w.begin() + static_cast<std::ptrdiff_t>(offsets[u]));
        continue;
      }
      extra.assign(p.begin(), p.end());
      std::sort(extra.begin(), extra.end(),
                [](const Pending& x1, const Pending& x2) { return x1.v < x2.v; });
      std::size_t x = 0;
      for (TieIndex out = offsets[u]; out < offsets[u + 1]; ++out) {
        if (x == extra.size() || (b < b_end && old_nb[b] < extra[x].v)) {
          nb[out] = old_nb[b];
          w[out] = weights_[b++];
        } else {
          nb[out] = extra[x].v;
          w[out] = extra[x++].w;
        }
      }
    }
  });
  base_ = Graph::from_csr(std::move(offsets), std::move(nb));
  weights_ = std::move(w);
  std::fill(slot_.begin(), slot_.end(), no_slot);
  lists_.clear();
  lists_.shrink_to_fit();
  pending_ties_ = 0;
}

std::size_t TieOverlay::memory_bytes() const {
  std::size_t bytes = base_.memory_bytes() + weights_.capacity() * sizeof(float) +
                      slot_.capacity() * sizeof(std::uint32_t) +
                      lists_.capacity() * sizeof(std::vector<Pending>);
  for (const auto& p : lists_) bytes += p.capacity() * sizeof(Pending);
  return bytes;
}

}  // namespace gs
