// Looking for a group: joining through ties and founding circles, each as a
// parallel kernel and its serial definition; see group_search.hpp for the
// contract.
//
// Speed (bench_mobilisation, bench/README.md): at 1e6 residents about 150,000
// unaffiliated participants look for a group every week; the serial
// definitions spent ~50 ms a tick walking their ties one at a time. The
// kernels walk them in parallel and leave only O(participants) bookkeeping
// and the few participants the step itself affects to the serial pass.
// The union-find is the classic concurrent one (link by index with a
// compare-and-swap on the root, path halving; as in Jayanti and Tarjan 2016):
// the sets it ends with do not depend on the order of the unions.
#include "models/mobilisation/group_search.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "sim/core/parallel.hpp"

namespace gs::mobilisation {

namespace {

bool unaffiliated_participant(const Community& c, AgentId a) {
  return c.r.engagement[a] >= participant && !c.in_group(a);
}

// Unaffiliated participants in id order, gathered in parallel blocks.
std::vector<AgentId> unaffiliated_participants(const Community& c) {
  constexpr std::size_t block = 16384;
  const std::size_t n = c.r.size();
  std::vector<std::vector<AgentId>> parts((n + block - 1) / block);
  parallel_for_chunks(n, block, [&](std::size_t begin, std::size_t end) {
    auto& out = parts[begin / block];
    for (std::size_t k = begin; k < end; ++k) {
      if (unaffiliated_participant(c, static_cast<AgentId>(k)))
        out.push_back(static_cast<AgentId>(k));
    }
  });
  std::vector<AgentId> all;
  for (const auto& part : parts) all.insert(all.end(), part.begin(), part.end());
  return all;
}

// ---- joining -----------------------------------------------------------------

double cross_bar_of(const Params& p) {
  return p.tension <= 0.0 ? 0.0 : p.tension >= 1.0 ? 2.0 : p.stranger_trust / (1.0 - p.tension);
}

// The definition's choice for a, from the community as it is now.
std::uint32_t best_group(const Community& c, AgentId a, double cross_bar) {
  std::uint32_t best = no_group;
  double best_w = 0.0;
  c.ties.for_each_tie(a, [&](AgentId v, float w) {
    const std::uint32_t g = c.r.group[v];
    if (g == no_group || c.groups[g].issue != c.r.issue[a]) return;
    if (c.r.segment[v] != c.r.segment[a] && w < cross_bar) return;
    if (c.groups[g].members.size() >= static_cast<std::size_t>(c.p.max_group_size)) return;
    if (w > best_w || (w == best_w && g < best)) {
      best_w = w;
      best = g;
    }
  });
  return best;
}

// ---- founding ----------------------------------------------------------------

// May a tie between unaffiliated participants u and v carry a founding circle?
bool same_circle(const Community& c, AgentId u, AgentId v) {
  return unaffiliated_participant(c, v) && c.r.issue[v] == c.r.issue[u];
}

AgentId find_root(AgentId* parent, AgentId x) {
  for (;;) {
    AgentId p = std::atomic_ref<AgentId>(parent[x]).load(std::memory_order_relaxed);
    if (p == x) return x;
    const AgentId gp = std::atomic_ref<AgentId>(parent[p]).load(std::memory_order_relaxed);
    if (gp != p) {  // path halving: x skips to its grandparent, still an ancestor
      std::atomic_ref<AgentId>(parent[x]).compare_exchange_weak(p, gp, std::memory_order_relaxed);
    }
    x = gp;
  }
}

// Links the larger root under the smaller, so every root is its set's lowest id.
void unite(AgentId* parent, AgentId a, AgentId b) {
  for (;;) {
    a = find_root(parent, a);
    b = find_root(parent, b);
    if (a == b) return;
    if (a > b) std::swap(a, b);
    AgentId expected = b;
    if (std::atomic_ref<AgentId>(parent[b]).compare_exchange_strong(expected, a,
                                                                    std::memory_order_relaxed)) {
      return;
    }
  }
}

// Splits a circle (members in id order) into runs that may found a group.
void found_from_circle(Community& c, std::span<const AgentId> circle) {
  const auto min_size = static_cast<std::size_t>(c.p.min_group_size);
  const auto max_size = static_cast<std::size_t>(c.p.max_group_size);
  if (circle.size() < min_size) return;
  const std::uint8_t issue = c.r.issue[circle.front()];
  const std::uint32_t patch = c.r.patch[circle.front()];
  for (std::size_t b = 0; b + min_size <= circle.size(); b += max_size) {
    const std::size_t e = std::min(circle.size(), b + max_size);
    const auto part = circle.subspan(b, e - b);
    float spark = 0.0f;
    for (AgentId a : part) spark = std::max(spark, c.r.leadership[a]);
    RandomStream rs(c.seed, purposes::found, c.tick, part.front());
    if (rs.bernoulli(c.p.found_rate * c.p.leadership_emergence * spark)) {
      c.new_group(issue, patch, part, "organic");
    }
  }
}

}  // namespace

void reference_join_through_ties(Community& c) {
  const double cross_bar = cross_bar_of(c.p);
  const AgentId n = c.ties.num_agents();
  for (AgentId a = 0; a < n; ++a) {
    if (!unaffiliated_participant(c, a)) continue;
    const std::uint32_t best = best_group(c, a, cross_bar);
    if (best != no_group) {
      c.join(c.groups[best], a);
      c.changed = true;
    }
  }
}

void join_through_ties(Community& c) {
  const double cross_bar = cross_bar_of(c.p);
  const std::vector<AgentId> cand = unaffiliated_participants(c);
  // Each participant's choice among the groups as they are at the start.
  std::vector<std::uint32_t> early(cand.size());
  parallel_for_index(cand.size(),
                     [&](std::size_t k) { early[k] = best_group(c, cand[k], cross_bar); });
  // In id order: only a neighbour who joined before a, or a's early choice filling up, can make
  // the definition choose differently (groups only grow here); then a is looked at again.
  std::vector<std::uint8_t> near_joiner(c.r.size(), 0);
  const auto max_size = static_cast<std::size_t>(c.p.max_group_size);
  for (std::size_t k = 0; k < cand.size(); ++k) {
    const AgentId a = cand[k];
    std::uint32_t best = early[k];
    if (near_joiner[a] != 0 || (best != no_group && c.groups[best].members.size() >= max_size)) {
      best = best_group(c, a, cross_bar);
    }
    if (best == no_group) continue;
    c.join(c.groups[best], a);
    c.changed = true;
    c.ties.for_each_tie(a, [&](AgentId v, float) { near_joiner[v] = 1; });
  }
}

void reference_found_groups(Community& c) {
  const AgentId n = c.ties.num_agents();
  std::vector<std::uint8_t> seen(n, 0);
  std::vector<AgentId> circle, frontier;
  for (AgentId s = 0; s < n; ++s) {
    if (seen[s] || !unaffiliated_participant(c, s)) continue;
    circle.clear();
    frontier.assign(1, s);
    seen[s] = 1;
    while (!frontier.empty()) {
      const AgentId u = frontier.back();
      frontier.pop_back();
      circle.push_back(u);
      c.ties.for_each_tie(u, [&](AgentId v, float) {
        if (seen[v] || !same_circle(c, s, v)) return;
        seen[v] = 1;
        frontier.push_back(v);
      });
    }
    std::sort(circle.begin(), circle.end());
    found_from_circle(c, circle);
  }
}

void found_groups(Community& c) {
  const std::vector<AgentId> cand = unaffiliated_participants(c);
  if (cand.empty()) return;
  // parent[] is read only at unaffiliated participants, so only theirs are initialised.
  const std::unique_ptr<AgentId[]> parent(new AgentId[c.r.size()]);
  AgentId* const par = parent.get();
  parallel_for_index(cand.size(), [&](std::size_t k) { par[cand[k]] = cand[k]; });
  parallel_for_index(cand.size(), [&](std::size_t k) {
    const AgentId u = cand[k];
    c.ties.for_each_tie(u, [&](AgentId v, float) {
      if (v > u && same_circle(c, u, v)) unite(par, u, v);
    });
  });
  std::vector<AgentId> root(cand.size());
  parallel_for_index(cand.size(), [&](std::size_t k) { root[k] = find_root(par, cand[k]); });
  // Circles in order of their lowest id (each root), members in id order: a counting sort.
  // A root's parent slot is free now and holds its circle's index.
  std::vector<std::size_t> start;
  for (std::size_t k = 0; k < cand.size(); ++k) {
    if (root[k] == cand[k]) {
      par[cand[k]] = static_cast<AgentId>(start.size());
      start.push_back(0);
    }
    ++start[par[root[k]]];
  }
  std::size_t offset = 0;
  for (auto& s : start) offset += std::exchange(s, offset);
  start.push_back(offset);
  std::vector<AgentId> members(cand.size());
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for (std::size_t k = 0; k < cand.size(); ++k) members[fill[par[root[k]]]++] = cand[k];
  for (std::size_t i = 0; i + 1 < start.size(); ++i) {
    found_from_circle(c,
                      std::span<const AgentId>(members).subspan(start[i], start[i + 1] - start[i]));
  }
}

}  // namespace gs::mobilisation
