// Observables, tables and summary of the mobilisation model (MODEL.md
// "Observables"; NLGN Table 1, mobilised versus atomised communities).
//
// Contract:
// - dialogue: share of residents at level >= 1 ("in active dialogue").
// - priorities: 1 - H/ln(issues) of the issues of residents at level >= 1
//   (0 when nobody is engaged): "a clear set of priorities as a collective".
// - shared_agenda: share of participants (level >= 2) in a group whose plan is
//   adopted (progress >= plan_threshold).
// - accountable_leadership: share of active groups with a legitimate leader
//   from within.
// - assets_and_plan: mean plan progress of active groups.
// - networked: share of active groups with at least one stakeholder link.
// - planned_participation: share of ALL residents who participate in a group
//   whose plan is adopted (breadth of the shared agenda).
// - mobilisation_index: weighted mean of the six (verdict.index_weights) times
//   the breadth factor min(1, planned_participation / verdict.breadth) (1 when
//   verdict.breadth is 0). NLGN: "a mobilised community knows what it wants,
//   what resources it has at its disposal, and has a plan for how to use
//   them" -- the community, not a few activists: a handful of well-run groups
//   with most residents outside them scores as mobilising at best. verdict_code
//   2 mobilised if index >= verdict.mobilised, 1 mobilising if >=
//   verdict.mobilising, else 0 atomised. Traits with no active groups are 0.
// - summary()["scaled"]: counts times verdict.report_factor, for a run of a
//   scaled-down population (e.g. 1/10 of a borough with report_factor 10).
// - inclusion: min over segments / max over segments of the share that has
//   taken part (level >= 1) at some tick; 1 with one segment, 0 if nobody.
// - roi: demand_averted / spend (0 without spend).
// - people_engaged / people_participated: residents who reached level >= 1 /
//   level >= 2 at some tick (took part at all / took part in a project).
// - first_win_tick: tick of the run's first quick win (0 before any): weeks
//   from the start of organising to the first issue resolved.
// - projects_succeeded: groups ever formed with at least one success (London
//   CLT: steering groups that established their trust).
// - led_council_groups: active groups led from within that have a council
//   link (a resident leader with a voice at the council, e.g. a parish
//   councillor, Community Action MK).
#include <algorithm>
#include <cmath>

#include "models/mobilisation/model.hpp"

