// Set-up and the tick of the mobilisation model; see model.hpp.
//
// Initial distributions (MODEL.md "Residents"): every [0,1] attribute is a
// clamped normal whose mean moves by `marginalised_shift` times the
// resident's marginalisation m (NLGN, barriers: marginalised communities have
// less time and resource, more fatalism, less trust and confidence). m is 1
// for a random `marginalised_share` of residents, else their segment's
// marginalisation. Needs are likelier with m (Local Area Coordination's Level
// One / Level Two). A share issue_concentration of residents hold their
// (patch, segment)'s dominant issue: divided segments have separate concerns.
// Tie trust is a symmetric draw per tie keyed by its ends; cross-segment ties
// start weaker by divisions.tension.
#include "models/mobilisation/model.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/mobilisation/phases.hpp"
#include "sim/core/parallel.hpp"

namespace gs::mobilisation {

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

std::vector<double> normalised(std::vector<double> w, std::size_t n) {
  w.resize(n, w.empty() ? 1.0 : 0.0);
  if (std::accumulate(w.begin(), w.end(), 0.0) <= 0.0) w.assign(n, 1.0);
  return w;
}

}  // namespace

MobilisationModel::MobilisationModel(Params params, std::uint64_t seed, TieOverlay ties,
                                     Layout layout, std::vector<AgentId> initial)
    : c_(std::move(params), seed, std::move(ties)), observer_(c_) {
  c_.issues = static_cast<std::uint32_t>(c_.p.issues);
  c_.segments = static_cast<std::uint32_t>(c_.p.segments);
  c_.receptiveness = c_.receptiveness0 = c_.p.receptiveness;
  init_residents(layout, initial);
  init_tie_trust();
  for (std::size_t s = 0; s < c_.p.strategies.size(); ++s) {
    strategies_.push_back(make_strategy(c_.p.strategies[s], s));
    strategies_.back()->prepare(c_);
  }
  observer_ = Observer(c_);  // the table depends on segments and issues, known now
}

