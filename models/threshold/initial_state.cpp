// Thresholds and initial adopters for the threshold model.
//
// Every random choice is keyed by agent (RandomStream(seed, purpose, setup_tick,
// agent)), so assignments do not depend on the order agents are visited.
// Choosing k adopters uniformly: give every agent a random key and take the k
// smallest, an exact uniform k-subset that is the same for any thread count.
#include <algorithm>
#include <fstream>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "models/threshold/threshold.hpp"
#include "sim/core/rng.hpp"

namespace gs::threshold {
namespace {

constexpr std::uint32_t purpose_threshold = purpose::first_model_purpose + 1;
constexpr std::uint32_t purpose_adopters = purpose::first_model_purpose + 2;

// Map from a file's agent ids (the network's external ids) to agent indices.
std::unordered_map<std::uint64_t, AgentId> index_of_external(const Network& network) {
  std::unordered_map<std::uint64_t, AgentId> index;
  index.reserve(network.graph.num_agents());
  for (AgentId u = 0; u < network.graph.num_agents(); ++u) index[network.external_id(u)] = u;
  return index;
}

// Reads "id [value]" lines ('#' comments, blank lines skipped).
template <class OnLine>
void read_id_file(const std::string& file, bool with_value, OnLine&& on_line) {
  std::ifstream in(file);
  if (!in) throw scenario::InputFileError(file, 0, "cannot be read");
  std::string line;
  std::uint64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    std::istringstream fields(line);
    std::uint64_t id = 0;
    double value = 0.0;
    if (!(fields >> id) || (with_value && !(fields >> value))) {
      throw scenario::InputFileError(file, line_no,
                                     std::string("expected '") +
                                         (with_value ? "id threshold" : "id") + "', got '" + line +
                                         "'");
    }
    on_line(line_no, id, value);
  }
}

}  // namespace

std::vector<double> assign_thresholds(const nlohmann::json& section, const Network& network,
                                      std::uint64_t seed) {
  const AgentId n = network.graph.num_agents();
  const auto distribution = section.at("distribution").get<std::string>();
  const double value = section.at("value").get<double>();
  std::vector<double> theta(n, value);
  if (distribution == "fixed") return theta;
  if (distribution == "uniform" || distribution == "normal") {
    const double lo = section.at("min").get<double>();
    const double hi = section.at("max").get<double>();
    const double mean = section.at("mean").get<double>();
    const double sd = section.at("sd").get<double>();
    for (AgentId u = 0; u < n; ++u) {
      RandomStream draw(seed, purpose_threshold, setup_tick, u);
      theta[u] = distribution == "uniform" ? draw.uniform(lo, hi)
                                           : std::clamp(draw.normal(mean, sd), lo, hi);
    }
    return theta;
  }
  if (distribution == "ladder") {
    const double start = section.at("start").get<double>();
    const double step = section.at("step").get<double>();
    for (AgentId u = 0; u < n; ++u) theta[u] = start + step * u;
    return theta;
  }
  if (distribution == "list") {
    auto values = section.at("values").get<std::vector<double>>();
    if (values.size() != n) {
      throw scenario::ParameterError(
          "threshold.values",
          std::to_string(values.size()) + " thresholds for " + std::to_string(n) + " agents");
    }
    return values;
  }
  // file: "id threshold" per line, ids as in the network; agents not listed keep `value`.
  const auto file = section.at("file").get<std::string>();
  if (file.empty())
    throw scenario::ParameterError("threshold.file", "required when distribution is file");
  const auto index = index_of_external(network);
  read_id_file(file, true, [&](std::uint64_t line_no, std::uint64_t id, double t) {
    const auto it = index.find(id);
    if (it == index.end()) {
      throw scenario::InputFileError(file, line_no,
                                     "agent " + std::to_string(id) + " is not in the network");
    }
    theta[it->second] = t;
  });
  return theta;
}

std::vector<AgentId> choose_initial_adopters(const nlohmann::json& seeds_section,
                                             const Network& network, std::uint64_t seed) {
  const Graph& g = network.graph;
  const AgentId n = g.num_agents();
  const auto rule = seeds_section.at("rule").get<std::string>();
  std::vector<AgentId> chosen;
  if (rule == "none" || n == 0) return chosen;
  if (rule == "file") {
    const auto file = seeds_section.at("file").get<std::string>();
    if (file.empty()) {
      throw scenario::ParameterError("threshold.seeds.file", "required when rule is file");
    }
    const auto index = index_of_external(network);
    read_id_file(file, false, [&](std::uint64_t line_no, std::uint64_t id, double) {
      const auto it = index.find(id);
      if (it == index.end()) {
        throw scenario::InputFileError(file, line_no,
                                       "agent " + std::to_string(id) + " is not in the network");
      }
      chosen.push_back(it->second);
    });
  } else {
    std::size_t k = 0;
    if (rule == "random_fraction") {
      k = static_cast<std::size_t>(
          std::llround(seeds_section.at("fraction").get<double>() * static_cast<double>(n)));
    } else {
      k = static_cast<std::size_t>(seeds_section.at("count").get<std::int64_t>());
    }
    k = std::min<std::size_t>(k, n);
    std::vector<AgentId> order(n);
    std::iota(order.begin(), order.end(), AgentId{0});
    if (rule == "top_degree") {
      // Highest degree first; equal degrees by lower id.
      std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                        [&](AgentId a, AgentId b) {
                          return g.degree(a) != g.degree(b) ? g.degree(a) > g.degree(b) : a < b;
                        });
    } else {
      std::vector<std::uint64_t> key(n);
      for (AgentId u = 0; u < n; ++u) {
        RandomStream draw(seed, purpose_adopters, setup_tick, u);
        key[u] = (std::uint64_t{draw()} << 32) | draw();
      }
      std::partial_sort(
          order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
          [&](AgentId a, AgentId b) { return key[a] != key[b] ? key[a] < key[b] : a < b; });
    }
    chosen.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k));
  }
  std::sort(chosen.begin(), chosen.end());
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  return chosen;
}

}  // namespace gs::threshold
