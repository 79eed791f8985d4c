// One test per mechanism of the mobilisation model (MODEL.md), plus the
// generic tie overlay (sim/core/tie_overlay.hpp).
#include <catch2/catch.hpp>
#include <cmath>

#include "helpers.hpp"
#include "models/mobilisation/phases.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/tie_overlay.hpp"

using namespace gs;
using namespace gs::mobtest;

namespace {
const std::string small = R"(
model: mobilisation
network: {generator: watts_strogatz, n: 1200, k: 10, mean_degree: 10, beta: 0.1}
residents: {issue_concentration: 0.4}
fatalism: {mean: 0.3}
)";
}  // namespace

TEST_CASE("tie overlay: add, duplicate, strengthen, merge keep ties and weights",
          "[mobilisation][ties]") {
  const std::vector<Tie> t = {{0, 1}, {1, 2}};
  TieOverlay o(Graph::from_ties(4, t), 0.5f);
  CHECK(o.num_ties() == 2);
  CHECK(o.add_tie(0, 3, 0.2f));
  CHECK_FALSE(o.add_tie(3, 0, 0.9f));
  CHECK_FALSE(o.add_tie(1, 1, 0.9f));
  CHECK(o.strengthen(0, 1, 0.25f));
  CHECK(o.weight(1, 0) == Approx(0.75f));
  CHECK(o.weight(3, 0) == Approx(0.2f));
  CHECK(o.num_pending() == 1);
  // neighbour(u, k) is the k-th tie of for_each_tie, pending ones included.
  for (AgentId u = 0; u < 4; ++u) {
    std::vector<AgentId> visited;
    o.for_each_tie(u, [&](AgentId v, float) { visited.push_back(v); });
    REQUIRE(visited.size() == o.degree(u));
    for (AgentId k = 0; k < o.degree(u); ++k) CHECK(o.neighbour(u, k) == visited[k]);
  }
  CHECK(o.neighbour(0, 1) == 3);  // the pending tie, after the CSR one
  o.merge();
  CHECK(o.num_pending() == 0);
  CHECK(o.num_ties() == 3);
  CHECK(o.weight(0, 3) == Approx(0.2f));
  CHECK(o.weight(0, 1) == Approx(0.75f));
  int visits = 0;
  o.for_each_tie(0, [&](AgentId, float) { ++visits; });
  CHECK(visits == 2);
}

TEST_CASE(
    "residents: marginalisation lowers resources and trust and raises fatalism; every "
    "field within range",
    "[mobilisation][residents]") {
  auto m = create(resolve(small, {"residents.marginalised_share=0.5"}), 3);
  const auto& r = mob(m).residents();
  double res[2] = {0, 0}, fat[2] = {0, 0}, tr[2] = {0, 0}, cnt[2] = {0, 0};
  for (std::size_t i = 0; i < r.size(); ++i) {
    const int k = r.marginalisation[i] > 0.5f ? 1 : 0;
    cnt[k] += 1;
    res[k] += r.resources[i];
    fat[k] += r.fatalism[i];
    tr[k] += r.inst_trust[i];
    REQUIRE(r.fatalism[i] >= 0.0f);
    REQUIRE(r.fatalism[i] <= 1.0f);
    REQUIRE(r.engagement[i] <= 4);
  }
  CHECK(res[1] / cnt[1] < res[0] / cnt[0] - 0.1);
  CHECK(fat[1] / cnt[1] > fat[0] / cnt[0] + 0.1);
  CHECK(tr[1] / cnt[1] < tr[0] / cnt[0] - 0.1);
}

TEST_CASE(
    "groups: members share the issue, sizes within [dissolve_size, max_size], leaders "
    "are legitimate members at level 4; co-membership creates ties",
    "[mobilisation][groups]") {
  auto m = run(resolve(small), 4, 40);
  const auto& mm = mob(m);
  const auto& r = mm.residents();
  REQUIRE(mm.counters().groups_formed > 0);
  CHECK(mm.counters().new_ties > 0);
  for (const auto& g : mm.groups()) {
    if (!g.alive) continue;
    CHECK(g.members.size() >= 3);
    CHECK(g.members.size() <= 60);
    for (AgentId a : g.members) {
      CHECK(r.group[a] == g.id);
      CHECK(r.issue[a] == g.issue);
    }
    if (g.leader != mobilisation::no_agent) {
      CHECK(r.engagement[g.leader] == 4);
      CHECK(g.legitimacy >= mm.params().legitimacy_bar);
    }
  }
}

