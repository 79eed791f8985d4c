// Private helpers shared by the network layer's translation units.
//
// Contract: every random draw of the layer comes from a RandomStream keyed
// (seed, purpose::network or purpose::network_rewire, tick, agent) where `tick`
// names a phase of one generator (stream_tick) and `agent` a fixed piece of work
// (a row, a chunk of pairs, a cell). Pieces are fixed by the parameters, never by
// the thread count, so results are identical on 1 or 64 threads.
//
// Bernoulli pair sampling skips over non-ties with geometric jumps: the gap to
// the next tie among pairs kept with probability p is Geometric(p), so a pair
// space of N pairs costs O(1 + pN) (Batagelj & Brandes 2005, "Efficient
// generation of large random networks", Phys. Rev. E 71, 036113; the same idea
// as boost::sorted_erdos_renyi_iterator, here split into independent chunks).
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/graph.hpp"
#include "sim/core/rng.hpp"
#include "sim/network/network.hpp"

namespace gs::network_detail {

// One tick range per generator, so no two phases of any generator share a stream.
enum class Phase : std::uint32_t {
  gnp = 1,
  gnm = 2,
  watts_strogatz = 3,
  barabasi_albert = 4,
  stochastic_block_within = 5,
  stochastic_block_across = 6,
  spatial_positions = 7,
  spatial_ties = 9,
  tie_weights = 10,
  gnm_trim = 11,
};
inline std::uint32_t stream_tick(Phase phase, std::uint32_t step = 0) {
  return (static_cast<std::uint32_t>(phase) << 24) | (step & 0xFFFFFFu);
}

// Number of unordered pairs among s agents.
inline std::uint64_t pairs_among(std::uint64_t s) {
  return s < 2 ? 0 : s * (s - 1) / 2;
}

// The i-th unordered pair {a, b} of 0..s-1, for i < pairs_among(s), in O(1) and
// without square roots: pairs (a, a+d mod s) for d = 1..(s-1)/2 cover every pair
// once when s is odd; an even s adds (a, a+s/2) for a < s/2.
inline Tie pair_of_index(std::uint64_t index, std::uint64_t s) {
  const std::uint64_t half = (s - 1) / 2;
  const std::uint64_t wrapped = s * half;
  if (index < wrapped) {
    const std::uint64_t a = index / half;
    const std::uint64_t b = (a + 1 + index % half) % s;
    return {static_cast<AgentId>(a), static_cast<AgentId>(b)};
  }
  const std::uint64_t a = index - wrapped;
  return {static_cast<AgentId>(a), static_cast<AgentId>(a + s / 2)};
}

// Calls on_pair(index) for each index in [begin, end) kept independently with
// probability p, in increasing order, using geometric skips.
template <class OnPair>
void for_each_bernoulli_index(std::uint64_t begin, std::uint64_t end, double p,
                              RandomStream& stream, OnPair&& on_pair) {
  if (p <= 0.0 || begin >= end) return;
  if (p >= 1.0) {
    for (std::uint64_t i = begin; i < end; ++i) on_pair(i);
    return;
  }
  const double log_miss = std::log1p(-p);
  std::uint64_t i = begin;
  while (true) {
    // 1 - uniform() lies in (0, 1], so the logarithm is finite.
    const double gap = std::floor(std::log(1.0 - stream.uniform()) / log_miss);
    if (gap >= static_cast<double>(end - i)) return;
    i += static_cast<std::uint64_t>(gap);
    on_pair(i);
    if (++i >= end) return;
  }
}

// Pieces of a pair space sized for about `ties_per_chunk` expected ties each, so
// chunk boundaries depend on the parameters only.
inline std::uint64_t chunk_span(double p, std::uint64_t total_pairs) {
  constexpr double ties_per_chunk = 8192.0;
  constexpr std::uint64_t min_span = 1u << 16;
  if (p <= 0.0) return total_pairs == 0 ? 1 : total_pairs;
  const double span = std::ceil(ties_per_chunk / p);
  if (span >= static_cast<double>(total_pairs)) return total_pairs == 0 ? 1 : total_pairs;
  return std::max<std::uint64_t>(min_span, static_cast<std::uint64_t>(span));
}

// A network before freezing: ties (and optional weights) plus the node
// attributes and provenance a generator or loader already filled.
struct Draft {
  AgentId agents = 0;
  std::vector<Tie> ties;
  std::vector<float> weights;  // empty, or one per tie
  Network network;             // attributes and provenance; graph still empty
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// Appends per-chunk tie lists in chunk order.
std::vector<Tie> concatenate(std::vector<std::vector<Tie>>& pieces);

// Freezes a draft: builds the graph and records agents, ties, drops and seconds.
Network finish(Draft&& draft);

Draft draft_gnp(AgentId n, double p, std::uint64_t seed);
Draft draft_gnm(AgentId n, std::uint64_t m, std::uint64_t seed);
Draft draft_watts_strogatz(AgentId n, AgentId k, double beta, std::uint64_t seed);
Draft draft_barabasi_albert(AgentId n, AgentId m, std::uint64_t seed);
Draft draft_complete(AgentId n);
Draft draft_ring(AgentId n, AgentId k);
Draft draft_stochastic_block(std::span<const AgentId> segment_sizes, double mean_degree,
                             double homophily, std::uint64_t seed);
Draft draft_spatial(AgentId n, std::uint32_t patches, double mean_degree, double radius,
                    double patch_penalty, std::uint64_t seed);

// The spatial layout: agents fill the middle `spatial_patch_fill` of their square
// patch (so neighbouring patches are set apart), and the kernel is cut to zero
// beyond `spatial_cutoff_radii` radii.
inline constexpr double spatial_patch_fill = 0.8;
inline constexpr double spatial_cutoff_radii = 6.0;
// Patches are squares in rows of this many columns (the last row may be short).
inline std::uint32_t spatial_columns(std::uint32_t patches) {
  return static_cast<std::uint32_t>(std::ceil(std::sqrt(double(patches))));
}
// Agents are numbered patch by patch: agent u of n lives in this patch.
inline std::uint32_t spatial_patch_of(AgentId u, AgentId n, std::uint32_t patches) {
  return static_cast<std::uint32_t>(std::uint64_t{u} * patches / n);
}
// Expected sum of one agent's tie propensities to all others, averaged over agents,
// over the layout's random positions (spatial_calibration.cpp).
double expected_spatial_propensity(AgentId n, std::uint32_t patches, double radius,
                                   double patch_penalty);
Draft draft_edge_list(const std::filesystem::path& file, const EdgeListOptions& options);
Draft draft_edge_list_text(std::string_view text, const std::string& name,
                           const EdgeListOptions& options);

// Defaults of the `network` section, shared by the schema and by build_network
// (which also accepts a section missing keys, e.g. one written by hand).
namespace defaults {
inline constexpr const char* generator = "watts_strogatz";
inline constexpr std::int64_t n = 1000;
inline constexpr double mean_degree = 10.0;
inline constexpr double p = 0.0;
inline constexpr std::int64_t ties = 0;
inline constexpr std::int64_t k = 10;
inline constexpr double beta = 0.1;
inline constexpr std::int64_t m = 5;
inline constexpr std::int64_t segment_count = 4;
inline constexpr double homophily = 0.8;
inline constexpr std::int64_t patches = 16;
inline constexpr double radius = 0.05;
inline constexpr double patch_penalty = 0.9;
inline constexpr bool read_weights = true;
inline constexpr const char* weights = "none";
inline constexpr double weight = 1.0;
inline constexpr double weight_min = 0.0;
inline constexpr double weight_max = 1.0;
}  // namespace defaults

[[noreturn]] void fail(const std::string& key, const std::string& message);

}  // namespace gs::network_detail
