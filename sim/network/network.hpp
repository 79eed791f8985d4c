// Social networks for a run: generated from a scenario's `network` section or
// loaded from an edge-list file.
//
// Contract: build_network() is a pure function of (section, seed): the same
// inputs give the same Network on any machine and any thread count. Every
// generator returns a simple undirected graph (self-loops and repeats
// dropped). Node attributes that a generator defines (segment for the
// stochastic block model, patch and position for spatial networks) are filled;
// the others stay empty. A loaded network keeps the file's ids in
// `external_ids` so outputs can speak the file's language.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/graph.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schema.hpp"

namespace gs {

struct Network {
  Graph graph;
  std::vector<std::uint64_t> external_ids;  // file id of each agent; empty = 0..n-1
  std::vector<std::uint16_t> segment;       // stochastic block: each agent's block
  std::vector<std::uint32_t> patch;         // spatial: each agent's patch
  std::vector<float> x, y;                  // spatial: position in the unit square
  // How it was made: generator, parameters, lines read, self-loops and repeats dropped...
  nlohmann::json provenance = nlohmann::json::object();

  std::uint64_t external_id(AgentId u) const { return external_ids.empty() ? u : external_ids[u]; }
};

// A problem in an edge-list file, at its line. (Inconsistent generator
// parameters throw scenario::ParameterError naming the `network.` key.)
using NetworkError = scenario::InputFileError;

// Adds the `network` section (generator choice and every generator's parameters).
void declare_network_schema(scenario::Section root);

// Builds the network a resolved `network` section describes.
Network build_network(const nlohmann::json& section, std::uint64_t seed);

// --- Generators, usable directly by models. All draw from RandomStream(seed, purpose::network,
// ...).
Network erdos_renyi_gnp(AgentId n, double p, std::uint64_t seed);
Network erdos_renyi_gnm(AgentId n, std::uint64_t m, std::uint64_t seed);
Network watts_strogatz(AgentId n, AgentId k, double beta, std::uint64_t seed);  // k even
Network barabasi_albert(AgentId n, AgentId m, std::uint64_t seed);
Network complete_graph(AgentId n);
Network ring_lattice(AgentId n, AgentId k);  // each agent tied to k/2 on each side
// Segments of the given sizes; mean_degree split so that a share `homophily` of an
// agent's expected ties fall inside its own segment (1 = none across; 0 = none
// within; no preference is a share near the sum of squared segment shares).
Network stochastic_block(std::span<const AgentId> segment_sizes, double mean_degree,
                         double homophily, std::uint64_t seed);
// Agents placed in `patches` patches on the unit square; ties form with a probability
// that falls with distance (scale `radius`) and is cut by `patch_penalty` across patches.
// The tie-probability constant is set from the kernel's integral over the layout, so
// the expected mean degree is `mean_degree` whatever the size.
Network spatial_patches(AgentId n, std::uint32_t patches, double mean_degree, double radius,
                        double patch_penalty, std::uint64_t seed);

// --- Edge lists (SNAP style).
struct EdgeListOptions {
  bool read_weights = true;  // use a third column as the tie weight if present
  // Most distinct ids accepted; the default (and ceiling) is every AgentId, 2^32 - 1.
  std::uint64_t max_agents = 0xFFFFFFFFu;
  // The declared residents, when the file alone does not say who lives there
  // (a resident with no tie appears in no tie line): ids 0..population-1, or
  // the ids in `residents` (sorted, unique). Every id in the file must be a
  // declared resident; residents without ties become agents with none. Both
  // empty: the residents are the ids in the file.
  std::uint64_t population = 0;
  std::vector<std::uint64_t> residents;
};

// A residents file: one resident per line, `id [segment]`, `#` comments and
// blank lines allowed; sorted by id on return (segments alongside, or empty
// when no line gives one). Throws NetworkError naming the file and line for a
// bad id or segment (0..65535), a duplicate id, or lines that disagree on
// giving a segment.
struct Residents {
  std::vector<std::uint64_t> ids;
  std::vector<std::uint16_t> segments;
};
Residents read_residents(const std::filesystem::path& file);
// Reads `u v [weight]` lines, `#` comments and blank lines; ids are remapped to
// 0..n-1 in increasing id order (the identity for ids already 0..n-1) and the
// file's ids kept in external_ids. Self-loops and
// repeated ties are dropped and counted in provenance. Throws NetworkError
// naming the file and line for a non-numeric token, a negative or over-64-bit
// id, a missing second id, a weight outside [0, 1], or more than 2^32-1 agents.
Network read_edge_list(const std::filesystem::path& file, const EdgeListOptions& options = {});
// The same from text already in memory; `name` stands for the file in errors.
// A leading UTF-8 byte-order mark is skipped; tokens are quoted in errors by
// a short prefix only.
Network parse_edge_list(std::string_view text, const std::string& name,
                        const EdgeListOptions& options = {});

}  // namespace gs
