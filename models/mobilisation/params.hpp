// Parameters of the mobilisation model: the scenario sections MODEL.md names
// (enablers and barriers, residents, groups, action, drifts, strategies,
// verdict), declared once with default, range and meaning, and read back into
// plain structs.
//
// Contract: declare_mobilisation_schema() adds every section at the root of
// the scenario schema; read_params() turns a resolved scenario (every key
// present and typed) into Params. Nothing else in the model reads JSON.
// Sources: NLGN "Community Mobilisation" (shared/seeds/003_...): enablers
// (leadership, communication, public sector, opposition, philanthropy),
// barriers (scale, divisions, fatalism, time and resource, trust and
// confidence), the four strategies and shallow engagement; Community Action MK
// (000, 001) and Community Organisers (004) for mobilisers, latent leadership
// and training.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/scenario/schema.hpp"

namespace gs::mobilisation {

struct Distribution {  // a [0,1] attribute: normal(mean - ... , sd) clamped
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
  std::string name;
  std::vector<double> reach;  // per segment (last value repeats)
  double tailoring = 0.5;
};

struct ThreatEvent {
  std::int64_t tick = 0;
  std::int64_t issue = 0;
  std::vector<std::int64_t> patches;  // empty = all
  double strength = 0.5;
  std::int64_t duration = 8;
};

struct Strategy {
  std::string type = "individuals";  // individuals | groups | places | services | engagement
  std::string mode = "catalyse";     // catalyse | lead
  double staff = 1.0;
  double contacts_per_week = 10.0;  // per FTE
  double annual_cost = 40000.0;
  std::int64_t agenda_issue = 0;
  std::int64_t start_tick = 0;
  std::int64_t end_tick = 1000000;
  std::vector<std::int64_t> patches;
  std::int64_t hubs = 4;
  double hub_radius = 0.1;
  std::int64_t session_size = 12;
  double new_ties_per_session = 6.0;
  std::int64_t listening_weeks = 12;
  std::int64_t steering_size = 10;
  double training = 0.2;
  double admin_barrier_cut = 0.5;
  double confidence_boost = 0.1;
  double trust_gain = 0.05;
  double outside_share = 0.25;         // places: share of session draws from outside hub areas
  double cross_segment_skip = 0.5;     // places: chance a same-segment pairing is passed over
  std::int64_t search_draws = 4;       // individuals/services: extra draws when seeking someone
  std::int64_t introduction_ties = 2;  // individuals: members a newcomer is introduced to
  std::int64_t commit_weeks = 0;       // groups it forms: members stay participants this long
  double head_start = 0.0;             // groups it forms: initial plan progress
  double brokering = 0.0;              // groups: difficulty cut for steering groups (council)
  std::int64_t enterprise_size = 5;    // services: founder + helpers of a new enterprise; 0 off
  double micro_project_rate = 0.0;     // places: chance a session starts a micro-project
};

struct Params {
  // social network construction
  std::string builder = "engine";  // engine | segments | patches
  std::int64_t n = 1000;
  double mean_degree = 10.0;

  // residents
  std::int64_t issues = 6;
  std::vector<double> issue_weights;
  std::vector<double> issue_difficulty;
  double issue_concentration = 0.0;  // share adopting the patch's dominant issue
  Distribution salience{0.5, 0.2, 0.0};
  double marginalised_share = 0.3;
  ThresholdSpec threshold;
  double need_level_one = 0.1, need_level_two = 0.03;
  double need_marginalised_multiplier = 2.0;
  InitialParticipants initial;

  // propensity weights (engagement decision)
  double w_salience = 0.35, w_social = 0.6, w_same_issue = 0.3, w_leader = 0.5, w_dialogue = 0.1,
         w_efficacy = 0.5, w_contact = 0.6, w_threat = 0.6, w_cost = 0.3, w_free_rider = 0.15;
  std::string social_weighting = "trust";  // trust | count
  double free_rider_reference = 100000.0;
  double noise = 0.1;
  std::int64_t max_step = 1;
  double hysteresis = 0.1;
  std::vector<double> rungs{-0.15, 0.0, 0.2};  // offsets for levels 1..3 over theta
  double rate = 1.0;                           // probability that a resident reconsiders this tick
  double contact_decay = 0.1;
  double issue_adoption = 0.05;

  // enablers and barriers
  double leadership_influence = 1.0;
  Distribution leadership{0.3, 0.15, -0.05};
  double leadership_practice = 0.01;
  double leadership_emergence = 1.0;  // scales leader growth from successes
  double leadership_success_growth = 0.05;
  std::vector<Channel> channels;
  double publicity_fatalism = 0.06, publicity_confidence = 0.04, publicity_trust = 0.03;
  double publicity_salience = 0.05;
  double receptiveness = 0.6, staff_capacity = 0.5, culture_change = 0.01, culture_memory = 0.002;
  double link_rate = 0.05;
  double opposition_exposure_decay = 0.15, opposition_issue_switch = 0.5;
  std::vector<ThreatEvent> threats;
  double grant_pool = 0.0, grant_size = 2000.0, grant_capacity_scale = 5000.0;
  bool place_based = false;
  std::int64_t patches = 1;
  double radius = 0.05, patch_penalty = 0.9, coherent_population = 2000.0, capacity_scale = 8.0;
  std::int64_t segments = 1;
  std::vector<double> segment_shares;
  std::vector<double> segment_marginalisation;
  double homophily = 0.0, tension = 0.0;
  Distribution fatalism{0.4, 0.15, 0.3};
  double fatalism_drift = 0.01;
  Distribution resources{0.5, 0.15, -0.25};
  double participation_cost = 1.0, hub_cost_cut = 0.5;
  std::vector<double> hours_per_level{0.0, 0.0, 1.0, 3.0, 5.0};
  Distribution inst_trust{0.5, 0.15, -0.25};
  Distribution confidence{0.5, 0.15, -0.2};
  Distribution tie_trust{0.5, 0.15, 0.0};
  double trust_drift = 0.01, confidence_drift = 0.005;

  // groups
  bool groups_enabled = true;
  std::int64_t min_group_size = 5, max_group_size = 60, dissolve_size = 3;
  double legitimacy_bar = 0.3, stranger_trust = 0.1;
  double plan_rate = 0.08, plan_threshold = 0.5;
  double meeting_ties = 0.5, co_member_trust_growth = 0.01;
  double event_rate = 0.25, tension_penalty = 1.0;

  // action
  double base_difficulty = 0.5, success_fatalism = 0.05, success_confidence = 0.05,
         success_trust = 0.05, failure_fatalism = 0.05, failure_dissolve = 0.3, link_bonus = 0.25,
         action_cooldown = 4;

  // ties
  std::int64_t merge_every = 8;
  double new_tie_trust = 0.3;

  // strategies and costs
  std::vector<Strategy> strategies;
  double demand_cost_level_one = 1500.0, demand_cost_level_two = 6000.0;
  double lead_salience_factor = 0.3, lead_trust_penalty = 0.02;

  // verdict
  std::vector<double> index_weights{1, 1, 1, 1, 1, 1};
  double mobilised_cutoff = 0.5, mobilising_cutoff = 0.2;
  double breadth = 0.2;          // share of residents in planned groups for a full-breadth index
  double report_factor = 1.0;    // scaled-down runs: counts in summary()["scaled"] times this
  double exposure_floor = 1e-4;  // contact/threat exposure below this is zero
  double ticks_per_year = 52.0;
};

void declare_mobilisation_schema(scenario::Section root);
Params read_params(const nlohmann::json& values);

}  // namespace gs::mobilisation
