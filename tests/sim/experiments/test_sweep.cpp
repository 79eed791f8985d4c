// Tests of sweep files, their expansion into runs, the sweep table's CSV and
// the resumable store (sim/experiments/sweep_*.hpp, csv.hpp), on the cheap
// threshold scenario in tests/sim/cli/data.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "models/registry.hpp"
#include "sim/engine/csv.hpp"
#include "sim/experiments/sensitivity_report.hpp"
#include "sim/experiments/sweep_plan.hpp"
#include "sim/experiments/sweep_spec.hpp"
#include "sim/experiments/sweep_store.hpp"

namespace gx = gs::experiments;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = fs::path(GS_SOURCE_DIR) / "tests/sim/cli/data";

gx::SweepSpec spec_of(const std::string& body) {
  return gx::parse_sweep_spec("scenario: base.yaml\n" + body, data_dir / "test_sweep.yaml");
}

std::vector<std::string> diagnostics_of(const std::string& text) {
  try {
    (void)gx::parse_sweep_spec(text, data_dir / "x.yaml");
  } catch (const gs::scenario::ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.str());
    return out;
  }
  return {};
}

}  // namespace

TEST_CASE("a sweep file's problems are reported with line, column and key", "[sweep]") {
  const auto d = diagnostics_of(
      "scenario: base.yaml\nfactors:\n  - {key: a.b, uniform: [1]}\n  - {key: c, values: [1]}\n"
      "design: grid\nsamples: 3\n");
  REQUIRE(d.size() == 2);
  CHECK(d[0].find("x.yaml:3:5: factors[0] (a.b):") != std::string::npos);
  CHECK(d[1].find("samples") != std::string::npos);
  CHECK(diagnostics_of("scenario: nowhere.yaml\nfactors: []\n").size() == 2);
  CHECK(diagnostics_of("scenario: base.yaml\nfactors:\n  - {key: a, values: [1]}\n").empty());
}

TEST_CASE("designs expand into the expected points and point-major runs", "[sweep]") {
  const std::string two =
      "factors:\n  - {key: threshold.value, uniform: [0.1, 0.3], levels: 3}\n"
      "  - {key: network.mean_degree, values: [2, 4]}\n";
  CHECK(gx::expand_design(spec_of(two + "design: grid\n")).points.size() == 6);
  CHECK(gx::expand_design(spec_of(two + "design: lhs\nsamples: 7\n")).points.size() == 7);
  CHECK(gx::expand_design(spec_of(two + "design: sobol\nsamples: 8\n")).points.size() == 8);
  const auto saltelli = gx::expand_design(spec_of(two + "design: saltelli\nsamples: 8\n"));
  CHECK(saltelli.points.size() == 8 * 4);
  REQUIRE(saltelli.saltelli);
  const auto morris = gx::expand_design(spec_of(two + "design: morris\nsamples: 5\n"));
  CHECK(morris.points.size() == 5 * 3);
  REQUIRE(morris.morris);

  const auto& registry = gs::builtin_models();
  const auto plan =
      gx::plan_sweep(spec_of(two + "design: grid\nreplicates: 3\nseed: 9\n"), registry);
  REQUIRE(plan.runs.size() == 18);
  std::set<std::uint64_t> seeds;
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    CHECK(plan.runs[i].run_id == i);
    CHECK(plan.runs[i].point_index == i / 3);
    seeds.insert(plan.runs[i].seed);
  }
  CHECK(seeds.size() == 18);
  CHECK(plan.columns.front() == "run_id");
  CHECK(plan.columns[4] == "threshold.value");
  // The hash follows the definition, not its layout.
  const auto same =
      gx::plan_sweep(spec_of("seed: 9\nreplicates: 3\n" + two + "design: grid\n"), registry);
  CHECK(same.hash == plan.hash);
  const auto other =
      gx::plan_sweep(spec_of(two + "design: grid\nreplicates: 3\nseed: 10\n"), registry);
  CHECK(other.hash != plan.hash);
}

