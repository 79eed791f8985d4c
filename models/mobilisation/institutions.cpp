// Institutions (MODEL.md tick step 5): grants and the council's culture.
//
// Contract:
// - Grants (NLGN enablers: philanthropy, place-based giving). The pool accrues
//   annual_pool per year (unspent money carries over). A group with an adopted
//   plan and a leader (any group with a plan under place-based giving), less
//   than a grant in hand and no application pending applies with weekly
//   probability apply_rate x its members' mean institutional trust
//   (distrustful groups do not apply). Funders decide in rounds,
//   rounds_per_year of them (4: a decision takes about 12 weeks, The National
//   Lottery Community Fund's Awards for All), and one holds at the end of
//   every 1/rounds_per_year of a year: the applications still eligible are
//   ranked and paid grant_size each while the pool lasts; the rest are
//   declined, and every applicant may apply again. Ranking: by the group's
//   strength (action.cpp, group_strength: its capacity, coherence,
//   legitimacy and links), strongest first, since with more worthwhile
//   applications than money funders back those that involve their community
//   most strongly (Awards for All's guidance, 2018); place-based: poorest
//   patches first, then strength. A paid group gains a funder link. Groups
//   spend spend_rate of their funds a week; funds in hand add capacity with
//   diminishing returns (groups.cpp) and protect against dissolution after a
//   failure (action.cpp). More money therefore funds more groups, each weaker
//   than the last, and each gaining less: positive, diminishing returns
//   (stylised fact 6).
// - Council culture change (Community Catalysts: quick wins changed the
//   council's culture): receptiveness gains culture_change x (1 - r) per quick
//   win this tick and reverts toward its initial value at culture_memory.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/mobilisation/phases.hpp"

namespace gs::mobilisation {

namespace {
// True at the last tick of each of the year's rounds_per_year rounds. Multiplied
// before dividing, so a round that ends on a whole tick is exact (13 x 4 / 52).
bool round_ends(std::uint32_t tick, const Params& p) {
  const auto rounds_by = [&](double t) {
    return std::floor(t * p.grant_rounds / p.ticks_per_year);
  };
  return rounds_by(tick + 1.0) > rounds_by(tick);
}

bool eligible(const Group& g, const Params& p) {
  return g.alive && g.plan >= p.plan_threshold && g.funds < p.grant_size &&
         (g.leader != no_agent || g.externally_led || p.place_based);
}
}  // namespace

void institutions(Community& c) {
  const Params& p = c.p;
  c.grant_pool += p.grant_pool / p.ticks_per_year;
  for (Group& g : c.groups) {
    if (!g.alive) continue;
    g.funds *= 1.0 - p.grant_spend_rate;
    if (p.grant_pool <= 0.0 || g.applied || !eligible(g, p)) continue;
    double trust = 0.0;
    for (AgentId a : g.members) trust += c.r.inst_trust[a];
    trust /= static_cast<double>(std::max<std::size_t>(1, g.members.size()));
    RandomStream rs(c.seed, purposes::grants, c.tick, g.id);
    if (rs.bernoulli(p.grant_apply_rate * trust)) {
      g.applied = true;
      c.grant_applications.push_back(g.id);
    }
  }
  if (!c.grant_applications.empty() && round_ends(c.tick, p)) {
    std::vector<std::uint32_t> ranked;
    for (std::uint32_t id : c.grant_applications) {
      c.groups[id].applied = false;
      if (eligible(c.groups[id], p)) ranked.push_back(id);
    }
    c.grant_applications.clear();
    std::vector<double> strength(ranked.size());
    for (std::size_t k = 0; k < ranked.size(); ++k)
      strength[k] = group_strength(c.groups[ranked[k]], p);
    std::vector<std::size_t> order(ranked.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      if (p.place_based) {
        const double ra = c.patch_resources[c.groups[ranked[a]].patch];
        const double rb = c.patch_resources[c.groups[ranked[b]].patch];
        if (ra != rb) return ra < rb;
      }
      return strength[a] > strength[b];
    });
    for (std::size_t k : order) {
      // Within a penny: a pool that accrued exactly a grant in weekly sums of pounds that
      // binary fractions cannot hold (16,000 / 52) still pays it.
      if (c.grant_pool < p.grant_size - 0.01) break;
      Group& g = c.groups[ranked[k]];
      c.grant_pool = std::max(0.0, c.grant_pool - p.grant_size);
      g.funds += p.grant_size;
      ++g.grants;
      g.links |= 4u;
      ++c.c.grants;
      c.c.grants_paid += p.grant_size;
    }
  }
  c.receptiveness +=
      p.culture_change * static_cast<double>(c.c.wins_this_tick) * (1.0 - c.receptiveness);
  c.receptiveness += p.culture_memory * (c.receptiveness0 - c.receptiveness);
  c.receptiveness = std::clamp(c.receptiveness, 0.0, 1.0);
}

}  // namespace gs::mobilisation