TEST_CASE("leadership: an unreachable legitimacy bar leaves no accountable leaders",
          "[mobilisation][groups]") {
  auto m = run(resolve(small, {"leadership.legitimacy_bar=1"}), 4, 40);
  CHECK(observable(*m, "groups_formed") > 0);
  CHECK(observable(*m, "leaders") == 0);
  CHECK(!(observable(*m, "accountable_leadership") > 0));  // 0, or undefined without members
}

TEST_CASE("action: receptiveness 0 means no success at all; receptiveness 1 gives some",
          "[mobilisation][action]") {
  CHECK(observable(*run(resolve(small, {"public_sector.receptiveness=0"}), 4, 78), "assets") == 0);
  CHECK(observable(*run(resolve(small, {"public_sector.receptiveness=1"}), 4, 78), "assets") > 0);
}

TEST_CASE("institutions: grants never exceed the accrued pool; quick wins raise receptiveness",
          "[mobilisation][institutions]") {
  auto m = run(resolve(small, {"philanthropy.annual_pool=10000", "public_sector.culture_memory=0",
                               "public_sector.receptiveness=0.6"}),
               4, 78);
  // The pool pays a grant within a penny of its size (institutions.cpp), grants of 2,000.
  const double paid = observable(*m, "grants_paid");
  CHECK(paid <= 10000.0 * 78 / 52 + 0.01 * paid / 2000.0);
  CHECK(observable(*m, "grants_paid") > 0);
  if (observable(*m, "quick_wins") > 0) CHECK(observable(*m, "council_receptiveness") > 0.6);
}

TEST_CASE(
    "institutions: funders decide in rounds, paying the strongest applications while the pool "
    "lasts and declining the rest, who may apply again",
    "[mobilisation][institutions]") {
  // A place of trusting residents in one patch, with one led group of three per entry of
  // `coherence`, each with an adopted plan and capacity 0.5: equal but for strength.
  const auto place = [](const mobilisation::Params& params, std::vector<double> coherence) {
    const auto n = static_cast<AgentId>(3 * coherence.size());
    auto c = std::make_unique<mobilisation::Community>(params, 1,
                                                       TieOverlay(Graph::from_ties(n, {}), 0.5f));
    c->r.resize(n);
    std::fill(c->r.inst_trust.begin(), c->r.inst_trust.end(), 1.0f);
    c->patch_resources.assign(1, 0.5);
    for (AgentId k = 0; k < coherence.size(); ++k) {
      const AgentId members[3] = {3 * k, 3 * k + 1, 3 * k + 2};
      auto& g = c->groups[c->new_group(0, 0, members, "organic")];
      g.leader = members[0];
      g.plan = params.plan_threshold;
      g.capacity = 0.5;
      g.coherence = coherence[k];
    }
    return c;
  };
  // All apply at once; a year's pool pays exactly eight grants, two a round.
  mobilisation::Params p;
  p.grant_pool = 16000.0;
  p.grant_size = 2000.0;
  p.grant_rounds = 4.0;
  p.grant_apply_rate = 1.0;
  p.grant_spend_rate = 0.0;
  auto quarterly = place(p, {0.4, 0.9, 0.6});  // group 1 strongest, then 2, then 0
  auto& c = *quarterly;
  auto funds = [&] {
    return std::vector<double>{c.groups[0].funds, c.groups[1].funds, c.groups[2].funds};
  };
  for (c.tick = 0; c.tick < 12; ++c.tick) mobilisation::institutions(c);
  CHECK(funds() == std::vector<double>{0, 0, 0});  // applied in week 1; no round yet
  CHECK(c.grant_applications.size() == 3);
  mobilisation::institutions(c);  // tick 12, the end of the first quarter
  CHECK(funds() == std::vector<double>{0, 2000, 2000});
  CHECK(c.grant_pool == Approx(0.0).margin(1e-9));
  CHECK(c.groups[1].links == 4u);
  CHECK(c.groups[0].links == 0u);
  CHECK(c.grant_applications.empty());
  for (const auto& g : c.groups) CHECK_FALSE(g.applied);
  // Next round: the two funded groups hold a grant and do not apply; the declined one
  // applies again and, alone, is paid.
  for (c.tick = 13; c.tick < 26; ++c.tick) mobilisation::institutions(c);
  CHECK(funds() == std::vector<double>{2000, 2000, 2000});
  CHECK(c.c.grants == 3);
  CHECK(c.c.grants_paid == 6000.0);
  // Weekly rounds pay in the week of application.
  mobilisation::Params weekly = p;
  weekly.grant_rounds = 52.0;
  weekly.grant_pool = 52.0 * 2000.0;
  auto w = place(weekly, {0.5});
  mobilisation::institutions(*w);
  CHECK(w->groups[0].funds == 2000.0);
}

