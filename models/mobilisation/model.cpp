// Set-up, threats, drifts and the tick sequence of the mobilisation model.
//
// Initial distributions (MODEL.md "Residents"): every [0,1] attribute is a
// clamped normal whose mean moves by `marginalised_shift` times the
// resident's marginalisation m (NLGN, barriers: marginalised communities have
// less time and resource, more fatalism, less trust and confidence). m is 1
// for a random `marginalised_share` of residents, else their segment's
// marginalisation. Needs are likelier with m (Local Area Coordination's Level
// One / Level Two). Threat events follow Alinsky's "something to oppose"
// (NLGN, enablers). Drifts revert attitudes toward their baselines, so only
// sustained activity changes a community (MODEL.md tick step 6). Contact and
// threat exposure decay geometrically and are zeroed below
// engagement.exposure_floor; step() reports a fixed point only when nothing
// changed, nothing is scheduled, no group is alive, the rule is deterministic
// and no exposure is left decaying.
#include "models/mobilisation/model.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/core/parallel.hpp"

namespace gs::mobilisation {

void Residents::resize(std::size_t n) {
  for (auto* v : {&engagement, &engagement_next, &issue, &issue_next, &need, &need_met, &floor,
                  &near_hub, &ever_engaged, &ever_participated}) {
    v->assign(n, 0);
  }
  for (auto* v : {&salience, &fatalism, &confidence, &inst_trust, &resources, &leadership, &theta,
                  &marginalisation, &base_fatalism, &base_trust, &base_confidence, &contact,
                  &threat, &x, &y, &sig_social, &sig_same, &sig_leader, &sig_dialogue}) {
    v->assign(n, 0.0f);
  }
  segment.assign(n, 0);
  patch.assign(n, 0);
  group.assign(n, no_group);
}

namespace {

float clamp01(double v) {
  return static_cast<float>(std::clamp(v, 0.0, 1.0));
}

float draw(RandomStream& rs, const Distribution& d, double m) {
  return clamp01(rs.normal(d.mean + d.marginalised_shift * m, d.sd));
}

std::uint32_t pick_weighted(RandomStream& rs, const std::vector<double>& weights) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double u = rs.uniform() * total;
  for (std::size_t k = 0; k < weights.size(); ++k) {
    if (u < weights[k]) return static_cast<std::uint32_t>(k);
    u -= weights[k];
  }
  return static_cast<std::uint32_t>(weights.size() - 1);
}

}  // namespace

MobilisationModel::MobilisationModel(Params params, std::uint64_t seed, TieOverlay ties,
                                     std::vector<std::uint16_t> segment,
                                     std::vector<std::uint32_t> patch, std::vector<float> x,
                                     std::vector<float> y, std::vector<AgentId> initial)
    : p_(std::move(params)), seed_(seed), ties_(std::move(ties)) {
  issues_ = static_cast<std::uint32_t>(p_.issues);
  segments_ = static_cast<std::uint32_t>(p_.segments);
  receptiveness_ = receptiveness0_ = p_.receptiveness;
  init_residents(segment, patch, x, y, initial);
  init_tie_trust();
  init_strategies();

  names_ = {"dialogue",        "priorities",  "shared_agenda",      "accountable_leadership",
            "assets_and_plan", "networked",   "mobilisation_index", "verdict_code",
            "participation",   "participants"};
  for (int l = 0; l <= 4; ++l) names_.push_back("level_" + std::to_string(l));
  for (std::uint32_t s = 0; s < segments_; ++s) {
    names_.push_back("participation_segment_" + std::to_string(s));
  }
  for (std::uint32_t k = 0; k < issues_; ++k) {
    names_.push_back("participation_issue_" + std::to_string(k));
  }
  for (const char* n : {"inclusion",
                        "groups_formed",
                        "groups_active",
                        "groups_dissolved",
                        "assets",
                        "quick_wins",
                        "volunteer_hours",
                        "events",
                        "new_ties",
                        "cross_segment_ties",
                        "mean_fatalism",
                        "mean_confidence",
                        "mean_inst_trust",
                        "leaders",
                        "spend",
                        "demand_averted",
                        "roi",
                        "council_receptiveness",
                        "grants_paid",
                        "contacts",
                        "consulted",
                        "needs_met",
                        "people_participated",
                        "enterprises",
                        "mean_group_size",
                        "success_rate",
                        "planned_participation",
                        "people_engaged",
                        "first_win_tick",
                        "projects_succeeded",
                        "led_council_groups"}) {
    names_.emplace_back(n);
  }
}

