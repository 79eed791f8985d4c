// Observables, Table 1 traits, survey measures and value of outcomes; see
// observables.hpp for the contract and docs/ODD.md ("Observation") for why.
//
// Table 1 traits (NLGN, mobilised versus atomised), each in [0, 1], each
// rising as a community mobilises, NaN below verdict.min_support:
// - dialogue: share of residents in dialogue (level >= 1);
// - priorities: in each patch, the share of engaged residents holding the
//   patch's most common issue, rescaled so that issues spread evenly give 0
//   and one shared issue gives 1, (top - 1/K) / (1 - 1/K); the mean over
//   patches weighted by engaged residents ("a clear set of priorities as a
//   collective"); needs min_support engaged residents;
// - shared_agenda: share of participants (level >= 2) in groups with an
//   adopted plan (progress >= plan_threshold), each counted by how far the
//   group's plan is the community's: its bridging (members' cross-segment
//   ties relative to a place without homophily, 1 with one segment; NLGN:
//   divisions stop a community agreeing one agenda); needs min_support
//   participants;
// - accountable_leadership: share of group members whose group is led from
//   within by a legitimate leader;
// - assets_and_plan: members' mean plan progress of their group;
// - networked: share of group members whose group has a stakeholder link;
//   the last three need min_support group members.
// mobilisation_index = the geometric mean of breadth and quality, sqrt(breadth
// x quality) (as the Human Development Index combines its dimensions since
// 2010: neither can make up for the absence of the other), where quality is
// the weighted mean of the traits (an undefined
// trait counting 0: a community with no groups has no accountable leadership
// to count, and the index stays continuous as groups appear), with
// breadth = 1 - exp(-planned_participation / verdict.breadth), where
// planned_participation is the share of ALL residents in groups with an
// adopted plan: smooth, so a change of participation always moves it, and a
// few well-run groups in a passive place stay 'mobilising' at best.
// verdict_code 2 mobilised (index >= verdict.mobilised), 1 mobilising (>=
// verdict.mobilising), else 0 atomised.
// Survey measures (docs/ODD.md maps them onto the Community Life Survey,
// shared/data/targets.yaml): over the last engagement.recall_weeks, the share
// who were in dialogue (civic participation), took part (formal volunteering
// in the year), organised or led (civic activism); in the last 4 weeks, took
// part (formal volunteering at least monthly); feel_able_to_influence: share
// whose confidence exceeds their fatalism.
// Value of outcomes (pounds, value.*): needs met early (demand averted),
// volunteer hours, enterprises' care hours, assets, wins; outcome_value is
// their sum. They are gross: deadweight is removed by comparing with the same
// scenario without the strategy on common random numbers (`compare`).
#include "models/mobilisation/observables.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/core/portable_math.hpp"

namespace gs::mobilisation {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
double ratio(double a, double b) {
  return b > 0.0 ? a / b : nan;
}
double safe_ratio(double a, double b, double need) {
  return b >= need ? a / b : nan;
}
}  // namespace

struct Tally {
  const Community* c = nullptr;
  double n = 0;
  std::vector<double> level = std::vector<double>(5, 0.0);
  std::vector<double> seg_n, seg_part, seg_recent, seg_reached;
  std::vector<double> issue_part;
  double marg_n = 0, marg_part = 0, other_n = 0, other_part = 0;
  double fatalism = 0, confidence = 0, trust = 0, able = 0;
  double ever_engaged = 0, ever_part = 0, reached = 0, reached_part = 0;
  double year_dialogue = 0, year_part = 0, month_part = 0, year_organiser = 0;
  double engaged = 0, priorities_num = 0, in_planned = 0, in_shared = 0;
  double members = 0, led_members = 0, plan_sum = 0, linked_members = 0;
  double active = 0, acts = 0, wins = 0, succeeded = 0, led_council = 0, enterprises = 0;
  double hours_top10 = 0;
  double programme_groups = 0, programme_succeeded = 0;
  Traits traits;
};