TEST_CASE(
    "strategies: spend is annual cost pro rata; engagement consults high-resource "
    "residents and builds no ties; coordinators meet needs and avert demand",
    "[mobilisation][strategies]") {
  auto e = run(resolve(small, {"fatalism.mean=0.8", "groups.enabled=false",
                               "strategies=[{type: engagement, staff: 1, contacts_per_week: 50, "
                               "annual_cost: 52000}]"}),
               4, 52);
  CHECK(observable(*e, "spend") == Approx(52000.0));
  CHECK(observable(*e, "consulted") > 0);
  CHECK(observable(*e, "new_ties") == 0);
  auto l =
      run(resolve(small, {"residents.need.level_one=0.3",
                          "strategies=[{type: individuals, staff: 1, contacts_per_week: 20}]"}),
          4, 52);
  CHECK(observable(*l, "needs_met") > 0);
  CHECK(observable(*l, "value_needs") > 0);
  CHECK(observable(*l, "outcome_value") >= observable(*l, "value_needs"));
}

TEST_CASE("places: hubs cut the cost of taking part and sessions make cross-segment ties",
          "[mobilisation][strategies]") {
  auto m =
      run(resolve(small, {"divisions.segments=3",
                          "strategies=[{type: places, staff: 2, contacts_per_week: 20, hubs: 3}]"}),
          4, 20);
  const auto& r = mob(m).residents();
  CHECK(std::count(r.near_hub.begin(), r.near_hub.end(), 1) > 0);
  CHECK(observable(*m, "cross_segment_ties") > 0);
  CHECK(observable(*m, "events") > 0);
}

namespace {
using mobilisation::felt_division;

// The serial reference for felt_division: the contract's formula, plainly.
std::vector<double> felt_division_reference(double division, std::uint32_t segments,
                                            const std::vector<std::uint16_t>& segment,
                                            const std::vector<std::uint8_t>& engagement) {
  std::vector<double> residents(segments, 0.0), participants(segments, 0.0);
  double all = 0.0;
  for (std::size_t i = 0; i < segment.size(); ++i) {
    residents[segment[i]] += 1.0;
    if (engagement[i] >= 2) {
      participants[segment[i]] += 1.0;
      all += 1.0;
    }
  }
  std::vector<double> felt(segments, division);
  for (std::uint32_t s = 0; s < segments && all > 0.0; ++s) {
    const double p = residents[s] / static_cast<double>(segment.size());
    if (p > 0.0) felt[s] = division * 2.0 * p / (p + participants[s] / all);
  }
  return felt;
}
}  // namespace