void MobilisationModel::init_residents(std::span<const std::uint16_t> segment,
                                       std::span<const std::uint32_t> patch,
                                       std::span<const float> x, std::span<const float> y,
                                       std::span<const AgentId> initial) {
  const AgentId n = ties_.num_agents();
  r_.resize(n);
  std::vector<double> seg_share = p_.segment_shares;
  seg_share.resize(segments_, seg_share.empty() ? 1.0 : 0.0);
  if (std::accumulate(seg_share.begin(), seg_share.end(), 0.0) <= 0.0)
    seg_share.assign(segments_, 1.0);
  std::vector<double> seg_marg = p_.segment_marginalisation;
  seg_marg.resize(segments_, 0.0);
  std::vector<double> issue_w = p_.issue_weights;
  issue_w.resize(issues_, issue_w.empty() ? 1.0 : 0.0);
  if (std::accumulate(issue_w.begin(), issue_w.end(), 0.0) <= 0.0) issue_w.assign(issues_, 1.0);

  // Patches: the network's, else contiguous blocks of ids (the patches builder fills them).
  patches_ = static_cast<std::uint32_t>(std::max<std::int64_t>(1, p_.patches));
  if (!patch.empty()) {
    patches_ = std::max(patches_, *std::max_element(patch.begin(), patch.end()) + 1);
  }
  // Dominant issue of each (patch, segment): divided segments have separate concerns.
  auto dominant = [&](std::uint32_t q, std::uint16_t s) {
    RandomStream rs(seed_, purposes::setup_attr, setup_tick - 1 - s, q);
    return static_cast<std::uint8_t>(pick_weighted(rs, issue_w));
  };

  parallel_for_index(n, [&](std::size_t k) {
    const auto i = static_cast<AgentId>(k);
    RandomStream rs(seed_, purposes::setup_attr, setup_tick, i);
    r_.segment[i] =
        !segment.empty()
            ? static_cast<std::uint16_t>(std::min<std::uint32_t>(segment[i], segments_ - 1))
            : static_cast<std::uint16_t>(pick_weighted(rs, seg_share));
    r_.patch[i] =
        !patch.empty() ? patch[i] : static_cast<std::uint32_t>((std::uint64_t{i} * patches_) / n);
    r_.x[i] = !x.empty() ? x[i] : static_cast<float>(rs.uniform());
    r_.y[i] = !y.empty() ? y[i] : static_cast<float>(rs.uniform());
    const double m = rs.bernoulli(p_.marginalised_share) ? 1.0 : seg_marg[r_.segment[i]];
    r_.marginalisation[i] = static_cast<float>(m);
    r_.issue[i] = rs.bernoulli(p_.issue_concentration)
                      ? dominant(r_.patch[i], r_.segment[i])
                      : static_cast<std::uint8_t>(pick_weighted(rs, issue_w));
    r_.salience[i] = draw(rs, p_.salience, m);
    r_.fatalism[i] = r_.base_fatalism[i] = draw(rs, p_.fatalism, m);
    r_.confidence[i] = r_.base_confidence[i] = draw(rs, p_.confidence, m);
    r_.inst_trust[i] = r_.base_trust[i] = draw(rs, p_.inst_trust, m);
    r_.resources[i] = draw(rs, p_.resources, m);
    r_.leadership[i] = draw(rs, p_.leadership, m);
    const auto& th = p_.threshold;
    r_.theta[i] = static_cast<float>(th.distribution == "fixed"     ? th.value
                                     : th.distribution == "uniform" ? rs.uniform(th.low, th.high)
                                                                    : rs.normal(th.mean, th.sd));
    const double mult = 1.0 + (p_.need_marginalised_multiplier - 1.0) * m;
    const double u = rs.uniform();
    r_.need[i] = u < p_.need_level_two * mult                         ? 2
                 : u < (p_.need_level_two + p_.need_level_one) * mult ? 1
                                                                      : 0;
  });
  r_.issue_next = r_.issue;
  for (AgentId a : initial) {
    if (a >= n) continue;
    r_.engagement[a] = static_cast<std::uint8_t>(p_.initial.level);
    if (p_.initial.committed) r_.floor[a] = static_cast<std::uint8_t>(p_.initial.level);
    r_.ever_engaged[a] = 1;
    r_.ever_participated[a] = p_.initial.level >= participant ? 1 : 0;
  }
  patch_population_.assign(patches_, 0.0);
  patch_resources_.assign(patches_, 0.0);
  patch_wins_.assign(patches_, 0.0);
  for (AgentId i = 0; i < n; ++i) {
    patch_population_[r_.patch[i]] += 1.0;
    patch_resources_[r_.patch[i]] += r_.resources[i];
  }
  for (std::uint32_t q = 0; q < patches_; ++q) {
    if (patch_population_[q] > 0) patch_resources_[q] /= patch_population_[q];
  }
  std::vector<double> seg_count(segments_, 0.0);
  for (AgentId i = 0; i < n; ++i) seg_count[r_.segment[i]] += 1.0;
  cross_expected_ = 1.0;
  for (double c : seg_count) {
    const double share = n > 0 ? c / static_cast<double>(n) : 0.0;
    cross_expected_ -= share * share;
  }
}

