// The strategy registry and the behaviour every strategy shares; see
// strategy.hpp for the contract.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/mobilisation/strategies/strategy.hpp"

namespace gs::mobilisation {

namespace {
float clamp01(double v) {
  return static_cast<float>(std::clamp(v, 0.0, 1.0));
}
}  // namespace

const std::vector<StrategyType>& strategy_types() {
  static const std::vector<StrategyType> types = {individuals_strategy(), groups_strategy(),
                                                  places_strategy(), services_strategy(),
                                                  engagement_strategy()};
  return types;
}

std::vector<std::string> strategy_type_names() {
  std::vector<std::string> names;
  for (const auto& t : strategy_types()) names.push_back(t.name);
  return names;
}

std::unique_ptr<Strategy> make_strategy(const StrategyParams& params, std::size_t index) {
  for (const auto& t : strategy_types()) {
    if (t.name == params.type) return t.create(params, index);
  }
  throw std::invalid_argument("unknown strategy type '" + params.type + "'");
}

void Strategy::prepare(Community& c) {
  std::vector<std::uint8_t> in(c.patches, s_.patches.empty() ? 1 : 0);
  for (auto q : s_.patches) {
    if (q >= 0 && q < static_cast<std::int64_t>(c.patches)) in[static_cast<std::size_t>(q)] = 1;
  }
  for (AgentId i = 0; i < c.r.size(); ++i) {
    if (in[c.r.patch[i]]) candidates_.push_back(i);
  }
  setup(c);
}

void Strategy::week(Community& c) {
  if (!active(c.tick) || candidates_.empty()) return;
  c.changed = true;
  c.c.spend += s_.annual_cost / c.p.ticks_per_year;
  RandomStream rs(c.seed, purposes::strategy, c.tick, static_cast<std::uint32_t>(index_));
  const double weeks = c.p.weeks_per_tick();
  const double want = s_.staff * s_.contacts_per_week * weeks;
  auto contacts = static_cast<std::int64_t>(std::floor(want));
  if (rs.bernoulli(want - std::floor(want))) ++contacts;
  for (std::int64_t k = 0; k < contacts; ++k) {
    ++c.c.contacts;
    contact(c, rs);
  }
  end_of_week(c, rs);
}

std::uint8_t Strategy::agenda(const Community& c) const {
  return static_cast<std::uint8_t>(std::min<std::int64_t>(s_.agenda_issue, c.issues - 1));
}

bool Strategy::accepts(Community& c, AgentId a, RandomStream& rs, double trust_weight) const {
  double pr = 1.0 - trust_weight * (1.0 - c.r.inst_trust[a]);
  if (leading() && c.r.issue[a] != agenda(c)) {
    pr *= c.p.lead_salience_factor;
    c.r.inst_trust[a] = clamp01(c.r.inst_trust[a] - c.p.lead_trust_penalty);
  }
  return rs.bernoulli(pr);
}

void Strategy::touch(Community& c, AgentId a) const {
  c.r.contact[a] = 1.0f;
  c.r.confidence[a] = clamp01(c.r.confidence[a] + s_.confidence_boost);
  if (index_ < 8) c.r.reached[a] |= static_cast<std::uint8_t>(1u << index_);
  if (leading() && c.r.issue[a] != agenda(c) && !c.in_group(a)) {
    c.r.issue[a] = c.r.issue_next[a] = agenda(c);  // takes up the agenda, with little salience
    c.r.salience[a] = clamp01(c.r.salience[a] * c.p.lead_salience_factor);
  }
}

void Strategy::raise_trust(Community& c, AgentId a) const {
  c.r.inst_trust[a] = clamp01(c.r.inst_trust[a] + s_.trust_gain * (1.0 - c.r.inst_trust[a]));
}

void Strategy::train(Community& c, AgentId a) const {
  c.r.leadership[a] = clamp01(c.r.leadership[a] + s_.training * (1.0 - c.r.leadership[a]));
}

}  // namespace gs::mobilisation
