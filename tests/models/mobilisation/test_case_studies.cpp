// Calibrated scenarios: the case studies of MODEL.md (scenarios/mobilisation/,
// figures from the NLGN report, shared/seeds/003) and calibration aids.
// Each figure is asserted within a factor of two of the source, as the mean
// over seeds 100..102; counts of scaled-down runs are multiplied by the
// scenario's verdict.report_factor (stated in each file).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "helpers.hpp"

using namespace gs;
using namespace gs::mobtest;

namespace {
const std::string mva = GS_SOURCE_DIR "/scenarios/mobilised_vs_atomised.yaml";

void print(const Model& m, const char* label) {
  std::cout << label;
  for (const char* n : {"dialogue",
                        "priorities",
                        "shared_agenda",
                        "accountable_leadership",
                        "assets_and_plan",
                        "networked",
                        "mobilisation_index",
                        "participation",
                        "groups_formed",
                        "groups_active",
                        "assets",
                        "quick_wins",
                        "mean_fatalism",
                        "spend",
                        "roi",
                        "people_participated",
                        "events",
                        "volunteer_hours",
                        "inclusion",
                        "enterprises",
                        "success_rate",
                        "demand_averted",
                        "people_engaged",
                        "planned_participation",
                        "needs_met",
                        "cross_segment_ties",
                        "mean_group_size",
                        "first_win_tick",
                        "projects_succeeded",
                        "led_council_groups",
                        "grants_paid",
                        "leaders"}) {
    std::cout << " " << n << "=" << observable(m, n);
  }
  std::cout << "\n";
}
}  // namespace

TEST_CASE("calibration print", "[.calibrate]") {
  for (const char* v : {"atomised", "mobilised"}) {
    auto m = run(load_variant(mva, v), 2020, 104);
    print(*m, v);
  }
}

TEST_CASE("calibration print base", "[.calbase]") {
  const std::string base = R"(
model: mobilisation
seed: 1
network: {generator: watts_strogatz, n: 1500, k: 10, mean_degree: 10, beta: 0.1}
residents: {issue_concentration: 0.4, salience: {mean: 0.6}, threshold: {mean: 0.45, sd: 0.12}}
fatalism: {mean: 0.3}
)";
  for (const char* f : {"0.2", "0.3", "0.4", "0.55", "0.7"}) {
    auto m = run(resolve(base, {std::string("fatalism.mean=") + f}), 100, 78);
    print(*m, f);
  }
}

// Calibration aid (hidden; never runs by default): GS_SCAN_FILE, GS_SCAN_VARIANT
// (optional), GS_SCAN_SETS (overrides separated by ';'), GS_SCAN_SEEDS (default 3)
// and GS_SCAN_TICKS (default: the scenario's run.max_ticks) print every headline
// observable's mean over seeds 100.. for one setting.
TEST_CASE("calibration scan", "[.scan]") {
  auto env = [](const char* k, const char* d) {
    const char* v = std::getenv(k);
    return std::string(v != nullptr ? v : d);
  };
  std::vector<std::string> sets;
  std::stringstream ss(env("GS_SCAN_SETS", ""));
  for (std::string s; std::getline(ss, s, ';');) {
    if (!s.empty()) sets.push_back(s);
  }
  const auto sc = load_variant(env("GS_SCAN_FILE", mva.c_str()), env("GS_SCAN_VARIANT", ""), sets);
  const int seeds = std::stoi(env("GS_SCAN_SEEDS", "3"));
  const auto ticks = static_cast<std::uint32_t>(
      std::stoul(env("GS_SCAN_TICKS", std::to_string(horizon(sc)).c_str())));
  for (int k = 0; k < seeds; ++k) {
    auto m = run(sc, 100 + static_cast<std::uint64_t>(k), ticks);
    print(*m, ("seed " + std::to_string(100 + k) + ":").c_str());
  }
}

namespace {
const std::string cs = GS_SOURCE_DIR "/scenarios/mobilisation/";

bool within_two(double sim, double target) {
  return sim >= 0.5 * target && sim <= 2.0 * target;
}
}  // namespace

