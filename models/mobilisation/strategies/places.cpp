// places: hubs and regular sessions (NLGN case study, Every One Every Day,
// Barking and Dagenham).
//
// Contract: `hubs` hubs sit at the positions of random candidates (drawn in
// set-up from RandomStream(seed, hubs purpose, strategy, hub)); residents
// within hub_radius are near a hub, which lowers their cost of taking part
// (time_and_resource.hub_cost_cut). Each contact draws a resident (one outside
// every catchment comes only with probability outside_share); an accepting
// resident attends the week's current session (in dialogue at least). A full
// session (session_size; the week's last one may be partial) is an event in
// which each attendee meets ~new_ties_per_session new people, preferably from
// other segments (a same-segment pairing is passed over with probability
// cross_segment_skip; at most 3 x session_size pairings are tried): "people
// meet about six new people from other backgrounds". With probability
// micro_project_rate a session starts a micro-project: the largest set of its
// attendees in no group sharing an issue (at least project_size) form a
// supported group without grants. Organic groups whose first member lives
// near a hub get its support (plan progress doubled).
#include <algorithm>
#include <array>

#include "models/mobilisation/strategies/strategy.hpp"

namespace gs::mobilisation {

namespace {

struct Settings {
  std::int64_t hubs = 4;
  double hub_radius = 0.1;
  std::int64_t session_size = 12;
  double new_ties_per_session = 6.0;
  double outside_share = 0.25;
  double cross_segment_skip = 0.5;
  double micro_project_rate = 0.0;
  std::int64_t project_size = 3;
  double trust_weight = 0.5;
};

template <class V>
void visit(V& v, Settings& s) {
  v.integer("hubs", s.hubs, "places: number of hubs.", {0, 1e6});
  v.real("hub_radius", s.hub_radius, "places: hub catchment radius (unit square).", {0, 2});
  v.integer("session_size", s.session_size, "places: attendees per session.", {1, 1e4});
  v.real("new_ties_per_session", s.new_ties_per_session,
         "places: new people from other backgrounds met per session (EOED: about six).", {0, 100});
  v.real("outside_share", s.outside_share,
         "places: chance a drawn resident living outside every hub's catchment still comes.",
         {0, 1});
  v.real("cross_segment_skip", s.cross_segment_skip,
         "places: chance a session pairing with someone of one's own segment is passed over.",
         {0, 1});
  v.real("micro_project_rate", s.micro_project_rate,
         "places: chance a session starts a micro-project of attendees sharing an issue.", {0, 1});
  v.real("trust_weight", s.trust_weight,
         "places: how much accepting an invitation rests on institutional trust: P(accept) = 1 - "
         "this x (1 - trust) (hubs are resident-run everyday places open to all, not a "
         "council's offer; 1 = as other strategies).",
         {0, 1});
  v.integer("project_size", s.project_size,
            "places: attendees sharing an issue needed to start a micro-project (EOED: projects "
            "start with two or three residents, not a steering group).",
            {1, 1e4});
}

class Places final : public Strategy {
 public:
  Places(const StrategyParams& common, std::size_t index) : Strategy(common, index) {
    ValueReader r(common.element);
    visit(r, settings_);
  }

 private:
  void setup(Community& c) override {
    if (candidates_.empty()) return;
    for (std::int64_t h = 0; h < settings_.hubs; ++h) {
      RandomStream rs(c.seed, purposes::hubs, static_cast<std::uint32_t>(index_),
                      static_cast<std::uint32_t>(h));
      const AgentId at = candidates_[rs.below(static_cast<std::uint32_t>(candidates_.size()))];
      hubs_.push_back({c.r.x[at], c.r.y[at]});
    }
    const double r2 = settings_.hub_radius * settings_.hub_radius;
    for (AgentId i : candidates_) {
      for (const auto& h : hubs_) {
        const double dx = c.r.x[i] - h[0], dy = c.r.y[i] - h[1];
        if (dx * dx + dy * dy <= r2) c.r.near_hub[i] = 1;
      }
    }
  }

  void contact(Community& c, RandomStream& rs) override {
    const AgentId a = any(rs);
    if (!c.r.near_hub[a] && !rs.bernoulli(settings_.outside_share)) return;
    if (!accepts(c, a, rs, settings_.trust_weight)) return;
    touch(c, a);
    if (c.r.engagement[a] < in_dialogue) c.r.engagement[a] = in_dialogue;
    c.r.last_dialogue[a] = static_cast<std::uint16_t>(std::min<std::uint32_t>(c.tick, never - 1));
    session_.push_back(a);
    if (session_.size() >= static_cast<std::size_t>(settings_.session_size)) hold_session(c, rs);
  }

  void end_of_week(Community& c, RandomStream& rs) override {
    hold_session(c, rs);
    for (Group& g : c.groups) {
      if (g.alive && g.supported_by < 0 && !g.members.empty() && c.r.near_hub[g.members.front()]) {
        g.supported_by = static_cast<int>(index_);
      }
    }
  }

  void hold_session(Community& c, RandomStream& rs) {
    if (session_.empty()) return;
    ++c.c.events;
    ++c.c.sessions;
    for (const AgentId u : session_) {
      double meet = settings_.new_ties_per_session;
      for (std::size_t tries = 0; meet > 0.0 && tries < 3 * session_.size(); ++tries) {
        if (meet < 1.0 && !rs.bernoulli(meet)) break;
        const AgentId v = session_[rs.below(static_cast<std::uint32_t>(session_.size()))];
        if (v == u) continue;
        if (c.r.segment[v] == c.r.segment[u] && c.segments > 1 &&
            rs.bernoulli(settings_.cross_segment_skip)) {
          continue;
        }
        if (c.add_tie(u, v, static_cast<float>(c.p.new_tie_trust))) meet -= 1.0;
      }
    }
    if (c.p.groups_enabled && settings_.micro_project_rate > 0.0 &&
        rs.bernoulli(settings_.micro_project_rate)) {
      std::vector<std::size_t> count(c.issues, 0);
      for (AgentId u : session_) {
        if (!c.in_group(u)) ++count[c.r.issue[u]];
      }
      const auto best =
          static_cast<std::uint8_t>(std::max_element(count.begin(), count.end()) - count.begin());
      std::vector<AgentId> project;
      for (AgentId u : session_) {
        if (!c.in_group(u) && c.r.issue[u] == best &&
            std::find(project.begin(), project.end(), u) == project.end()) {
          project.push_back(u);
        }
      }
      if (project.size() >= static_cast<std::size_t>(settings_.project_size)) {
        c.new_supported_group(best, c.r.patch[project.front()], project, "hub", index_,
                              s_.head_start);
      }
    }
    session_.clear();
  }

  Settings settings_;
  std::vector<std::array<float, 2>> hubs_;
  std::vector<AgentId> session_;
};

}  // namespace

StrategyType places_strategy() {
  return {"places",
          "Hubs and regular sessions: lower the cost of taking part nearby, people meet others "
          "from other backgrounds, micro-projects without grants.",
          [](SchemaDeclarer& e) {
            Settings d;
            visit(e, d);
          },
          [](const StrategyParams& p, std::size_t i) -> std::unique_ptr<Strategy> {
            return std::make_unique<Places>(p, i);
          }};
}

}  // namespace gs::mobilisation
