// Parameters of the mobilisation model: the scenario sections MODEL.md names
// (enablers and barriers, residents, engagement, groups, action, drifts,
// strategies, value, verdict), each declared once, where it is bound to its
// field.
//
// Contract: visit_params(visitor, params) walks every parameter in one place
// (params.cpp), handing the visitor the key, the field, its meaning and range.
// Two visitors use it: declare_mobilisation_schema() adds every section at the
// root of the scenario schema, taking defaults from a default-constructed
// Params; read_params() fills a Params from a resolved scenario (every key
// present and typed). A parameter is therefore added in one line of
// visit_params plus its field here; nothing else in the model reads JSON.
// Strategy parameters live with their strategy (strategies/*.cpp) and are
// visited through the strategy registry.
// Sources: NLGN "Community Mobilisation" (shared/seeds/003_...): enablers
// (leadership, communication, public sector, opposition, philanthropy),
// barriers (scale, divisions, fatalism, time and resource, trust and
// confidence), the four strategies and shallow engagement; Community Action MK
// (000, 001) and Community Organisers (004) for mobilisers, latent leadership
// and training. Default values and their sources: docs/ODD.md.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/mobilisation/strategy_params.hpp"
#include "sim/scenario/schema.hpp"

namespace gs::mobilisation {

struct Distribution {  // a [0,1] attribute: normal(mean + shift x marginalisation, sd) clamped
  double mean = 0.5;
  double sd = 0.1;
  double marginalised_shift = 0.0;  // added (signed) for a fully marginalised resident
};

struct ThresholdSpec {
  std::string distribution = "normal";  // fixed | uniform | normal
  double value = 0.5, low = 0.3, high = 0.7, mean = 0.5, sd = 0.1;
};

struct InitialParticipants {
  std::string rule = "none";  // none | random_fraction | count | top_degree | file
  double fraction = 0.0;
  std::int64_t count = 0;
  std::string file;
  std::int64_t level = 2;
  bool committed = true;
};

struct Channel {
  std::string name = "channel";
  std::vector<double> reach{0.2};  // per segment (last value repeats)
  double tailoring = 0.5;
};

struct ThreatEvent {
  std::int64_t tick = 0;
  std::int64_t issue = 0;
  std::vector<std::int64_t> patches;  // empty = all
  double strength = 0.5;
  std::int64_t duration = 8;
};

// Weights of the propensities (decision.cpp).
struct Weights {
  double salience = 0.35, social = 0.5, same_issue = 0.2, leader = 0.4, dialogue = 0.25,
         efficacy = 0.45, trust = 0.3, contact = 0.6, threat = 0.6, cost = 0.35, free_rider = 0.1,
         own_leadership = 0.3, cohesion = 0.1;
};

struct Params {
  // social network construction
  std::string builder = "engine";  // engine | segments | patches
  std::int64_t n = 1000;
  double mean_degree = 10.0;
  double ticks_per_year = 52.0;
  // Weeks one tick stands for: the model's rates and hours are weekly.
  double weeks_per_tick() const { return 52.0 / ticks_per_year; }

  // residents
  std::int64_t issues = 6;
  std::vector<double> issue_weights;
  std::vector<double> issue_difficulty;
  double issue_concentration = 0.3;  // share adopting the patch's dominant issue
  Distribution salience{0.45, 0.2, 0.0};
  double marginalised_share = 0.25;
  ThresholdSpec threshold{"normal", 0.5, 0.3, 0.7, 0.28, 0.3};
  double need_level_one = 0.1, need_level_two = 0.03;
  double need_marginalised_multiplier = 2.0;
  InitialParticipants initial;

  // engagement decision
  Weights w;
  std::string social_weighting = "trust";  // trust | count
  double free_rider_reference = 100000.0;
  double noise = 0.04;  // logistic scale of the weekly decision noise
  std::int64_t max_step = 1;
  double hysteresis = 0.05;
  std::vector<double> rungs{0.15, 0.0, 0.36};  // offsets for levels 1..3 over theta
  double rate = 0.26;                          // probability that a resident reconsiders this tick
  std::vector<double> churn{0.04, 0.04, 0.02, 0.01};  // weekly step-down hazard, levels 1..4
  double contact_decay = 0.1;
  double issue_adoption = 0.05;
  double exposure_floor = 1e-4;
  std::int64_t recall_weeks = 52;  // survey window: "at least once in the last 12 months"