TEST_CASE("the store keeps complete journal lines only and resumes the rest", "[sweep]") {
  const auto& registry = gs::builtin_models();
  const auto plan = gx::plan_sweep(
      spec_of("factors:\n  - {key: threshold.value, values: [0.1, 0.2]}\ndesign: grid\n"
              "replicates: 2\n"),
      registry);
  const fs::path dir = fs::temp_directory_path() / "gs_test_sweep_store";
  fs::remove_all(dir);
  {
    gx::SweepStore store(dir, plan, {});
    REQUIRE(store.pending().size() == 4);
    const auto& run = plan.runs[1];
    const auto result = plan.execute(run, registry);
    store.record(run.run_id, gs::join_csv_line(plan.row(run, result)), "");
    CHECK(store.completed() == 1);
    CHECK_THROWS_AS(store.write_results(), std::logic_error);
  }
  {  // A torn line and a line with a bad checksum are both dropped.
    std::ofstream journal(dir / "journal.csv", std::ios::app);
    journal << "2,1,0,123,0.2,1,0.5,0,deadbeefdeadbeef\n3,1,1,4";
  }
  gx::SweepStore store(dir, plan, {});
  CHECK(store.discarded() == 2);
  CHECK(store.completed() == 1);
  CHECK(store.is_done(1));
  CHECK(store.pending().size() == 3);
  // Another sweep is refused in this directory.
  const auto other = gx::plan_sweep(
      spec_of("factors:\n  - {key: threshold.value, values: [0.1, 0.3]}\ndesign: grid\n"),
      registry);
  CHECK_THROWS_AS(gx::SweepStore(dir, other, {}), gx::SweepMismatch);
  fs::remove_all(dir);
}

TEST_CASE("sensitivity warnings: outside [0, 1], S1 above ST, too few samples",
          "[experiments][sensitivity]") {
  // The case: 32 base samples gave S1 = 1.063 above ST, silently.
  gx::SobolIndices s;
  s.base_samples = 32;
  s.first_order = {1.063, 0.2};
  s.total_order = {0.9, 0.25};
  s.first_order_ci = {{0.85, 1.3}, {0.15, 0.25}};
  s.total_order_ci = {{0.7, 1.1}, {0.2, 0.3}};
  std::vector<std::string> notes;
  const auto warnings = gx::sobol_warnings({"leadership", "fatalism"}, "index", s, 0.1, &notes);
  REQUIRE(warnings.size() == 3);
  CHECK_THAT(warnings[0], Catch::Contains("S1 of leadership for index is 1.063, outside [0, 1]"));
  CHECK_THAT(warnings[0], Catch::Contains("its interval reaches back into it"));
  CHECK_THAT(warnings[1], Catch::Contains("S1 (1.063) exceeds ST (0.900)"));
  // Widest half-width 0.225 against 0.1: N = 32 * 2.25^2 = 162.
  CHECK_THAT(warnings[2], Catch::Contains("about N = 162 would do"));
  CHECK(notes[0] == "S1 outside [0, 1]; S1 > ST");
  CHECK(notes[1].empty());
  // An interval wholly outside [0, 1] is said to be.
  s.first_order_ci[0] = {1.01, 1.2};
  CHECK_THAT(gx::sobol_warnings({"leadership", "fatalism"}, "index", s, 1.0)[0],
             Catch::Contains("and so is its whole interval"));
  // Clean indices, tight intervals: no warning.
  s.first_order = {0.5, 0.2};
  s.total_order = {0.6, 0.25};
  s.first_order_ci = {{0.45, 0.55}, {0.15, 0.25}};
  s.total_order_ci = {{0.55, 0.65}, {0.2, 0.3}};
  CHECK(gx::sobol_warnings({"leadership", "fatalism"}, "index", s, 0.1).empty());
}
