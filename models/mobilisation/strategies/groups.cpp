// groups: community organising (NLGN case study, London CLT; Community
// Organisers, seed 004).
//
// Contract: listening 1:1s raise trust by trust_gain whatever the answer
// ("listening builds trust") and record the resident's issue; after
// listening_weeks the most heard issue (or the agenda when leading) gets a
// steering group of up to steering_size of those heard who share it, trained
// (leadership + training), tied to each other, linked to the council and
// brokered with it (the brokering share of their ask's difficulty removed:
// "bridge the gap between the community and the local authority"). In lead
// mode the steering group is led by the mobiliser, not from within.
#include <algorithm>

#include "models/mobilisation/strategies/strategy.hpp"

namespace gs::mobilisation {

namespace {

struct Settings {
  std::int64_t listening_weeks = 12;
  std::int64_t steering_size = 10;
  double brokering = 0.0;
};

template <class V>
void visit(V& v, Settings& s) {
  v.integer("listening_weeks", s.listening_weeks, "groups: length of a listening campaign.",
            {1, 1e6});
  v.integer("steering_size", s.steering_size, "groups: steering group size (London CLT: ~10).",
            {2, 1e4});
  v.real("brokering", s.brokering,
         "groups: share of the difficulty of their ask removed for its steering groups by "
         "brokering and formal negotiations with the council (London CLT); 0 = none.",
         {0, 1});
}

class Organising final : public Strategy {
 public:
  Organising(const StrategyParams& common, std::size_t index) : Strategy(common, index) {
    ValueReader r(common.element);
    visit(r, settings_);
    campaign_start_ = common.start_tick;
  }

 private:
  void setup(Community& c) override { tally_.assign(c.issues, 0); }

  void contact(Community& c, RandomStream& rs) override {
    const AgentId a = any(rs);
    raise_trust(c, a);
    if (!accepts(c, a, rs)) return;
    touch(c, a);
    ++tally_[c.r.issue[a]];
    listened_.push_back(a);
  }

  void end_of_week(Community& c, RandomStream&) override {
    if (static_cast<std::int64_t>(c.tick) - campaign_start_ + 1 < settings_.listening_weeks) return;
    campaign_start_ = c.tick + 1;
    const auto issue = leading()
                           ? agenda(c)
                           : static_cast<std::uint8_t>(
                                 std::max_element(tally_.begin(), tally_.end()) - tally_.begin());
    std::vector<AgentId> pool;
    for (AgentId a : listened_) {
      if (!c.in_group(a) && (leading() || c.r.issue[a] == issue) &&
          std::find(pool.begin(), pool.end(), a) == pool.end()) {
        pool.push_back(a);
      }
    }
    std::stable_sort(pool.begin(), pool.end(),
                     [&](AgentId a, AgentId b) { return c.r.leadership[a] > c.r.leadership[b]; });
    if (pool.size() > static_cast<std::size_t>(settings_.steering_size)) {
      pool.resize(static_cast<std::size_t>(settings_.steering_size));
    }
    if (pool.size() >= static_cast<std::size_t>(c.p.min_group_size) && c.p.groups_enabled) {
      for (AgentId a : pool) {
        train(c, a);
        if (leading() && c.r.issue[a] != issue) {
          c.r.issue[a] = c.r.issue_next[a] = issue;
          c.r.salience[a] =
              static_cast<float>(std::clamp(c.r.salience[a] * c.p.lead_salience_factor, 0.0, 1.0));
        }
      }
      const std::uint32_t id = c.new_supported_group(issue, c.r.patch[pool.front()], pool,
                                                     "steering", index_, s_.head_start);
      Group& g = c.groups[id];
      g.externally_led = leading();
      g.difficulty_cut = std::max(g.difficulty_cut, settings_.brokering);
      g.links |= 1u;
      for (std::size_t x = 0; x < pool.size(); ++x) {
        for (std::size_t y = x + 1; y < pool.size(); ++y) {
          c.add_tie(pool[x], pool[y], static_cast<float>(c.p.new_tie_trust));
        }
      }
    }
    std::fill(tally_.begin(), tally_.end(), 0);
    listened_.clear();
  }

  Settings settings_;
  std::vector<std::int64_t> tally_;  // issues heard this campaign
  std::vector<AgentId> listened_;    // residents heard this campaign
  std::int64_t campaign_start_ = 0;
};

}  // namespace

StrategyType groups_strategy() {
  return {"groups",
          "Community organising: listening campaigns, a steering group of about ten, leader "
          "training, brokering with the council.",
          [](SchemaDeclarer& e) {
            Settings d;
            visit(e, d);
          },
          [](const StrategyParams& p, std::size_t i) -> std::unique_ptr<Strategy> {
            return std::make_unique<Organising>(p, i);
          }};
}

}  // namespace gs::mobilisation