// Tie trust: a symmetric draw per tie keyed by its ends; cross-segment ties are
// weakened by divisions.tension (NLGN barriers: internal divisions).
void MobilisationModel::init_tie_trust() {
  parallel_for_index(ties_.num_agents(), [&](std::size_t k) {
    const auto u = static_cast<AgentId>(k);
    const auto nb = ties_.base_neighbours(u);
    auto w = ties_.base_weights(u);
    for (std::size_t j = 0; j < nb.size(); ++j) {
      const AgentId a = std::min(u, nb[j]), b = std::max(u, nb[j]);
      RandomStream rs(seed_, purposes::setup_tie, a, b);
      double t = rs.normal(p_.tie_trust.mean, p_.tie_trust.sd);
      if (r_.segment[a] != r_.segment[b]) t *= 1.0 - p_.tension;
      w[j] = clamp01(t);
    }
  });
}

double MobilisationModel::community_size(AgentId i) const {
  return patch_population_[r_.patch[i]];
}

bool MobilisationModel::add_tie(AgentId a, AgentId b, float w) {
  if (!ties_.add_tie(a, b, w)) return false;
  ++c_.new_ties;
  if (r_.segment[a] != r_.segment[b]) ++c_.cross_segment_ties;
  return true;
}

bool MobilisationModel::strategy_active(const Strategy& s, std::uint32_t tick) const {
  return static_cast<std::int64_t>(tick) >= s.start_tick &&
         static_cast<std::int64_t>(tick) <= s.end_tick;
}

// Threat events: residents in the event's patches gain exposure (on the
// threat's issue) and may adopt that issue; exposure decays each tick.
void MobilisationModel::fire_threats(std::uint32_t tick) {
  for (std::size_t e = 0; e < p_.threats.size(); ++e) {
    const ThreatEvent& ev = p_.threats[e];
    const auto t = static_cast<std::int64_t>(tick);
    if (t < ev.tick || t >= ev.tick + ev.duration) continue;
    std::vector<std::uint8_t> in_patch;
    if (!ev.patches.empty()) {
      in_patch.assign(patches_, 0);
      for (auto q : ev.patches) {
        if (q >= 0 && q < static_cast<std::int64_t>(patches_))
          in_patch[static_cast<std::size_t>(q)] = 1;
      }
    }
    const auto issue = static_cast<std::uint8_t>(std::min<std::int64_t>(ev.issue, issues_ - 1));
    const bool first = t == ev.tick;
    parallel_for_index(r_.size(), [&](std::size_t i) {
      if (!in_patch.empty() && in_patch[r_.patch[i]] == 0) return;
      if (first && r_.issue[i] != issue) {
        RandomStream rs(seed_, purposes::threat, tick, static_cast<std::uint32_t>(i));
        for (std::size_t skip = 0; skip < e; ++skip) rs();
        if (r_.group[i] == no_group && rs.bernoulli(p_.opposition_issue_switch * ev.strength)) {
          r_.issue[i] = r_.issue_next[i] = issue;
        }
      }
      if (r_.issue[i] == issue) {
        r_.threat[i] = std::max(r_.threat[i], static_cast<float>(ev.strength));
        if (first)
          r_.salience[i] = clamp01(r_.salience[i] + 0.5 * ev.strength * (1.0 - r_.salience[i]));
      }
    });
  }
}

