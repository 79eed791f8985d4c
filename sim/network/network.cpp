// build_network: a resolved `network` section -> a Network, plus the pieces
// every generator and the loader share (errors, freezing, tie weights).
//
// Contract: build_network is a pure function of (section, seed). It reads each
// key the chosen generator needs (a missing key takes the schema default, so
// hand-written sections work), checks that the combination is consistent and
// throws scenario::ParameterError naming the key otherwise. Tie weights model
// interpersonal trust in [0, 1] (MODEL.md, "Ties"): none, one constant, or
// uniform in [weight_min, weight_max] drawn per tie from the network stream; a
// loaded file's third column is used unless `weights` replaces it.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "sim/core/parallel.hpp"
#include "sim/network/detail.hpp"

namespace gs {

namespace network_detail {

void fail(const std::string& key, const std::string& message) {
  throw scenario::ParameterError("network." + key, message);
}

std::vector<Tie> concatenate(std::vector<std::vector<Tie>>& pieces) {
  std::vector<std::size_t> start(pieces.size() + 1, 0);
  for (std::size_t i = 0; i < pieces.size(); ++i) start[i + 1] = start[i] + pieces[i].size();
  std::vector<Tie> ties(start.back());
  parallel_for_index(
      pieces.size(),
      [&](std::size_t i) {
        std::copy(pieces[i].begin(), pieces[i].end(),
                  ties.begin() + static_cast<std::ptrdiff_t>(start[i]));
        std::vector<Tie>().swap(pieces[i]);
      },
      1);
  return ties;
}

Network finish(Draft&& draft) {
  TieCleanup cleanup;
  Network network = std::move(draft.network);
  network.graph = Graph::from_ties(draft.agents, draft.ties, draft.weights, &cleanup);
  std::vector<Tie>().swap(draft.ties);
  auto& provenance = network.provenance;
  provenance["agents"] = network.graph.num_agents();
  provenance["ties"] = network.graph.num_ties();
  provenance["self_loops_dropped"] = cleanup.self_loops;
  provenance["duplicates_dropped"] = cleanup.duplicates;
  provenance["weighted"] = network.graph.weighted();
  provenance["seconds"] =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - draft.started).count();
  return network;
}

}  // namespace network_detail

namespace {
using namespace network_detail;

// Typed reads of the section; a missing key takes the schema default.
const nlohmann::json* entry(const nlohmann::json& section, const char* key) {
  const auto it = section.find(key);
  return it == section.end() || it->is_null() ? nullptr : &*it;
}

std::int64_t integer(const nlohmann::json& section, const char* key, std::int64_t fallback,
                     std::int64_t min, std::int64_t max) {
  const nlohmann::json* value = entry(section, key);
  if (value == nullptr) return fallback;
  if (!value->is_number_integer())
    fail(key, fmt::format("expected an integer, got {}", value->dump()));
  if (value->is_number_unsigned() && value->get<std::uint64_t>() > std::uint64_t(max)) {
    fail(key, fmt::format("{} is not in [{}, {}]", value->dump(), min, max));
  }
  const auto number = value->get<std::int64_t>();
  if (number < min || number > max)
    fail(key, fmt::format("{} is not in [{}, {}]", number, min, max));
  return number;
}

double real(const nlohmann::json& section, const char* key, double fallback) {
  const nlohmann::json* value = entry(section, key);
  if (value == nullptr) return fallback;
  if (!value->is_number()) fail(key, fmt::format("expected a number, got {}", value->dump()));
  const auto number = value->get<double>();
  if (!std::isfinite(number)) fail(key, "must be finite");
  return number;
}

std::string text(const nlohmann::json& section, const char* key, const char* fallback) {
  const nlohmann::json* value = entry(section, key);
  if (value == nullptr) return fallback;
  if (!value->is_string()) fail(key, fmt::format("expected a string, got {}", value->dump()));
  return value->get<std::string>();
}

bool boolean(const nlohmann::json& section, const char* key, bool fallback) {
  const nlohmann::json* value = entry(section, key);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) fail(key, fmt::format("expected true or false, got {}", value->dump()));
  return value->get<bool>();
}

