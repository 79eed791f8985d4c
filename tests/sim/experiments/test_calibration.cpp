// Tests of calibration (sim/experiments/calibration*.hpp, abc_smc.hpp,
// history_matching.hpp): file validation, the pure pieces, and known-truth
// recovery on the threshold model, with targets generated at test time from a
// known parameter set (scenarios/calibration/threshold_base.yaml).
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "models/registry.hpp"
#include "sim/engine/runner.hpp"
#include "sim/experiments/abc_smc.hpp"
#include "sim/experiments/calibration.hpp"
#include "sim/experiments/calibration_output.hpp"
#include "sim/experiments/calibration_spec.hpp"
#include "sim/experiments/sweep_executor.hpp"

namespace gx = gs::experiments;
namespace fs = std::filesystem;

namespace {

const fs::path scenario_dir = fs::path(GS_SOURCE_DIR) / "scenarios/calibration";

std::vector<std::string> diagnostics_of(const std::string& text) {
  try {
    (void)gx::parse_calibration_spec(text, scenario_dir / "test.yaml");
  } catch (const gs::scenario::ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.str());
    return out;
  }
  return {};
}

bool any_contains(const std::vector<std::string>& lines, const std::string& needle) {
  for (const auto& l : lines)
    if (l.find(needle) != std::string::npos) return true;
  return false;
}

fs::path fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("gs_calibration_test_" + name);
  fs::remove_all(dir);
  return dir;
}

// Runs a batch's pending runs here and returns its table (what the CLI's
// session does, without progress or MPI).
gx::BatchRunner local_runner(std::size_t threads) {
  return
      [threads](const gx::SweepPlan& plan, const fs::path& dir) -> std::optional<gx::SweepTable> {
        gx::SweepStore store(dir, plan, gx::Shard{});
        const auto pending = store.pending();
        gx::ExecuteOptions options;
        options.threads = threads;
        (void)gx::execute_runs(plan, gs::builtin_models(), pending, store, options);
        if (!store.results_written()) store.write_results();
        return gx::read_batch_table(dir, gx::Shard{});
      };
}

// Mean final active share of the base scenario at the truth over 8 seeds,
// with `extra` overrides (the scenario a target is measured in).
double truth_share(const std::vector<gs::scenario::Override>& extra) {
  std::vector<gs::scenario::Override> overrides = {{"threshold.mean", "0.42"},
                                                   {"threshold.seeds.fraction", "0.12"}};
  overrides.insert(overrides.end(), extra.begin(), extra.end());
  const auto scenario =
      gs::scenario::load(scenario_dir / "threshold_base.yaml", overrides, gs::builtin_models());
  double sum = 0.0;
  for (std::uint64_t seed = 101; seed <= 108; ++seed) {
    gs::RunOptions options;
    options.seed = seed;
    const auto result = gs::run(scenario, gs::builtin_models(), options);
    sum += result.final_values().at(1);  // active_share
  }
  return sum / 8.0;
}

// A calibration file for the two-scenario known-truth problem, written beside
// the base scenario's absolute path; `method` holds the method's lines.
fs::path truth_file(const fs::path& dir, const std::string& method) {
  const double full = truth_share({});
  const double first = truth_share({{"run.max_ticks", "1"}});
  fs::create_directories(dir);
  fs::path file = dir / "truth.yaml";
  std::ofstream out(file);
  out << "name: threshold_truth\n"
      << "scenarios:\n"
      << "  full: " << (scenario_dir / "threshold_base.yaml").string() << "\n"
      << "  first_tick: {scenario: " << (scenario_dir / "threshold_base.yaml").string()
      << ", set: {run.max_ticks: 1}}\n"
      << "parameters:\n"
      << "  - {key: threshold.mean, uniform: [0.05, 0.5]}\n"
      << "  - {key: threshold.seeds.fraction, uniform: [0.01, 0.3]}\n"
      << "targets:\n"
      << "  - {observable: active_share, scenario: full, value: " << full << ", sd: 0.02}\n"
      << "  - {observable: active_share, scenario: first_tick, value: " << first << ", sd: 0.01}\n"
      << method << "replicates: 2\npredictive_replicates: 2\nseed: 7\n";
  return file;
}