TEST_CASE(
    "divisions: each segment feels the division by its under-representation among "
    "participants; parallel counts equal the serial reference for 1, 2 and 4 threads",
    "[mobilisation][decision]") {
  for (const std::size_t n : {1u, 5u, 4096u, 4097u, 30000u}) {
    for (const std::uint32_t segments : {1u, 2u, 5u}) {
      RandomStream rs(n * 10 + segments, 1, 0, 0);
      std::vector<std::uint16_t> segment(n);
      std::vector<std::uint8_t> engagement(n);
      for (std::size_t i = 0; i < n; ++i) {
        segment[i] = static_cast<std::uint16_t>(rs.below(segments));
        // Segment s takes part with probability 0.1 (s + 1): the last is over-represented.
        engagement[i] = static_cast<std::uint8_t>(
            rs.bernoulli(0.1 * (segment[i] + 1)) ? 2 + rs.below(3) : rs.below(2));
      }
      const auto expected = felt_division_reference(0.7, segments, segment, engagement);
      for (const std::size_t threads : {1u, 2u, 4u}) {
        const ThreadLimit limit(threads);
        INFO("n " << n << " segments " << segments << " threads " << threads);
        CHECK(felt_division(0.7, segments, segment, engagement) == expected);
      }
      if (n == 30000 && segments > 1) {
        CHECK(expected.front() > 0.7);  // under-represented: feels more
        CHECK(expected.back() < 0.7);   // over-represented: feels less
      }
    }
  }
  // Nobody taking part yet, or everyone represented in proportion: the place's division.
  const std::vector<std::uint16_t> segment = {0, 0, 1, 1};
  CHECK(felt_division(0.4, 2, segment, std::vector<std::uint8_t>{0, 1, 0, 1}) ==
        std::vector<double>{0.4, 0.4});
  CHECK(felt_division(0.4, 2, segment, std::vector<std::uint8_t>{2, 0, 3, 1}) ==
        std::vector<double>{0.4, 0.4});
  // A segment with no participant feels twice the division; the only one, 2p/(p+1).
  const auto one_sided = felt_division(0.4, 2, segment, std::vector<std::uint8_t>{2, 2, 0, 0});
  CHECK(one_sided[0] == Approx(0.4 * 2 * 0.5 / 1.5));
  CHECK(one_sided[1] == Approx(0.8));
}

TEST_CASE(
    "occasional help at group events lifts yearly volunteering and hours, and nothing the "
    "dynamics read",
    "[mobilisation][groups]") {
  for (const std::uint64_t seed : {3u, 4u}) {
    const auto none = run(resolve(small, {"groups.event_helpers=0"}), seed, 80);
    const auto some = run(resolve(small, {"groups.event_helpers=0.5"}), seed, 80);
    INFO("seed " << seed);
    for (const char* same : {"participation", "dialogue", "groups_formed", "quick_wins",
                             "civic_participation_year", "civic_activism_year"}) {
      INFO(same);
      CHECK(observable(*some, same) == observable(*none, same));
    }
    CHECK(observable(*some, "volunteering_year") > observable(*none, "volunteering_year"));
    CHECK(observable(*some, "volunteer_hours") > observable(*none, "volunteer_hours"));
    CHECK(observable(*some, "events") > 0.0);
  }
}

TEST_CASE("free rider: a larger community at stake lowers participation",
          "[mobilisation][decision]") {
  CHECK(observable(*run(resolve(small, {"engagement.free_rider_reference=1000000"}), 4, 40),
                   "participation") >
        observable(*run(resolve(small, {"engagement.free_rider_reference=100"}), 4, 40),
                   "participation"));
}

TEST_CASE("schema: every mobilisation parameter has a doc line", "[mobilisation][schema]") {
  const auto* schema = registry().schema_for("mobilisation");
  REQUIRE(schema != nullptr);
  std::function<void(const scenario::Param&)> walk = [&](const scenario::Param& p) {
    if (!p.name.empty()) CHECK_FALSE(p.doc.empty());
    for (const auto& f : p.fields) walk(f);
  };
  walk(schema->root_param());
  CHECK(schema->find("strategies.mode") != nullptr);
  CHECK(schema->find("verdict.mobilised") != nullptr);
}

namespace {
// A reluctant community: nobody takes part on their own, so every group is a strategy's.
const std::string reluctant = R"(
model: mobilisation
network: {generator: watts_strogatz, n: 1200, k: 10, mean_degree: 10, beta: 0.1}
residents: {issue_concentration: 0.6, salience: {mean: 0.5}, threshold: {mean: 1.5, sd: 0.05}}
fatalism: {mean: 0.5}
)";

std::size_t count_origin(const mobilisation::MobilisationModel& m, const std::string& origin) {
  std::size_t k = 0;
  for (const auto& g : m.groups()) k += g.origin == origin ? 1 : 0;
  return k;
}
}  // namespace