namespace {

Tally make_tally(const Community& c) {
  Tally t;
  t.c = &c;
  const Residents& r = c.r;
  const Params& p = c.p;
  const std::size_t n = r.size();
  t.n = static_cast<double>(n);
  t.seg_n.assign(c.segments, 0.0);
  t.seg_part = t.seg_recent = t.seg_reached = t.seg_n;
  t.issue_part.assign(c.issues, 0.0);
  const auto recall = static_cast<std::uint32_t>(p.recall_weeks);
  auto within = [&](std::uint16_t last, std::uint32_t weeks) {
    return last != never && c.tick - last < weeks;
  };
  std::vector<std::vector<double>> patch_issue(c.patches, std::vector<double>(c.issues, 0.0));
  std::vector<double> hours(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t e = r.engagement[i];
    const std::uint16_t s = r.segment[i];
    t.level[e] += 1.0;
    t.seg_n[s] += 1.0;
    const bool part = e >= participant;
    const bool marginalised = r.marginalisation[i] >= 0.5f;
    (marginalised ? t.marg_n : t.other_n) += 1.0;
    if (part) {
      t.seg_part[s] += 1.0;
      t.issue_part[r.issue[i]] += 1.0;
      (marginalised ? t.marg_part : t.other_part) += 1.0;
      const std::uint32_t g = r.group[i];
      if (g != no_group && c.groups[g].plan >= p.plan_threshold) {
        t.in_planned += 1.0;
        t.in_shared += c.groups[g].bridging;
      }
    }
    if (e >= in_dialogue) {
      t.engaged += 1.0;
      patch_issue[r.patch[i]][r.issue[i]] += 1.0;
    }
    if (r.last_dialogue[i] != never) t.ever_engaged += 1.0;
    if (r.last_participant[i] != never) t.ever_part += 1.0;
    if (within(r.last_dialogue[i], recall)) t.year_dialogue += 1.0;
    if (within(r.last_participant[i], recall)) {
      t.year_part += 1.0;
      t.seg_recent[s] += 1.0;
    }
    if (within(r.last_participant[i], 4)) t.month_part += 1.0;
    if (within(r.last_organiser[i], recall)) t.year_organiser += 1.0;
    if (r.reached[i] != 0) {
      t.reached += 1.0;
      t.seg_reached[s] += 1.0;
      if (r.last_participant[i] != never) t.reached_part += 1.0;
    }
    t.fatalism += r.fatalism[i];
    t.confidence += r.confidence[i];
    t.trust += r.inst_trust[i];
    if (r.confidence[i] > r.fatalism[i]) t.able += 1.0;
    hours[i] = r.hours[i];
  }
  // Priorities: per-patch concentration of engaged residents' issues.
  const double k = static_cast<double>(c.issues);
  for (const auto& counts : patch_issue) {
    double total = 0.0, top = 0.0;
    for (double x : counts) {
      total += x;
      top = std::max(top, x);
    }
    if (total <= 0.0) continue;
    const double conc = c.issues > 1 ? (top / total - 1.0 / k) / (1.0 - 1.0 / k) : 1.0;
    t.priorities_num += total * conc;
  }
  // Civic core: share of all hours given by the 10% of residents who gave most.
  const std::size_t top = std::max<std::size_t>(1, n / 10);
  if (n > 0) {
    std::nth_element(hours.begin(), hours.begin() + static_cast<std::ptrdiff_t>(top - 1),
                     hours.end(), std::greater<>());
    double all = 0.0, most = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      all += hours[i];
      if (i < top) most += hours[i];
    }
    t.hours_top10 = ratio(most, all);
  }
  for (const Group& g : c.groups) {
    t.acts += static_cast<double>(g.successes + g.failures);
    t.wins += static_cast<double>(g.successes);
    if (g.successes > 0) t.succeeded += 1.0;
    if (g.formed_by_strategy()) {
      t.programme_groups += 1.0;
      if (g.successes > 0) t.programme_succeeded += 1.0;
    }
    if (g.supported_by >= 0 &&
        p.strategies[static_cast<std::size_t>(g.supported_by)].type == "services" &&
        (g.origin == "enterprise" || g.successes > 0)) {
      t.enterprises += 1.0;  // created, or an existing group it supported that succeeded (scaled)
    }
    if (!g.alive) continue;
    const auto size = static_cast<double>(g.members.size());
    const bool from_within = g.leader != no_agent && !g.externally_led;
    t.active += 1.0;
    t.members += size;
    if (from_within) t.led_members += size;
    t.plan_sum += size * g.plan;
    if (g.links != 0) t.linked_members += size;
    if (from_within && (g.links & 1u) != 0) t.led_council += 1.0;
  }
  // Traits.
  Traits& tr = t.traits;
  const auto support = static_cast<double>(p.min_support);
  const double participants = t.level[2] + t.level[3] + t.level[4];
  tr.dialogue = ratio(t.engaged, t.n);
  tr.priorities = safe_ratio(t.priorities_num, t.engaged, support);
  tr.shared_agenda = safe_ratio(t.in_shared, participants, support);
  tr.accountable_leadership = safe_ratio(t.led_members, t.members, support);
  tr.assets_and_plan = safe_ratio(t.plan_sum, t.members, support);
  tr.networked = safe_ratio(t.linked_members, t.members, support);
  tr.planned_participation = t.n > 0 ? t.in_planned / t.n : 0.0;
  const double v[6] = {tr.dialogue,        tr.priorities,
                       tr.shared_agenda,   tr.accountable_leadership,
                       tr.assets_and_plan, tr.networked};
  double wsum = 0.0, acc = 0.0;
  for (std::size_t j = 0; j < 6; ++j) {
    wsum += p.index_weights[j];
    if (!std::isnan(v[j])) acc += p.index_weights[j] * v[j];  // no data: nothing to count
  }
  tr.breadth = p.breadth > 0.0 ? 1.0 - portable_exp(-tr.planned_participation / p.breadth) : 1.0;
  tr.index = wsum > 0.0 ? std::sqrt(tr.breadth * acc / wsum) : 0.0;
  tr.verdict = tr.index >= p.mobilised_cutoff ? 2 : tr.index >= p.mobilising_cutoff ? 1 : 0;
  return t;
}