nlohmann::json calibrate(const fs::path& file, const fs::path& out, std::size_t threads) {
  const auto spec = gx::read_calibration_spec(file);
  const auto context = gx::prepare_calibration(spec, gs::builtin_models());
  const auto outcome =
      gx::run_calibration(context, gs::builtin_models(), out, local_runner(threads));
  REQUIRE(outcome.finished);
  return outcome.result;
}

// The known-truth check of issue 9: the posterior's 90% interval (q05..q95)
// covers the truth and is narrower than the prior's 90% interval.
void check_recovers_truth(const nlohmann::json& result, double narrower_than) {
  const std::map<std::string, double> truth = {{"threshold.mean", 0.42},
                                               {"threshold.seeds.fraction", 0.12}};
  for (const auto& p : result.at("parameters")) {
    const auto key = p.at("key").get<std::string>();
    INFO(key << ": posterior 90% [" << p.at("q05") << ", " << p.at("q95") << "], width ratio "
             << p.at("width_ratio"));
    CHECK(p.at("q05").get<double>() <= truth.at(key));
    CHECK(truth.at(key) <= p.at("q95").get<double>());
    CHECK(p.at("width_ratio").get<double>() < narrower_than);
  }
}

}  // namespace

TEST_CASE("a calibration file's problems are reported with line, column and key", "[calibration]") {
  const auto d = diagnostics_of(
      "scenarios:\n"
      "  base: threshold_base.yaml\n"
      "  bad label: threshold_base.yaml\n"
      "parameters:\n"
      "  - {key: threshold.mean, values: [0.1, 0.2]}\n"
      "  - {key: threshold.sd, uniform: [0.3, 0.1]}\n"
      "targets:\n"
      "  - {observable: active_share, scenario: nowhere, value: 0.4, sd: 0.1}\n"
      "  - {observable: active_share, scenario: base, value: 0.4}\n"
      "  - {observable: active_share, scenario: base, value: 0.9, interval: [0.1, 0.5]}\n"
      "method: simulated_annealing\n"
      "colour: blue\n");
  INFO(Catch::Detail::stringify(d));
  CHECK(any_contains(d, "test.yaml:3:3: scenarios.bad label"));
  CHECK(any_contains(d, "test.yaml:5:5: parameters[0] (threshold.mean): a prior is one of"));
  CHECK(any_contains(d, "test.yaml:6:5: parameters[1] (threshold.sd)"));
  CHECK(any_contains(d, "'nowhere' is not a scenario label"));
  CHECK(any_contains(d, "test.yaml:9:5: targets[1]: give the figure's uncertainty"));
  CHECK(any_contains(d, "lies outside its interval"));
  CHECK(any_contains(d, "test.yaml:11:9: method: 'simulated_annealing' is not a method"));
  CHECK(any_contains(d, "test.yaml:12:1: colour: unknown key"));
}

TEST_CASE("a calibration that does not fit its scenarios is refused before any run",
          "[calibration]") {
  const auto spec = gx::parse_calibration_spec(
      "scenarios: {base: threshold_base.yaml}\n"
      "parameters:\n"
      "  - {key: threshold.meen, uniform: [0.1, 0.4]}\n"
      "  - {key: threshold.sd, uniform: [-1, 0.4]}\n"
      "targets:\n"
      "  - {observable: active_shares, value: 0.4, sd: 0.1}\n",
      scenario_dir / "test.yaml");
  std::vector<std::string> d;
  try {
    (void)gx::prepare_calibration(spec, gs::builtin_models());
  } catch (const gs::scenario::ScenarioError& e) {
    for (const auto& x : e.diagnostics()) d.push_back(x.str());
  }
  INFO(Catch::Detail::stringify(d));
  CHECK(any_contains(d, "test.yaml:3:5"));  // the misspelt key, at its parameter
  CHECK(any_contains(d, "test.yaml:4:5"));  // a prior reaching values the schema refuses
  // The observable is checked once the scenario resolves: fix the keys first.
  const auto spec2 = gx::parse_calibration_spec(
      "scenarios: {base: threshold_base.yaml}\n"
      "parameters: [{key: threshold.mean, uniform: [0.1, 0.4]}]\n"
      "targets:\n"
      "  - {observable: active_shares, value: 0.4, sd: 0.1}\n",
      scenario_dir / "test.yaml");
  try {
    (void)gx::prepare_calibration(spec2, gs::builtin_models());
    FAIL("an unknown observable was accepted");
  } catch (const gs::scenario::ScenarioError& e) {
    CHECK_THAT(e.diagnostics().at(0).str(),
               Catch::Contains("test.yaml:4:5: targets[0].observable: 'active_shares' is not an "
                               "observable of scenario base"));
  }
}