TEST_CASE(
    "groups switched off: no strategy forms or fills a group (coordinators convene none, "
    "no steering groups, enterprises or micro-projects)",
    "[mobilisation][strategies]") {
  for (const char* st :
       {"[{type: individuals, staff: 2, contacts_per_week: 40}]",
        "[{type: groups, staff: 2, contacts_per_week: 40, listening_weeks: 4}]",
        "[{type: services, staff: 2, contacts_per_week: 20}]",
        "[{type: places, staff: 2, contacts_per_week: 30, micro_project_rate: 1}]"}) {
    auto m = run(resolve(small, {"groups.enabled=false", "residents.need.level_one=0.3",
                                 std::string("strategies=") + st}),
                 4, 30);
    INFO(st);
    CHECK(observable(*m, "groups_formed") == 0);
    CHECK(observable(*m, "needs_met") == 0);
  }
}

TEST_CASE(
    "commitment: members of a steering group stay participants for commit_weeks; without "
    "commitment the group falls apart in a reluctant community",
    "[mobilisation][strategies]") {
  const std::string st =
      "strategies=[{type: groups, staff: 2, contacts_per_week: 40, listening_weeks: 4, "
      "steering_size: 10, commit_weeks: ";
  auto without = run(resolve(reluctant, {st + "0}]"}), 4, 40);
  auto with = run(resolve(reluctant, {st + "52}]"}), 4, 40);
  CHECK(count_origin(mob(with), "steering") >= 3);
  std::size_t alive_without = 0;
  for (const auto& g : mob(without).groups()) {
    if (g.origin == "steering" && g.alive && g.formed_tick <= 20) ++alive_without;
  }
  CHECK(alive_without == 0);
  for (const auto& g : mob(with).groups()) {
    if (g.origin == "steering" && g.alive) CHECK(g.members.size() >= 10);
  }
}

TEST_CASE(
    "head start and brokering: a steering group starts with the listening campaign's plan "
    "and the council negotiations' difficulty cut",
    "[mobilisation][strategies]") {
  auto m = run(resolve(reluctant, {"strategies=[{type: groups, staff: 2, contacts_per_week: 40, "
                                   "listening_weeks: 4, commit_weeks: 52, head_start: 0.5, "
                                   "brokering: 0.4}]"}),
               4, 4);
  REQUIRE(count_origin(mob(m), "steering") == 1);
  const auto& groups = mob(m).groups();
  const auto& g = *std::find_if(groups.begin(), groups.end(),
                                [](const auto& x) { return x.origin == "steering"; });
  CHECK(g.plan >= 0.5);
  CHECK(g.difficulty_cut == Approx(0.4));
  CHECK(g.supported_by == 0);
}

TEST_CASE(
    "services: a change-maker in no group founds an enterprise with their most trusted "
    "neighbours; enterprise_size 0 founds none",
    "[mobilisation][strategies]") {
  const std::string st =
      "strategies=[{type: services, staff: 1, contacts_per_week: 5, "
      "commit_weeks: 26, head_start: 0.5, caseload: 100, enterprise_size: ";
  // The caseload has its own test (below); here it does not bind, so founding alone is tested.
  auto m = run(resolve(reluctant, {st + "4}]"}), 4, 26);
  auto none = run(resolve(reluctant, {st + "0}]"}), 4, 26);
  CHECK(count_origin(mob(m), "enterprise") >= 5);
  CHECK(count_origin(mob(none), "enterprise") == 0);
  for (const auto& g : mob(m).groups()) {
    if (g.origin != "enterprise") continue;
    CHECK(g.peak_size >= 2);
    CHECK(g.difficulty_cut == Approx(0.5));  // admin barriers removed
    CHECK((g.links & 1u) != 0);              // networked with the council
  }
}

