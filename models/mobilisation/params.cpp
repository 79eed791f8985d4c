// Declaration and reading of the mobilisation model's parameters; see params.hpp.
#include "models/mobilisation/params.hpp"

#include <string>

namespace gs::mobilisation {

namespace {

using scenario::Bounds;
using scenario::Section;

constexpr Bounds unit{0.0, 1.0};
constexpr Bounds nonneg{0.0, 1e12};
constexpr Bounds shift{-1.0, 1.0};

void declare_distribution(Section s, const Distribution& d, const std::string& what) {
  s.real("mean", d.mean, "Mean " + what + " of a resident who is not marginalised.", unit);
  s.real("sd", d.sd, "Spread (standard deviation, clamped to [0,1]) of " + what + ".", unit);
  s.real("marginalised_shift", d.marginalised_shift,
         "Added to the mean for a fully marginalised resident (NLGN: marginalisation lowers "
         "resources, trust and confidence and heightens fatalism).",
         shift);
}

Distribution read_distribution(const nlohmann::json& j) {
  return {j.at("mean").get<double>(), j.at("sd").get<double>(),
          j.at("marginalised_shift").get<double>()};
}

template <class T>
std::vector<T> vec(const nlohmann::json& j) {
  return j.get<std::vector<T>>();
}

}  // namespace

void declare_mobilisation_schema(Section root) {
  const Params d;
  auto sn = root.section("social_network", "Which generator builds the residents' ties.");
  sn.choice("builder", d.builder, {"engine", "segments", "patches"},
            "engine: the `network` section; segments: stochastic block model by "
            "divisions.segments with divisions.homophily; patches: spatial patches from the "
            "scale section. n and mean_degree always come from `network`.");

  auto r = root.section("residents",
                        "Initial distributions of residents' issues, needs and "
                        "thresholds (MODEL.md: Residents).");
  r.integer("issues", d.issues,
            "Number of local issues (GP services, schools, housing, damp, "
            "safety, ...), ids 0..issues-1.",
            {1, 64});
  r.reals("issue_weights", {}, "Relative prevalence of each issue (empty = equal).", nonneg);
  r.reals("issue_difficulty", {},
          "Difficulty of winning on each issue, added to action.difficulty (empty = 0).", unit);
  r.real("issue_concentration", d.issue_concentration,
         "Share of residents whose issue is their patch's dominant issue.", unit);
  declare_distribution(r.section("salience", "How much their issue matters to them."), d.salience,
                       "salience");
  r.real("marginalised_share", d.marginalised_share,
         "Share of residents marginalised regardless of segment.", unit);
  auto th = r.section("threshold",
                      "Personal threshold theta_i the propensity must reach to "
                      "participate (Granovetter 1978).");
  th.choice("distribution", d.threshold.distribution, {"fixed", "uniform", "normal"},
            "How theta_i is drawn.");
  th.real("value", d.threshold.value, "Fixed threshold.", {-10, 10});
  th.real("low", d.threshold.low, "Uniform lower bound.", {-10, 10});
  th.real("high", d.threshold.high, "Uniform upper bound.", {-10, 10});
  th.real("mean", d.threshold.mean, "Normal mean.", {-10, 10});
  th.real("sd", d.threshold.sd, "Normal sd.", {0, 10});
  auto need = r.section("need", "Needs (Local Area Coordination 'Level One'/'Level Two').");
  need.real("level_one", d.need_level_one, "Share with a short-term need.", unit);
  need.real("level_two", d.need_level_two, "Share with complex needs.", unit);
  need.real("marginalised_multiplier", d.need_marginalised_multiplier,
            "Needs are this many times likelier for a fully marginalised resident.", {0, 100});
  auto ip = r.section("initial_participants", "Residents already engaged at the start.");
  ip.choice("rule", d.initial.rule, {"none", "random_fraction", "count", "top_degree", "file"},
            "How they are chosen.");
  ip.real("fraction", 0.0, "random_fraction: share chosen.", unit);
  ip.integer("count", 0, "count/top_degree: how many.", {0, 1e9});
  ip.path("file", "file: one resident id per line.");
  ip.integer("level", d.initial.level, "Their engagement level.", {1, 3});
  ip.boolean("committed", d.initial.committed,
             "They never fall below that level (like a threshold model's seeds).");

  auto e = root.section("engagement", "The engagement decision (MODEL.md tick step 2).");
  auto w = e.section("weights",
                     "Weights of the propensity's terms; set all but `social` to 0 "
                     "(and noise 0) for the linear threshold model.");
  w.real("salience", d.w_salience, "Issue salience.", {0, 10});
  w.real("social", d.w_social, "Trust-weighted share of participating neighbours.", {0, 10});
  w.real("same_issue", d.w_same_issue, "Share of neighbours participating on my issue.", {0, 10});
  w.real("leader", d.w_leader, "Exposure to leaders (times leadership.influence).", {0, 10});
  w.real("dialogue", d.w_dialogue, "Share of neighbours in dialogue.", {0, 10});
  w.real("efficacy", d.w_efficacy, "Confidence minus fatalism.", {0, 10});
  w.real("contact", d.w_contact, "Institutional trust times mobiliser contact.", {0, 10});
  w.real("threat", d.w_threat, "Exposure to a threat on my issue.", {0, 10});
  w.real("cost", d.w_cost, "Cost of taking part relative to resources (lower near hubs).", {0, 10});
  w.real("free_rider", d.w_free_rider,
         "Free-rider term, growing with log of the community (patch) size.", {0, 10});
  e.choice("social_weighting", d.social_weighting, {"trust", "count"},
           "trust: weight neighbours by tie trust; count: plain share (threshold model).");
  e.real("free_rider_reference", d.free_rider_reference,
         "Community size at which the free-rider term reaches its full weight.", {2, 1e9});
  e.real("noise", d.noise, "Sd of the normal noise on the propensity; 0 = deterministic.", {0, 10});
  e.integer("max_step", d.max_step, "Most levels a resident moves in one tick.", {1, 4});
  e.real("hysteresis", d.hysteresis, "Margin below a rung before a resident steps down.", {0, 10});
  e.reals("rungs", d.rungs,
          "Offsets over theta_i for levels 1 (dialogue), 2 (participant), 3 (organiser).",
          {-10, 10});
  e.real("rate", d.rate, "Probability a resident reconsiders in a tick.", unit);
  e.real("contact_decay", d.contact_decay, "Weekly decay of mobiliser contact intensity.", unit);
  e.real("exposure_floor", d.exposure_floor,
         "Mobiliser contact and threat exposure below this are set to 0 (they decay "
         "geometrically; a run is at a fixed point only once both are 0).",
         unit);
  e.real("issue_adoption", d.issue_adoption,
         "Weekly chance an engaged resident adopts the issue most of their participating "
         "neighbours share (priorities emerge from dialogue).",
         unit);

  auto l = root.section("leadership",
                        "Enabler: leadership (NLGN; Community Organisers: latent "
                        "leadership in everyone, grown by practice and training).");
  l.real("influence", d.leadership_influence, "Strength of leaders' influence on neighbours.",
         {0, 10});
  declare_distribution(l.section("latent", "Latent leadership."), d.leadership, "leadership");
  l.real("emergence", d.leadership_emergence,
         "How readily latent leadership emerges: scales growth from practice and success.",
         {0, 10});
  l.real("success_growth", d.leadership_success_growth, "Leader's growth per success.", unit);
  l.real("legitimacy_bar", d.legitimacy_bar,
         "Members' mean trust in a leader needed for accountable leadership from within.", unit);
  l.real("stranger_trust", d.stranger_trust, "Trust a member gives a co-member with no tie.", unit);

  auto c = root.section("communication", "Enabler: communication strategies and publicity.");
  auto ch = c.list("channels",
                   "Channels (leaflets, group chats, social media); empty = one "
                   "word-of-mouth channel reaching 20% of everyone.");
  ch.text("name", "channel", "Label.");
  ch.reals("reach", {0.2}, "Weekly reach per segment (last value repeats).", unit);
  ch.real("tailoring", 0.5, "How well messages are tailored: scales their effect.", unit);
  auto pub = c.section("publicity", "Effect of a publicised quick win on those it reaches.");
  pub.real("fatalism", d.publicity_fatalism, "Fatalism lowered.", unit);
  pub.real("confidence", d.publicity_confidence, "Confidence raised.", unit);
  pub.real("trust", d.publicity_trust, "Institutional trust raised.", unit);
  pub.real("salience", d.publicity_salience, "Salience of the won issue raised.", unit);

  auto ps = root.section("public_sector",
                         "Enabler: attitude of the public sector (make or "
                         "break).");
  ps.real("receptiveness", d.receptiveness,
          "Council receptiveness, 0 hostile .. 1 open: multiplies every success chance.", unit);
  ps.real("staff_capacity", d.staff_capacity, "Staff capacity to engage: rate of council links.",
          unit);
  ps.real("culture_change", d.culture_change,
          "Receptiveness gained per quick win (times 1 - receptiveness).", unit);
  ps.real("culture_memory", d.culture_memory,
          "Weekly reversion of receptiveness toward its initial value.", unit);
  ps.real("link_rate", d.link_rate, "Weekly chance a led group links to a stakeholder.", unit);

  auto op = root.section("opposition", "Enabler: having something to oppose (Alinsky).");
  op.real("exposure_decay", d.opposition_exposure_decay, "Weekly decay of threat exposure.", unit);
  op.real("issue_switch", d.opposition_issue_switch,
          "Chance per unit strength that an exposed resident adopts the threat's issue.", unit);
  auto ev = op.list("events", "Scheduled threat events.");
  ev.integer("tick", 0, "When it fires.", {0, 1e9});
  ev.integer("issue", 0, "Which issue.", {0, 63});
  ev.integers("patches", {}, "Which patches (empty = all).", {0, 1e9});
  ev.real("strength", 0.5, "How strongly.", unit);
  ev.integer("duration", 8, "Ticks it keeps renewing exposure.", {1, 1e6});

  auto ph = root.section("philanthropy", "Enabler: grants (place-based giving).");
  ph.real("annual_pool", d.grant_pool, "Pounds per year available for grants.", nonneg);
  ph.real("grant_size", d.grant_size, "Pounds per grant.", {1, 1e9});
  ph.real("capacity_scale", d.grant_capacity_scale,
          "Pounds at which funds give 63% of their capacity (diminishing returns).", {1, 1e12});
  ph.boolean("place_based", d.place_based,
             "Place-based giving: informal groups without a leader also qualify, the poorest "
             "patches first.");

  auto sc = root.section("scale",
                         "Barrier: scale (too large: no coherent whole; too small: no "
                         "capacity).");
  sc.integer("patches", d.patches, "Number of neighbourhood patches.", {1, 1e7});
  sc.real("radius", d.radius, "patches builder: distance scale of ties.", {1e-6, 10});
  sc.real("patch_penalty", d.patch_penalty, "patches builder: cut of ties across patches.", unit);
  sc.real("coherent_population", d.coherent_population,
          "Community size beyond which groups lose coherence: coherence = 1/(1+pop/this).",
          {1, 1e12});
  sc.real("capacity_scale", d.capacity_scale,
          "Members' summed resources giving 63% capacity: small groups lack capacity.",
          {1e-3, 1e9});

  auto dv = root.section("divisions", "Barrier: internal divisions by class, race or age.");
  dv.integer("segments", d.segments, "Number of segments.", {1, 64});
  dv.reals("shares", {}, "Share of each segment (empty = equal).", nonneg);
  dv.reals("marginalisation", {}, "Marginalisation of each segment in [0,1] (empty = 0).", unit);
  dv.real("homophily", d.homophily, "segments builder: share of ties inside one's segment.", unit);
  dv.real("tension", d.tension,
          "Tension: cross-segment ties start weaker and mixed groups cohere less.", unit);

  auto fa = root.section("fatalism", "Barrier: fatalism (includes free-rider logic).");
  declare_distribution(fa, d.fatalism, "fatalism");
  auto tr = root.section("time_and_resource", "Barrier: time and resources.");
  declare_distribution(tr, d.resources, "resources");
  tr.real("participation_cost", d.participation_cost, "Cost of taking part, in resource units.",
          {0, 10});
  tr.real("hub_cost_cut", d.hub_cost_cut, "Share of the cost a nearby hub removes.", unit);
  tr.reals("hours_per_level", d.hours_per_level, "Weekly volunteer hours at levels 0..4.",
           {0, 100});
  auto tc = root.section("trust_and_confidence", "Barrier: trust and confidence.");
  declare_distribution(tc.section("inst_trust", "Trust in institutions and mobilisers."),
                       d.inst_trust, "institutional trust");
  declare_distribution(tc.section("confidence", "Confidence in one's own ability."), d.confidence,
                       "confidence");
  declare_distribution(tc.section("tie_trust", "Interpersonal trust on initial ties."), d.tie_trust,
                       "tie trust");

  auto g = root.section("groups", "Community groups (MODEL.md tick step 3).");
  g.boolean("enabled", d.groups_enabled, "Whether groups form at all.");
  g.integer("min_size", d.min_group_size, "Connected participants sharing an issue needed.",
            {2, 1e6});
  g.integer("max_size", d.max_group_size, "Largest group; others form their own.", {2, 1e9});
  g.integer("dissolve_size", d.dissolve_size, "A group below this size dissolves.", {1, 1e6});
  g.real("plan_rate", d.plan_rate, "Weekly plan progress at full effective capacity.", unit);
  g.real("plan_threshold", d.plan_threshold, "Progress at which the plan is adopted.", unit);
  g.real("meeting_ties", d.meeting_ties, "New ties each member makes per week in the group.",
         {0, 100});
  g.real("event_rate", d.event_rate, "Weekly chance an active group holds an event.", unit);
  g.real("tension_penalty", d.tension_penalty,
         "Coherence lost per unit of divisions.tension times (1 - bridging), where bridging is "
         "the members' trust-weighted share of cross-segment ties relative to that without "
         "homophily: unbridged groups in a tense community cannot agree a shared plan.",
         unit);

  auto a = root.section("action", "Action: asks and assets (MODEL.md tick step 4).");
  a.real("difficulty", d.base_difficulty, "Base difficulty of winning.", {0, 10});
  a.real("success_fatalism", d.success_fatalism, "Members' fatalism lowered by a success.", unit);
  a.real("success_confidence", d.success_confidence, "Members' confidence raised.", unit);
  a.real("success_trust", d.success_trust, "Members' institutional trust raised.", unit);
  a.real("failure_fatalism", d.failure_fatalism, "Members' fatalism raised by a failure.", unit);
  a.real("failure_dissolve", d.failure_dissolve, "Chance a failure dissolves the group.", unit);
  a.real("link_bonus", d.link_bonus, "Strength added per stakeholder link.", {0, 10});
  a.real("cooldown", d.action_cooldown, "Ticks between two actions of a group.", {1, 1e6});

  auto dr = root.section("drifts", "Slow drifts (MODEL.md tick step 6).");
  dr.real("fatalism", d.fatalism_drift, "Weekly reversion of fatalism to its baseline.", unit);
  dr.real("trust", d.trust_drift, "Weekly reversion of institutional trust.", unit);
  dr.real("confidence", d.confidence_drift, "Weekly reversion of confidence.", unit);
  dr.real("leadership_practice", d.leadership_practice, "Weekly leadership growth at level 3+.",
          unit);
  dr.real("co_member_trust", d.co_member_trust_growth, "Weekly trust growth between co-members.",
          unit);

  auto t = root.section("ties", "Dynamic ties: new ties and their merging into the CSR.");
  t.integer("merge_every", d.merge_every, "Ticks between merges of new ties into the CSR.",
            {1, 1e6});
  t.real("new_tie_trust", d.new_tie_trust, "Trust on a newly made tie.", unit);

  auto st = root.list("strategies", "Interventions (NLGN typology plus shallow engagement).");
  const Strategy s;
  st.choice("type", s.type, {"individuals", "groups", "places", "services", "engagement"},
            "individuals: Local Area Coordination; groups: community organising/CLT; places: "
            "hubs (Every One Every Day); services: Community Catalysts; engagement: shallow "
            "consultation.");
  st.choice("mode", s.mode, {"catalyse", "lead"},
            "catalyse: follow residents' salient issues; lead: impose agenda_issue.");
  st.real("staff", s.staff, "Staff (FTE).", {0, 1e6});
  st.real("contacts_per_week", s.contacts_per_week, "Contacts per FTE per week.", {0, 1e6});
  st.real("annual_cost", s.annual_cost, "Pounds per year.", nonneg);
  st.integer("agenda_issue", s.agenda_issue, "lead mode: the imposed issue.", {0, 63});
  st.integer("start_tick", s.start_tick, "First tick.", {0, 1e9});
  st.integer("end_tick", s.end_tick, "Last tick.", {0, 1e9});
  st.integers("patches", {}, "Patches worked in (empty = all).", {0, 1e9});
  st.integer("hubs", s.hubs, "places: number of hubs.", {0, 1e6});
  st.real("hub_radius", s.hub_radius, "places: hub catchment radius (unit square).", {0, 2});
  st.integer("session_size", s.session_size, "places: attendees per session.", {1, 1e4});
  st.real("new_ties_per_session", s.new_ties_per_session,
          "places: new people from other backgrounds met per session (EOED: about six).", {0, 100});
  st.integer("listening_weeks", s.listening_weeks, "groups: length of a listening campaign.",
             {1, 1e6});
  st.integer("steering_size", s.steering_size, "groups: steering group size (London CLT: ~10).",
             {2, 1e4});
  st.real("training", s.training, "Leadership gained by trained leaders.", unit);
  st.real("admin_barrier_cut", s.admin_barrier_cut,
          "services: share of an issue's difficulty removed for supported groups.", unit);
  st.real("confidence_boost", s.confidence_boost, "Confidence gained by a contact.", unit);
  st.real("trust_gain", s.trust_gain, "Institutional trust gained per listening contact.", unit);
  st.real("outside_share", s.outside_share,
          "places: chance a drawn resident living outside every hub's catchment still comes to a "
          "session (hubs draw mostly from nearby; EOED shopfronts).",
          unit);
  st.real("cross_segment_skip", s.cross_segment_skip,
          "places: chance a session pairing with someone of one's own segment is passed over, so "
          "people meet mostly others from other backgrounds (EOED: ~6 new people from other "
          "backgrounds per session).",
          unit);
  st.integer("search_draws", s.search_draws,
             "individuals: redraws seeking a resident with an unmet need (introductions favour "
             "needs); services: residents compared to find the one with the most "
             "leadership x salience (catalysts seek people with ideas).",
             {0, 1000});
  st.integer("introduction_ties", s.introduction_ties,
             "individuals: group members a coordinator introduces a newcomer to (new ties).",
             {0, 1000});
  st.integer("commit_weeks", s.commit_weeks,
             "Groups this strategy forms (steering groups, enterprises, micro-projects, convened "
             "groups): their members stay at least participants for this many weeks after the "
             "group forms (London CLT: a steering group of 'ten or so interested and committed "
             "local people'; 0 = no commitment: members come and go with their propensity).",
             {0, 1e6});
  st.real("head_start", s.head_start,
          "Plan progress a group formed by this strategy starts with: the listening campaign, "
          "the founder's idea or the session has already mapped what the group wants "
          "(groups.plan_threshold = an adopted plan; 0 = start from nothing).",
          unit);
  st.real("brokering", s.brokering,
          "groups: share of the difficulty of their ask removed for its steering groups by "
          "brokering and formal negotiations with the council (London CLT: 'bridge the gap "
          "between the community and the local authority'); 0 = none.",
          unit);
  st.integer("enterprise_size", s.enterprise_size,
             "services: a change-maker who is in no group founds an enterprise with up to this "
             "many people: themselves plus their most trusted tie-neighbours (co-founders and "
             "volunteers); it needs groups.dissolve_size of them (Community Catalysts: 'set up "
             "small enterprises, ventures and initiatives'). 0 = no new enterprises, only "
             "existing groups supported.",
             {0, 1e4});
  st.real("micro_project_rate", s.micro_project_rate,
          "places: chance a session starts a micro-project: the largest set of its attendees who "
          "share an issue and are in no group (at least groups.min_size) form a group on the "
          "spot, supported by the hub without grants (Every One Every Day: > 146 projects); 0 = "
          "projects only form organically near hubs.",
          unit);

  auto in = root.section("institutions", "Service demand averted (return on investment).");
  in.real("demand_cost_level_one", d.demand_cost_level_one,
          "Pounds of acute demand averted by meeting a Level One need early.", nonneg);
  in.real("demand_cost_level_two", d.demand_cost_level_two,
          "Pounds averted by meeting a Level Two need early.", nonneg);
  in.real("lead_salience_factor", d.lead_salience_factor,
          "lead mode: salience a resident gives an imposed issue that is not theirs.", unit);
  in.real("lead_trust_penalty", d.lead_trust_penalty,
          "lead mode: trust lost by a resident asked about someone else's agenda.", unit);

  auto v = root.section("verdict", "Mobilisation index and verdict cut-offs.");
  v.reals("index_weights", d.index_weights,
          "Weights of dialogue, priorities, shared_agenda, accountable_leadership, "
          "assets_and_plan, networked.",
          {0, 100});
  v.real("mobilised", d.mobilised_cutoff, "Index at or above which the verdict is mobilised.",
         unit);
  v.real("mobilising", d.mobilising_cutoff, "Index at or above which it is mobilising.", unit);
  v.real("breadth", d.breadth,
         "Breadth of a mobilised community: share of ALL residents in groups with an adopted "
         "plan at which the index gets its full weight. The index is the weighted mean of the "
         "six traits times min(1, planned_participation / breadth), so a few well-run groups in "
         "an otherwise atomised estate are 'mobilising', not 'mobilised' (NLGN: a mobilised "
         "community knows what it wants, what resources it has and has a plan; it is the "
         "community, not a handful of activists). 0 switches the breadth factor off.",
         unit);
  v.real("report_factor", d.report_factor,
         "For a scaled-down run of a larger place (e.g. 1/10 of Barking and Dagenham): counts in "
         "the summary's `scaled` block (people, groups, hours, events, assets, enterprises, "
         "spend, demand averted) are multiplied by this. Observables stay unscaled.",
         {1e-9, 1e9});
}

Params read_params(const nlohmann::json& j) {
  Params p;
  p.builder = j.at("social_network").at("builder").get<std::string>();
  p.n = j.at("network").at("n").get<std::int64_t>();
  p.mean_degree = j.at("network").at("mean_degree").get<double>();
  const std::string unit_name = j.at("run").at("tick_unit").get<std::string>();
  p.ticks_per_year = unit_name == "day"     ? 365.0
                     : unit_name == "month" ? 12.0
                     : unit_name == "year"  ? 1.0
                                            : 52.0;

  const auto& r = j.at("residents");
  p.issues = r.at("issues").get<std::int64_t>();
  p.issue_weights = vec<double>(r.at("issue_weights"));
  p.issue_difficulty = vec<double>(r.at("issue_difficulty"));
  p.issue_concentration = r.at("issue_concentration").get<double>();
  p.salience = read_distribution(r.at("salience"));
  p.marginalised_share = r.at("marginalised_share").get<double>();
  const auto& th = r.at("threshold");
  p.threshold = {th.at("distribution").get<std::string>(),
                 th.at("value").get<double>(),
                 th.at("low").get<double>(),
                 th.at("high").get<double>(),
                 th.at("mean").get<double>(),
                 th.at("sd").get<double>()};
  p.need_level_one = r.at("need").at("level_one").get<double>();
  p.need_level_two = r.at("need").at("level_two").get<double>();
  p.need_marginalised_multiplier = r.at("need").at("marginalised_multiplier").get<double>();
  const auto& ip = r.at("initial_participants");
  p.initial = {ip.at("rule").get<std::string>(),   ip.at("fraction").get<double>(),
               ip.at("count").get<std::int64_t>(), ip.at("file").get<std::string>(),
               ip.at("level").get<std::int64_t>(), ip.at("committed").get<bool>()};

  const auto& e = j.at("engagement");
  const auto& w = e.at("weights");
  p.w_salience = w.at("salience").get<double>();
  p.w_social = w.at("social").get<double>();
  p.w_same_issue = w.at("same_issue").get<double>();
  p.w_leader = w.at("leader").get<double>();
  p.w_dialogue = w.at("dialogue").get<double>();
  p.w_efficacy = w.at("efficacy").get<double>();
  p.w_contact = w.at("contact").get<double>();
  p.w_threat = w.at("threat").get<double>();
  p.w_cost = w.at("cost").get<double>();
  p.w_free_rider = w.at("free_rider").get<double>();
  p.social_weighting = e.at("social_weighting").get<std::string>();
  p.free_rider_reference = e.at("free_rider_reference").get<double>();
  p.noise = e.at("noise").get<double>();
  p.max_step = e.at("max_step").get<std::int64_t>();
  p.hysteresis = e.at("hysteresis").get<double>();
  p.rungs = vec<double>(e.at("rungs"));
  p.rungs.resize(3, p.rungs.empty() ? 0.0 : p.rungs.back());
  p.rate = e.at("rate").get<double>();
  p.contact_decay = e.at("contact_decay").get<double>();
  p.issue_adoption = e.at("issue_adoption").get<double>();

  const auto& l = j.at("leadership");
  p.leadership_influence = l.at("influence").get<double>();
  p.leadership = read_distribution(l.at("latent"));
  p.leadership_emergence = l.at("emergence").get<double>();
  p.leadership_success_growth = l.at("success_growth").get<double>();
  p.legitimacy_bar = l.at("legitimacy_bar").get<double>();
  p.stranger_trust = l.at("stranger_trust").get<double>();

  const auto& c = j.at("communication");
  for (const auto& ch : c.at("channels")) {
    p.channels.push_back({ch.at("name").get<std::string>(), vec<double>(ch.at("reach")),
                          ch.at("tailoring").get<double>()});
  }
  if (p.channels.empty()) p.channels.push_back({"word_of_mouth", {0.2}, 0.5});
  const auto& pub = c.at("publicity");
  p.publicity_fatalism = pub.at("fatalism").get<double>();
  p.publicity_confidence = pub.at("confidence").get<double>();
  p.publicity_trust = pub.at("trust").get<double>();
  p.publicity_salience = pub.at("salience").get<double>();

  const auto& ps = j.at("public_sector");
  p.receptiveness = ps.at("receptiveness").get<double>();
  p.staff_capacity = ps.at("staff_capacity").get<double>();
  p.culture_change = ps.at("culture_change").get<double>();
  p.culture_memory = ps.at("culture_memory").get<double>();
  p.link_rate = ps.at("link_rate").get<double>();

  const auto& op = j.at("opposition");
  p.opposition_exposure_decay = op.at("exposure_decay").get<double>();
  p.opposition_issue_switch = op.at("issue_switch").get<double>();
  for (const auto& ev : op.at("events")) {
    p.threats.push_back({ev.at("tick").get<std::int64_t>(), ev.at("issue").get<std::int64_t>(),
                         vec<std::int64_t>(ev.at("patches")), ev.at("strength").get<double>(),
                         ev.at("duration").get<std::int64_t>()});
  }

  const auto& ph = j.at("philanthropy");
  p.grant_pool = ph.at("annual_pool").get<double>();
  p.grant_size = ph.at("grant_size").get<double>();
  p.grant_capacity_scale = ph.at("capacity_scale").get<double>();
  p.place_based = ph.at("place_based").get<bool>();

  const auto& sc = j.at("scale");
  p.patches = sc.at("patches").get<std::int64_t>();
  p.radius = sc.at("radius").get<double>();
  p.patch_penalty = sc.at("patch_penalty").get<double>();
  p.coherent_population = sc.at("coherent_population").get<double>();
  p.capacity_scale = sc.at("capacity_scale").get<double>();

  const auto& dv = j.at("divisions");
  p.segments = dv.at("segments").get<std::int64_t>();
  p.segment_shares = vec<double>(dv.at("shares"));
  p.segment_marginalisation = vec<double>(dv.at("marginalisation"));
  p.homophily = dv.at("homophily").get<double>();
  p.tension = dv.at("tension").get<double>();

  p.fatalism = read_distribution(j.at("fatalism"));
  const auto& tr = j.at("time_and_resource");
  p.resources = read_distribution(tr);
  p.participation_cost = tr.at("participation_cost").get<double>();
  p.hub_cost_cut = tr.at("hub_cost_cut").get<double>();
  p.hours_per_level = vec<double>(tr.at("hours_per_level"));
  p.hours_per_level.resize(5, p.hours_per_level.empty() ? 0.0 : p.hours_per_level.back());
  const auto& tc = j.at("trust_and_confidence");
  p.inst_trust = read_distribution(tc.at("inst_trust"));
  p.confidence = read_distribution(tc.at("confidence"));
  p.tie_trust = read_distribution(tc.at("tie_trust"));

  const auto& g = j.at("groups");
  p.groups_enabled = g.at("enabled").get<bool>();
  p.min_group_size = g.at("min_size").get<std::int64_t>();
  p.max_group_size = g.at("max_size").get<std::int64_t>();
  p.dissolve_size = g.at("dissolve_size").get<std::int64_t>();
  p.plan_rate = g.at("plan_rate").get<double>();
  p.plan_threshold = g.at("plan_threshold").get<double>();
  p.meeting_ties = g.at("meeting_ties").get<double>();
  p.event_rate = g.at("event_rate").get<double>();
  p.tension_penalty = g.at("tension_penalty").get<double>();

  const auto& a = j.at("action");
  p.base_difficulty = a.at("difficulty").get<double>();
  p.success_fatalism = a.at("success_fatalism").get<double>();
  p.success_confidence = a.at("success_confidence").get<double>();
  p.success_trust = a.at("success_trust").get<double>();
  p.failure_fatalism = a.at("failure_fatalism").get<double>();
  p.failure_dissolve = a.at("failure_dissolve").get<double>();
  p.link_bonus = a.at("link_bonus").get<double>();
  p.action_cooldown = a.at("cooldown").get<double>();

  const auto& dr = j.at("drifts");
  p.fatalism_drift = dr.at("fatalism").get<double>();
  p.trust_drift = dr.at("trust").get<double>();
  p.confidence_drift = dr.at("confidence").get<double>();
  p.leadership_practice = dr.at("leadership_practice").get<double>();
  p.co_member_trust_growth = dr.at("co_member_trust").get<double>();

  p.merge_every = j.at("ties").at("merge_every").get<std::int64_t>();
  p.new_tie_trust = j.at("ties").at("new_tie_trust").get<double>();

  for (const auto& s : j.at("strategies")) {
    Strategy x;
    x.type = s.at("type").get<std::string>();
    x.mode = s.at("mode").get<std::string>();
    x.staff = s.at("staff").get<double>();
    x.contacts_per_week = s.at("contacts_per_week").get<double>();
    x.annual_cost = s.at("annual_cost").get<double>();
    x.agenda_issue = s.at("agenda_issue").get<std::int64_t>();
    x.start_tick = s.at("start_tick").get<std::int64_t>();
    x.end_tick = s.at("end_tick").get<std::int64_t>();
    x.patches = vec<std::int64_t>(s.at("patches"));
    x.hubs = s.at("hubs").get<std::int64_t>();
    x.hub_radius = s.at("hub_radius").get<double>();
    x.session_size = s.at("session_size").get<std::int64_t>();
    x.new_ties_per_session = s.at("new_ties_per_session").get<double>();
    x.listening_weeks = s.at("listening_weeks").get<std::int64_t>();
    x.steering_size = s.at("steering_size").get<std::int64_t>();
    x.training = s.at("training").get<double>();
    x.admin_barrier_cut = s.at("admin_barrier_cut").get<double>();
    x.confidence_boost = s.at("confidence_boost").get<double>();
    x.trust_gain = s.at("trust_gain").get<double>();
    x.outside_share = s.at("outside_share").get<double>();
    x.cross_segment_skip = s.at("cross_segment_skip").get<double>();
    x.search_draws = s.at("search_draws").get<std::int64_t>();
    x.introduction_ties = s.at("introduction_ties").get<std::int64_t>();
    x.commit_weeks = s.at("commit_weeks").get<std::int64_t>();
    x.head_start = s.at("head_start").get<double>();
    x.brokering = s.at("brokering").get<double>();
    x.enterprise_size = s.at("enterprise_size").get<std::int64_t>();
    x.micro_project_rate = s.at("micro_project_rate").get<double>();
    p.strategies.push_back(std::move(x));
  }

  const auto& in = j.at("institutions");
  p.demand_cost_level_one = in.at("demand_cost_level_one").get<double>();
  p.demand_cost_level_two = in.at("demand_cost_level_two").get<double>();
  p.lead_salience_factor = in.at("lead_salience_factor").get<double>();
  p.lead_trust_penalty = in.at("lead_trust_penalty").get<double>();

  const auto& v = j.at("verdict");
  p.index_weights = vec<double>(v.at("index_weights"));
  p.index_weights.resize(6, 1.0);
  p.mobilised_cutoff = v.at("mobilised").get<double>();
  p.mobilising_cutoff = v.at("mobilising").get<double>();
  p.breadth = v.at("breadth").get<double>();
  p.report_factor = v.at("report_factor").get<double>();
  p.exposure_floor = j.at("engagement").at("exposure_floor").get<double>();
  return p;
}

}  // namespace gs::mobilisation