TEST_CASE("weighted quantiles and the kernel's density", "[calibration]") {
  const std::vector<double> v = {3.0, 1.0, 2.0, std::nan("")};
  const std::vector<double> w = {1.0, 1.0, 2.0, 5.0};  // the NaN is missing, not 0
  CHECK(gx::weighted_quantile(v, w, 0.25) == 1.0);
  CHECK(gx::weighted_quantile(v, w, 0.5) == 2.0);
  CHECK(gx::weighted_quantile(v, w, 0.76) == 3.0);
  // One particle: the mixture is one Gaussian of variance 2 * floor, normalised.
  const gx::PerturbationKernel kernel({{0.5}}, {1.0});
  const double var = kernel.covariance()(0, 0);
  const std::vector<double> at = {0.5};
  CHECK(kernel.density(at) == Approx(1.0 / std::sqrt(2.0 * M_PI * var)));
}

TEST_CASE("ABC-SMC on a Gaussian toy: the tolerance falls and the posterior concentrates",
          "[calibration]") {
  // Distance |u - 0.3| for a 1-d parameter: the posterior's mass must gather
  // near 0.3 as the tolerance falls. Statistic: weighted mean; margin 0.05.
  gx::AbcSmcSettings settings;
  settings.particles = 200;
  settings.generations = 8;
  gx::AbcSmc abc(settings, 1, 42, 100000);
  while (auto batch = abc.next_batch({})) {
    std::vector<gx::PointScore> scores;
    for (const auto& p : *batch) scores.push_back({std::abs(p[0] - 0.3), 0.0});
    abc.absorb(*batch, scores);
  }
  const auto& records = abc.records();
  REQUIRE(records.size() >= 3);
  for (std::size_t i = 1; i < records.size(); ++i)
    CHECK(records[i].threshold <= records[i - 1].threshold);
  CHECK(records.back().threshold < 0.02);
  const auto post = abc.posterior();
  double mean = 0.0;
  for (std::size_t i = 0; i < post.unit.size(); ++i) mean += post.weight[i] * post.unit[i][0];
  CHECK(mean == Approx(0.3).margin(0.05));
}

TEST_CASE("ABC-SMC recovers the threshold model's known parameters", "[calibration][truth]") {
  const fs::path dir = fresh_dir("abc");
  const auto file = truth_file(dir,
                               "method: abc_smc\nabc_smc: {particles: 60, generations: 8}\n"
                               "budget: 4000\n");
  const auto result = calibrate(file, dir / "out", 0);
  // Statistic: the posterior's 5% and 95% weighted quantiles per parameter;
  // margin: the truth inside, and the interval under half the prior's.
  check_recovers_truth(result, 0.5);
  for (const auto& t : result.at("predictive")) {
    INFO(t.dump());
    CHECK(t.at("covered").get<bool>());
  }
  CHECK(fs::exists(dir / "out/posterior.csv"));
  CHECK(fs::exists(dir / "out/predictive.csv"));
  fs::remove_all(dir);
}

TEST_CASE("history matching rules out all but the known parameters' region",
          "[calibration][truth]") {
  const fs::path dir = fresh_dir("hm");
  const auto file = truth_file(
      dir, "method: history_matching\nhistory_matching: {points: 120, waves: 3}\nbudget: 2000\n");
  const auto result = calibrate(file, dir / "out", 0);
  check_recovers_truth(result, 0.6);
  fs::remove_all(dir);
}