TEST_CASE(
    "places: sessions start micro-projects of at least project_size attendees sharing an "
    "issue at micro_project_rate; rate 0 starts none",
    "[mobilisation][strategies]") {
  const std::string st =
      "strategies=[{type: places, staff: 2, contacts_per_week: 30, hubs: 2, "
      "hub_radius: 0.3, commit_weeks: 8, project_size: 4, micro_project_rate: ";
  auto m = run(resolve(reluctant, {st + "1}]"}), 4, 12);
  auto none = run(resolve(reluctant, {st + "0}]"}), 4, 12);
  CHECK(count_origin(mob(m), "hub") >= 3);
  CHECK(count_origin(mob(none), "hub") == 0);
  for (const auto& g : mob(m).groups()) {
    if (g.origin != "hub") continue;
    CHECK(g.peak_size >= 4);  // project_size
    CHECK(g.supported_by == 0);
    CHECK(g.funds == 0.0);  // without grants
  }
}

TEST_CASE("first_win_tick: the tick of the run's first quick win, 0 without one",
          "[mobilisation][action]") {
  auto m = run(resolve(small, {"public_sector.receptiveness=1"}), 4, 78);
  REQUIRE(observable(*m, "quick_wins") > 0);
  std::int64_t first = 1000000;
  for (const auto& g : mob(m).groups()) {
    if (g.successes > 0) first = std::min(first, g.last_success_tick);
  }
  CHECK(observable(*m, "first_win_tick") > 0);
  CHECK(observable(*m, "first_win_tick") <= static_cast<double>(first));
  auto none = run(resolve(small, {"public_sector.receptiveness=0"}), 4, 78);
  CHECK(std::isnan(observable(*none, "first_win_tick")));  // never, not "week 0"
  CHECK(observable(*none, "projects_succeeded") == 0);
}

TEST_CASE(
    "groups: a participant who finds no group within search_weeks falls back to dialogue; a "
    "shorter search means less participation",
    "[mobilisation][groups]") {
  auto m = create(resolve(small, {"groups.search_weeks=3"}), 4);
  const auto& r = mob(m).residents();
  std::size_t searching = 0;
  for (std::uint32_t t = 1; t <= 30; ++t) {
    m->step(t);
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (r.engagement[i] < mobilisation::participant || r.group[i] != mobilisation::no_group ||
          r.floor[i] >= mobilisation::participant) {
        continue;
      }
      ++searching;
      REQUIRE(r.idle[i] < 3);  // at most two weeks searching so far
    }
  }
  CHECK(searching > 0);  // the invariant was exercised
  const auto quick = run(resolve(small, {"groups.search_weeks=1"}), 4, 40);
  const auto patient = run(resolve(small, {"groups.search_weeks=104"}), 4, 40);
  CHECK(observable(*quick, "participation") < observable(*patient, "participation"));
}

TEST_CASE("groups: organiser roles are capped at max(1, roles_share x size) besides the leader",
          "[mobilisation][groups]") {
  for (const char* share : {"0.05", "0.3"}) {
    auto m = run(resolve(small, {std::string("groups.roles_share=") + share}), 4, 40);
    const auto& r = mob(m).residents();
    std::size_t groups = 0;
    for (const auto& g : mob(m).groups()) {
      if (!g.alive) continue;
      ++groups;
      std::size_t holders = 0;
      for (AgentId a : g.members) {
        if (r.engagement[a] >= mobilisation::organiser && a != g.leader) ++holders;
      }
      const double roles =
          std::max(1.0, std::floor(std::stod(share) * static_cast<double>(g.members.size())));
      CHECK(static_cast<double>(holders) <= roles);
    }
    CHECK(groups > 0);
  }
}

TEST_CASE(
    "scale: a group's capacity needs its constituency: a scarce constituency (large "
    "scale.supporters) lowers capacity, 0 leaves it to the members",
    "[mobilisation][groups][scale]") {
  auto mean_capacity = [](const std::string& supporters) {
    auto m = run(resolve(small, {"scale.supporters=" + supporters}), 4, 30);
    double sum = 0, n = 0;
    for (const auto& g : mob(m).groups()) {
      if (!g.alive) continue;
      sum += g.capacity;
      n += 1;
    }
    REQUIRE(n > 0);
    return sum / n;
  };
  const double none = mean_capacity("0"), typical = mean_capacity("10"),
               scarce = mean_capacity("1000");
  CHECK(none > typical);
  CHECK(typical > scarce);
  CHECK(scarce < 0.5 * none);
}