namespace gs::mobilisation {

const char* MobilisationModel::verdict_name(int code) {
  return code >= 2 ? "mobilised" : code == 1 ? "mobilising" : "atomised";
}

MobilisationModel::Traits MobilisationModel::traits() const {
  Traits t;
  const double n = static_cast<double>(std::max<std::size_t>(1, r_.size()));
  std::vector<double> by_issue(issues_, 0.0);
  double engaged = 0.0, participants = 0.0, in_planned = 0.0;
  for (std::size_t i = 0; i < r_.size(); ++i) {
    if (r_.engagement[i] >= in_dialogue) {
      engaged += 1.0;
      by_issue[r_.issue[i]] += 1.0;
    }
    if (r_.engagement[i] >= participant) {
      participants += 1.0;
      const std::uint32_t g = r_.group[i];
      if (g != no_group && groups_[g].plan >= p_.plan_threshold) in_planned += 1.0;
    }
  }
  t.dialogue = engaged / n;
  if (engaged > 0.0 && issues_ > 1) {
    double h = 0.0;
    for (double c : by_issue) {
      if (c > 0.0) h -= (c / engaged) * std::log(c / engaged);
    }
    t.priorities = std::clamp(1.0 - h / std::log(static_cast<double>(issues_)), 0.0, 1.0);
  } else if (engaged > 0.0) {
    t.priorities = 1.0;
  }
  t.shared_agenda = participants > 0.0 ? in_planned / participants : 0.0;
  t.planned_participation = in_planned / n;
  double active = 0.0, led = 0.0, plan = 0.0, linked = 0.0;
  for (const Group& g : groups_) {
    if (!g.alive) continue;
    active += 1.0;
    if (g.leader != no_agent && !g.externally_led) led += 1.0;
    plan += g.plan;
    if (g.links != 0) linked += 1.0;
  }
  if (active > 0.0) {
    t.accountable_leadership = led / active;
    t.assets_and_plan = plan / active;
    t.networked = linked / active;
  }
  const double v[6] = {t.dialogue,        t.priorities, t.shared_agenda, t.accountable_leadership,
                       t.assets_and_plan, t.networked};
  double wsum = 0.0, acc = 0.0;
  for (int k = 0; k < 6; ++k) {
    wsum += p_.index_weights[static_cast<std::size_t>(k)];
    acc += p_.index_weights[static_cast<std::size_t>(k)] * v[k];
  }
  t.breadth = p_.breadth > 0.0 ? std::min(1.0, t.planned_participation / p_.breadth) : 1.0;
  t.index = wsum > 0.0 ? t.breadth * acc / wsum : 0.0;
  t.verdict = t.index >= p_.mobilised_cutoff ? 2 : t.index >= p_.mobilising_cutoff ? 1 : 0;
  return t;
}

void MobilisationModel::observe(std::span<double> out) const {
  const Traits t = traits();
  const std::size_t n = r_.size();
  const double dn = static_cast<double>(std::max<std::size_t>(1, n));
  std::vector<double> level(5, 0.0), seg_n(segments_, 0.0), seg_part(segments_, 0.0),
      seg_ever(segments_, 0.0), issue_part(issues_, 0.0);
  double fat = 0, conf = 0, trust = 0, ever = 0, ever_engaged = 0;
  for (std::size_t i = 0; i < n; ++i) {
    level[r_.engagement[i]] += 1.0;
    seg_n[r_.segment[i]] += 1.0;
    if (r_.engagement[i] >= participant) {
      seg_part[r_.segment[i]] += 1.0;
      issue_part[r_.issue[i]] += 1.0;
    }
    if (r_.ever_engaged[i]) {
      seg_ever[r_.segment[i]] += 1.0;
      ever_engaged += 1.0;
    }
    if (r_.ever_participated[i]) ever += 1.0;
    fat += r_.fatalism[i];
    conf += r_.confidence[i];
    trust += r_.inst_trust[i];
  }
  const double participants = level[2] + level[3] + level[4];
  double lo = 1e300, hi = 0.0;
  for (std::uint32_t s = 0; s < segments_; ++s) {
    if (seg_n[s] <= 0.0) continue;
    const double share = seg_ever[s] / seg_n[s];
    lo = std::min(lo, share);
    hi = std::max(hi, share);
  }
  const double inclusion = segments_ <= 1 ? (hi > 0.0 ? 1.0 : 0.0) : hi > 0.0 ? lo / hi : 0.0;
  double active = 0.0, members = 0.0, enterprises = 0.0, acts = 0.0, wins = 0.0;
  double succeeded = 0.0, led_council = 0.0;
  for (const Group& g : groups_) {
    acts += static_cast<double>(g.successes + g.failures);
    wins += static_cast<double>(g.successes);
    if (g.successes > 0) succeeded += 1.0;
    if (g.alive && g.leader != no_agent && !g.externally_led && (g.links & 1u) != 0)
      led_council += 1.0;
    if (g.supported_by >= 0 && g.successes > 0 &&
        p_.strategies[static_cast<std::size_t>(g.supported_by)].type == "services") {
      enterprises += 1.0;
    }
    if (!g.alive) continue;
    active += 1.0;
    members += static_cast<double>(g.members.size());
  }
  std::size_t k = 0;
  auto put = [&](double v) { out[k++] = v; };
  put(t.dialogue);
  put(t.priorities);
  put(t.shared_agenda);
  put(t.accountable_leadership);
  put(t.assets_and_plan);
  put(t.networked);
  put(t.index);
  put(t.verdict);
  put(participants / dn);
  put(participants);
  for (double l : level) put(l / dn);
  for (std::uint32_t s = 0; s < segments_; ++s) put(seg_n[s] > 0 ? seg_part[s] / seg_n[s] : 0.0);
  for (std::uint32_t q = 0; q < issues_; ++q) put(issue_part[q] / dn);
  put(inclusion);
  put(static_cast<double>(c_.groups_formed));
  put(active);
  put(static_cast<double>(c_.groups_dissolved));
  put(static_cast<double>(c_.assets));
  put(static_cast<double>(c_.quick_wins));
  put(c_.volunteer_hours);
  put(static_cast<double>(c_.events));
  put(static_cast<double>(c_.new_ties));
  put(static_cast<double>(c_.cross_segment_ties));
  put(fat / dn);
  put(conf / dn);
  put(trust / dn);
  put(level[4]);
  put(c_.spend);
  put(c_.demand_averted);
  put(c_.spend > 0.0 ? c_.demand_averted / c_.spend : 0.0);
  put(receptiveness_);
  put(c_.grants_paid);
  put(static_cast<double>(c_.contacts));
  put(static_cast<double>(c_.consulted));
  put(static_cast<double>(c_.needs_met));
  put(ever);
  put(enterprises);
  put(active > 0.0 ? members / active : 0.0);
  put(acts > 0.0 ? wins / acts : 0.0);
  put(t.planned_participation);
  put(ever_engaged);
  put(static_cast<double>(c_.first_win_tick));
  put(succeeded);
  put(led_council);
}

double MobilisationModel::value(const std::string& observable) const {
  std::vector<double> out(names_.size());
  observe(out);
  const auto it = std::find(names_.begin(), names_.end(), observable);
  if (it == names_.end()) throw std::out_of_range("no observable '" + observable + "'");
  return out[static_cast<std::size_t>(it - names_.begin())];
}

std::vector<Table> MobilisationModel::tables() const {
  Table t;
  t.name = "groups";
  t.columns = {"id",
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
               "fate"};
  for (const Group& g : groups_) {
    t.rows.push_back({g.id,
                      g.issue,
                      g.patch,
                      g.origin,
                      g.formed_tick,
                      g.ended_tick < 0 ? nlohmann::json(nullptr) : nlohmann::json(g.ended_tick),
                      g.members.size(),
                      g.peak_size,
                      g.leader == no_agent ? nlohmann::json(nullptr) : nlohmann::json(g.leader),
                      g.legitimacy,
                      g.capacity,
                      g.coherence,
                      g.plan,
                      g.assets,
                      g.successes,
                      g.failures,
                      g.grants,
                      g.funds,
                      Group::link_count(g.links),
                      (g.links & 1u) != 0,
                      g.externally_led,
                      g.fate});
  }
  return {t};
}

nlohmann::json MobilisationModel::summary() const {
  const Traits t = traits();
  nlohmann::json j;
  j["verdict"] = verdict_name(t.verdict);
  j["mobilisation_index"] = t.index;
  j["traits"] = {{"dialogue", t.dialogue},
                 {"priorities", t.priorities},
                 {"shared_agenda", t.shared_agenda},
                 {"accountable_leadership", t.accountable_leadership},
                 {"assets_and_plan", t.assets_and_plan},
                 {"networked", t.networked}};
  j["cutoffs"] = {{"mobilised", p_.mobilised_cutoff}, {"mobilising", p_.mobilising_cutoff}};
  j["groups_formed"] = c_.groups_formed;
  j["assets"] = c_.assets;
  j["spend"] = c_.spend;
  j["demand_averted"] = c_.demand_averted;
  j["roi"] = c_.spend > 0.0 ? c_.demand_averted / c_.spend : 0.0;
  j["breadth_factor"] = t.breadth;
  j["planned_participation"] = t.planned_participation;
  std::vector<double> out(names_.size());
  observe(out);
  const double f = p_.report_factor;
  nlohmann::json sc;
  sc["report_factor"] = f;
  for (const char* name :
       {"people_engaged", "people_participated", "groups_formed", "volunteer_hours", "events",
        "assets", "quick_wins", "enterprises", "spend", "demand_averted", "needs_met",
        "cross_segment_ties", "projects_succeeded"}) {
    const auto it = std::find(names_.begin(), names_.end(), name);
    sc[name] = f * out[static_cast<std::size_t>(it - names_.begin())];
  }
  j["scaled"] = sc;
  return j;
}

}  // namespace gs::mobilisation
