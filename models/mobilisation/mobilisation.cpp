// Registry entry and factory of the mobilisation model; see mobilisation.hpp.
//
// Which network wins (social_network.builder): `engine` builds the scenario's
// `network` section (gs::build_network) and uses any segments, patches and
// positions the generator defines; `segments` calls stochastic_block with
// divisions.segments sizes (divisions.shares) and divisions.homophily;
// `patches` calls spatial_patches with scale.patches, scale.radius and
// scale.patch_penalty. n and mean_degree come from `network` in every case.
// Attributes a generator does not define are drawn in set-up (segments by
// divisions.shares, patches as contiguous id blocks, positions uniform).
#include "models/mobilisation/mobilisation.hpp"

#include <algorithm>
#include <fstream>
#include <numeric>
#include <stdexcept>

#include "models/mobilisation/model.hpp"
#include "models/mobilisation/params.hpp"
#include "sim/network/network.hpp"

namespace gs {

namespace {

using mobilisation::Params;

Network make_network(const Params& p, const nlohmann::json& values, std::uint64_t seed) {
  const auto n = static_cast<AgentId>(p.n);
  if (p.builder == "segments") {
    std::vector<double> share = p.segment_shares;
    share.resize(static_cast<std::size_t>(p.segments), share.empty() ? 1.0 : 0.0);
    const double total = std::accumulate(share.begin(), share.end(), 0.0);
    std::vector<AgentId> sizes;
    AgentId used = 0;
    for (std::size_t s = 0; s < share.size(); ++s) {
      const auto size = s + 1 == share.size()
                            ? n - used
                            : static_cast<AgentId>(static_cast<double>(n) * share[s] / total);
      sizes.push_back(size);
      used += size;
    }
    return stochastic_block(sizes, p.mean_degree, p.homophily, seed);
  }
  if (p.builder == "patches") {
    return spatial_patches(n, static_cast<std::uint32_t>(p.patches), p.mean_degree, p.radius,
                           p.patch_penalty, seed);
  }
  return build_network(values.at("network"), seed);
}

std::vector<AgentId> initial_participants(const Params& p, const Graph& g, std::uint64_t seed) {
  const auto& ip = p.initial;
  const AgentId n = g.num_agents();
  std::vector<AgentId> out;
  if (ip.rule == "random_fraction") {
    for (AgentId i = 0; i < n; ++i) {
      RandomStream rs(seed, mobilisation::purposes::setup_seg, setup_tick, i);
      if (rs.bernoulli(ip.fraction)) out.push_back(i);
    }
  } else if (ip.rule == "count" || ip.rule == "top_degree") {
    std::vector<AgentId> order(n);
    std::iota(order.begin(), order.end(), AgentId{0});
    const auto k = std::min<std::size_t>(static_cast<std::size_t>(ip.count), n);
    if (ip.rule == "top_degree") {
      std::stable_sort(order.begin(), order.end(),
                       [&](AgentId a, AgentId b) { return g.degree(a) > g.degree(b); });
    } else {
      for (AgentId i = 0; i + 1 < n && i < k; ++i) {  // partial Fisher-Yates
        RandomStream rs(seed, mobilisation::purposes::setup_seg, setup_tick - 2, i);
        std::swap(order[i], order[i + rs.below(n - i)]);
      }
    }
    out.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k));
  } else if (ip.rule == "file") {
    std::ifstream in(ip.file);
    if (!in) throw std::runtime_error("cannot read initial participants file '" + ip.file + "'");
    std::string line;
    while (std::getline(in, line)) {
      const auto hash = line.find('#');
      if (hash != std::string::npos) line.resize(hash);
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      out.push_back(static_cast<AgentId>(std::stoull(line)));
    }
  }
  return out;
}

}  // namespace

ModelEntry make_mobilisation_entry() {
  ModelEntry e;
  e.name = "mobilisation";
  e.summary =
      "Community mobilisation (NLGN 2020): residents on a dynamic trust network form groups "
      "around shared issues, act, and are helped by leadership, councils, grants and mobilisers.";
  e.declare = [](scenario::Section root) { mobilisation::declare_mobilisation_schema(root); };
  e.create = [](const ModelContext& ctx) -> std::unique_ptr<Model> {
    const nlohmann::json& values = ctx.scenario->values();
    Params p = mobilisation::read_params(values);
    Network net = make_network(p, values, ctx.seed);
    p.n = net.graph.num_agents();
    std::vector<AgentId> initial = initial_participants(p, net.graph, ctx.seed);
    TieOverlay ties(std::move(net.graph), static_cast<float>(p.tie_trust.mean));
    return std::make_unique<mobilisation::MobilisationModel>(
        std::move(p), ctx.seed, std::move(ties), std::move(net.segment), std::move(net.patch),
        std::move(net.x), std::move(net.y), std::move(initial));
  };
  return e;
}

}  // namespace gs