TEST_CASE("a calibration is identical for any thread count and after an interruption",
          "[calibration]") {
  const fs::path dir = fresh_dir("resume");
  const auto file = truth_file(dir, "abc_smc: {particles: 12, generations: 3}\nbudget: 1000\n");
  const auto spec = gx::read_calibration_spec(file);
  const auto context = gx::prepare_calibration(spec, gs::builtin_models());
  const auto one = gx::run_calibration(context, gs::builtin_models(), dir / "one", local_runner(1));
  const auto two = gx::run_calibration(context, gs::builtin_models(), dir / "two", local_runner(2));
  REQUIRE(one.finished);
  REQUIRE(two.finished);
  CHECK(one.result.dump() == two.result.dump());
  // Interrupted after two batches (the runner gives up), then resumed.
  int batches = 0;
  const auto base = local_runner(2);
  const gx::BatchRunner stopping = [&](const gx::SweepPlan& plan, const fs::path& batch_dir) {
    return ++batches > 2 ? std::nullopt : base(plan, batch_dir);
  };
  const auto cut = gx::run_calibration(context, gs::builtin_models(), dir / "cut", stopping);
  CHECK_FALSE(cut.finished);
  const auto resumed =
      gx::run_calibration(context, gs::builtin_models(), dir / "cut", local_runner(2));
  REQUIRE(resumed.finished);
  CHECK(resumed.result.dump() == one.result.dump());
  // Another calibration is refused in that directory.
  auto other = spec;
  other.seed = 8;
  const auto other_context = gx::prepare_calibration(other, gs::builtin_models());
  CHECK_THROWS_AS(
      gx::run_calibration(other_context, gs::builtin_models(), dir / "cut", local_runner(2)),
      gx::SweepMismatch);
  fs::remove_all(dir);
}

TEST_CASE("ABC-SMC recovers known parameters of a small mobilisation estate",
          "[calibration][truth][mobilisation]") {
  // The generic mechanism on the mobilisation model (which is being rewritten:
  // if this fails after model v2, the scenario or the truth may need
  // revisiting, not the method). Truth: fatalism.mean 0.35,
  // public_sector.receptiveness 0.6; targets: mean final participation and
  // council receptiveness over seeds 201..204 at the truth.
  const fs::path base = fs::path(GS_SOURCE_DIR) /
                        "tests/sim/experiments/data/"
                        "mobilisation_truth_base.yaml";
  const auto scenario = gs::scenario::load(base, {}, gs::builtin_models());
  double participation = 0.0;
  double receptiveness = 0.0;
  for (std::uint64_t seed = 201; seed <= 204; ++seed) {
    gs::RunOptions options;
    options.seed = seed;
    const auto result = gs::run(scenario, gs::builtin_models(), options);
    const auto values = result.final_values();
    for (std::size_t i = 0; i < result.observables.size(); ++i) {
      if (result.observables[i] == "participation") participation += values[i] / 4.0;
      if (result.observables[i] == "council_receptiveness") receptiveness += values[i] / 4.0;
    }
  }
  const fs::path dir = fresh_dir("mobilisation");
  fs::create_directories(dir);
  {
    std::ofstream out(dir / "truth.yaml");
    out << "scenarios: {estate: " << base.string() << "}\n"
        << "parameters:\n"
        << "  - {key: fatalism.mean, uniform: [0.05, 0.8]}\n"
        << "  - {key: public_sector.receptiveness, uniform: [0.05, 0.95]}\n"
        << "targets:\n"
        << "  - {observable: participation, value: " << participation << ", sd: 0.03}\n"
        << "  - {observable: council_receptiveness, value: " << receptiveness << ", sd: 0.05}\n"
        << "abc_smc: {particles: 24, generations: 6}\n"
        << "budget: 1200\nreplicates: 2\npredictive_replicates: 1\nseed: 11\n";
  }
  const auto result = calibrate(dir / "truth.yaml", dir / "out", 0);
  const std::map<std::string, double> truth = {{"fatalism.mean", 0.35},
                                               {"public_sector.receptiveness", 0.6}};
  // Statistic: the posterior's 5% and 95% weighted quantiles; margin: the
  // truth inside, the interval under 0.6 of the prior's. Two replicates per
  // particle and six generations keep it stable across ABC seeds: with one
  // replicate and four generations the width ratio ranged 0.49-0.79 over
  // seeds 11-13 (participation at 600 residents is noisy, and fatalism's
  // effect on it is graded); with these settings 0.25-0.45 over seeds 11-18,
  // the truth inside every time.
  for (const auto& p : result.at("parameters")) {
    const auto key = p.at("key").get<std::string>();
    INFO(key << ": posterior 90% [" << p.at("q05") << ", " << p.at("q95") << "], width ratio "
             << p.at("width_ratio"));
    CHECK(p.at("q05").get<double>() <= truth.at(key));
    CHECK(truth.at(key) <= p.at("q95").get<double>());
    CHECK(p.at("width_ratio").get<double>() < 0.6);
  }
  fs::remove_all(dir);
}