constexpr std::int64_t max_agents = std::numeric_limits<AgentId>::max();

AgentId agents(const nlohmann::json& section) {
  return static_cast<AgentId>(integer(section, "n", defaults::n, 0, max_agents));
}

double mean_degree(const nlohmann::json& section) {
  const double value = real(section, "mean_degree", defaults::mean_degree);
  if (value < 0.0) fail("mean_degree", "must not be negative");
  return value;
}

// Sizes from `segments`, or `segment_count` near-equal segments of n agents.
std::vector<AgentId> segment_sizes(const nlohmann::json& section) {
  const AgentId n = agents(section);
  std::vector<AgentId> sizes;
  const nlohmann::json* listed = entry(section, "segments");
  if (listed != nullptr && !listed->is_array()) fail("segments", "expected a list of sizes");
  if (listed != nullptr && !listed->empty()) {
    std::uint64_t total = 0;
    for (const auto& size : *listed) {
      if (!size.is_number_integer() || size.get<std::int64_t>() < 1 ||
          size.get<std::int64_t>() > max_agents) {
        fail("segments", fmt::format("{} is not a segment size (a positive integer)", size.dump()));
      }
      sizes.push_back(size.get<AgentId>());
      total += sizes.back();
    }
    if (total != n) {
      fail("segments", fmt::format("sizes add up to {} but network.n is {}", total, n));
    }
    return sizes;
  }
  const auto count =
      static_cast<AgentId>(integer(section, "segment_count", defaults::segment_count, 1, 65535));
  if (count > n) fail("segment_count", fmt::format("{} segments for only {} agents", count, n));
  for (AgentId b = 0; b < count; ++b) {
    sizes.push_back(
        static_cast<AgentId>(std::uint64_t{n} * (b + 1) / count - std::uint64_t{n} * b / count));
  }
  return sizes;
}

Draft draft_for(const nlohmann::json& section, const std::string& generator, std::uint64_t seed) {
  if (generator == "erdos_renyi") {
    const AgentId n = agents(section);
    double p = real(section, "p", defaults::p);
    if (p < 0.0 || p > 1.0) fail("p", fmt::format("{} is not in [0, 1]", p));
    if (p == 0.0 && n > 1) {
      const double degree = mean_degree(section);
      p = degree / (n - 1.0);
      if (p > 1.0) {
        fail("mean_degree", fmt::format("{} is more than the {} other agents", degree, n - 1));
      }
    }
    return draft_gnp(n, p, seed);
  }
  if (generator == "gnm") {
    const AgentId n = agents(section);
    auto ties = static_cast<std::uint64_t>(
        integer(section, "ties", defaults::ties, 0, std::numeric_limits<std::int64_t>::max()));
    if (ties == 0) {
      const double from_degree = std::round(n * mean_degree(section) / 2.0);
      if (from_degree > static_cast<double>(pairs_among(n))) {
        fail("mean_degree", fmt::format("{} ties do not fit among n = {} agents", from_degree, n));
      }
      ties = static_cast<std::uint64_t>(from_degree);
    }
    return draft_gnm(n, ties, seed);
  }
  if (generator == "watts_strogatz" || generator == "ring") {
    const AgentId n = agents(section);
    const auto k = static_cast<AgentId>(integer(section, "k", defaults::k, 0, max_agents));
    if (generator == "ring") return draft_ring(n, k);
    return draft_watts_strogatz(n, k, real(section, "beta", defaults::beta), seed);
  }
  if (generator == "barabasi_albert") {
    const AgentId n = agents(section);
    const auto m = static_cast<AgentId>(integer(section, "m", defaults::m, 1, max_agents));
    return draft_barabasi_albert(n, m, seed);
  }
  if (generator == "complete") return draft_complete(agents(section));
  if (generator == "stochastic_block") {
    const std::vector<AgentId> sizes = segment_sizes(section);
    return draft_stochastic_block(sizes, mean_degree(section),
                                  real(section, "homophily", defaults::homophily), seed);
  }
  if (generator == "spatial") {
    const AgentId n = agents(section);
    const auto patches =
        static_cast<std::uint32_t>(integer(section, "patches", defaults::patches, 1, max_agents));
    return draft_spatial(n, patches, mean_degree(section),
                         real(section, "radius", defaults::radius),
                         real(section, "patch_penalty", defaults::patch_penalty), seed);
  }
  if (generator == "edge_list") {
    const std::string file = text(section, "file", "");
    if (file.empty()) fail("file", "the edge_list generator needs a file");
    EdgeListOptions options;
    options.read_weights = boolean(section, "read_weights", defaults::read_weights);
    options.population =
        static_cast<std::uint64_t>(integer(section, "population", 0, 0, max_agents));
    const std::string residents_file = text(section, "residents", "");
    Residents residents;
    if (!residents_file.empty()) {
      if (options.population > 0)
        fail("residents", "give either network.population or network.residents, not both");
      residents = read_residents(residents_file);
      if (residents.ids.empty())
        fail("residents", fmt::format("{} lists no resident", residents_file));
      options.residents = std::move(residents.ids);
    }
    Draft draft = draft_edge_list(file, options);
    draft.network.segment = std::move(residents.segments);
    return draft;
  }
  fail("generator", fmt::format("unknown generator '{}'", generator));
}

