// services: Community Catalysts (NLGN case study, Central Bedfordshire:
// social-care micro-enterprises).
//
// Contract: each contact seeks a resident with an idea (the highest
// leadership x salience of 1 + search_draws candidates); an accepting one is
// trained (leadership), becomes a participant and is networked with a
// change-maker met before (a new tie). A change-maker in no group founds an
// enterprise, while fewer than caseload x staff enterprises are within their
// first support_weeks (a catalyst supports a few at a time), with up to
// enterprise_size - 1 of their most trusted
// tie-neighbours in no group (it needs groups.dissolve_size founders, at
// least 2; they take the founder's issue). The change-maker's group is
// supported: admin barriers removed (admin_barrier_cut of its difficulty) and
// a council link. Care (the mechanism that meets needs here): every week each
// alive enterprise this strategy founded delivers care_hours_per_week hours
// of care and takes on, while it has fewer than clients_per_enterprise
// clients, one resident of its patch with an unmet need (up to search_draws
// draws), whose need is then met early.
#include <algorithm>
#include <map>

#include "models/mobilisation/strategies/strategy.hpp"

namespace gs::mobilisation {

namespace {

struct Settings {
  double admin_barrier_cut = 0.5;
  std::int64_t enterprise_size = 5;
  std::int64_t clients_per_enterprise = 4;
  double care_hours_per_week = 6.0;
  double caseload = 4.0;
  std::int64_t support_weeks = 26;
};

template <class V>
void visit(V& v, Settings& s) {
  v.real("admin_barrier_cut", s.admin_barrier_cut,
         "services: share of an issue's difficulty removed for supported groups.", {0, 1});
  v.integer("enterprise_size", s.enterprise_size,
            "services: a change-maker in no group founds an enterprise with up to this many "
            "people (themselves and their most trusted tie-neighbours); 0 = none.",
            {0, 1e4});
  v.integer("clients_per_enterprise", s.clients_per_enterprise,
            "services: residents with needs an enterprise cares for (each need met early).",
            {0, 1e6});
  v.real("care_hours_per_week", s.care_hours_per_week,
         "services: hours of care an enterprise delivers a week (valued at value.care_hour).",
         {0, 1e4});
  v.real("caseload", s.caseload,
         "services: emerging enterprises one catalyst (staff member) supports at a time; a "
         "change-maker founds one only while the caseload has room (Community Catalysts in "
         "Westmorland and Furness, 2022-24: 32 enterprises from about four catalyst-years, "
         "each supported about six months, is about four at a time, 3-5 for three to five "
         "catalyst-years; Central Bedfordshire's 42 is left to test it).",
         {0, 1e6});
  v.integer("support_weeks", s.support_weeks,
            "services: weeks an enterprise stays on its catalyst's caseload after founding.",
            {1, 1e6});
}

class Services final : public Strategy {
 public:
  Services(const StrategyParams& common, std::size_t index) : Strategy(common, index) {
    ValueReader r(common.element);
    visit(r, settings_);
  }

 private:
  void contact(Community& c, RandomStream& rs) override {
    AgentId a = any(rs);
    for (std::int64_t tries = 0; tries < s_.search_draws; ++tries) {
      const AgentId b = any(rs);
      if (c.r.leadership[b] * c.r.salience[b] > c.r.leadership[a] * c.r.salience[a]) a = b;
    }
    if (!accepts(c, a, rs)) return;
    touch(c, a);
    train(c, a);
    if (c.r.engagement[a] < participant) c.r.engagement[a] = participant;
    if (!networked_.empty()) {
      c.add_tie(a, networked_[rs.below(static_cast<std::uint32_t>(networked_.size()))],
                static_cast<float>(c.p.new_tie_trust));
    }
    if (std::find(networked_.begin(), networked_.end(), a) == networked_.end()) {
      networked_.push_back(a);
    }
    if (!c.in_group(a) && c.p.groups_enabled && settings_.enterprise_size > 0 &&
        on_caseload(c) < settings_.caseload * s_.staff) {
      found(c, a);
    }
    if (c.in_group(a)) {
      Group& g = c.groups[c.r.group[a]];
      g.supported_by = static_cast<int>(index_);
      g.difficulty_cut = std::max(g.difficulty_cut, settings_.admin_barrier_cut);
      g.links |= 1u;
    }
  }

  // Enterprises founded within support_weeks: a catalyst's time goes to each,
  // whether or not it lasts.
  double on_caseload(const Community& c) const {
    double n = 0.0;
    for (std::uint32_t id : enterprises_) {
      if (static_cast<std::int64_t>(c.tick) - c.groups[id].formed_tick < settings_.support_weeks)
        n += 1.0;
    }
    return n;
  }

  void found(Community& c, AgentId a) {
    std::vector<std::pair<float, AgentId>> near;
    c.ties.for_each_tie(a, [&](AgentId v, float w) {
      if (!c.in_group(v) && v != a) near.emplace_back(w, v);
    });
    std::sort(near.begin(), near.end(), [](const auto& x, const auto& y) {
      return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    std::vector<AgentId> founders{a};
    for (const auto& [w, v] : near) {
      if (founders.size() >= static_cast<std::size_t>(settings_.enterprise_size)) break;
      if (std::find(founders.begin(), founders.end(), v) == founders.end()) founders.push_back(v);
    }
    if (founders.size() < static_cast<std::size_t>(std::max<std::int64_t>(2, c.p.dissolve_size)))
      return;
    for (AgentId v : founders) c.r.issue[v] = c.r.issue_next[v] = c.r.issue[a];
    const std::uint32_t id = c.new_supported_group(c.r.issue[a], c.r.patch[a], founders,
                                                   "enterprise", index_, s_.head_start);
    enterprises_.push_back(id);
  }

  void end_of_week(Community& c, RandomStream& rs) override {
    const double weeks = c.p.weeks_per_tick();
    for (std::uint32_t id : enterprises_) {
      const Group& g = c.groups[id];
      if (!g.alive) continue;
      c.c.care_hours += settings_.care_hours_per_week * weeks;
      auto& n = clients_[id];
      if (n >= settings_.clients_per_enterprise) continue;
      for (std::int64_t t = 0; t <= s_.search_draws; ++t) {
        const AgentId a = any(rs);
        if (c.r.patch[a] != g.patch || c.r.need[a] == 0 || c.r.need_met[a]) continue;
        c.meet_need(a);
        ++n;
        break;
      }
    }
  }

  Settings settings_;
  std::vector<AgentId> networked_;                 // change-makers met so far
  std::vector<std::uint32_t> enterprises_;         // groups founded
  std::map<std::uint32_t, std::int64_t> clients_;  // enterprise -> residents cared for
};

}  // namespace

StrategyType services_strategy() {
  return {"services",
          "Community Catalysts: find residents with ideas for a service, build confidence, "
          "remove admin barriers, network them; their enterprises care for residents with "
          "needs.",
          [](SchemaDeclarer& e) {
            Settings d;
            visit(e, d);
          },
          [](const StrategyParams& p, std::size_t i) -> std::unique_ptr<Strategy> {
            return std::make_unique<Services>(p, i);
          }};
}

}  // namespace gs::mobilisation
