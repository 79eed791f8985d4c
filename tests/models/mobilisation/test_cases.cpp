// The model at its defaults against the real figures it is fitted to (issue 8,
// items 2 and 6): every target of scenarios/calibration/mobilisation_joint.yaml,
// read from that file (the figures live in one place), each scenario run as
// committed, case studies at full scale on seeds 1..10, the typical place on
// seeds 1..40 (a baseline on its scenario's seeds: common random numbers),
// valued as the fit values a run (CalibrationTarget::simulated).
// - A case-study figure (a target of a scenario in the file's leave_one_out
//   list) holds when every seed gives a value and their mean lies within a
//   factor of two of the reported figure (issue 8: "within a factor of two on
//   the mean over 10 seeds").
// - A survey level (the typical place) holds when the mean lies inside the
//   Community Life Survey's range, widened by the target's model discrepancy
//   (the mapping of engagement levels onto survey questions, docs/ODD.md 7.1).
//   Its band is narrow and one run of a 3,000-resident place varies (feeling
//   able to influence: seed sd about 0.04), so the mean is over 40 seeds (sd
//   of the mean about 0.007), not 10, lest the verdict hang on the seeds; a
//   run of it costs a fortieth of a case study's.
// Every figure and its simulated mean is printed, so a run documents them.
// Labelled `slow`: about two minutes on 2 cores beside the other tests, far longer under the
// sanitizers.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <iostream>
#include <set>

#include "helpers.hpp"
#include "sim/experiments/calibration_spec.hpp"

using namespace gs;
using namespace gs::mobtest;

namespace {

const std::vector<std::uint64_t> case_seeds = seed_range(1, 10);
const std::vector<std::uint64_t> level_seeds = seed_range(1, 40);

// Final observables per seed of one scenario of the calibration file, with its fixed settings.
std::vector<std::map<std::string, double>> run_scenario(const experiments::CalibrationScenario& s,
                                                        const std::vector<std::uint64_t>& seeds) {
  std::vector<std::string> sets;
  for (const auto& [key, yaml] : s.fixed) sets.emplace_back(key).append("=").append(yaml);
  return finals(load_variant(s.file.string(), s.variant, sets), seeds);
}

}  // namespace

TEST_CASE("case studies and survey levels at the defaults match the figures the model is fitted to",
          "[mobilisation][cases]") {
  const auto spec = experiments::read_calibration_spec(
      GS_SOURCE_DIR "/scenarios/calibration/mobilisation_joint.yaml");
  REQUIRE(spec.targets.size() >= 10);
  REQUIRE(!spec.leave_one_out.empty());
  const std::set<std::size_t> cases(spec.leave_one_out.begin(), spec.leave_one_out.end());

  // A baseline is run on the seeds of the scenario it is the counterfactual of.
  const auto is_case = [&](std::size_t s) { return cases.count(spec.seed_scenario(s)) > 0; };
  std::map<std::size_t, std::vector<std::map<std::string, double>>> runs;
  const auto of = [&](std::size_t s) -> const std::vector<std::map<std::string, double>>& {
    auto it = runs.find(s);
    if (it == runs.end())
      it = runs.emplace(s, run_scenario(spec.scenarios[s], is_case(s) ? case_seeds : level_seeds))
               .first;
    return it->second;
  };

  int case_figures = 0, levels = 0;
  for (const auto& t : spec.targets) {
    const auto& main = of(t.scenario);
    std::vector<double> values;
    for (std::size_t k = 0; k < main.size(); ++k) {
      const double base = t.baseline ? of(*t.baseline)[k].at(t.observable) : 0.0;
      const double per = t.per.empty() ? 1.0 : main[k].at(t.per);
      values.push_back(t.simulated(main[k].at(t.observable), base, per));
    }
    const bool all_defined =
        std::none_of(values.begin(), values.end(), [](double v) { return std::isnan(v); });
    const double mean = mean_of(values);
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const std::string name = t.label(spec.scenarios);
    std::cout << name << ": reported " << t.value << " [" << t.lower << ", " << t.upper
              << "], simulated mean " << mean << " (" << *lo << " to " << *hi << ")\n";
    INFO(name << ": reported " << t.value << " [" << t.lower << ", " << t.upper
              << "], simulated mean " << mean << " over " << values.size() << " seeds");
    CHECK(all_defined);
    if (is_case(t.scenario)) {
      ++case_figures;
      CHECK(mean >= t.value / 2.0);
      CHECK(mean <= t.value * 2.0);
    } else {
      ++levels;
      CHECK(mean >= t.lower - t.discrepancy);
      CHECK(mean <= t.upper + t.discrepancy);
    }
  }
  // The file's figures: five survey levels, eight case-study figures.
  CHECK(levels == 5);
  CHECK(case_figures == 8);
}