namespace {
// Means of several observables at the scenario's horizon over seeds 100..102 (one run per seed).
// Means at the scenario's horizon over seeds 100..102, in the order of `names`.
std::vector<double> means(const std::shared_ptr<const scenario::Scenario>& sc,
                          const std::vector<std::string>& names) {
  const auto all = observable_means(sc, horizon(sc), 3);
  std::vector<double> out;
  for (const auto& name : names) out.push_back(all.at(name));
  return out;
}
}  // namespace

TEST_CASE(
    "case study: Every One Every Day (1/10 of Barking and Dagenham, x10): took part, "
    "events, volunteer hours and projects within a factor of two of 6,000 / 1,065 / 47,000 / "
    "146",
    "[mobilisation][case_studies]") {
  const auto sc = load_variant(cs + "every_one_every_day.yaml", "");
  const double f = sc->values().at("verdict").at("report_factor").get<double>();
  REQUIRE(f == 10.0);
  const auto v = means(sc, {"people_participated", "events", "volunteer_hours", "groups_formed"});
  const double people = f * v[0], events = f * v[1], hours = f * v[2], projects = f * v[3];
  INFO("took part " << people << " events " << events << " hours " << hours << " projects "
                    << projects);
  CHECK(within_two(people, 6000));
  CHECK(within_two(events, 1065));
  CHECK(within_two(hours, 47000));
  CHECK(within_two(projects, 146));
}

TEST_CASE(
    "case study: Community Catalysts, Central Bedfordshire (1/10, x10): social-care "
    "enterprises created or scaled in 19 months within a factor of two of 42",
    "[mobilisation][case_studies]") {
  const auto sc = load_variant(cs + "community_catalysts.yaml", "");
  const double f = sc->values().at("verdict").at("report_factor").get<double>();
  REQUIRE(f == 10.0);
  REQUIRE(horizon(sc) == 82);  // 19 months
  const double enterprises = f * means(sc, {"enterprises"})[0];
  INFO("enterprises " << enterprises);
  CHECK(within_two(enterprises, 42));
}

TEST_CASE(
    "case study: London CLT: listening campaigns -> steering groups of about ten -> land "
    "trusts established (steering groups that built their asset) within a factor of two of 5",
    "[mobilisation][case_studies]") {
  const auto sc = load_variant(cs + "london_clt.yaml", "");
  double trusts = 0.0;
  for (std::uint64_t seed = 100; seed < 103; ++seed) {
    auto m = run(sc, seed, horizon(sc));
    for (const auto& g : mob(m).groups()) {
      if (g.origin != "steering") continue;
      INFO("steering group " << g.id << " peak size " << g.peak_size);
      CHECK(g.peak_size >= 8);  // about ten
      CHECK(g.peak_size <= 15);
      if (g.successes > 0) trusts += 1.0 / 3.0;
    }
  }
  INFO("land trusts " << trusts);
  CHECK(within_two(trusts, 5.0));
}

TEST_CASE(
    "case study: Milton Keynes community mobiliser / Community Organisers: a residents group "
    "forms, gets a communities-fund grant and a resident-led group linked to the council "
    "(parish councillor); the first issue resolved within a factor of two of 13 weeks",
    "[mobilisation][case_studies]") {
  const auto sc = load_variant(cs + "milton_keynes_mobiliser.yaml", "");
  double first = 0.0;
  for (std::uint64_t seed = 100; seed < 103; ++seed) {
    auto m = run(sc, seed, horizon(sc));
    INFO("seed " << seed);
    CHECK(observable(*m, "groups_formed") >= 1);
    CHECK(observable(*m, "grants_paid") > 0);
    CHECK(observable(*m, "led_council_groups") >= 1);
    REQUIRE(observable(*m, "first_win_tick") > 0);
    first += observable(*m, "first_win_tick") / 3.0;
  }
  INFO("weeks to the first win " << first);
  CHECK(within_two(first, 13.0));
}

TEST_CASE(
    "case study: Local Area Coordination, Haringey (one patch of 12,000): return on "
    "investment within a factor of two of 4 pounds per pound",
    "[mobilisation][case_studies]") {
  const auto sc = load_variant(cs + "local_area_coordination.yaml", "");
  CHECK(sc->values().at("network").at("n").get<std::int64_t>() == 12000);
  const double roi = mean_over(sc, "roi", horizon(sc), 3);
  INFO("roi " << roi);
  CHECK(within_two(roi, 4.0));
}