// Replaces the draft's weights as the section's `weights` says.
void apply_weights(Draft& draft, const nlohmann::json& section, std::uint64_t seed) {
  const std::string kind = text(section, "weights", defaults::weights);
  nlohmann::json record = {{"kind", kind}};
  if (kind == "none") {
    record["source"] = draft.weights.empty() ? "unweighted" : "file";
  } else if (kind == "constant") {
    const double weight = real(section, "weight", defaults::weight);
    if (weight < 0.0 || weight > 1.0) fail("weight", fmt::format("{} is not in [0, 1]", weight));
    draft.weights.assign(draft.ties.size(), static_cast<float>(weight));
    record["weight"] = weight;
  } else if (kind == "uniform") {
    const double low = real(section, "weight_min", defaults::weight_min);
    const double high = real(section, "weight_max", defaults::weight_max);
    if (low < 0.0 || low > 1.0) fail("weight_min", fmt::format("{} is not in [0, 1]", low));
    if (high < 0.0 || high > 1.0) fail("weight_max", fmt::format("{} is not in [0, 1]", high));
    if (low > high) {
      fail("weight_min", fmt::format("{} is above network.weight_max = {}", low, high));
    }
    // Fixed chunks of ties, one stream each: the same weights on any thread count.
    constexpr std::size_t ties_per_stream = 4096;
    draft.weights.resize(draft.ties.size());
    parallel_for_chunks(
        draft.ties.size(), ties_per_stream, [&](std::size_t begin, std::size_t end) {
          RandomStream stream(seed, purpose::network, stream_tick(Phase::tie_weights),
                              static_cast<std::uint32_t>(begin / ties_per_stream));
          for (std::size_t i = begin; i < end; ++i) {
            draft.weights[i] = static_cast<float>(stream.uniform(low, high));
          }
        });
    record["weight_min"] = low;
    record["weight_max"] = high;
  } else {
    fail("weights", fmt::format("unknown kind '{}' (none, constant or uniform)", kind));
  }
  draft.network.provenance["weights"] = record;
}

}  // namespace

Network build_network(const nlohmann::json& section, std::uint64_t seed) {
  if (!section.is_object()) throw scenario::ParameterError("network", "expected a section (a map)");
  const auto started = std::chrono::steady_clock::now();
  const std::string generator = text(section, "generator", defaults::generator);
  Draft draft = draft_for(section, generator, seed);
  draft.started = started;
  apply_weights(draft, section, seed);
  draft.network.provenance["generator"] = generator;
  draft.network.provenance["seed"] = seed;
  return finish(std::move(draft));
}

}  // namespace gs