void MobilisationModel::drift(std::uint32_t) {
  const double decay = p_.opposition_exposure_decay, cdecay = p_.contact_decay;
  parallel_for_index(r_.size(), [&](std::size_t i) {
    r_.fatalism[i] =
        clamp01(r_.fatalism[i] + p_.fatalism_drift * (r_.base_fatalism[i] - r_.fatalism[i]));
    r_.inst_trust[i] =
        clamp01(r_.inst_trust[i] + p_.trust_drift * (r_.base_trust[i] - r_.inst_trust[i]));
    r_.confidence[i] = clamp01(r_.confidence[i] +
                               p_.confidence_drift * (r_.base_confidence[i] - r_.confidence[i]));
    // Exposures decay geometrically; below engagement.exposure_floor they are gone, so a run
    // can reach a true fixed point.
    const double th = r_.threat[i] * (1.0 - decay), co = r_.contact[i] * (1.0 - cdecay);
    r_.threat[i] = th < p_.exposure_floor ? 0.0f : static_cast<float>(th);
    r_.contact[i] = co < p_.exposure_floor ? 0.0f : static_cast<float>(co);
    if (r_.engagement[i] >= organiser) {  // practice grows latent leadership (Community Organisers)
      r_.leadership[i] =
          clamp01(r_.leadership[i] +
                  p_.leadership_practice * p_.leadership_emergence * (1.0 - r_.leadership[i]));
    }
    // Tie trust grows between co-members: each end updates its own row with the same rule.
    const std::uint32_t g = r_.group[i];
    if (g == no_group || p_.co_member_trust_growth <= 0.0) return;
    const auto u = static_cast<AgentId>(i);
    const auto nb = ties_.base_neighbours(u);
    auto w = ties_.base_weights(u);
    for (std::size_t j = 0; j < nb.size(); ++j) {
      if (r_.group[nb[j]] == g) w[j] = clamp01(w[j] + p_.co_member_trust_growth * (1.0 - w[j]));
    }
    for (auto& pt : ties_.pending(u)) {
      if (r_.group[pt.v] == g) pt.w = clamp01(pt.w + p_.co_member_trust_growth * (1.0 - pt.w));
    }
  });
}

StepOutcome MobilisationModel::step(std::uint32_t tick) {
  last_tick_ = tick;
  changed_ = false;
  c_.wins_this_tick = 0;
  fire_threats(tick);
  run_strategies(tick);
  compute_signals();
  decide(tick);
  if (p_.groups_enabled) {
    update_groups(tick);
    act(tick);
    publicise(tick);
    institutions(tick);
  }
  drift(tick);
  if (p_.merge_every > 0 && tick % static_cast<std::uint32_t>(p_.merge_every) == 0) ties_.merge();
  // Volunteer hours: weekly hours per level, scaled to the tick length.
  const double weeks = 52.0 / p_.ticks_per_year;
  c_.volunteer_hours += weeks * deterministic_sum<double>(r_.size(), [&](std::size_t i) {
                          return p_.hours_per_level[r_.engagement[i]];
                        });
  // A fixed point needs no noise, no scheduled events or strategies ahead, no group activity
  // and no contact or threat exposure still decaying (it still moves propensities).
  bool future = false;
  for (const auto& ev : p_.threats)
    future = future || ev.tick + ev.duration > static_cast<std::int64_t>(tick);
  for (const auto& s : p_.strategies)
    future = future || s.end_tick > static_cast<std::int64_t>(tick);
  bool groups_alive = false;
  for (const auto& g : groups_) groups_alive = groups_alive || g.alive;
  const bool stochastic = p_.noise > 0.0 || p_.rate < 1.0;
  const bool decaying =
      !changed_ && !future && !groups_alive && !stochastic &&
      deterministic_sum<std::int64_t>(r_.size(), [&](std::size_t i) -> std::int64_t {
        return r_.threat[i] > 0.0f || r_.contact[i] > 0.0f ? 1 : 0;
      }) > 0;
  return (changed_ || future || groups_alive || stochastic || decaying) ? StepOutcome::changed
                                                                        : StepOutcome::fixed_point;
}

}  // namespace gs::mobilisation