TEST_CASE("derived targets: a scaled observable, and one observable per another", "[calibration]") {
  // On 1,000 residents, 1000 * active_share is active_count exactly, and
  // active_count per active_count is 1: their predictive distributions must be
  // identical, and 1. Also the label names the derivation.
  const fs::path dir = fresh_dir("derived");
  fs::create_directories(dir);
  {
    std::ofstream out(dir / "derived.yaml");
    out << "scenarios: {base: " << (scenario_dir / "threshold_base.yaml").string() << "}\n"
        << "parameters: [{key: threshold.mean, uniform: [0.3, 0.5]}]\n"
        << "targets:\n"
        << "  - {observable: active_count, value: 220, sd: 20}\n"
        << "  - {observable: active_share, scale: 1000, value: 220, sd: 20}\n"
        << "  - {observable: active_count, per: active_count, value: 1, sd: 0.1}\n"
        << "abc_smc: {particles: 6, generations: 2}\nbudget: 100\nseed: 2\n";
  }
  const auto result = calibrate(dir / "derived.yaml", dir / "out", 0);
  const auto& p = result.at("predictive");
  CHECK(p[1].at("target") == "1000*active_share@base");
  CHECK(p[2].at("target") == "active_count/active_count@base");
  for (const char* stat : {"mean", "q05", "median", "q95"}) {
    CHECK(p[0].at(stat).get<double>() == Approx(p[1].at(stat).get<double>()).epsilon(1e-12));
    CHECK(p[2].at(stat).get<double>() == 1.0);
  }
  fs::remove_all(dir);
}

TEST_CASE("baselines and leave-one-out are validated where they are written", "[calibration]") {
  const std::string head =
      "scenarios:\n"
      "  a: threshold_base.yaml\n"
      "  b: threshold_base.yaml\n"
      "  c: threshold_base.yaml\n"
      "parameters: [{key: threshold.mean, uniform: [0.1, 0.4]}]\n";
  auto d =
      diagnostics_of(head +
                     "targets:\n"
                     "  - {observable: active_share, scenario: a, baseline: a, value: 0, sd: 1}\n"
                     "  - {observable: active_share, scenario: a, baseline: zz, value: 0, sd: 1}\n"
                     "leave_one_out: [a]\n");
  INFO(Catch::Detail::stringify(d));
  CHECK(any_contains(d, "test.yaml:7:55: targets[0].baseline: the baseline must be another"));
  CHECK(any_contains(d, "targets[1].baseline: 'zz' is not a scenario label"));
  CHECK(any_contains(d, "test.yaml:9:16: leave_one_out: needs method: history_matching"));
  d = diagnostics_of(head +
                     "targets:\n"
                     "  - {observable: active_share, scenario: a, baseline: c, value: 0, sd: 1}\n"
                     "  - {observable: active_share, scenario: b, baseline: c, value: 0, sd: 1}\n"
                     "  - {observable: active_share, scenario: c, baseline: a, value: 0, sd: 1}\n"
                     "method: history_matching\n"
                     "leave_one_out: [b, b, zz, c, a]\n");
  INFO(Catch::Detail::stringify(d));
  CHECK(any_contains(d, "scenario c is the baseline of both a and b"));
  CHECK(any_contains(d, "scenario c is measured against baseline a but is itself a baseline"));
  CHECK(any_contains(d, "leave_one_out[1]: scenario b is listed twice"));
  CHECK(any_contains(d, "leave_one_out[2]: 'zz' is not a scenario label"));
  d = diagnostics_of(head +
                     "targets: [{observable: active_share, scenario: a, value: 0, sd: 1}]\n"
                     "method: history_matching\n"
                     "leave_one_out: [a, b]\n");
  INFO(Catch::Detail::stringify(d));
  CHECK(any_contains(d, "leave_one_out[0]: every target is measured in scenario a"));
  CHECK(any_contains(d, "leave_one_out[1]: no target is measured in scenario b"));
}