void MobilisationModel::init_residents(const Layout& layout, std::span<const AgentId> initial) {
  const Params& p = c_.p;
  Residents& r = c_.r;
  const AgentId n = c_.ties.num_agents();
  r.resize(n);
  const std::vector<double> seg_share = normalised(p.segment_shares, c_.segments);
  std::vector<double> seg_marg = p.segment_marginalisation;
  seg_marg.resize(c_.segments, 0.0);
  const std::vector<double> issue_w = normalised(p.issue_weights, c_.issues);
  c_.patches = static_cast<std::uint32_t>(std::max<std::int64_t>(1, p.patches));
  if (!layout.patch.empty()) {
    c_.patches =
        std::max(c_.patches, *std::max_element(layout.patch.begin(), layout.patch.end()) + 1);
  }
  const std::uint64_t seed = c_.seed;
  auto dominant = [&](std::uint32_t q, std::uint16_t s) {
    RandomStream rs(seed, purposes::setup_attr, setup_tick - 1 - s, q);
    return static_cast<std::uint8_t>(pick_weighted(rs, issue_w));
  };
  const std::uint32_t patches = c_.patches;
  const auto grid_cols =
      static_cast<std::uint32_t>(std::ceil(std::sqrt(static_cast<double>(patches))));
  const std::uint32_t grid_rows = (patches + grid_cols - 1) / grid_cols;
  parallel_for_index(n, [&](std::size_t k) {
    const auto i = static_cast<AgentId>(k);
    RandomStream rs(seed, purposes::setup_attr, setup_tick, i);
    r.segment[i] = !layout.segment.empty()
                       ? static_cast<std::uint16_t>(
                             std::min<std::uint32_t>(layout.segment[i], c_.segments - 1))
                       : static_cast<std::uint16_t>(pick_weighted(rs, seg_share));
    r.patch[i] = !layout.patch.empty()
                     ? layout.patch[i]
                     : static_cast<std::uint32_t>((std::uint64_t{i} * patches) / n);
    // Without positions, a resident lives uniformly in their patch's cell of a
    // cols x rows grid on the unit square, so hubs' catchments are local.
    const double ux = rs.uniform(), uy = rs.uniform();
    r.x[i] = !layout.x.empty()
                 ? layout.x[i]
                 : static_cast<float>((static_cast<double>(r.patch[i] % grid_cols) + ux) /
                                      static_cast<double>(grid_cols));
    r.y[i] = !layout.y.empty()
                 ? layout.y[i]
                 : static_cast<float>((static_cast<double>(r.patch[i] / grid_cols) + uy) /
                                      static_cast<double>(grid_rows));
    const double m = rs.bernoulli(p.marginalised_share) ? 1.0 : seg_marg[r.segment[i]];
    r.marginalisation[i] = static_cast<float>(m);
    r.issue[i] = rs.bernoulli(p.issue_concentration)
                     ? dominant(r.patch[i], r.segment[i])
                     : static_cast<std::uint8_t>(pick_weighted(rs, issue_w));
    r.salience[i] = r.base_salience[i] = draw(rs, p.salience, m);
    r.fatalism[i] = r.base_fatalism[i] = draw(rs, p.fatalism, m);
    r.confidence[i] = r.base_confidence[i] = draw(rs, p.confidence, m);
    r.inst_trust[i] = r.base_trust[i] = draw(rs, p.inst_trust, m);
    r.resources[i] = draw(rs, p.resources, m);
    r.leadership[i] = draw(rs, p.leadership, m);
    const auto& th = p.threshold;
    r.theta[i] = static_cast<float>(th.distribution == "fixed"     ? th.value
                                    : th.distribution == "uniform" ? rs.uniform(th.low, th.high)
                                                                   : rs.normal(th.mean, th.sd));
    const double mult = 1.0 + (p.need_marginalised_multiplier - 1.0) * m;
    const double u = rs.uniform();
    r.need[i] = u < p.need_level_two * mult                        ? 2
                : u < (p.need_level_two + p.need_level_one) * mult ? 1
                                                                   : 0;
  });
  r.issue_next = r.issue;
  for (AgentId a : initial) {
    if (a >= n) continue;
    r.engagement[a] = static_cast<std::uint8_t>(p.initial.level);
    if (p.initial.committed) r.floor[a] = static_cast<std::uint8_t>(p.initial.level);
    r.last_dialogue[a] = 0;
    if (p.initial.level >= participant) r.last_participant[a] = 0;
    if (p.initial.level >= organiser) r.last_organiser[a] = 0;
  }
  c_.patch_population.assign(c_.patches, 0.0);
  c_.patch_resources.assign(c_.patches, 0.0);
  c_.patch_wins.assign(c_.patches, 0.0);
  for (AgentId i = 0; i < n; ++i) {
    c_.patch_population[r.patch[i]] += 1.0;
    c_.patch_resources[r.patch[i]] += r.resources[i];
  }
  for (std::uint32_t q = 0; q < c_.patches; ++q) {
    if (c_.patch_population[q] > 0) c_.patch_resources[q] /= c_.patch_population[q];
  }
  std::vector<double> seg_count(c_.segments, 0.0);
  for (AgentId i = 0; i < n; ++i) seg_count[r.segment[i]] += 1.0;
  c_.cross_expected = 1.0;
  for (double x : seg_count) {
    const double share = n > 0 ? x / static_cast<double>(n) : 0.0;
    c_.cross_expected -= share * share;
  }
}

void MobilisationModel::init_tie_trust() {
  const Params& p = c_.p;
  c_.c.initial_ties = static_cast<std::int64_t>(c_.ties.num_ties());
  const auto trust_of = [&](AgentId a, AgentId b) {  // a <= b: one draw per tie, keyed by its ends
    RandomStream rs(c_.seed, purposes::setup_tie, a, b);
    double t = rs.normal(p.tie_trust.mean, p.tie_trust.sd);
    if (c_.r.segment[a] != c_.r.segment[b]) t *= 1.0 - p.tension;
    return clamp01(t);
  };
  // Each tie's trust is drawn once, at its lower end (counting the ties that cross segments on
  // the way); the upper end copies it from the lower end's sorted row, which gives the value the
  // same draw would give there, without a second normal variate.
  c_.c.initial_cross_ties =
      deterministic_sum<std::int64_t>(c_.ties.num_agents(), [&](std::size_t k) {
        std::int64_t cross = 0;
        const auto u = static_cast<AgentId>(k);
        const auto nb = c_.ties.base_neighbours(u);
        auto w = c_.ties.base_weights(u);
        for (std::size_t j = 0; j < nb.size(); ++j) {
          if (nb[j] < u) continue;
          w[j] = trust_of(u, nb[j]);
          if (nb[j] > u && c_.r.segment[nb[j]] != c_.r.segment[u]) ++cross;
        }
        return cross;
      });
  parallel_for_index(c_.ties.num_agents(), [&](std::size_t k) {
    const auto u = static_cast<AgentId>(k);
    const auto nb = c_.ties.base_neighbours(u);
    auto w = c_.ties.base_weights(u);
    for (std::size_t j = 0; j < nb.size() && nb[j] < u; ++j) {
      const auto row = c_.ties.base_neighbours(nb[j]);
      const auto it = std::lower_bound(row.begin(), row.end(), u);
      w[j] = it != row.end() && *it == u
                 ? c_.ties.base_weights(nb[j])[static_cast<std::size_t>(it - row.begin())]
                 : trust_of(nb[j], u);
    }
  });
}

