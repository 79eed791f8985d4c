// Every parameter of the mobilisation model, declared once where it is bound;
// see params.hpp for the contract and docs/ODD.md for values and sources.
#include "models/mobilisation/params.hpp"

#include <string>

#include "models/mobilisation/fitted.hpp"
#include "models/mobilisation/param_visitors.hpp"
#include "models/mobilisation/strategies/strategy.hpp"

namespace gs::mobilisation {

namespace {

using scenario::Bounds;

constexpr Bounds unit{0.0, 1.0};
constexpr Bounds nonneg{0.0, 1e12};
constexpr Bounds shift{-1.0, 1.0};
constexpr Bounds weight{0.0, 10.0};

template <class V>
void visit_distribution(V v, Distribution& d, const std::string& what) {
  v.real("mean", d.mean, "Mean " + what + " of a resident who is not marginalised.", unit);
  v.real("sd", d.sd, "Spread (standard deviation, clamped to [0,1]) of " + what + ".", unit);
  v.real("marginalised_shift", d.marginalised_shift,
         "Added to the mean for a fully marginalised resident (NLGN: marginalisation lowers "
         "resources, trust and confidence and heightens fatalism).",
         shift);
}

template <class V>
void visit_strategy_common(V& v, StrategyParams& s) {
  v.choice("type", s.type, strategy_type_names(),
           "individuals: Local Area Coordination; groups: community organising/CLT; places: "
           "hubs (Every One Every Day); services: Community Catalysts; engagement: shallow "
           "consultation.");
  v.choice("mode", s.mode, {"catalyse", "lead"},
           "catalyse: follow residents' salient issues; lead: impose agenda_issue.");
  v.real("staff", s.staff, "Staff (FTE).", {0, 1e6});
  v.real("contacts_per_week", s.contacts_per_week, "Contacts per FTE per week.", {0, 1e6});
  v.real("annual_cost", s.annual_cost, "Pounds per year.", nonneg);
  v.integer("agenda_issue", s.agenda_issue, "lead mode: the imposed issue.", {0, 63});
  v.integer("start_tick", s.start_tick, "First tick.", {0, 1e9});
  v.integer("end_tick", s.end_tick, "Last tick.", {0, 1e9});
  v.integers("patches", s.patches, "Patches worked in (empty = all).", {0, 1e9});
  v.real("confidence_boost", s.confidence_boost, "Confidence gained by an accepted contact.", unit);
  v.real("trust_gain", s.trust_gain,
         "Institutional trust gained per listening contact (times 1 - trust).", unit);
  v.real("training", s.training, "Leadership gained by a trained resident (times 1 - it).", unit);
  v.integer("search_draws", s.search_draws,
            "individuals: redraws seeking a resident with an unmet need; services: residents "
            "compared to find the one with the most leadership x salience, and draws to find a "
            "client for an enterprise.",
            {0, 1000});
  v.integer("commit_weeks", s.commit_weeks,
            "Groups this strategy forms: their members stay at least participants this many "
            "weeks after it forms (London CLT: 'committed local people'; 0 = no commitment).",
            {0, 1e6});
  v.real("head_start", s.head_start,
         "Plan progress a group formed by this strategy starts with (the listening campaign, "
         "founder's idea or session has already mapped what it wants).",
         unit);
}

// The one walk over every parameter (V: SchemaDeclarer or ValueReader).
template <class V>
void visit_params(V root, Params& p) {
  auto sn = root.section("social_network", "Which generator builds the residents' ties.");
  sn.choice("builder", p.builder, {"engine", "segments", "patches"},
            "engine: the `network` section; segments: stochastic block model by "
            "divisions.segments with divisions.homophily; patches: spatial patches from the "
            "scale section. n and mean_degree always come from `network`. With any builder, "
            "divisions.homophily rewires cross-segment ties (mobilisation.cpp).");

  auto r = root.section("residents",
                        "Initial distributions of residents' issues, needs and "
                        "thresholds (MODEL.md: Residents).");
  r.integer("issues", p.issues,
            "Number of local issues (GP services, schools, housing, damp, safety, ...), ids "
            "0..issues-1.",
            {1, 64});
  r.reals("issue_weights", p.issue_weights, "Relative prevalence of each issue (empty = equal).",
          nonneg);
  r.reals("issue_difficulty", p.issue_difficulty,
          "Difficulty of winning on each issue, added to action.difficulty (empty = 0).", unit);
  r.real("issue_concentration", p.issue_concentration,
         "Share of residents whose issue is their (patch, segment)'s dominant issue.", unit);
  visit_distribution(r.section("salience", "How much their issue matters to them."), p.salience,
                     "salience");
  r.real("marginalised_share", p.marginalised_share,
         "Share of residents marginalised regardless of segment.", unit);
  auto th = r.section("threshold",
                      "Personal threshold theta_i the participation propensity must reach "
                      "(Granovetter 1978); its spread is the residents' heterogeneity.");
  th.choice("distribution", p.threshold.distribution, {"fixed", "uniform", "normal"},
            "How theta_i is drawn.");
  th.real("value", p.threshold.value, "Fixed threshold.", {-10, 10});
  th.real("low", p.threshold.low, "Uniform lower bound.", {-10, 10});
  th.real("high", p.threshold.high, "Uniform upper bound.", {-10, 10});
  th.real("mean", p.threshold.mean, "Normal mean.", {-10, 10});
  th.real("sd", p.threshold.sd, "Normal sd.", {0, 10});
  auto need = r.section("need", "Needs (Local Area Coordination 'Level One'/'Level Two').");
  need.real("level_one", p.need_level_one, "Share with a short-term need.", unit);
  need.real("level_two", p.need_level_two, "Share with complex needs.", unit);
  need.real("marginalised_multiplier", p.need_marginalised_multiplier,
            "Needs are this many times likelier for a fully marginalised resident.", {0, 100});
  auto ip = r.section("initial_participants", "Residents already engaged at the start.");
  ip.choice("rule", p.initial.rule, {"none", "random_fraction", "count", "top_degree", "file"},
            "How they are chosen.");
  ip.real("fraction", p.initial.fraction, "random_fraction: share chosen.", unit);
  ip.integer("count", p.initial.count, "count/top_degree: how many.", {0, 1e9});
  ip.path("file", p.initial.file, "file: one resident id per line.");
  ip.integer("level", p.initial.level, "Their engagement level.", {1, 3});
  ip.boolean("committed", p.initial.committed,
             "They never fall below that level (like a threshold model's seeds).");

  auto e = root.section("engagement",
                        "The engagement decision (MODEL.md tick step 2; docs/ODD.md "
                        "'Engagement').");
  auto w = e.section("weights",
                     "Weights of the propensities' terms; set all but `social` to 0 (noise 0, "
                     "rate 1, churn 0) for the linear threshold model.");
  w.real("salience", p.w.salience, "Issue salience (dialogue and participation).", weight);
  w.real("social", p.w.social,
         "Participating neighbours: their share, each weighted by tie trust (trust in "
         "neighbours).",
         weight);
  w.real("same_issue", p.w.same_issue, "Share of neighbours participating on my issue.", weight);
  w.real("leader", p.w.leader, "Exposure to leaders (times leadership.influence).", weight);
  w.real("dialogue", p.w.dialogue, "Share of neighbours in dialogue (dialogue propensity).",
         weight);
  w.real("efficacy", p.w.efficacy, "Confidence minus fatalism (participation only).", weight);
  w.real("trust", p.w.trust,
         "Institutional trust minus 1/2: expecting the council to listen (both propensities).",
         weight);
  w.real("contact", p.w.contact, "Institutional trust times mobiliser contact.", weight);
  w.real("threat", p.w.threat, "Exposure to a threat on my issue.", weight);
  w.real("cost", p.w.cost,
         "Time cost of a level (hours_per_level / hours at level 3) times (1 - resources), "
         "lower near hubs.",
         weight);
  w.real("free_rider", p.w.free_rider,
         "Free-rider term, growing with log of the community (patch) size.", weight);
  w.real("own_leadership", p.w.own_leadership,
         "Own latent leadership, for stepping up to organiser (Community Organisers).", weight);
  w.real("cohesion", p.w.cohesion,
         "Collective efficacy lost to a divided community: times its division, 1 - (1 - "
         "tension) x min(1, cross-segment share of ties / share without homophily), as each "
         "segment feels it, x 2 p / (p + q) for its shares p of residents and q of "
         "participants (Sampson et al. 1997; NLGN 'usual suspects'; participation only).",
         weight);
  e.choice("social_weighting", p.social_weighting, {"trust", "count"},
           "trust: sum of tie trust over participating neighbours / degree; count: plain share "
           "(the threshold model).");
  e.real("free_rider_reference", p.free_rider_reference,
         "Community size at which the free-rider term reaches its full weight.", {2, 1e9});
  e.real("noise", p.noise,
         "Scale of the logistic noise on each reconsideration (0 = deterministic rule).", {0, 10});
  e.integer("max_step", p.max_step, "Most levels a resident moves in one tick.", {1, 4});
  e.real("hysteresis", p.hysteresis, "Margin below a rung before a resident steps down.", {0, 10});
  e.reals("rungs", p.rungs,
          "Offsets over theta_i for levels 1 (dialogue), 2 (participant), 3 (organiser).",
          {-10, 10});
  e.real("rate", p.rate, "Probability a resident reconsiders their level in a week.", unit);
  e.reals("churn", p.churn,
          "Weekly chance a resident at level 1, 2, 3, 4 steps down one level whatever their "
          "propensity (life events, fatigue, moving away), times 1 + fatigue x (1 - "
          "resources) at levels 3-4.",
          unit);
  e.real("contact_decay", p.contact_decay, "Weekly decay of mobiliser contact intensity.", unit);
  e.real("exposure_floor", p.exposure_floor,
         "Mobiliser contact and threat exposure below this are set to 0.", unit);
  e.real("issue_adoption", p.issue_adoption,
         "Weekly chance an engaged resident adopts the issue most of their participating "
         "neighbours share (priorities emerge from dialogue).",
         unit);
  e.integer("recall_weeks", p.recall_weeks,
            "Window of the survey measures ('at least once in the last 12 months').", {1, 1e6});

  auto l = root.section("leadership",
                        "Enabler: leadership (NLGN; Community Organisers: latent leadership in "
                        "everyone, grown by practice and training).");
  l.real("influence", p.leadership_influence, "Strength of leaders' influence on neighbours.",
         {0, 10});
  visit_distribution(l.section("latent", "Latent leadership."), p.leadership, "leadership");
  l.real("emergence", p.leadership_emergence,
         "How readily latent leadership emerges: scales the weekly chance that a set of "
         "participants founds a group and that a leaderless group's best candidate steps up, "
         "and growth from practice and success.",
         {0, 10});
  l.real("success_growth", p.leadership_success_growth, "Leader's growth per success.", unit);
  l.real("legitimacy_bar", p.legitimacy_bar,
         "Members' mean trust in a leader needed for accountable leadership from within.", unit);
  l.real("stranger_trust", p.stranger_trust,
         "Trust a member gives a co-member with no tie and no co-member to vouch for them.", unit);

  auto c = root.section("communication", "Enabler: communication strategies and publicity.");
  c.list("channels",
         "Channels (leaflets, group chats, social media); empty = one word-of-mouth channel "
         "reaching 20% of everyone.",
         p.channels, [](auto& v, Channel& ch) {
           v.text("name", ch.name, "Label.");
           v.reals("reach", ch.reach, "Weekly reach per segment (last value repeats).", unit);
           v.real("tailoring", ch.tailoring, "How well messages are tailored: scales their effect.",
                  unit);
         });
  auto pub = c.section("publicity", "Effect of a publicised quick win on those it reaches.");
  pub.real("fatalism", p.publicity_fatalism, "Fatalism lowered.", unit);
  pub.real("confidence", p.publicity_confidence, "Confidence raised.", unit);
  pub.real("trust", p.publicity_trust, "Institutional trust raised.", unit);
  pub.real("salience", p.publicity_salience, "Salience of the won issue raised.", unit);

  auto ps =
      root.section("public_sector", "Enabler: attitude of the public sector (make or break).");
  ps.real("receptiveness", p.receptiveness,
          "Council receptiveness, 0 hostile .. 1 open: multiplies every success chance.", unit);
  ps.real("staff_capacity", p.staff_capacity, "Staff capacity to engage: rate of council links.",
          unit);
  ps.real("culture_change", p.culture_change,
          "Receptiveness gained per quick win (times 1 - receptiveness).", unit);
  ps.real("culture_memory", p.culture_memory,
          "Weekly reversion of receptiveness toward its initial value.", unit);
  ps.real("link_rate", p.link_rate,
          "Weekly chance a led group with a plan links to a stakeholder, times its members' mean "
          "institutional trust (distrustful groups do not use council channels).",
          unit);

  auto op = root.section("opposition", "Enabler: having something to oppose (Alinsky).");
  op.real("exposure_decay", p.opposition_exposure_decay, "Weekly decay of threat exposure.", unit);
  op.real("issue_switch", p.opposition_issue_switch,
          "Chance per unit strength that an exposed resident adopts the threat's issue.", unit);
  op.real("salience_boost", p.opposition_salience_boost,
          "Salience gained (times strength x (1 - salience)) when a threat fires; it drifts "
          "back at drifts.salience.",
          unit);
  op.list("events", "Scheduled threat events.", p.threats, [](auto& v, ThreatEvent& ev) {
    v.integer("tick", ev.tick, "When it fires.", {0, 1e9});
    v.integer("issue", ev.issue, "Which issue.", {0, 63});
    v.integers("patches", ev.patches, "Which patches (empty = all).", {0, 1e9});
    v.real("strength", ev.strength, "How strongly.", unit);
    v.integer("duration", ev.duration, "Ticks it keeps renewing exposure.", {1, 1e6});
  });

  auto ph = root.section("philanthropy", "Enabler: grants (place-based giving).");
  ph.real("annual_pool", p.grant_pool, "Pounds per year available for grants.", nonneg);
  ph.real("grant_size", p.grant_size, "Pounds per grant.", {1, 1e9});
  ph.real("capacity_scale", p.grant_capacity_scale,
          "Pounds of funds in hand giving 63% of their capacity (diminishing returns).", {1, 1e12});
  ph.real("spend_rate", p.grant_spend_rate, "Weekly share of a group's funds spent.", unit);
  ph.real("apply_rate", p.grant_apply_rate,
          "Weekly chance that an eligible group with less than a grant in hand applies, times "
          "its members' mean institutional trust.",
          unit);
  ph.real("rounds_per_year", p.grant_rounds,
          "Funders' decision rounds a year: applications wait for the next round, where the "
          "strongest are paid while the pool lasts and the rest declined (4: a decision takes "
          "about 12 weeks, National Lottery Awards for All; 52 decides every week).",
          {1, 365});
  ph.real("resilience", p.grant_resilience,
          "Pounds in hand that cut by 63% the chance a failed action ends a group: "
          "P(dissolve) = action.failure_dissolve x exp(-funds / this) (a paid venue and a "
          "funder's commitment keep a group going after a setback).",
          {1, 1e12});
  ph.boolean("place_based", p.place_based,
             "Place-based giving: informal groups without a leader also qualify, the poorest "
             "patches first.");

  auto sc = root.section("scale",
                         "Barrier: scale (too large: no coherent whole; too small: no capacity).");
  sc.integer("patches", p.patches, "Number of neighbourhood patches.", {1, 1e7});
  sc.real("radius", p.radius, "patches builder: distance scale of ties.", {1e-6, 10});
  sc.real("patch_penalty", p.patch_penalty, "patches builder: cut of ties across patches.", unit);
  sc.real("coherent_population", p.coherent_population,
          "Community size beyond which groups lose coherence: coherence = 1/(1+pop/this).",
          {1, 1e12});
  sc.real("capacity_scale", p.capacity_scale,
          "Members' summed (groups.member_skills + resources) x (1/2 + leadership) giving 63% "
          "capacity: small groups lack capacity.",
          {1e-3, 1e9});

  sc.real("supporters", p.supporters,
          "Constituency (residents in dialogue on a group's issue in its patch: goodwill, "
          "donations, turnout) giving 63% of the support a group needs; its capacity is its "
          "members' times 1 - exp(-constituency / this): a tiny community has too few "
          "supporters (0: support is never short).",
          {0, 1e9});

  auto dv = root.section("divisions", "Barrier: internal divisions by class, race or age.");
  dv.integer("segments", p.segments, "Number of segments.", {1, 64});
  dv.reals("shares", p.segment_shares, "Share of each segment (empty = equal).", nonneg);
  dv.reals("marginalisation", p.segment_marginalisation,
           "Marginalisation of each segment in [0,1] (empty = 0).", unit);
  dv.real("homophily", p.homophily,
          "Share of cross-segment ties turned into same-segment ones (every builder; the "
          "segments builder draws them so).",
          unit);
  dv.real("tension", p.tension,
          "Tension: cross-segment ties start weaker (trust x (1 - tension)), new ones form "
          "less often, and mixed groups cohere less.",
          unit);

  visit_distribution(root.section("fatalism", "Barrier: fatalism (includes free-rider logic)."),
                     p.fatalism, "fatalism");
  auto tr = root.section("time_and_resource", "Barrier: time and resources.");
  visit_distribution(tr, p.resources, "resources");
  tr.real("participation_cost", p.participation_cost, "Cost of taking part, in resource units.",
          {0, 10});
  tr.real("hub_cost_cut", p.hub_cost_cut, "Share of the cost a nearby hub removes.", unit);
  tr.real("fatigue", p.fatigue,
          "Extra churn of organisers and leaders with few resources (time budgets).", {0, 100});
  tr.reals("hours_per_level", p.hours_per_level, "Weekly volunteer hours at levels 0..4.",
           {0, 100});
  auto tc = root.section("trust_and_confidence", "Barrier: trust and confidence.");
  visit_distribution(tc.section("inst_trust", "Trust in institutions and mobilisers."),
                     p.inst_trust, "institutional trust");
  visit_distribution(tc.section("confidence", "Confidence in one's own ability."), p.confidence,
                     "confidence");
  visit_distribution(tc.section("tie_trust", "Interpersonal trust on initial ties."), p.tie_trust,
                     "tie trust");

  auto g = root.section("groups", "Community groups (MODEL.md tick step 3).");
  g.boolean("enabled", p.groups_enabled, "Whether groups form at all.");
  g.integer("min_size", p.min_group_size, "Connected participants sharing an issue needed.",
            {2, 1e6});
  g.integer("max_size", p.max_group_size, "Largest group; others form their own.", {2, 1e9});
  g.integer("dissolve_size", p.dissolve_size, "A group below this size dissolves.", {1, 1e6});
  g.real("found_rate", p.found_rate,
         "Weekly chance that enough connected participants on one issue found a group, times "
         "leadership.emergence x the most latent leadership among them.",
         unit);
  g.integer("search_weeks", p.search_weeks,
            "Weeks a resident takes part without finding or founding a group before falling "
            "back to dialogue (there must be somewhere to take part).",
            {1, 1e6});
  g.real("roles_share", p.roles_share,
         "Organiser roles per member: a group has room for max(1, roles_share x size) "
         "organisers and leaders (capacity is finite).",
         unit);
  g.real("plan_rate", p.plan_rate, "Weekly plan progress at full effective capacity.", unit);
  g.real("plan_threshold", p.plan_threshold, "Progress at which the plan is adopted.", unit);
  g.real("member_skills", p.member_skills,
         "What every member brings to a group's capacity besides their time and resources "
         "(skills, local knowledge; NLGN: communities deploy 'their own skills and "
         "resources'), in resource units: a group of members with no spare resources still "
         "has some capacity. Set by hand (docs/ODD.md 7.3); the joint fit frees it to check it.",
         unit);
  g.real("meeting_ties", p.meeting_ties, "New ties each member makes per week in the group.",
         {0, 100});
  g.real("event_rate", p.event_rate, "Weekly chance an active group holds an event.", unit);
  g.real("event_helpers", p.event_helpers,
         "Occasional volunteering: when a group holds an event, each member asks one of their "
         "ties, chosen at random; one who is at most in dialogue and in no group helps that week "
         "with this chance, giving the participant level's weekly hours without changing level "
         "(counted by the survey measures of volunteering). 0.3 puts a typical place's yearly "
         "volunteering at the centre of its Community Life Survey range (docs/ODD.md 7.3); set "
         "by hand, and the joint fit frees it to check it.",
         unit);
  g.real("tension_penalty", p.tension_penalty,
         "Coherence lost by a group with no bridging ties in a divided place: times (1 - "
         "bridging) x (division_weight + divisions.tension).",
         unit);
  g.real("contest", p.contest,
         "Weekly plan progress lost (times plan_rate x division x (1 - bridging)) to the "
         "rest of a divided community contesting an unbridged group's plan.",
         {0, 10});
  g.real("division_weight", p.division_weight,
         "How much a group's lack of bridging ties costs it even without tension: separate "
         "segments do not share one agenda (NLGN barriers: internal divisions).",
         unit);

  auto a = root.section("action", "Action: asks and assets (MODEL.md tick step 4).");
  a.real("difficulty", p.base_difficulty, "Base difficulty of winning.", {0, 10});
  a.real("success_fatalism", p.success_fatalism, "Members' fatalism lowered by a success.", unit);
  a.real("success_confidence", p.success_confidence, "Members' confidence raised.", unit);
  a.real("success_trust", p.success_trust, "Members' institutional trust raised.", unit);
  a.real("failure_fatalism", p.failure_fatalism, "Members' fatalism raised by a failure.", unit);
  a.real("failure_dissolve", p.failure_dissolve, "Chance a failure dissolves the group.", unit);
  a.real("link_bonus", p.link_bonus, "Strength added per stakeholder link.", {0, 10});
  a.real("cooldown", p.action_cooldown, "Ticks between two actions of a group.", {1, 1e6});

  auto dr = root.section("drifts", "Slow drifts (MODEL.md tick step 6).");
  dr.real("fatalism", p.fatalism_drift, "Weekly reversion of fatalism to its baseline.", unit);
  dr.real("trust", p.trust_drift, "Weekly reversion of institutional trust.", unit);
  dr.real("confidence", p.confidence_drift, "Weekly reversion of confidence.", unit);
  dr.real("salience", p.salience_drift,
          "Weekly reversion of salience to its baseline (a threat's boost fades).", unit);
  dr.real("baseline_learning", p.baseline_learning,
          "Share of a success's or failure's effect on members' fatalism, confidence and trust "
          "that moves their baselines (experience leaves a residue).",
          unit);
  dr.real("leadership_practice", p.leadership_practice,
          "Weekly leadership growth at level 3+ (times leadership.emergence).", unit);
  dr.real("co_member_trust", p.co_member_trust_growth, "Weekly trust growth between co-members.",
          unit);

  auto t = root.section("ties", "Dynamic ties: new ties and their merging into the CSR.");
  t.integer("merge_every", p.merge_every, "Ticks between merges of new ties into the CSR.",
            {1, 1e6});
  t.real("new_tie_trust", p.new_tie_trust, "Trust on a newly made tie.", unit);

  root.list("strategies", "Interventions (NLGN typology plus shallow engagement).", p.strategies,
            [](auto& v, StrategyParams& s) {
              visit_strategy_common(v, s);
              if constexpr (std::is_same_v<std::decay_t<decltype(v)>, SchemaDeclarer>) {
                for (const auto& type : strategy_types()) type.declare(v);
              } else {
                s.element = v.values();
              }
            });
  auto ld = root.section("lead_mode", "How residents answer a mobiliser who leads.");
  ld.real("salience_factor", p.lead_salience_factor,
          "Salience a resident gives an imposed issue that is not theirs (and acceptance).", unit);
  ld.real("trust_penalty", p.lead_trust_penalty,
          "Trust lost by a resident asked about someone else's agenda.", unit);

  auto val = root.section("value",
                          "Unit values of outcomes, in pounds (docs/ODD.md 'Value of outcomes' "
                          "gives the sources; replace them with your own).");
  val.real("need_level_one", p.value_need_level_one,
           "Acute service demand averted by meeting a Level One need early.", nonneg);
  val.real("need_level_two", p.value_need_level_two,
           "Acute service demand averted by meeting a Level Two need early.", nonneg);
  val.real("volunteer_hour", p.value_volunteer_hour,
           "An hour of volunteering at replacement cost (UK National Living Wage 2025/26).",
           nonneg);
  val.real("care_hour", p.value_care_hour,
           "An hour of care from a community enterprise (Homecare Association minimum price "
           "2024/25).",
           nonneg);
  val.real("asset", p.value_asset, "A community asset built (assumption; see ODD).", nonneg);
  val.real("win", p.value_win, "An issue won with the council (assumption; see ODD).", nonneg);

  auto vd = root.section("verdict", "Mobilisation index and verdict cut-offs.");
  vd.reals("index_weights", p.index_weights,
           "Weights of dialogue, priorities, shared_agenda, accountable_leadership, "
           "assets_and_plan, networked (an undefined trait counts 0 in the index).",
           {0, 100});
  vd.real("mobilised", p.mobilised_cutoff, "Index at or above which the verdict is mobilised.",
          unit);
  vd.real("mobilising", p.mobilising_cutoff, "Index at or above which it is mobilising.", unit);
  vd.real("breadth", p.breadth,
          "Breadth scale: breadth = 1 - exp(-planned_participation / this), where "
          "planned_participation is the share of ALL residents in groups with an adopted plan; "
          "the index is sqrt(breadth x quality), quality the weighted mean of the traits, so a "
          "few well-run groups in a passive place are not a mobilised community. 0 sets "
          "breadth to 1.",
          unit);
  vd.integer("min_support", p.min_support,
             "Residents a trait must rest on to be defined (engaged residents for priorities, "
             "participants for shared_agenda, group members for the group traits); below "
             "it the trait is undefined (NaN), not 0.",
             {1, 1e9});
}

}  // namespace

void declare_mobilisation_schema(scenario::Section root) {
  Params defaults;
  visit_params(SchemaDeclarer(root), defaults);
  annotate_fitted(root.param());
}

Params read_params(const nlohmann::json& values) {
  Params p;
  visit_params(ValueReader(values), p);
  p.builder = values.at("social_network").at("builder").get<std::string>();
  p.n = values.at("network").at("n").get<std::int64_t>();
  p.mean_degree = values.at("network").at("mean_degree").get<double>();
  const std::string unit_name = values.at("run").at("tick_unit").get<std::string>();
  p.ticks_per_year = unit_name == "day"     ? 365.0
                     : unit_name == "month" ? 12.0
                     : unit_name == "year"  ? 1.0
                                            : 52.0;
  p.rungs.resize(3, p.rungs.empty() ? 0.0 : p.rungs.back());
  p.churn.resize(4, p.churn.empty() ? 0.0 : p.churn.back());
  p.hours_per_level.resize(5, p.hours_per_level.empty() ? 0.0 : p.hours_per_level.back());
  p.index_weights.resize(6, 1.0);
  if (p.channels.empty()) p.channels.push_back({"word_of_mouth", {0.2}, 0.5});
  return p;
}

}  // namespace gs::mobilisation
