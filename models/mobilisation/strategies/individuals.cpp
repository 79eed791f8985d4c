// individuals: Local Area Coordination (NLGN case study, Haringey: one
// coordinator per patch of about 12,000 residents).
//
// Contract: introductions favour residents with needs (up to search_draws
// redraws for one with an unmet need). A coordinator listens (trust_gain) and
// connects an accepting resident with an unmet need to the group on their
// issue in their patch, with room, whose members they trust most in total
// (introduction_ties new ties to its members), building on the person's own
// connections; when they know no one in any such group, the coordinator keeps
// a waiting list per (patch, issue) and convenes a new group once it reaches
// groups.min_size (the menopause champions). Placing strangers in the first
// group with room instead concentrated members in the oldest groups and cut
// founding (docs/ODD.md section 8, Facebook 15.2). Joining a
// group through the coordinator is the mechanism that meets a need early
// (Community::meet_need books the demand it averts); a resident already in a
// group when introduced has their need met through it. With groups disabled
// coordinators still listen, but meet no need.
#include <algorithm>
#include <map>

#include "models/mobilisation/strategies/strategy.hpp"

namespace gs::mobilisation {

namespace {

struct Settings {
  std::int64_t introduction_ties = 2;
};

template <class V>
void visit(V& v, Settings& s) {
  v.integer("introduction_ties", s.introduction_ties,
            "individuals: group members a coordinator introduces a newcomer to (new ties).",
            {0, 1000});
}

class Individuals final : public Strategy {
 public:
  Individuals(const StrategyParams& common, std::size_t index) : Strategy(common, index) {
    ValueReader r(common.element);
    visit(r, settings_);
  }

 private:
  void contact(Community& c, RandomStream& rs) override {
    AgentId a = any(rs);
    for (std::int64_t tries = 0; tries < s_.search_draws && (c.r.need[a] == 0 || c.r.need_met[a]);
         ++tries) {
      a = any(rs);
    }
    if (!accepts(c, a, rs)) return;
    touch(c, a);
    raise_trust(c, a);
    if (c.r.need[a] == 0 || c.r.need_met[a] || !c.p.groups_enabled) return;
    if (c.in_group(a)) {
      c.meet_need(a);
      return;
    }
    const std::uint8_t issue = c.r.issue[a];
    // The group where the newcomer trusts members most; with no one known in
    // any, the waiting list below convenes a group of people like them.
    Group* best = nullptr;
    double best_trust = 0.0;
    for (Group& g : c.groups) {
      if (!g.alive || g.issue != issue || g.patch != c.r.patch[a] ||
          g.members.size() >= static_cast<std::size_t>(c.p.max_group_size)) {
        continue;
      }
      double trust = 0.0;
      for (AgentId m : g.members) trust += c.ties.weight(a, m, 0.0f);
      if (trust > best_trust) {
        best = &g;
        best_trust = trust;
      }
    }
    if (best != nullptr) {
      Group& g = *best;
      const auto intro = static_cast<std::size_t>(settings_.introduction_ties);
      for (std::size_t j = 0; j < intro && j < g.members.size(); ++j) {
        c.add_tie(a, g.members[rs.below(static_cast<std::uint32_t>(g.members.size()))],
                  static_cast<float>(c.p.new_tie_trust));
      }
      c.join(g, a);
      if (g.supported_by < 0) g.supported_by = static_cast<int>(index_);
      g.links |= 2u;
      c.meet_need(a);
      return;
    }
    auto& wait = waiting_[std::uint64_t{c.r.patch[a]} * 64 + issue];
    if (std::find(wait.begin(), wait.end(), a) == wait.end()) wait.push_back(a);
    std::erase_if(wait, [&](AgentId m) { return c.in_group(m); });
    if (wait.size() >= static_cast<std::size_t>(c.p.min_group_size)) {
      const std::uint32_t id =
          c.new_supported_group(issue, c.r.patch[a], wait, "convened", index_, s_.head_start);
      c.groups[id].links |= 3u;
      for (AgentId m : c.groups[id].members) c.meet_need(m);
      wait.clear();
    }
  }

  Settings settings_;
  std::map<std::uint64_t, std::vector<AgentId>> waiting_;  // (patch, issue) -> residents
};

}  // namespace

StrategyType individuals_strategy() {
  return {"individuals",
          "Local Area Coordination: coordinators connect residents with needs to groups or "
          "convene new ones; needs met early avert service demand.",
          [](SchemaDeclarer& e) {
            Settings d;
            visit(e, d);
          },
          [](const StrategyParams& p, std::size_t i) -> std::unique_ptr<Strategy> {
            return std::make_unique<Individuals>(p, i);
          }};
}

}  // namespace gs::mobilisation
