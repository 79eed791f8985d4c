// declare_network_schema: the `network` section of every scenario.
//
// Contract: declares the generator choice and every generator's parameters,
// with the defaults build_network uses (network_detail::defaults), ranges, and
// docs that say which generators read each key. Kept in its own translation
// unit so programs that only generate networks need not link the scenario layer.
// Generators: Gilbert 1959 / Erdos & Renyi 1959, Watts & Strogatz 1998,
// Barabasi & Albert 1999, Holland, Laskey & Leinhardt 1983 (stochastic block),
// Waxman 1988 (distance-decaying ties); edge lists in SNAP's text format
// (Leskovec & Krevl, SNAP Datasets, 2014).
#include "sim/network/detail.hpp"

namespace gs {

void declare_network_schema(scenario::Section root) {
  namespace d = network_detail::defaults;
  constexpr double max_agents = 4294967295.0;
  auto net = root.section(
      "network",
      "The social network: undirected ties weighted by interpersonal trust, generated or loaded "
      "from an edge-list file (MODEL.md, Ties).");
  net.choice("generator", d::generator,
             {"erdos_renyi", "gnm", "watts_strogatz", "barabasi_albert", "complete", "ring",
              "stochastic_block", "spatial", "edge_list"},
             "How ties are made: erdos_renyi (each pair with probability p), gnm (exactly `ties` "
             "ties), watts_strogatz (small world), barabasi_albert (preferential attachment), "
             "complete, ring (lattice), stochastic_block (segments with homophily), spatial "
             "(patches on the unit square), edge_list (read `file`).");
  net.integer("n", d::n, "Number of agents (every generator but edge_list).", {0.0, max_agents});
  net.real("mean_degree", d::mean_degree,
           "Expected ties per agent: erdos_renyi when p is 0, gnm when ties is 0, "
           "stochastic_block, spatial.",
           {0.0, max_agents});
  net.real("p", d::p,
           "erdos_renyi: probability of each possible tie; 0 means mean_degree / (n - 1).",
           {0.0, 1.0});
  net.integer("ties", d::ties,
              "gnm: exact number of ties, at most n(n-1)/2; 0 means round(n * mean_degree / 2).",
              {0.0, 9.2e18});
  net.integer("k", d::k,
              "watts_strogatz, ring: ties per agent in the ring lattice (k/2 on each side); even "
              "and less than n.",
              {0.0, max_agents});
  net.real("beta", d::beta,
           "watts_strogatz: probability that a lattice tie is rewired to a random agent.",
           {0.0, 1.0});
  net.integer("m", d::m,
              "barabasi_albert: ties each newcomer makes (also the minimum degree); less than n.",
              {1.0, max_agents});
  net.integers("segments", {},
               "stochastic_block: segment sizes, adding up to n; empty means segment_count "
               "near-equal segments. Agents are numbered segment by segment.",
               {1.0, max_agents});
  net.integer("segment_count", d::segment_count,
              "stochastic_block: number of near-equal segments when `segments` is empty.",
              {1.0, 65535.0});
  net.real("homophily", d::homophily,
           "stochastic_block: share of each agent's expected ties inside its own segment (1 = "
           "none across; about sum of squared segment shares = no preference).",
           {0.0, 1.0});
  net.integer("patches", d::patches,
              "spatial: number of patches (neighbourhoods), laid out as squares on the unit "
              "square; agents are numbered patch by patch.",
              {1.0, max_agents});
  net.real("radius", d::radius,
           "spatial: distance scale of tie probability c * exp(-distance / radius), zero beyond "
           "6 radii (Waxman 1988); c is set from mean_degree.",
           {1e-6, 2.0});
  net.real("patch_penalty", d::patch_penalty,
           "spatial: share by which tie probability is cut between agents of different patches "
           "(1 = no ties across patches).",
           {0.0, 1.0});
  net.path("file",
           "edge_list: SNAP-style text file of `u v [weight]` lines with # comments; ids are "
           "renumbered 0..n-1 in increasing order.");
  // Not `n`: it defaults to 1000 for the generators, so a scenario that merely
  // switched to edge_list would silently gain residents.
  net.integer("population", 0,
              "edge_list: the residents are ids 0..population-1, with or without ties (a "
              "resident with no tie is in no tie line); 0 = the ids in the file.",
              {0.0, max_agents});
  net.path("residents",
           "edge_list: file of residents, one `id [segment]` per line (# comments); every id "
           "in `file` must be one, and residents without ties are agents with none.");
  net.boolean("read_weights", d::read_weights,
              "edge_list: use a third column as the tie weight (trust, in [0, 1]).");
  net.choice("weights", d::weights, {"none", "constant", "uniform"},
             "Tie weights (trust): none (unweighted, or a loaded file's own weights), constant "
             "(`weight`), uniform in [weight_min, weight_max]; the last two replace file weights.");
  net.real("weight", d::weight, "Tie weight when weights is constant.", {0.0, 1.0});
  net.real("weight_min", d::weight_min, "Lowest tie weight when weights is uniform.", {0.0, 1.0});
  net.real("weight_max", d::weight_max, "Highest tie weight when weights is uniform.", {0.0, 1.0});
}

}  // namespace gs
