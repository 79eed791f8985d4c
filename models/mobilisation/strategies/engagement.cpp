// engagement: shallow consultation, the baseline that mobilisation is compared
// with (NLGN: engagement versus mobilisation).
//
// Contract: each contact is a consultation; answers come from the "usual
// suspects" (probability resources x (1 - fatalism)); a respondent is in
// dialogue at least for that week and counts as consulted; no ties, no
// contact intensity, no groups.
#include <algorithm>

#include "models/mobilisation/strategies/strategy.hpp"

namespace gs::mobilisation {

namespace {

class Engagement final : public Strategy {
 public:
  using Strategy::Strategy;

 private:
  void contact(Community& c, RandomStream& rs) override {
    const AgentId a = any(rs);
    if (!rs.bernoulli(c.r.resources[a] * (1.0 - c.r.fatalism[a]))) return;
    ++c.c.consulted;
    if (index_ < 8) c.r.reached[a] |= static_cast<std::uint8_t>(1u << index_);
    if (c.r.engagement[a] < in_dialogue) c.r.engagement[a] = in_dialogue;
    c.r.last_dialogue[a] = static_cast<std::uint16_t>(std::min<std::uint32_t>(c.tick, never - 1));
  }
};

}  // namespace

StrategyType engagement_strategy() {
  return {"engagement",
          "Shallow consultation: collects opinions, builds no ties; answered mostly by the "
          "usual suspects.",
          [](SchemaDeclarer&) {},
          [](const StrategyParams& p, std::size_t i) -> std::unique_ptr<Strategy> {
            return std::make_unique<Engagement>(p, i);
          }};
}

}  // namespace gs::mobilisation
