// Calibration files: which scenarios to run, which parameters are free (with
// their priors), which real figures the runs must reproduce (with their
// uncertainty), and how to search. Parsed into a validated CalibrationSpec with
// file:line:column diagnostics, through the scenario layer's YAML tree
// (sim/scenario/tree.hpp), exactly as sweep files are (sweep_spec.hpp).
//
// Contract: read_calibration_spec() returns a spec in which every key has been
// checked, or throws scenario::ScenarioError listing *every* problem found,
// each with the file, line, column and key. Whether the parameters and target
// observables fit the scenarios is checked by prepare_calibration()
// (calibration.hpp), which resolves the scenarios before anything runs.
//
// The schema (`groundswell describe calibrate` prints this text):
//
//   name: threshold_truth          # optional; default: the file's stem
//   scenarios:                     # required: label -> scenario, relative to this file,
//     sparse: ../watts.yaml        #   or a map {scenario: FILE, variant: V, set: {k: v}}
//     dense: {scenario: ../watts.yaml, set: {network.mean_degree: 8}}
//   parameters:                    # required: the free parameters and their priors,
//     - {key: threshold.mean, uniform: [0.1, 0.4]}             # uniform: [lo, hi]
//     - {key: threshold.seeds.fraction, log_uniform: [0.005, 0.1]}
//     - {key: x.y, normal: {mean: 0.3, sd: 0.1, lower: 0, upper: 1}}  # bounds optional
//   targets:                       # required: what the runs must reproduce
//     - observable: active_share   # a final observable of the scenario's model,
//       per: active_count          #   optionally divided by another (derived measure)
//       scale: 10                  #   and multiplied by a factor (e.g. a 1/10-scale place)
//       scenario: sparse           # optional when there is one scenario
//       baseline: dense            # optional: minus the same observable in this scenario,
//                                  #   run on the same seeds (a counterfactual)
//       value: 0.42                # the real figure
//       sd: 0.02                   # its uncertainty: sd, or interval: [lo, hi] with
//       weight: 1                  #   level: 0.95 (default); weight optional (1)
//       discrepancy: 0             # optional model-discrepancy sd (history matching)
//   method: abc_smc                # abc_smc (default) | history_matching
//   abc_smc: {particles: 100, alpha: 0.5, min_acceptance: 0.05, generations: 20}
//   history_matching: {points: 100, waves: 4, cutoff: 3}
//   leave_one_out: [sparse]        # history matching: scenarios whose targets are held out
//   budget: 20000                  # most calibration runs (points x replicates x scenarios)
//   replicates: 2                  # runs per point and scenario (stochastic models)
//   predictive_replicates: 4       # runs per posterior particle for the predictive check
//   seed: 1                        # master seed of every draw and run seed
//
// Canonical form (canonical_json) holds every value after defaults; scenario
// files appear by name only (their bytes are hashed by the driver).
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiments/design.hpp"
#include "sim/experiments/sweep_spec.hpp"

namespace gs::experiments {

struct CalibrationScenario {
  std::string label;           // [A-Za-z0-9_-]+, names its batch directories
  std::filesystem::path file;  // absolute, lexically normal
  std::string variant;
  std::vector<std::pair<std::string, std::string>> fixed;  // `set`: key -> YAML value text
  std::vector<SweepPlace> fixed_places;
  SweepPlace place;
};

struct CalibrationTarget {
  std::string observable;
  std::string per;           // "" or the observable the value is divided by
  double scale = 1.0;        // the simulated value is scale * observable [/ per]
  std::size_t scenario = 0;  // index into CalibrationSpec::scenarios
  // A counterfactual: the simulated value is scale * (observable - the same
  // observable in scenario `*baseline` on the same seeds) [/ per].
  std::optional<std::size_t> baseline;
  double value = 0.0;
  double sd = 0.0;     // > 0: from `sd`, or from `interval` and `level`
  double lower = 0.0;  // the stated interval (value -+ 1.96 sd when `sd` was given)
  double upper = 0.0;
  double weight = 1.0;
  double discrepancy = 0.0;
  SweepPlace place;

  // "[scale*]observable[/per]@scenario[-minus-baseline]", naming the target in outputs.
  std::string label(const std::vector<CalibrationScenario>& scenarios) const;
  // The value one run gives this target: scale * (observed - baseline_observed), divided by
  // `per_observed` when `per` is set (NaN when that is 0). Without a baseline pass 0.
  double simulated(double observed, double baseline_observed, double per_observed) const;
};

enum class CalibrationMethodKind { abc_smc, history_matching };

struct AbcSmcSettings {
  std::size_t particles = 100;  // N_alpha: particles kept per generation
  double alpha = 0.5;           // share of a generation's simulations that are kept
  double min_acceptance = 0.05;
  std::size_t generations = 20;
};

struct HistoryMatchingSettings {
  std::size_t points = 100;  // simulated points per wave
  std::size_t waves = 4;
  double cutoff = 3.0;  // implausibility cut-off (Pukelsheim's three-sigma rule)
};

struct CalibrationSpec {
  std::filesystem::path file;
  std::string text;  // the file's bytes as parsed (hashed for provenance)
  std::string name;
  std::vector<CalibrationScenario> scenarios;
  ParameterSpace parameters;
  std::vector<nlohmann::json> parameter_specs;
  std::vector<SweepPlace> parameter_places;
  std::vector<CalibrationTarget> targets;
  CalibrationMethodKind method = CalibrationMethodKind::abc_smc;
  AbcSmcSettings abc;
  HistoryMatchingSettings history;
  // Scenarios whose targets are held out, one at a time, in the leave-one-out
  // check (history matching; calibration_output.hpp).
  std::vector<std::size_t> leave_one_out;
  std::uint64_t budget = 20000;
  std::uint32_t replicates = 1;
  std::uint32_t predictive_replicates = 4;
  std::uint64_t seed = 1;

  nlohmann::json canonical_json() const;
  // The scenario whose run seeds scenario s uses: s itself, or, for a
  // baseline, the scenario it is the counterfactual of (common random numbers).
  std::size_t seed_scenario(std::size_t s) const;
};

const char* method_name(CalibrationMethodKind kind);

// Reads and validates a calibration file; throws scenario::ScenarioError.
CalibrationSpec read_calibration_spec(const std::filesystem::path& file);
CalibrationSpec parse_calibration_spec(const std::string& yaml_text,
                                       const std::filesystem::path& origin);

// The schema comment above, for `groundswell describe calibrate`.
const char* calibration_format_help();

}  // namespace gs::experiments