StepOutcome MobilisationModel::step(std::uint32_t tick) {
  c_.tick = tick;
  c_.changed = false;
  fire_threats(c_);
  for (auto& s : strategies_) s->week(c_);
  adopt_issues(c_);
  decide(c_);
  // Adopted issues take effect after the decision, which reads the
  // neighbourhood as it was at the start of the tick (signals.hpp).
  c_.r.issue.swap(c_.r.issue_next);
  if (c_.p.groups_enabled) {
    update_groups(c_);
    act(c_);
    publicise(c_);
    institutions(c_);
  }
  drift(c_);
  if (c_.p.merge_every > 0 && tick % static_cast<std::uint32_t>(c_.p.merge_every) == 0) {
    c_.ties.merge();
  }
  // A fixed point needs a deterministic rule, nothing scheduled ahead, no group alive and no
  // contact or threat exposure still decaying (exposure still moves propensities).
  const auto t = static_cast<std::int64_t>(tick);
  bool future = false;
  for (const auto& ev : c_.p.threats) future = future || ev.tick + ev.duration > t;
  for (const auto& s : c_.p.strategies) future = future || s.end_tick > t;
  bool groups_alive = false;
  for (const auto& g : c_.groups) groups_alive = groups_alive || g.alive;
  const bool stochastic =
      c_.p.noise > 0.0 || c_.p.rate < 1.0 ||
      std::any_of(c_.p.churn.begin(), c_.p.churn.end(), [](double x) { return x > 0.0; });
  if (c_.changed || future || groups_alive || stochastic) return StepOutcome::changed;
  const auto exposed = deterministic_sum<std::int64_t>(c_.r.size(), [&](std::size_t i) {
    return std::int64_t{c_.r.threat[i] > 0.0f || c_.r.contact[i] > 0.0f ? 1 : 0};
  });
  return exposed > 0 ? StepOutcome::changed : StepOutcome::fixed_point;
}

std::vector<Table> MobilisationModel::tables() const {
  Table g;
  g.name = "groups";
  g.columns = {"id",
               "issue",
               "patch",
               "origin",
               "formed_tick",
               "ended_tick",
               "size",
               "peak_size",
               "leader",
               "legitimacy",
               "capacity",
               "coherence",
               "plan_progress",
               "assets",
               "successes",
               "failures",
               "grants",
               "funds",
               "links",
               "council_link",
               "externally_led",
               "supported_by",
               "fate"};
  for (const Group& x : c_.groups) {
    const auto& st = c_.p.strategies;
    g.rows.push_back({x.id,
                      x.issue,
                      x.patch,
                      x.origin,
                      x.formed_tick,
                      x.ended_tick < 0 ? nlohmann::json(nullptr) : nlohmann::json(x.ended_tick),
                      x.members.size(),
                      x.peak_size,
                      x.leader == no_agent ? nlohmann::json(nullptr) : nlohmann::json(x.leader),
                      x.legitimacy,
                      x.capacity,
                      x.coherence,
                      x.plan,
                      x.assets,
                      x.successes,
                      x.failures,
                      x.grants,
                      x.funds,
                      Group::link_count(x.links),
                      (x.links & 1u) != 0,
                      x.externally_led,
                      x.supported_by < 0
                          ? nlohmann::json(nullptr)
                          : nlohmann::json(st[static_cast<std::size_t>(x.supported_by)].type),
                      x.fate});
  }
  // One row per resident (Mesa's agent reporters): users compute their own measures.
  Table a;
  a.name = "agents";
  a.columns = {"id",          "segment", "marginalised", "patch", "engagement", "issue",
               "hours_given", "group",   "ties",         "need",  "need_met",   "reached"};
  const Residents& r = c_.r;
  for (AgentId i = 0; i < r.size(); ++i) {
    a.rows.push_back({i, r.segment[i], r.marginalisation[i] >= 0.5f, r.patch[i], r.engagement[i],
                      r.issue[i], r.hours[i],
                      r.group[i] == no_group ? nlohmann::json(nullptr) : nlohmann::json(r.group[i]),
                      c_.ties.degree(i), r.need[i], r.need_met[i] != 0, r.reached[i] != 0});
  }
  return {g, a};
}

}  // namespace gs::mobilisation