TEST_CASE("a baseline runs on its scenario's seeds: the counterfactual is paired",
          "[calibration]") {
  // `same` is the measured scenario itself under another label: on common
  // seeds every difference is exactly 0 (on independent seeds the cascades
  // differ). `none` has no initial adopters, so nothing activates: the
  // difference is the measured share itself.
  const fs::path dir = fresh_dir("baseline");
  fs::create_directories(dir);
  const std::string base = (scenario_dir / "threshold_base.yaml").string();
  {
    std::ofstream out(dir / "baseline.yaml");
    out << "scenarios:\n  base: " << base << "\n  same: " << base << "\n"
        << "  none: {scenario: " << base << ", set: {threshold.seeds.fraction: 0}}\n"
        << "  copy: " << base << "\n"
        << "parameters: [{key: threshold.mean, uniform: [0.3, 0.45]}]\n"
        << "targets:\n"
        << "  - {observable: active_share, scenario: base, baseline: same, value: 0, sd: 0.1}\n"
        << "  - {observable: active_share, scenario: copy, baseline: none, value: 0.2, sd: 0.1}\n"
        << "  - {observable: active_share, scenario: copy, value: 0.2, sd: 0.1}\n"
        << "method: history_matching\nhistory_matching: {points: 6, waves: 1}\n"
        << "budget: 100\npredictive_replicates: 2\nseed: 3\n";
  }
  const auto result = calibrate(dir / "baseline.yaml", dir / "out", 0);
  const auto& p = result.at("predictive");
  CHECK(p[0].at("target") == "active_share@base-minus-same");
  for (const char* stat : {"q05", "median", "q95"}) {
    CHECK(p[0].at(stat).get<double>() == 0.0);
    CHECK(p[1].at(stat).get<double>() == p[2].at(stat).get<double>());
  }
  CHECK(p[2].at("q95").get<double>() > 0.0);
  fs::remove_all(dir);
}

TEST_CASE("leave-one-out judges the first wave without the held-out scenario's targets",
          "[calibration]") {
  // The held-out scenario has the true first-tick figure, which a fit to the
  // full cascade alone should predict, and an impossible one (950 of 1,000
  // agents active after one tick, from at most 30% initial adopters), which
  // it must not: the check can fail. The impossible figure also rules out
  // every point of the full fit, which does not matter to the check.
  const fs::path dir = fresh_dir("loo");
  const double full = truth_share({});
  const double first = truth_share({{"run.max_ticks", "1"}});
  fs::create_directories(dir);
  const std::string base = (scenario_dir / "threshold_base.yaml").string();
  {
    std::ofstream out(dir / "loo.yaml");
    out << "scenarios:\n  full: " << base << "\n"
        << "  first_tick: {scenario: " << base << ", set: {run.max_ticks: 1}}\n"
        << "parameters:\n"
        << "  - {key: threshold.mean, uniform: [0.05, 0.5]}\n"
        << "  - {key: threshold.seeds.fraction, uniform: [0.01, 0.3]}\n"
        << "targets:\n"
        << "  - {observable: active_share, scenario: full, value: " << full << ", sd: 0.02}\n"
        << "  - {observable: active_share, scenario: first_tick, value: " << first
        << ", sd: 0.01}\n"
        << "  - {observable: active_count, scenario: first_tick, value: 950, sd: 5}\n"
        << "method: history_matching\nhistory_matching: {points: 150, waves: 1}\n"
        << "leave_one_out: [first_tick]\nbudget: 1000\nreplicates: 2\nseed: 5\n";
  }
  const auto result = calibrate(dir / "loo.yaml", dir / "out", 0);
  const auto& loo = result.at("leave_one_out");
  REQUIRE(loo.size() == 2);
  INFO(loo.dump(1));
  CHECK(loo[0].at("held_out") == "first_tick");
  CHECK(loo[0].at("first_wave_points") == 150);
  CHECK(loo[0].at("points").get<std::size_t>() > 0);
  CHECK(loo[0].at("points").get<std::size_t>() < 150);  // the full cascade rules some out
  CHECK(loo[0].at("covered").get<bool>());
  CHECK_FALSE(loo[1].at("covered").get<bool>());
  CHECK(result.at("batches")[0].at("accepted") == 0);  // the impossible figure, in the full fit
  CHECK(fs::exists(dir / "out" / "leave_one_out.csv"));
  fs::remove_all(dir);
}