double parity(const std::vector<double>& num, const std::vector<double>& den) {
  if (num.size() < 2) return nan;
  double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
  for (std::size_t s = 0; s < num.size(); ++s) {
    if (den[s] <= 0.0) continue;
    lo = std::min(lo, num[s] / den[s]);
    hi = std::max(hi, num[s] / den[s]);
  }
  return hi > 0.0 ? lo / hi : nan;
}

}  // namespace

const char* verdict_name(int code) {
  return code >= 2 ? "mobilised" : code == 1 ? "mobilising" : "atomised";
}

std::vector<ObservableDef> observable_table(std::uint32_t segments, std::uint32_t issues,
                                            bool glossary) {
  using T = const Tally&;
  std::vector<ObservableDef> d = {
      {"dialogue", "Table 1: share of residents in active dialogue (level >= 1).", "share",
       [](T t) { return t.traits.dialogue; }},
      {"priorities",
       "Table 1: concentration of engaged residents' issues within their patch (0 spread "
       "evenly, 1 one shared issue).",
       "share", [](T t) { return t.traits.priorities; }},
      {"shared_agenda",
       "Table 1: share of participants in groups with an adopted plan, each weighted by the "
       "group's bridging across segments.",
       "share", [](T t) { return t.traits.shared_agenda; }},
      {"accountable_leadership",
       "Table 1: share of group members whose group is led from within by a legitimate leader.",
       "share", [](T t) { return t.traits.accountable_leadership; }},
      {"assets_and_plan", "Table 1: group members' mean plan progress (assets mapped -> plan).",
       "share", [](T t) { return t.traits.assets_and_plan; }},
      {"networked", "Table 1: share of group members whose group has a stakeholder link.", "share",
       [](T t) { return t.traits.networked; }},
      {"mobilisation_index",
       "Geometric mean of breadth and the weighted mean of the Table 1 traits (undefined ones "
       "count 0).",
       "index", [](T t) { return t.traits.index; }},
      {"verdict_code", "0 atomised, 1 mobilising, 2 mobilised (categorical).", "code",
       [](T t) { return static_cast<double>(t.traits.verdict); }},
      {"participation", "Share of residents taking part (level >= 2).", "share",
       [](T t) { return ratio(t.level[2] + t.level[3] + t.level[4], t.n); }},
      {"participants", "Residents taking part (level >= 2).", "people",
       [](T t) { return t.level[2] + t.level[3] + t.level[4]; }},
  };
  for (int l = 0; l <= 4; ++l) {
    static const char* what[] = {"not involved", "in dialogue", "participants",
                                 "organisers or volunteers", "group leaders"};
    d.push_back({"level_" + std::to_string(l),
                 "Share of residents at level " + std::to_string(l) + " (" + what[l] + ").",
                 "share", [l](T t) { return ratio(t.level[static_cast<std::size_t>(l)], t.n); }});
  }
  const std::uint32_t seg_rows = glossary ? 1 : segments;
  for (std::uint32_t s = 0; s < seg_rows; ++s) {
    d.push_back({"participation_segment_" + (glossary ? std::string("<s>") : std::to_string(s)),
                 "Share of segment s taking part (level >= 2).", "share",
                 [s](T t) { return ratio(t.seg_part[s], t.seg_n[s]); }});
  }
  const std::uint32_t issue_rows = glossary ? 1 : issues;
  for (std::uint32_t k = 0; k < issue_rows; ++k) {
    d.push_back({"participation_issue_" + (glossary ? std::string("<k>") : std::to_string(k)),
                 "Share of all residents taking part on issue k.", "share",
                 [k](T t) { return ratio(t.issue_part[k], t.n); }});
  }
  const std::vector<ObservableDef> rest = {
      {"participation_marginalised", "Share of marginalised residents taking part.", "share",
       [](T t) { return ratio(t.marg_part, t.marg_n); }},
      {"participation_others", "Share of the other residents taking part.", "share",
       [](T t) { return ratio(t.other_part, t.other_n); }},
      {"inclusion",
       "Participation parity: lowest / highest share of a segment that took part in the last "
       "recall window (undefined with one segment).",
       "share", [](T t) { return parity(t.seg_recent, t.seg_n); }},
      {"reach_inclusion",
       "Parity of strategies' reach: lowest / highest share of a segment reached (undefined "
       "with one segment or no reach).",
       "share", [](T t) { return parity(t.seg_reached, t.seg_n); }},
      {"civic_participation_year",
       "Survey measure: share in dialogue at least once in the last recall window "
       "(Community Life Survey civic participation).",
       "share", [](T t) { return ratio(t.year_dialogue, t.n); }},
      {"volunteering_month",
       "Survey measure: share who took part in the last 4 weeks (formal volunteering at "
       "least monthly).",
       "share", [](T t) { return ratio(t.month_part, t.n); }},
      {"volunteering_year",
       "Survey measure: share who took part in the last recall window (formal volunteering "
       "in the year).",
       "share", [](T t) { return ratio(t.year_part, t.n); }},
      {"civic_activism_year",
       "Survey measure: share who organised or led in the last recall window (civic "
       "activism).",
       "share", [](T t) { return ratio(t.year_organiser, t.n); }},
      {"feel_able_to_influence", "Survey measure: share whose confidence exceeds their fatalism.",
       "share", [](T t) { return ratio(t.able, t.n); }},
      {"groups_formed", "Groups ever formed.", "count",
       [](T t) { return static_cast<double>(t.c->c.groups_formed); }},
      {"groups_active", "Groups active now.", "count", [](T t) { return t.active; }},
      {"groups_dissolved", "Groups dissolved.", "count",
       [](T t) { return static_cast<double>(t.c->c.groups_dissolved); }},
      {"assets", "Assets built (successful actions).", "count",
       [](T t) { return static_cast<double>(t.c->c.assets); }},
      {"quick_wins", "Quick wins (successful asks or assets).", "count",
       [](T t) { return static_cast<double>(t.c->c.quick_wins); }},
      {"first_win_tick", "Tick of the first quick win (undefined before any).", "weeks",
       [](T t) {
         return t.c->c.first_win_tick < 0 ? nan : static_cast<double>(t.c->c.first_win_tick);
       }},
      {"volunteer_hours", "Volunteer hours given so far.", "hours",
       [](T t) { return t.c->c.volunteer_hours; }},
      {"hours_top10_share",
       "Civic core: share of all volunteer hours given by the 10% of residents who gave most.",
       "share", [](T t) { return t.hours_top10; }},
      {"events", "Events held (group events and hub sessions).", "count",
       [](T t) { return static_cast<double>(t.c->c.events); }},
      {"new_ties", "Ties made during the run.", "count",
       [](T t) { return static_cast<double>(t.c->c.new_ties); }},
      {"cross_segment_ties", "Ties made during the run across segments.", "count",
       [](T t) { return static_cast<double>(t.c->c.cross_segment_ties); }},
      {"cross_segment_share",
       "Share of all ties (initial and new) that cross segments (undefined with one segment).",
       "share",
       [](T t) {
         return t.c->segments > 1 && t.c->tie_count() > 0 ? t.c->cross_tie_share() : nan;
       }},
      {"mean_fatalism", "Mean fatalism.", "share", [](T t) { return ratio(t.fatalism, t.n); }},
      {"mean_confidence", "Mean confidence.", "share",
       [](T t) { return ratio(t.confidence, t.n); }},
      {"mean_inst_trust", "Mean institutional trust.", "share",
       [](T t) { return ratio(t.trust, t.n); }},
      {"leaders", "Group leaders (level 4).", "people", [](T t) { return t.level[4]; }},
      {"council_receptiveness", "Council receptiveness now.", "share",
       [](T t) { return t.c->receptiveness; }},
      {"grants_paid", "Grants paid so far.", "pounds", [](T t) { return t.c->c.grants_paid; }},
      {"contacts", "Contacts made by strategies.", "count",
       [](T t) { return static_cast<double>(t.c->c.contacts); }},
      {"consulted", "Residents' answers to shallow consultation.", "count",
       [](T t) { return static_cast<double>(t.c->c.consulted); }},
      {"needs_met", "Needs met early (through a coordinator's group or an enterprise's care).",
       "people", [](T t) { return static_cast<double>(t.c->c.needs_met); }},
      {"people_engaged", "Residents in dialogue at some tick.", "people",
       [](T t) { return t.ever_engaged; }},
      {"people_participated", "Residents who took part at some tick.", "people",
       [](T t) { return t.ever_part; }},
      {"programme_reach", "Residents who accepted a strategy's contact.", "people",
       [](T t) { return t.reached; }},
      {"programme_participants", "Residents reached by a strategy who took part at some tick.",
       "people", [](T t) { return t.reached_part; }},
      {"enterprises",
       "Enterprises a services strategy created, plus existing groups it supported that "
       "succeeded (Community Catalysts' \"created or scaled\").",
       "count", [](T t) { return t.enterprises; }},
      {"mean_group_size", "Mean members of active groups.", "people",
       [](T t) { return ratio(t.members, t.active); }},
      {"success_rate", "Successes per action (undefined without actions).", "share",
       [](T t) { return ratio(t.wins, t.acts); }},
      {"planned_participation", "Share of all residents in groups with an adopted plan.", "share",
       [](T t) { return t.traits.planned_participation; }},
      {"projects_succeeded", "Groups ever formed with at least one success.", "count",
       [](T t) { return t.succeeded; }},
      {"programme_groups",
       "Groups ever formed by a strategy (a programme's projects; organic groups it supports "
       "are not counted).",
       "count", [](T t) { return t.programme_groups; }},
      {"programme_projects_succeeded",
       "Groups ever formed by a strategy with at least one success.", "count",
       [](T t) { return t.programme_succeeded; }},
      {"programme_hours",
       "Volunteer hours given in groups a strategy formed (what a programme's evaluation "
       "counts).",
       "hours", [](T t) { return t.c->c.programme_hours; }},
      {"sessions", "Hub sessions held (places strategies).", "count",
       [](T t) { return static_cast<double>(t.c->c.sessions); }},
      {"led_council_groups", "Active groups led from within with a council link.", "count",
       [](T t) { return t.led_council; }},
      {"spend", "Strategies' spending so far.", "pounds", [](T t) { return t.c->c.spend; }},
      {"care_hours", "Hours of care delivered by community enterprises.", "hours",
       [](T t) { return t.c->c.care_hours; }},
      {"value_needs", "Value of needs met early (service demand averted).", "pounds",
       [](T t) { return t.c->c.demand_averted; }},
      {"value_hours", "Value of volunteer hours.", "pounds",
       [](T t) { return t.c->c.volunteer_hours * t.c->p.value_volunteer_hour; }},
      {"value_care", "Value of enterprises' care hours.", "pounds",
       [](T t) { return t.c->c.care_hours * t.c->p.value_care_hour; }},
      {"value_assets", "Value of assets built.", "pounds",
       [](T t) { return static_cast<double>(t.c->c.assets) * t.c->p.value_asset; }},
      {"value_wins", "Value of issues won.", "pounds",
       [](T t) { return static_cast<double>(t.c->c.quick_wins) * t.c->p.value_win; }},
      {"outcome_value",
       "Gross value of all outcomes (needs, hours, care, assets, wins); net of deadweight only "
       "against a counterfactual (compare).",
       "pounds",
       [](T t) {
         const auto& c = *t.c;
         return c.c.demand_averted + c.c.volunteer_hours * c.p.value_volunteer_hour +
                c.c.care_hours * c.p.value_care_hour +
                static_cast<double>(c.c.assets) * c.p.value_asset +
                static_cast<double>(c.c.quick_wins) * c.p.value_win;
       }},
  };
  d.insert(d.end(), rest.begin(), rest.end());
  return d;
}