TEST_CASE(
    "groups: members bring skills as well as resources: with no spare resources a group has "
    "capacity only through groups.member_skills",
    "[mobilisation][groups]") {
  // No resources at all (mean 0, no spread), no grants, support never short: capacity is
  // 1 - exp(-member_skills x sum(1/2 + leadership) / capacity_scale), so 0 without skills.
  auto capacities = [](const std::string& skills) {
    auto m = run(resolve(small, {"time_and_resource.mean=0", "time_and_resource.sd=0",
                                 "scale.supporters=0", "groups.member_skills=" + skills}),
                 4, 30);
    std::vector<double> out;
    for (const auto& g : mob(m).groups()) {
      if (g.alive) out.push_back(g.capacity);
    }
    return out;
  };
  const auto without = capacities("0");
  const auto with = capacities("0.25");
  REQUIRE(!without.empty());
  REQUIRE(!with.empty());
  for (double c : without) CHECK(c == 0.0);
  for (double c : with) CHECK(c > 0.0);
}

TEST_CASE(
    "observable_info: kinds follow units: shares and the index in [0, 1], counts >= 0, the "
    "verdict a category of three",
    "[mobilisation][observables]") {
  auto m = create(resolve(small), 4);
  const auto& names = m->observable_names();
  const auto info = m->observable_info();
  REQUIRE(info.size() == names.size());
  auto kind_of = [&](const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    REQUIRE(it != names.end());
    return info[static_cast<std::size_t>(it - names.begin())];
  };
  CHECK(kind_of("participation").kind == ObservableKind::share);
  CHECK(kind_of("mobilisation_index").kind == ObservableKind::share);
  CHECK(kind_of("quick_wins").kind == ObservableKind::count);
  CHECK(kind_of("outcome_value").kind == ObservableKind::count);
  const auto verdict = kind_of("verdict_code");
  CHECK(verdict.kind == ObservableKind::categorical);
  CHECK(verdict.categories == std::vector<std::string>{"atomised", "mobilising", "mobilised"});
}

TEST_CASE(
    "services: a catalyst founds no more enterprises than its caseload while they are "
    "within support_weeks",
    "[mobilisation][strategies]") {
  const std::string st = "strategies=[{type: services, staff: 1, contacts_per_week: 20, ";
  // support_weeks longer than the run: the caseload bounds the run's total.
  auto one = run(resolve(small, {st + "caseload: 1, support_weeks: 500}]"}), 4, 40);
  auto three = run(resolve(small, {st + "caseload: 3, support_weeks: 500}]"}), 4, 40);
  auto free = run(resolve(small, {st + "caseload: 1000, support_weeks: 500}]"}), 4, 40);
  CHECK(count_origin(mob(one), "enterprise") == 1);
  CHECK(count_origin(mob(three), "enterprise") == 3);
  CHECK(count_origin(mob(free), "enterprise") > 3);
  // The programme observables count exactly the groups a strategy formed.
  CHECK(observable(*three, "programme_groups") == 3.0);
  CHECK(observable(*three, "enterprises") >= 3.0);
}

TEST_CASE(
    "places: trust_weight 0 opens hubs to residents who distrust institutions; project_size "
    "is the attendees a micro-project needs; programme hours are given in its projects",
    "[mobilisation][strategies]") {
  const std::string st =
      "strategies=[{type: places, staff: 2, contacts_per_week: 30, hubs: 2, hub_radius: 0.3, "
      "micro_project_rate: 1, ";
  const std::string distrust = "trust_and_confidence.inst_trust.mean=0.1";
  auto open = run(resolve(reluctant, {st + "trust_weight: 0}]", distrust}), 4, 20);
  auto gated = run(resolve(reluctant, {st + "trust_weight: 1}]", distrust}), 4, 20);
  CHECK(observable(*open, "programme_reach") > 1.5 * observable(*gated, "programme_reach"));
  auto small_projects = run(resolve(reluctant, {st + "project_size: 2}]"}), 4, 20);
  auto big_projects = run(resolve(reluctant, {st + "project_size: 8}]"}), 4, 20);
  CHECK(count_origin(mob(small_projects), "hub") > count_origin(mob(big_projects), "hub"));
  for (const auto& g : mob(big_projects).groups()) {
    if (g.origin == "hub") CHECK(g.peak_size >= 8);
  }
  const double programme = observable(*small_projects, "programme_hours");
  CHECK(programme > 0.0);
  CHECK(programme <= observable(*small_projects, "volunteer_hours"));
  CHECK(observable(*small_projects, "sessions") > 0.0);
}