  // enablers and barriers
  double leadership_influence = 1.0;
  Distribution leadership{0.3, 0.15, -0.05};
  double leadership_practice = 0.01;
  double leadership_emergence = 0.98;
  double leadership_success_growth = 0.05;
  std::vector<Channel> channels;
  double publicity_fatalism = 0.06, publicity_confidence = 0.04, publicity_trust = 0.03;
  double publicity_salience = 0.05;
  double receptiveness = 0.5, staff_capacity = 0.5, culture_change = 0.01, culture_memory = 0.002;
  double link_rate = 0.05;
  double opposition_exposure_decay = 0.15, opposition_issue_switch = 0.5;
  double opposition_salience_boost = 0.5;
  std::vector<ThreatEvent> threats;
  double grant_pool = 0.0, grant_size = 2000.0, grant_capacity_scale = 3000.0;
  double grant_spend_rate = 0.02, grant_apply_rate = 0.4;
  double grant_resilience = 1000.0;
  double grant_rounds = 4.0;  // funders' decision rounds per year
  bool place_based = false;
  std::int64_t patches = 1;
  double radius = 0.05, patch_penalty = 0.9, coherent_population = 2000.0, capacity_scale = 6.0;
  double supporters = 10.0;
  std::int64_t segments = 1;
  std::vector<double> segment_shares;
  std::vector<double> segment_marginalisation;
  double homophily = 0.0, tension = 0.0;
  Distribution fatalism{0.5, 0.15, 0.25};
  Distribution resources{0.5, 0.15, -0.2};
  double participation_cost = 0.77, hub_cost_cut = 0.5, fatigue = 1.0;
  std::vector<double> hours_per_level{0.0, 0.0, 1.0, 3.0, 5.0};
  Distribution inst_trust{0.5, 0.15, -0.2};
  Distribution confidence{0.45, 0.15, -0.15};
  Distribution tie_trust{0.5, 0.15, 0.0};

  // drifts
  double fatalism_drift = 0.01, trust_drift = 0.01, confidence_drift = 0.005, salience_drift = 0.02,
         baseline_learning = 0.3;
  double co_member_trust_growth = 0.01;

  // groups
  bool groups_enabled = true;
  std::int64_t min_group_size = 5, max_group_size = 40, dissolve_size = 3;
  double found_rate = 0.55, roles_share = 0.3;
  std::int64_t search_weeks = 12;
  double legitimacy_bar = 0.3, stranger_trust = 0.1;
  double plan_rate = 0.15, plan_threshold = 0.5, member_skills = 0.25;
  double meeting_ties = 0.3, event_rate = 0.1, event_helpers = 0.3, tension_penalty = 0.5,
         division_weight = 0.5, contest = 0.45;

  // action
  double base_difficulty = 0.52, success_fatalism = 0.05, success_confidence = 0.05,
         success_trust = 0.05, failure_fatalism = 0.05, failure_dissolve = 0.3, link_bonus = 0.25,
         action_cooldown = 4;

  // ties
  std::int64_t merge_every = 8;
  double new_tie_trust = 0.3;

  // strategies
  std::vector<StrategyParams> strategies;
  double lead_salience_factor = 0.3, lead_trust_penalty = 0.02;

  // value of outcomes (pounds; docs/ODD.md "Value of outcomes" for the sources)
  double value_need_level_one = 1500.0, value_need_level_two = 6000.0;
  double value_volunteer_hour = 12.21, value_care_hour = 30.28;
  double value_asset = 5000.0, value_win = 2000.0;

  // verdict
  std::vector<double> index_weights{1, 1, 1, 1, 1, 1};
  double mobilised_cutoff = 0.6, mobilising_cutoff = 0.3;
  double breadth = 0.15;          // planned participation giving 63% of the breadth factor
  std::int64_t min_support = 10;  // residents (engaged or participating) a trait needs
};

// A visitor sees every parameter once: visit_params(v, p) calls
//   v.section(key, doc) -> a visitor of the subsection,
//   v.real / integer / boolean / text / choice / path / reals / integers(key, field&, doc, ...),
//   v.list(key, doc, vector<T>&, visit_item) for lists of maps.
// See params.cpp for the two visitors (schema declaration, reading).
void declare_mobilisation_schema(scenario::Section root);
Params read_params(const nlohmann::json& values);

}  // namespace gs::mobilisation
