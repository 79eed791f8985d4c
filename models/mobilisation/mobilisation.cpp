// Registry entry and factory of the mobilisation model; see mobilisation.hpp.
//
// Which network wins (social_network.builder): `engine` builds the scenario's
// `network` section (gs::build_network) and uses any segments, patches and
// positions the generator defines; `segments` calls stochastic_block with
// divisions.segments sizes (divisions.shares) and divisions.homophily;
// `patches` calls spatial_patches with scale.patches, scale.radius and
// scale.patch_penalty. n and mean_degree come from `network` in every case.
// Segments a network does not define are drawn here (divisions.shares, from
// RandomStream(seed, setup_seg, setup tick, resident)), so that homophily
// holds for every builder: divisions.homophily is the share of ties inside
// one's segment; the segments builder draws exactly that, and for every other
// builder cross-segment ties are rewired, each with probability (h - w0) /
// (1 - w0) where w0 is the network's own within-segment share, to a random
// resident of the same segment (in the same patch where it has one), drawn
// from RandomStream(seed, homophily, u, v) (McPherson et al. 2001: homophily
// in social networks). Patches and positions a generator does not define are
// grown as connected regions of the network (sim/network/regions.hpp: a
// neighbourhood is residents who know each other through local ties), before
// the homophily rewiring so that rewired ties stay in their patch; positions a
// generator does not define are drawn in set-up, uniform in the patch's cell
// of a grid on the unit square (model.cpp).
#include "models/mobilisation/mobilisation.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <numeric>
#include <stdexcept>

#include "models/mobilisation/model.hpp"
#include "models/mobilisation/params.hpp"
#include "sim/network/network.hpp"
#include "sim/network/regions.hpp"

namespace gs {

namespace {

using mobilisation::Params;
namespace purposes = mobilisation::purposes;

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

std::vector<std::uint16_t> draw_segments(const Params& p, AgentId n, std::uint64_t seed) {
  std::vector<double> share = p.segment_shares;
  share.resize(static_cast<std::size_t>(p.segments), share.empty() ? 1.0 : 0.0);
  if (std::accumulate(share.begin(), share.end(), 0.0) <= 0.0) share.assign(share.size(), 1.0);
  const double total = std::accumulate(share.begin(), share.end(), 0.0);
  std::vector<std::uint16_t> seg(n, 0);
  for (AgentId i = 0; i < n; ++i) {
    RandomStream rs(seed, purposes::setup_seg, setup_tick + 1, i);
    double u = rs.uniform() * total;
    std::size_t k = 0;
    while (k + 1 < share.size() && u >= share[k]) u -= share[k++];
    seg[i] = static_cast<std::uint16_t>(k);
  }
  return seg;
}

// Raises the within-segment share of ties to `homophily` by rewiring cross ties.
Graph rewire_homophily(const Graph& g, std::span<const std::uint16_t> segment,
                       std::span<const std::uint32_t> patch, double homophily, std::uint64_t seed) {
  std::vector<Tie> ties;
  std::uint64_t within = 0;
  for (AgentId u = 0; u < g.num_agents(); ++u) {
    for (AgentId v : g.neighbours(u)) {
      if (u >= v) continue;
      ties.push_back({u, v});
      if (segment[u] == segment[v]) ++within;
    }
  }
  if (ties.empty()) return g;
  const double w0 = static_cast<double>(within) / static_cast<double>(ties.size());
  if (homophily <= w0) return g;
  const double q = (homophily - w0) / (1.0 - w0);
  // Residents by (patch, segment), and by segment alone as a fallback.
  std::map<std::pair<std::uint32_t, std::uint16_t>, std::vector<AgentId>> local;
  std::map<std::uint16_t, std::vector<AgentId>> anywhere;
  for (AgentId i = 0; i < g.num_agents(); ++i) {
    local[{patch.empty() ? 0u : patch[i], segment[i]}].push_back(i);
    anywhere[segment[i]].push_back(i);
  }
  for (Tie& t : ties) {
    if (segment[t.u] == segment[t.v]) continue;
    RandomStream rs(seed, purposes::homophily, t.u, t.v);
    if (!rs.bernoulli(q)) continue;
    const auto& pool_local = local[{patch.empty() ? 0u : patch[t.u], segment[t.u]}];
    const auto& pool = pool_local.size() > 1 ? pool_local : anywhere[segment[t.u]];
    if (pool.size() < 2) continue;
    t.v = pool[rs.below(static_cast<std::uint32_t>(pool.size()))];
  }
  return Graph::from_ties(g.num_agents(), ties);
}

std::vector<AgentId> initial_participants(const Params& p, const Graph& g, std::uint64_t seed) {
  const auto& ip = p.initial;
  const AgentId n = g.num_agents();
  std::vector<AgentId> out;
  if (ip.rule == "random_fraction") {
    for (AgentId i = 0; i < n; ++i) {
      RandomStream rs(seed, purposes::setup_seg, setup_tick, i);
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
        RandomStream rs(seed, purposes::setup_seg, setup_tick - 2, i);
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
  for (const auto& o : mobilisation::observable_table(1, 1, true)) {
    e.outputs.push_back({o.name, o.meaning, o.unit});
  }
  e.create = [](const ModelContext& ctx) -> std::unique_ptr<Model> {
    const nlohmann::json& values = ctx.scenario->values();
    Params p = mobilisation::read_params(values);
    Network net = make_network(p, values, ctx.seed);
    p.n = net.graph.num_agents();
    if (net.segment.empty()) net.segment = draw_segments(p, net.graph.num_agents(), ctx.seed);
    if (net.patch.empty() && p.patches > 1) {
      net.patch = grow_regions(net.graph, static_cast<std::uint32_t>(p.patches), ctx.seed);
    }
    if (p.builder != "segments" && p.homophily > 0.0 && p.segments > 1) {
      net.graph = rewire_homophily(net.graph, net.segment, net.patch, p.homophily, ctx.seed);
    }
    std::vector<AgentId> initial = initial_participants(p, net.graph, ctx.seed);
    TieOverlay ties(std::move(net.graph), static_cast<float>(p.tie_trust.mean));
    mobilisation::Layout layout{std::move(net.segment), std::move(net.patch), std::move(net.x),
                                std::move(net.y)};
    return std::make_unique<mobilisation::MobilisationModel>(
        std::move(p), ctx.seed, std::move(ties), std::move(layout), std::move(initial));
  };
  return e;
}

}  // namespace gs