TEST_CASE(
    "philanthropy: funds protect a group after a failed action: the smaller resilience, the "
    "fewer groups a failure ends",
    "[mobilisation][institutions]") {
  // Generous grants, a council that mostly says no: actions fail often.
  const std::vector<std::string> base = {"philanthropy.annual_pool=200000",
                                         "philanthropy.place_based=true",
                                         "public_sector.receptiveness=0.15"};
  auto with = [&](std::vector<std::string> sets) {
    sets.insert(sets.end(), base.begin(), base.end());
    return run(resolve(small, sets), 4, 78);
  };
  auto fragile = with({"philanthropy.resilience=1000000000"});  // funds protect nothing
  auto sturdy = with({"philanthropy.resilience=1"});            // a pound in hand protects
  auto failed_dissolutions = [](std::unique_ptr<Model>& m) {
    std::size_t k = 0;
    for (const auto& g : mob(m).groups()) k += g.fate == "dissolved_failure" ? 1 : 0;
    return k;
  };
  CHECK(failed_dissolutions(fragile) > 0);
  CHECK(failed_dissolutions(sturdy) < failed_dissolutions(fragile));
}

TEST_CASE(
    "individuals: a coordinator places a newcomer only in a group where they know someone; "
    "strangers wait and are convened into a group of their own",
    "[mobilisation][strategies]") {
  // No ties at all and no introduction ties: nobody knows anyone in any group,
  // so every convened group keeps the min_size (5) members it was convened
  // with (placing strangers in the first group with room would grow them).
  const std::string tieless = R"(
model: mobilisation
network: {generator: erdos_renyi, n: 1200, mean_degree: 0}
residents: {need: {level_one: 0.4}}
)";
  auto m = run(resolve(tieless, {"strategies=[{type: individuals, staff: 2, contacts_per_week: 40, "
                                 "introduction_ties: 0}]"}),
               4, 52);
  std::size_t convened = 0;
  for (const auto& g : mob(m).groups()) {
    if (g.origin != std::string("convened")) continue;
    ++convened;
    CHECK(g.peak_size == 5);
  }
  CHECK(convened >= 6);
  CHECK(observable(*m, "needs_met") == Approx(5.0 * static_cast<double>(convened)));
}

TEST_CASE(
    "leadership: a member without a tie to the candidate trusts them as far as a tied co-member "
    "vouches, at least stranger trust",
    "[mobilisation][groups]") {
  // Reference: the rule stated over the group's member list (the model walks the member's
  // ties instead). Each case is checked, and some must be vouched for, or the test is empty.
  auto m = run(resolve(small), 4, 40);
  const auto& c = mob(m).community();
  const auto& ties = c.ties;
  const double stranger = c.p.stranger_trust;
  int direct = 0, vouched = 0, strangers = 0;
  for (const auto& g : c.groups) {
    if (!g.alive || g.members.size() < 3) continue;
    for (AgentId candidate : g.members) {
      for (AgentId member : g.members) {
        if (member == candidate) continue;
        double expected = stranger;
        if (ties.has_tie(member, candidate)) {
          expected = ties.weight(member, candidate);
          ++direct;
        } else {
          for (AgentId k : g.members) {
            if (k == member || k == candidate) continue;
            if (!ties.has_tie(member, k) || !ties.has_tie(k, candidate)) continue;
            expected = std::max(expected, static_cast<double>(ties.weight(member, k)) *
                                              static_cast<double>(ties.weight(k, candidate)));
          }
          ++(expected > stranger ? vouched : strangers);
        }
        REQUIRE(mobilisation::trust_in_candidate(c, g, member, candidate) == Approx(expected));
      }
    }
  }
  INFO("direct " << direct << ", vouched " << vouched << ", strangers " << strangers);
  CHECK(direct > 0);
  CHECK(vouched > 0);
  CHECK(strangers > 0);
}