Observer::Observer(const Community& c) : c_(&c), table_(observable_table(c.segments, c.issues)) {
  for (const auto& o : table_) names_.push_back(o.name);
}

void Observer::observe(std::span<double> out) const {
  const Tally t = make_tally(*c_);
  for (std::size_t k = 0; k < table_.size(); ++k) out[k] = table_[k].value(t);
}

double Observer::value(const std::string& name) const {
  const Tally t = make_tally(*c_);
  for (const auto& o : table_) {
    if (o.name == name) return o.value(t);
  }
  throw std::out_of_range("no observable '" + name + "'");
}

std::vector<ObservableInfo> Observer::info() const {
  std::vector<ObservableInfo> out;
  for (const auto& o : table_) {
    if (o.unit == "share" || o.unit == "index") {
      out.push_back({ObservableKind::share, {}});
    } else if (o.unit == "code") {
      out.push_back(
          {ObservableKind::categorical, {verdict_name(0), verdict_name(1), verdict_name(2)}});
    } else if (o.unit == "count" || o.unit == "people" || o.unit == "weeks" || o.unit == "hours" ||
               o.unit == "pounds") {
      out.push_back({ObservableKind::count, {}});
    } else {
      out.push_back({ObservableKind::real, {}});
    }
  }
  return out;
}

Traits Observer::traits() const {
  return make_tally(*c_).traits;
}

nlohmann::json Observer::summary() const {
  const Tally t = make_tally(*c_);
  const Traits& tr = t.traits;
  auto num = [](double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
  };
  nlohmann::json j;
  j["verdict"] = verdict_name(tr.verdict);
  j["mobilisation_index"] = tr.index;
  j["traits"] = {{"dialogue", num(tr.dialogue)},
                 {"priorities", num(tr.priorities)},
                 {"shared_agenda", num(tr.shared_agenda)},
                 {"accountable_leadership", num(tr.accountable_leadership)},
                 {"assets_and_plan", num(tr.assets_and_plan)},
                 {"networked", num(tr.networked)}};
  j["cutoffs"] = {{"mobilised", c_->p.mobilised_cutoff}, {"mobilising", c_->p.mobilising_cutoff}};
  j["breadth_factor"] = tr.breadth;
  j["planned_participation"] = tr.planned_participation;
  nlohmann::json value;
  for (const auto& o : table_) {
    if (o.unit == "pounds" && o.name != "grants_paid") value[o.name] = num(o.value(t));
  }
  j["value"] = value;
  return j;
}

}  // namespace gs::mobilisation
