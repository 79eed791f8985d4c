// Random and regular network generators.
//
// Contract: each generator is a pure function of its parameters and seed and
// returns a simple undirected graph; work is split into pieces fixed by the
// parameters (rows, chunks of pairs, cells), each with its own RandomStream, so
// the result never depends on the thread count. Bad parameters throw
// scenario::ParameterError naming the scenario key (network.<key>).
//
// Sources:
// - G(n,p) (Gilbert 1959) and G(n,m) (Erdos & Renyi 1959). G(n,p) skips over
//   absent pairs with geometric jumps (Batagelj & Brandes 2005, PRE 71, 036113),
//   as boost::sorted_erdos_renyi_iterator does, but in independent chunks so it
//   runs in parallel. G(n,m) takes such a G(n,p) draw with slightly more than
//   m ties and drops the excess at random (a dense G(n,m) draws its missing
//   pairs with replacement and tops up repeats); either way every m-subset of
//   pairs is equally likely.
// - Small world (Watts & Strogatz 1998, Nature 393:440): each lattice tie keeps
//   its first end and, with probability beta, gets a new uniformly chosen other
//   end that is neither the agent itself nor an existing tie. Written here
//   rather than with boost::small_world_iterator, which is serial and can
//   rewire two ties onto the same pair (silently losing a tie).
// - Preferential attachment (Barabasi & Albert 1999, Science 286:509): each new
//   agent picks m distinct partners uniformly from the list of tie endpoints,
//   i.e. with probability proportional to degree (Batagelj & Brandes 2005).
// - Stochastic block model (Holland, Laskey & Leinhardt 1983): one probability
//   inside segments and one across, set from the mean degree and the target
//   share of ties inside segments.
// - Spatial patches: tie probability c * exp(-d / radius) (Waxman 1988, IEEE
//   JSAC 6:1617), cut to (1 - patch_penalty) across patches and to zero beyond
//   6 radii; c is set from the kernel's integral over the layout, so the expected
//   mean degree is the target (spatial_calibration.cpp). Sampled per pair of grid cells
//   with geometric skips at the cell pair's largest probability, then thinned
//   to each pair's own probability (Lewis & Shedler 1979), so the cost is
//   O(n + m) for cells no smaller than the radius.
#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_set>

#include "sim/core/parallel.hpp"
#include "sim/network/detail.hpp"

