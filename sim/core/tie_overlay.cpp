// Dynamic tie overlay: see tie_overlay.hpp for the contract.
#include "sim/core/tie_overlay.hpp"

#include <algorithm>

namespace gs {

TieOverlay::TieOverlay(Graph base, float default_weight)
    : base_(std::move(base)), pending_(base_.num_agents()) {
  if (base_.weighted()) {
    const auto w = base_.weight_array();
    weights_.assign(w.begin(), w.end());
  } else {
    weights_.assign(base_.num_directed_ties(), default_weight);
  }
}

bool TieOverlay::has_tie(AgentId u, AgentId v) const {
  if (base_.has_tie(u, v)) return true;
  const auto& p = pending_[u];
  return std::any_of(p.begin(), p.end(), [v](const Pending& x) { return x.v == v; });
}

float TieOverlay::weight(AgentId u, AgentId v, float absent) const {
  const auto nb = base_.neighbours(u);
  const auto it = std::lower_bound(nb.begin(), nb.end(), v);
  if (it != nb.end() && *it == v) {
    return weights_[base_.offsets()[u] + static_cast<std::size_t>(it - nb.begin())];
  }
  for (const Pending& p : pending_[u]) {
    if (p.v == v) return p.w;
  }
  return absent;
}

bool TieOverlay::add_tie(AgentId u, AgentId v, float w) {
  if (u == v || has_tie(u, v)) return false;
  w = std::clamp(w, 0.0f, 1.0f);
  pending_[u].push_back({v, w});
  pending_[v].push_back({u, w});
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
    for (Pending& p : pending_[a]) {
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

void TieOverlay::merge() {
  if (pending_ties_ == 0) return;
  std::vector<Tie> ties;
  std::vector<float> w;
  ties.reserve(base_.num_ties() + pending_ties_);
  w.reserve(ties.capacity());
  const AgentId n = base_.num_agents();
  const auto o = base_.offsets();
  for (AgentId u = 0; u < n; ++u) {
    const auto nb = base_.neighbours(u);
    for (std::size_t k = 0; k < nb.size(); ++k) {
      if (u < nb[k]) {
        ties.push_back({u, nb[k]});
        w.push_back(weights_[o[u] + k]);
      }
    }
    for (const Pending& p : pending_[u]) {
      if (u < p.v) {
        ties.push_back({u, p.v});
        w.push_back(p.w);
      }
    }
  }
  base_ = Graph::from_ties(n, ties, w);
  const auto bw = base_.weight_array();
  weights_.assign(bw.begin(), bw.end());
  for (auto& p : pending_) {
    p.clear();
    p.shrink_to_fit();
  }
  pending_ties_ = 0;
}

std::size_t TieOverlay::memory_bytes() const {
  std::size_t bytes = base_.memory_bytes() + weights_.capacity() * sizeof(float) +
                      pending_.capacity() * sizeof(std::vector<Pending>);
  for (const auto& p : pending_) bytes += p.capacity() * sizeof(Pending);
  return bytes;
}

}  // namespace gs
