// Institutions (MODEL.md tick step 5): grants and the council's culture.
//
// Contract:
// - Grants (NLGN enablers: philanthropy, place-based giving). The pool accrues
//   annual_pool per year (unspent money carries over). A group with an adopted
//   plan and a leader (any group with a plan under place-based giving) and
//   less than a grant in hand applies with weekly probability apply_rate x its
//   members' mean institutional trust (distrustful groups do not apply).
//   Applications are paid grant_size in order (place-based: poorest patches
//   first; else by group id) while the pool lasts; a paid group gains a
//   funder link. Groups spend spend_rate of their funds a week; funds in hand
//   add capacity with diminishing returns (groups.cpp) and protect against
//   dissolution after a failure (action.cpp). More money therefore funds
//   more groups, more often, each gaining less: positive, diminishing returns
//   (stylised fact 6).
// - Council culture change (Community Catalysts: quick wins changed the
//   council's culture): receptiveness gains culture_change x (1 - r) per quick
//   win this tick and reverts toward its initial value at culture_memory.
#include <algorithm>

#include "models/mobilisation/phases.hpp"

namespace gs::mobilisation {

void institutions(Community& c) {
  const Params& p = c.p;
  c.grant_pool += p.grant_pool / p.ticks_per_year;
  std::vector<std::uint32_t> applicants;
  for (Group& g : c.groups) {
    if (!g.alive) continue;
    g.funds *= 1.0 - p.grant_spend_rate;
    if (p.grant_pool <= 0.0 || g.plan < p.plan_threshold || g.funds >= p.grant_size) continue;
    if (g.leader == no_agent && !g.externally_led && !p.place_based) continue;
    double trust = 0.0;
    for (AgentId a : g.members) trust += c.r.inst_trust[a];
    trust /= static_cast<double>(std::max<std::size_t>(1, g.members.size()));
    RandomStream rs(c.seed, purposes::grants, c.tick, g.id);
    if (rs.bernoulli(p.grant_apply_rate * trust)) applicants.push_back(g.id);
  }
  if (p.place_based) {
    std::stable_sort(applicants.begin(), applicants.end(), [&](std::uint32_t a, std::uint32_t b) {
      return c.patch_resources[c.groups[a].patch] < c.patch_resources[c.groups[b].patch];
    });
  }
  for (std::uint32_t id : applicants) {
    if (c.grant_pool < p.grant_size) break;
    Group& g = c.groups[id];
    c.grant_pool -= p.grant_size;
    g.funds += p.grant_size;
    ++g.grants;
    g.links |= 4u;
    ++c.c.grants;
    c.c.grants_paid += p.grant_size;
  }
  c.receptiveness +=
      p.culture_change * static_cast<double>(c.c.wins_this_tick) * (1.0 - c.receptiveness);
  c.receptiveness += p.culture_memory * (c.receptiveness0 - c.receptiveness);
  c.receptiveness = std::clamp(c.receptiveness, 0.0, 1.0);
}

}  // namespace gs::mobilisation
