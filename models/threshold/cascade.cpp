#include "models/threshold/cascade.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/core/numeric.hpp"
#include "sim/core/parallel.hpp"

namespace gs::threshold {

std::uint32_t needed_count(double threshold, AgentId degree, bool fractional) {
  if (!fractional) {
    if (threshold <= 0.0) return 0;
    const double c = std::ceil(threshold - tie_tolerance * std::max(1.0, threshold));
    return c >= static_cast<double>(never) ? never : static_cast<std::uint32_t>(c);
  }
  if (threshold <= 0.0) return 0;
  if (degree == 0) return never;
  // Smallest c with c/d >= threshold; check the neighbours of the exact root.
  const double guess = std::ceil(threshold * degree);
  auto c = static_cast<std::int64_t>(std::max(0.0, guess - 1.0));
  while (c <= static_cast<std::int64_t>(degree) &&
         !at_least(static_cast<double>(c) / degree, threshold)) {
    ++c;
  }
  return c > static_cast<std::int64_t>(degree) ? never : static_cast<std::uint32_t>(c);
}

CascadeState::CascadeState(const Graph& g, std::vector<std::uint32_t> needed_per_agent,
                           std::span<const AgentId> initial_adopters)
    : active(g.num_agents(), 0),
      active_bits((g.num_agents() + 63) / 64, 0),
      needed(std::move(needed_per_agent)),
      shortfall(needed) {
  for (AgentId u : initial_adopters) {
    if (active[u]) continue;  // listed twice
    active[u] = 1;
    active_bits[u / 64] |= std::uint64_t{1} << (u % 64);
    shortfall[u] = 0;
    frontier.push_back(u);
    active_ties += g.degree(u);
  }
  std::sort(frontier.begin(), frontier.end());
  for (AgentId u = 0; u < g.num_agents(); ++u) {
    if (!active[u] && needed[u] == 0) unconditional.push_back(u);
  }
}

namespace {

std::uint32_t bit(const std::uint64_t* bits, AgentId u) {
  return static_cast<std::uint32_t>(bits[u / 64] >> (u % 64)) & 1u;
}

// Active neighbours in [first, last), or any count >= needed once reached: an
// agent that activates need not count the rest of its row (late in a cascade
// most do, after a few ties). Eight independent loads per check let the
// gathers overlap instead of queueing behind one accumulator. is_active(w) is
// 0 or 1.
template <class IsActive>
std::uint32_t count_active(IsActive is_active, const AgentId* first, const AgentId* last,
                           std::uint32_t needed) {
  std::uint32_t c = 0;
  for (; last - first >= 8; first += 8) {
    c += (is_active(first[0]) + is_active(first[1])) + (is_active(first[2]) + is_active(first[3])) +
         (is_active(first[4]) + is_active(first[5])) + (is_active(first[6]) + is_active(first[7]));
    if (c >= needed) return c;
  }
  for (; first != last; ++first) c += is_active(*first);
  return c;
}

// Up to this many agents the byte flags (one per agent) stay in a core's L2
// and a byte load beats a bit extraction; above, the bit array (an eighth of
// the size) wins: bench_threshold BM_FullStep vs BM_FullStepByteActivity on
// a loaded machine, bits 1.15-1.23x faster at 1e6 agents in three of four
// runs, 0.8x at 1e4 and 1e5 (bench/README.md).
constexpr std::size_t byte_flags_up_to = std::size_t{1} << 18;

// Sets both activity records; callers own u's 64-agent word (chunks and bins
// are multiples of 64 agents).
void activate(CascadeState& s, AgentId u) {
  s.active[u] = 1;
  s.active_bits[u / 64] |= std::uint64_t{1} << (u % 64);
}

constexpr std::size_t agent_chunk = 4096;
// Push bins: 32,768 agents keep their shortfalls (128 kB) and flags in L2
// while a bin's decrements land; a fixed number of frontier pieces keeps the
// work split independent of the thread count.
constexpr std::size_t bin_agents = 32768;
constexpr std::size_t frontier_pieces = 128;
constexpr std::uint8_t activated_now = 2;  // transient mark in `active` while a bin publishes
void account(const Graph& g, CascadeState& s, const std::vector<AgentId>& activated) {
  for (AgentId u : activated) s.active_ties += g.degree(u);
  s.frontier = activated;
  s.unconditional.clear();  // they activate in the first tick, whichever kernel runs it
}

}  // namespace

std::vector<AgentId> dense_step(const Graph& g, CascadeState& s) {
  const AgentId n = g.num_agents();
  const auto offsets = g.offsets();
  const auto nbrs = g.neighbour_array();
  // Pull: decide from the start-of-tick state into per-chunk lists (each in id
  // order), publish only after every decision is made. Recounting replaces any
  // pending frontier pushes.
  const bool use_bytes = n <= byte_flags_up_to;
  const std::uint8_t* bytes = s.active.data();
  const std::uint64_t* bits = s.active_bits.data();
  const auto by_byte = [bytes](AgentId w) { return std::uint32_t{bytes[w]}; };
  const auto by_bit = [bits](AgentId w) { return bit(bits, w); };
  std::vector<std::vector<AgentId>> activated_in((n + agent_chunk - 1) / agent_chunk);
  parallel_for_chunks(n, agent_chunk, [&](std::size_t begin, std::size_t end) {
    auto& out = activated_in[begin / agent_chunk];
    for (auto u = static_cast<AgentId>(begin); u < end; ++u) {
      if (s.active[u]) continue;
      const AgentId* first = nbrs.data() + offsets[u];
      const AgentId* last = nbrs.data() + offsets[u + 1];
      const std::uint32_t c = use_bytes ? count_active(by_byte, first, last, s.needed[u])
                                        : count_active(by_bit, first, last, s.needed[u]);
      if (c >= s.needed[u]) {
        out.push_back(u);
        s.shortfall[u] = 0;
      } else {
        s.shortfall[u] = s.needed[u] - c;
      }
    }
  });
  parallel_for_index(
      activated_in.size(),
      [&](std::size_t c) {
        for (AgentId u : activated_in[c]) activate(s, u);
      },
      16);
  std::vector<AgentId> activated;
  for (const auto& part : activated_in) activated.insert(activated.end(), part.begin(), part.end());
  account(g, s, activated);
  return activated;
}

std::vector<AgentId> sparse_step(const Graph& g, CascadeState& s) {
  const auto& frontier = s.frontier;
  const auto offsets = g.offsets();
  const AgentId* nbrs = g.neighbour_array().data();
  const std::size_t n = g.num_agents();
  const std::size_t bins = (n + bin_agents - 1) / bin_agents;
  const std::size_t pieces = std::min<std::size_t>(frontier_pieces, frontier.size());
  // Pass 1 (parallel over fixed pieces of the frontier): stage each tie's far
  // end unless it is already active (a branch-free append: the bit test is a
  // coin flip mid-cascade), then counting-sort the piece's staged ids by bin.
  // `active` is only read until pass 2.
  const std::uint64_t* bits = s.active_bits.data();
  std::vector<std::vector<AgentId>> binned(pieces);         // piece's far ends, grouped by bin
  std::vector<std::vector<std::size_t>> bin_start(pieces);  // bins + 1 offsets into binned[p]
  parallel_for_index(
      pieces,
      [&](std::size_t p) {
        const std::size_t first = frontier.size() * p / pieces;
        const std::size_t last = frontier.size() * (p + 1) / pieces;
        TieIndex piece_ties = 0;
        for (std::size_t i = first; i < last; ++i) piece_ties += g.degree(frontier[i]);
        std::vector<AgentId> staged(piece_ties);
        std::size_t k = 0;
        for (std::size_t i = first; i < last; ++i) {
          const AgentId f = frontier[i];
          for (TieIndex t = offsets[f]; t < offsets[f + 1]; ++t) {
            const AgentId w = nbrs[t];
            staged[k] = w;
            k += 1u - bit(bits, w);
          }
        }
        auto& start = bin_start[p];
        start.assign(bins + 1, 0);
        for (std::size_t j = 0; j < k; ++j) ++start[staged[j] / bin_agents + 1];
        for (std::size_t b = 0; b < bins; ++b) start[b + 1] += start[b];
        auto& out = binned[p];
        out.resize(k);
        std::vector<std::size_t> cursor(start.begin(), start.end() - 1);
        for (std::size_t j = 0; j < k; ++j) out[cursor[staged[j] / bin_agents]++] = staged[j];
      },
      1);
  // Pass 2 (parallel over bins, each owning its agents): plain decrements in a
  // cache-sized window; the decrement that meets a shortfall of 1 activates.
  // Each bin's list comes out sorted, and bins are id ranges, so their
  // concatenation is sorted.
  std::vector<std::vector<AgentId>> found(bins);
  parallel_for_index(
      bins,
      [&](std::size_t b) {
        auto& out = found[b];
        for (std::size_t p = 0; p < pieces; ++p) {
          const AgentId* far = binned[p].data();
          for (std::size_t j = bin_start[p][b]; j < bin_start[p][b + 1]; ++j) {
            if (s.shortfall[far[j]]-- == 1) out.push_back(far[j]);
          }
        }
        const std::size_t begin = b * bin_agents;
        const std::size_t end = std::min(n, begin + bin_agents);
        if (out.size() * 16 < end - begin) {
          std::sort(out.begin(), out.end());
          for (AgentId w : out) activate(s, w);
          return;
        }
        // Many activations: reading the bin's flags back in id order beats a sort.
        for (AgentId w : out) s.active[w] = activated_now;
        out.clear();
        for (std::size_t u = begin; u < end; ++u) {
          if (s.active[u] != activated_now) continue;
          activate(s, static_cast<AgentId>(u));
          out.push_back(static_cast<AgentId>(u));
        }
      },
      1);
  std::vector<AgentId> activated;
  for (const auto& part : found) activated.insert(activated.end(), part.begin(), part.end());
  if (!s.unconditional.empty()) {  // first tick only: bar-0 agents join, sorted in
    for (AgentId u : s.unconditional) activate(s, u);
    std::vector<AgentId> merged(activated.size() + s.unconditional.size());
    std::merge(activated.begin(), activated.end(), s.unconditional.begin(), s.unconditional.end(),
               merged.begin());
    activated.swap(merged);
  }
  account(g, s, activated);
  return activated;
}

std::vector<AgentId> cascade_step(const Graph& g, CascadeState& s, double alpha) {
  TieIndex frontier_ties = 0;
  for (AgentId u : s.frontier) frontier_ties += g.degree(u);
  // A dense step also walks every agent's flag and row bounds: count n too.
  const TieIndex dense_work = g.num_directed_ties() - s.active_ties + g.num_agents();
  if (static_cast<double>(frontier_ties) * alpha > static_cast<double>(dense_work)) {
    return dense_step(g, s);
  }
  return sparse_step(g, s);
}

std::vector<std::uint8_t> reference_step(const Graph& g, std::span<const std::uint8_t> active,
                                         std::span<const std::uint32_t> needed) {
  std::vector<std::uint8_t> next(active.begin(), active.end());
  for (AgentId u = 0; u < g.num_agents(); ++u) {
    if (active[u]) continue;
    std::uint32_t c = 0;
    for (AgentId v : g.neighbours(u)) c += active[v];
    if (c >= needed[u]) next[u] = 1;
  }
  return next;
}

}  // namespace gs::threshold