namespace gs {
namespace network_detail {
namespace {

constexpr AgentId no_agent = std::numeric_limits<AgentId>::max();

void require_probability(const char* key, double value) {
  if (!(value >= 0.0 && value <= 1.0)) fail(key, fmt::format("{} is not in [0, 1]", value));
}

// Pair key for u < v among n agents; increasing in (u, v).
std::uint64_t pair_key(AgentId u, AgentId v, std::uint64_t n) {
  return std::uint64_t{std::min(u, v)} * n + std::max(u, v);
}

// Every pair of the triangle of n agents kept with probability p.
std::vector<Tie> bernoulli_triangle(AgentId n, double p, std::uint64_t seed, Phase phase,
                                    std::uint32_t step = 0) {
  const std::uint64_t total = pairs_among(n);
  const std::uint64_t span = chunk_span(p, total);
  const std::uint64_t chunks = total == 0 || p <= 0.0 ? 0 : (total + span - 1) / span;
  std::vector<std::vector<Tie>> pieces(chunks);
  tbb::parallel_for(std::uint64_t{0}, chunks, [&](std::uint64_t c) {
    RandomStream stream(seed, purpose::network, stream_tick(phase, step),
                        static_cast<std::uint32_t>(c));
    const std::uint64_t begin = c * span;
    const std::uint64_t end = std::min(total, begin + span);
    auto& out = pieces[c];
    out.reserve(static_cast<std::size_t>(p * static_cast<double>(end - begin) * 1.05) + 16);
    for_each_bernoulli_index(begin, end, p, stream,
                             [&](std::uint64_t i) { out.push_back(pair_of_index(i, n)); });
  });
  return concatenate(pieces);
}

// m distinct ties among n agents (m at most half the pairs), uniform as a set:
// a G(n,p) draw with p just above m / pairs has K >= m ties, a uniform K-subset;
// dropping a uniform K - m of them leaves a uniform m-subset. O(n + m).
std::vector<Tie> sparse_gnm(AgentId n, std::uint64_t m, std::uint64_t seed) {
  const auto total = static_cast<double>(pairs_among(n));
  const double slack = 6.0 * std::sqrt(static_cast<double>(m)) + 16.0;  // K < m: p ~ 1e-9
  const double p = std::min(1.0, (static_cast<double>(m) + slack) / total);
  for (std::uint32_t round = 0;; ++round) {
    std::vector<Tie> ties = bernoulli_triangle(n, p, seed, Phase::gnm, round);
    if (ties.size() < m) continue;
    RandomStream stream(seed, purpose::network, stream_tick(Phase::gnm_trim, round), 0);
    const std::size_t excess = ties.size() - m;
    for (std::size_t i = 0; i < excess; ++i) {  // partial Fisher-Yates to the back
      const std::size_t last = ties.size() - 1 - i;
      std::swap(ties[stream.below64(last + 1)], ties[last]);
    }
    ties.resize(m);
    return ties;
  }
}

// `want` distinct pair keys among n agents, sorted; uniformly random as a set.
std::vector<std::uint64_t> distinct_pair_keys(AgentId n, std::uint64_t want, std::uint64_t seed) {
  constexpr std::uint64_t draws_per_chunk = 1u << 16;
  std::vector<std::uint64_t> keys;
  keys.reserve(want);
  for (std::uint32_t round = 0; keys.size() < want; ++round) {
    const std::uint64_t missing = want - keys.size();
    std::vector<std::uint64_t> fresh(missing);
    parallel_for_chunks(missing, draws_per_chunk, [&](std::size_t begin, std::size_t end) {
      RandomStream stream(seed, purpose::network, stream_tick(Phase::gnm, round),
                          static_cast<std::uint32_t>(begin / draws_per_chunk));
      for (std::size_t i = begin; i < end; ++i) {
        const AgentId u = stream.below(n);
        AgentId v = stream.below(n - 1);
        if (v >= u) ++v;  // uniform over the n - 1 others
        fresh[i] = pair_key(u, v, n);
      }
    });
    tbb::parallel_sort(fresh.begin(), fresh.end());
    const auto old_size = static_cast<std::ptrdiff_t>(keys.size());
    keys.insert(keys.end(), fresh.begin(), fresh.end());
    std::inplace_merge(keys.begin(), keys.begin() + old_size, keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  }
  return keys;
}

// Builds the ring lattice: tie (u, j) joins u and u + j (mod n) for j = 1..k/2.
void check_lattice(AgentId n, AgentId k) {
  if (k % 2 != 0) fail("k", fmt::format("{} is odd; the ring lattice needs an even k", k));
  if (k >= n && k > 0) {
    fail("k", fmt::format("{} must be less than the number of agents n = {}", k, n));
  }
}

}  // namespace

Draft draft_gnp(AgentId n, double p, std::uint64_t seed) {
  require_probability("p", p);
  Draft d;
  d.agents = n;
  d.ties = bernoulli_triangle(n, p, seed, Phase::gnp);
  d.network.provenance = {{"generator", "erdos_renyi"},
                          {"parameters", {{"n", n}, {"p", p}, {"seed", seed}}}};
  return d;
}

Draft draft_gnm(AgentId n, std::uint64_t m, std::uint64_t seed) {
  const std::uint64_t total = pairs_among(n);
  if (m > total) {
    fail("ties", fmt::format("{} ties do not fit among n = {} agents (at most n(n-1)/2 = {})", m, n,
                             total));
  }
  Draft d;
  d.agents = n;
  if (m <= total / 2) {
    d.ties = sparse_gnm(n, m, seed);
  } else {
    // Dense: draw the pairs left out (few agents, since it is dense), keep the rest.
    const std::vector<std::uint64_t> keys = distinct_pair_keys(n, total - m, seed);
    d.ties.reserve(m);
    auto excluded = keys.begin();
    for (AgentId u = 0; u < n; ++u) {
      for (AgentId v = u + 1; v < n; ++v) {
        if (excluded != keys.end() && *excluded == pair_key(u, v, n)) {
          ++excluded;
        } else {
          d.ties.push_back({u, v});
        }
      }
    }
  }
  d.network.provenance = {{"generator", "gnm"},
                          {"parameters", {{"n", n}, {"ties", m}, {"seed", seed}}}};
  return d;
}

Draft draft_ring(AgentId n, AgentId k) {
  check_lattice(n, k);
  const AgentId half = k / 2;
  Draft d;
  d.agents = n;
  d.ties.resize(std::size_t{n} * half);
  parallel_for_index(n, [&](std::size_t u) {
    for (AgentId j = 1; j <= half; ++j) {
      d.ties[u * half + j - 1] = {static_cast<AgentId>(u), static_cast<AgentId>((u + j) % n)};
    }
  });
  d.network.provenance = {{"generator", "ring"}, {"parameters", {{"n", n}, {"k", k}}}};
  return d;
}

Draft draft_complete(AgentId n) {
  Draft d;
  d.agents = n;
  d.ties.resize(pairs_among(n));
  parallel_for_index(d.ties.size(), [&](std::size_t i) { d.ties[i] = pair_of_index(i, n); });
  d.network.provenance = {{"generator", "complete"}, {"parameters", {{"n", n}}}};
  return d;
}

Draft draft_watts_strogatz(AgentId n, AgentId k, double beta, std::uint64_t seed) {
  check_lattice(n, k);
  require_probability("beta", beta);
  const AgentId half = k / 2;
  const std::size_t slots = std::size_t{n} * half;

  // Phase 1: which lattice ties are rewired (slot u * half + j - 1 is tie (u, j)).
  std::vector<std::uint8_t> rewired(slots, 0);
  parallel_for_index(n, [&](std::size_t u) {
    RandomStream stream(seed, purpose::network_rewire, stream_tick(Phase::watts_strogatz, 0),
                        static_cast<std::uint32_t>(u));
    for (AgentId j = 0; j < half; ++j) rewired[u * half + j] = stream.bernoulli(beta) ? 1 : 0;
  });
  // True if {u, w} is a lattice tie that stays in place.
  const auto kept_lattice_tie = [&](AgentId u, AgentId w) {
    const std::uint64_t forward = (std::uint64_t{w} + n - u) % n;   // w = u + forward
    const std::uint64_t backward = (std::uint64_t{u} + n - w) % n;  // u = w + backward
    if (forward >= 1 && forward <= half) return rewired[std::size_t{u} * half + forward - 1] == 0;
    if (backward >= 1 && backward <= half) {
      return rewired[std::size_t{w} * half + backward - 1] == 0;
    }
    return false;
  };

  // Phase 2: new far ends, avoiding the agent itself and the lattice ties kept.
  // The tie's old far end is no longer a tie, so a candidate always exists.
  std::vector<AgentId> far_end(slots, no_agent);
  parallel_for_index(n, [&](std::size_t u_index) {
    const auto u = static_cast<AgentId>(u_index);
    RandomStream stream(seed, purpose::network_rewire, stream_tick(Phase::watts_strogatz, 1), u);
    for (AgentId j = 0; j < half; ++j) {
      const std::size_t slot = u_index * half + j;
      if (rewired[slot] == 0) {
        far_end[slot] = (u + j + 1) % n;
        continue;
      }
      AgentId w = 0;
      do {
        w = stream.below(n);
      } while (w == u || kept_lattice_tie(u, w));
      far_end[slot] = w;
    }
  });

  // Phase 3: two rewired ties may have landed on the same pair; the later slot
  // draws again (serially, in slot order; expected O(k^2 beta^2) repeats).
  std::vector<std::pair<std::uint64_t, std::size_t>> rewired_keys;
  for (std::size_t slot = 0; slot < slots; ++slot) {
    if (rewired[slot] != 0) {
      const auto u = static_cast<AgentId>(slot / half);
      rewired_keys.emplace_back(pair_key(u, far_end[slot], n), slot);
    }
  }
  tbb::parallel_sort(rewired_keys.begin(), rewired_keys.end());
  std::vector<std::size_t> repeated_slots;
  for (std::size_t i = 1; i < rewired_keys.size(); ++i) {
    if (rewired_keys[i].first == rewired_keys[i - 1].first) {
      repeated_slots.push_back(rewired_keys[i].second);
    }
  }
  std::uint64_t rewiring_abandoned = 0;
  if (!repeated_slots.empty()) {
    std::sort(repeated_slots.begin(), repeated_slots.end());
    std::unordered_set<std::uint64_t> taken;
    for (const auto& [key, slot] : rewired_keys) taken.insert(key);
    RandomStream stream(seed, purpose::network_rewire, stream_tick(Phase::watts_strogatz, 2), 0);
    // Bounded so a tiny, nearly complete graph cannot loop forever.
    const std::uint64_t max_attempts = 64 + 16 * std::uint64_t{n};
    for (const std::size_t slot : repeated_slots) {
      const auto u = static_cast<AgentId>(slot / half);
      far_end[slot] = no_agent;
      for (std::uint64_t attempt = 0; attempt < max_attempts; ++attempt) {
        const AgentId w = stream.below(n);
        if (w == u || kept_lattice_tie(u, w) || taken.contains(pair_key(u, w, n))) continue;
        taken.insert(pair_key(u, w, n));
        far_end[slot] = w;
        break;
      }
      if (far_end[slot] == no_agent) ++rewiring_abandoned;
    }
  }

  Draft d;
  d.agents = n;
  d.ties.reserve(slots);
  for (std::size_t slot = 0; slot < slots; ++slot) {
    if (far_end[slot] != no_agent)
      d.ties.push_back({static_cast<AgentId>(slot / half), far_end[slot]});
  }
  d.network.provenance = {{"generator", "watts_strogatz"},
                          {"parameters", {{"n", n}, {"k", k}, {"beta", beta}, {"seed", seed}}},
                          {"rewired", rewired_keys.size()},
                          {"rewiring_abandoned", rewiring_abandoned}};
  return d;
}

Draft draft_barabasi_albert(AgentId n, AgentId m, std::uint64_t seed) {
  if (m < 1) fail("m", "must be at least 1");
  if (m >= n) fail("m", fmt::format("{} must be less than the number of agents n = {}", m, n));
  Draft d;
  d.agents = n;
  const std::uint64_t tie_count =
      pairs_among(std::uint64_t{m} + 1) + std::uint64_t{m} * (n - m - 1);
  d.ties.reserve(tie_count);
  std::vector<AgentId> endpoints;  // each agent appears once per tie it has
  endpoints.reserve(2 * tie_count);
  // Seed: a complete graph on m + 1 agents, so every agent starts with degree >= m.
  for (AgentId u = 0; u <= m; ++u) {
    for (AgentId v = u + 1; v <= m; ++v) {
      d.ties.push_back({u, v});
      endpoints.push_back(u);
      endpoints.push_back(v);
    }
  }
  std::vector<AgentId> picked_by(n, no_agent);
  std::vector<AgentId> partners(m);
  for (AgentId t = m + 1; t < n; ++t) {
    RandomStream stream(seed, purpose::network, stream_tick(Phase::barabasi_albert), t);
    for (AgentId chosen = 0; chosen < m;) {
      const AgentId v = endpoints[stream.below64(endpoints.size())];
      if (picked_by[v] == t) continue;  // distinct partners
      picked_by[v] = t;
      partners[chosen++] = v;
    }
    // The newcomer's own endpoints join the list only after its choice.
    for (const AgentId v : partners) {
      d.ties.push_back({t, v});
      endpoints.push_back(t);
      endpoints.push_back(v);
    }
  }
  d.network.provenance = {{"generator", "barabasi_albert"},
                          {"parameters", {{"n", n}, {"m", m}, {"seed", seed}}}};
  return d;
}

Draft draft_stochastic_block(std::span<const AgentId> segment_sizes, double mean_degree,
                             double homophily, std::uint64_t seed) {
  if (segment_sizes.empty()) fail("segments", "needs at least one segment");
  if (segment_sizes.size() > std::numeric_limits<std::uint16_t>::max()) {
    fail("segments", fmt::format("{} segments; at most {}", segment_sizes.size(),
                                 std::numeric_limits<std::uint16_t>::max()));
  }
  std::uint64_t total_agents = 0;
  std::uint64_t within_pairs = 0;
  for (const AgentId size : segment_sizes) {
    if (size == 0) fail("segments", "a segment has size 0");
    total_agents += size;
    within_pairs += pairs_among(size);
  }
  if (total_agents > std::numeric_limits<AgentId>::max()) {
    fail("segments", fmt::format("{} agents in all; at most {}", total_agents,
                                 std::numeric_limits<AgentId>::max()));
  }
  if (!(mean_degree >= 0.0)) fail("mean_degree", "must not be negative");
  require_probability("homophily", homophily);
  const auto n = static_cast<AgentId>(total_agents);
  const std::uint64_t across_pairs = pairs_among(n) - within_pairs;
  const double expected_ties = static_cast<double>(n) * mean_degree / 2.0;

  // Share of expected ties inside segments; forced when one kind of pair is absent.
  double within_share = homophily;
  if (across_pairs == 0) within_share = 1.0;
  if (within_pairs == 0) within_share = 0.0;
  const double p_in =
      within_pairs == 0 ? 0.0 : within_share * expected_ties / static_cast<double>(within_pairs);
  const double p_out =
      across_pairs == 0 ? 0.0
                        : (1.0 - within_share) * expected_ties / static_cast<double>(across_pairs);
  if (expected_ties > static_cast<double>(pairs_among(n))) {
    fail("mean_degree", fmt::format("{} is more than the {} agents can have ({})", mean_degree, n,
                                    n == 0 ? 0 : n - 1));
  }
  if (p_in > 1.0) {
    fail("homophily", fmt::format("{} with mean_degree {} needs a within-segment tie probability "
                                  "of {:.3g} > 1; the segments are too small",
                                  homophily, mean_degree, p_in));
  }
  if (p_out > 1.0) {
    fail("homophily", fmt::format("{} with mean_degree {} needs an across-segment tie "
                                  "probability of {:.3g} > 1",
                                  homophily, mean_degree, p_out));
  }

  Draft d;
  d.agents = n;
  d.network.segment.resize(n);
  std::vector<AgentId> first_agent(segment_sizes.size() + 1, 0);
  for (std::size_t b = 0; b < segment_sizes.size(); ++b) {
    first_agent[b + 1] = first_agent[b] + segment_sizes[b];
    std::fill(d.network.segment.begin() + first_agent[b],
              d.network.segment.begin() + first_agent[b + 1], static_cast<std::uint16_t>(b));
  }

  // Within: each segment's triangle in chunks. Across: the whole triangle at
  // p_out, skipping pairs inside a segment (they were drawn at p_in).
  struct Job {
    std::uint32_t segment;  // segment_sizes.size() for the across job
    std::uint64_t begin, end;
  };
  std::vector<Job> jobs;
  const auto add_jobs = [&](std::uint32_t segment, std::uint64_t total, double p) {
    if (p <= 0.0 || total == 0) return;
    const std::uint64_t span = chunk_span(p, total);
    for (std::uint64_t begin = 0; begin < total; begin += span) {
      jobs.push_back({segment, begin, std::min(total, begin + span)});
    }
  };
  for (std::uint32_t b = 0; b < segment_sizes.size(); ++b) {
    add_jobs(b, pairs_among(segment_sizes[b]), p_in);
  }
  const auto across = static_cast<std::uint32_t>(segment_sizes.size());
  add_jobs(across, pairs_among(n), p_out);

  std::vector<std::vector<Tie>> pieces(jobs.size());
  tbb::parallel_for(std::size_t{0}, jobs.size(), [&](std::size_t j) {
    const Job& job = jobs[j];
    const bool is_across = job.segment == across;
    RandomStream stream(
        seed, purpose::network,
        stream_tick(is_across ? Phase::stochastic_block_across : Phase::stochastic_block_within),
        static_cast<std::uint32_t>(j));
    auto& out = pieces[j];
    if (is_across) {
      for_each_bernoulli_index(job.begin, job.end, p_out, stream, [&](std::uint64_t i) {
        const Tie t = pair_of_index(i, n);
        if (d.network.segment[t.u] != d.network.segment[t.v]) out.push_back(t);
      });
    } else {
      const AgentId offset = first_agent[job.segment];
      const AgentId size = segment_sizes[job.segment];
      for_each_bernoulli_index(job.begin, job.end, p_in, stream, [&](std::uint64_t i) {
        const Tie t = pair_of_index(i, size);
        out.push_back({t.u + offset, t.v + offset});
      });
    }
  });
  d.ties = concatenate(pieces);
  std::vector<AgentId> sizes(segment_sizes.begin(), segment_sizes.end());
  d.network.provenance = {{"generator", "stochastic_block"},
                          {"parameters",
                           {{"segments", sizes},
                            {"mean_degree", mean_degree},
                            {"homophily", homophily},
                            {"seed", seed}}},
                          {"p_within", p_in},
                          {"p_across", p_out}};
  return d;
}

Draft draft_spatial(AgentId n, std::uint32_t patches, double mean_degree, double radius,
                    double patch_penalty, std::uint64_t seed) {
  if (patches < 1) fail("patches", "must be at least 1");
  if (!(radius > 0.0)) fail("radius", "must be positive");
  if (!(mean_degree >= 0.0)) fail("mean_degree", "must not be negative");
  require_probability("patch_penalty", patch_penalty);

  // Patches are squares of side 1/columns in rows of `columns`; agents fill
  // the middle spatial_patch_fill of their patch so neighbouring patches are set apart.
  constexpr double patch_fill = spatial_patch_fill;
  const std::uint32_t columns = spatial_columns(patches);
  Draft d;
  d.agents = n;
  d.network.patch.resize(n);
  d.network.x.resize(n);
  d.network.y.resize(n);
  parallel_for_index(n, [&](std::size_t u) {
    const std::uint32_t patch = spatial_patch_of(static_cast<AgentId>(u), n, patches);
    RandomStream stream(seed, purpose::network, stream_tick(Phase::spatial_positions),
                        static_cast<std::uint32_t>(u));
    const double margin = (1.0 - patch_fill) / 2.0;
    d.network.patch[u] = patch;
    d.network.x[u] =
        static_cast<float>((patch % columns + margin + patch_fill * stream.uniform()) / columns);
    d.network.y[u] = static_cast<float>(
        (static_cast<double>(patch / columns) + margin + patch_fill * stream.uniform()) / columns);
  });

  // Cell grid: `per_patch` cells across each patch (so a cell lies in one
  // patch), cells about one radius wide, never many more cells than agents.
  const double max_cells_per_side = std::sqrt(4.0 * n + 16.0);
  const auto per_patch =
      static_cast<std::uint32_t>(std::max(1.0, std::min(std::floor(1.0 / (columns * radius)),
                                                        std::floor(max_cells_per_side / columns))));
  const std::uint32_t side = columns * per_patch;
  const double cell_width = 1.0 / side;
  const double cutoff = spatial_cutoff_radii * radius;
  const auto reach = static_cast<std::int64_t>(std::ceil(cutoff / cell_width));
  const auto cell_coordinate = [&](float position) {
    return std::min<std::uint32_t>(side - 1, static_cast<std::uint32_t>(double(position) * side));
  };
  const auto cell_of = [&](AgentId u) {
    return std::size_t{cell_coordinate(d.network.y[u])} * side + cell_coordinate(d.network.x[u]);
  };
  const std::size_t cells = std::size_t{side} * side;
  std::vector<std::size_t> cell_start(cells + 1, 0);
  for (AgentId u = 0; u < n; ++u) ++cell_start[cell_of(u) + 1];
  std::partial_sum(cell_start.begin(), cell_start.end(), cell_start.begin());
  std::vector<AgentId> members(n);
  {
    std::vector<std::size_t> cursor(cell_start.begin(), cell_start.end() - 1);
    for (AgentId u = 0; u < n; ++u) members[cursor[cell_of(u)]++] = u;
  }

  const auto distance = [&](AgentId u, AgentId v) {
    return std::hypot(double(d.network.x[u]) - d.network.x[v],
                      double(d.network.y[u]) - d.network.y[v]);
  };
  const double across_factor = 1.0 - patch_penalty;
  // Relative tie propensity; the tie probability is c times this.
  const auto propensity = [&](AgentId u, AgentId v) {
    const double dist = distance(u, v);
    if (dist > cutoff) return 0.0;
    const double factor = d.network.patch[u] == d.network.patch[v] ? 1.0 : across_factor;
    return factor * std::exp(-dist / radius);
  };
  const auto for_each_cell_near = [&](std::size_t cell, auto&& body) {
    const auto cx = static_cast<std::int64_t>(cell % side);
    const auto cy = static_cast<std::int64_t>(cell / side);
    const auto last = static_cast<std::int64_t>(side) - 1;
    for (std::int64_t by = std::max<std::int64_t>(0, cy - reach); by <= std::min(last, cy + reach);
         ++by) {
      for (std::int64_t bx = std::max<std::int64_t>(0, cx - reach);
           bx <= std::min(last, cx + reach); ++bx) {
        body(static_cast<std::size_t>(by * side + bx), std::abs(bx - cx), std::abs(by - cy));
      }
    }
  };

  // c: the expected degree of an agent is c times the expected sum of its
  // propensities, integrated over the layout (spatial_calibration.cpp).
  const double mean_propensity = expected_spatial_propensity(n, patches, radius, patch_penalty);
  double scale = 0.0;
  if (mean_degree > 0.0 && n > 1) {
    if (mean_propensity <= 0.0) {
      fail("radius", fmt::format("{} is too small: no two agents are within reach", radius));
    }
    scale = mean_degree / mean_propensity;
    if (scale > 1.0) {
      fail("radius", fmt::format("{} is too small for mean_degree {}: even ties at distance 0 "
                                 "would reach only about {:.3g}",
                                 radius, mean_degree, mean_propensity));
    }
  }

  // Ties: cell A with each cell B >= A within the cut-off.
  std::vector<std::vector<Tie>> pieces(scale > 0.0 ? cells : 0);
  tbb::parallel_for(std::size_t{0}, pieces.size(), [&](std::size_t a) {
    const std::size_t a_size = cell_start[a + 1] - cell_start[a];
    if (a_size == 0) return;
    RandomStream stream(seed, purpose::network, stream_tick(Phase::spatial_ties),
                        static_cast<std::uint32_t>(a));
    const AgentId* a_members = members.data() + cell_start[a];
    const std::uint32_t a_patch = d.network.patch[a_members[0]];
    auto& out = pieces[a];
    const auto consider = [&](AgentId u, AgentId v, double p_max) {
      if (stream.uniform() * p_max < scale * propensity(u, v)) out.push_back({u, v});
    };
    for_each_cell_near(a, [&](std::size_t b, std::int64_t gap_x, std::int64_t gap_y) {
      const std::size_t b_size = cell_start[b + 1] - cell_start[b];
      if (b < a || b_size == 0) return;
      const double nearest = std::hypot(double(std::max<std::int64_t>(0, gap_x - 1)),
                                        double(std::max<std::int64_t>(0, gap_y - 1))) *
                             cell_width;
      if (nearest > cutoff) return;
      const AgentId* b_members = members.data() + cell_start[b];
      const double factor = d.network.patch[b_members[0]] == a_patch ? 1.0 : across_factor;
      const double p_max = std::min(1.0, scale * factor * std::exp(-nearest / radius));
      if (a == b) {
        for_each_bernoulli_index(0, pairs_among(a_size), p_max, stream, [&](std::uint64_t i) {
          const Tie t = pair_of_index(i, a_size);
          consider(a_members[t.u], a_members[t.v], p_max);
        });
      } else {
        for_each_bernoulli_index(0, std::uint64_t{a_size} * b_size, p_max, stream,
                                 [&](std::uint64_t i) {
                                   consider(a_members[i / b_size], b_members[i % b_size], p_max);
                                 });
      }
    });
  });
  d.ties = concatenate(pieces);
  d.network.provenance = {{"generator", "spatial"},
                          {"parameters",
                           {{"n", n},
                            {"patches", patches},
                            {"mean_degree", mean_degree},
                            {"radius", radius},
                            {"patch_penalty", patch_penalty},
                            {"seed", seed}}},
                          {"tie_probability_at_distance_0", scale}};
  return d;
}

}  // namespace network_detail

using namespace network_detail;

Network erdos_renyi_gnp(AgentId n, double p, std::uint64_t seed) {
  return finish(draft_gnp(n, p, seed));
}
Network erdos_renyi_gnm(AgentId n, std::uint64_t m, std::uint64_t seed) {
  return finish(draft_gnm(n, m, seed));
}
Network watts_strogatz(AgentId n, AgentId k, double beta, std::uint64_t seed) {
  return finish(draft_watts_strogatz(n, k, beta, seed));
}
Network barabasi_albert(AgentId n, AgentId m, std::uint64_t seed) {
  return finish(draft_barabasi_albert(n, m, seed));
}
Network complete_graph(AgentId n) {
  return finish(draft_complete(n));
}
Network ring_lattice(AgentId n, AgentId k) {
  return finish(draft_ring(n, k));
}
Network stochastic_block(std::span<const AgentId> segment_sizes, double mean_degree,
                         double homophily, std::uint64_t seed) {
  return finish(draft_stochastic_block(segment_sizes, mean_degree, homophily, seed));
}
Network spatial_patches(AgentId n, std::uint32_t patches, double mean_degree, double radius,
                        double patch_penalty, std::uint64_t seed) {
  return finish(draft_spatial(n, patches, mean_degree, radius, patch_penalty, seed));
}

}  // namespace gs
