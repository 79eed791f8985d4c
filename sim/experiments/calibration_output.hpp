// What a finished calibration says: posterior, its summaries, the predictive
// check, and the files that hold them.
//
// Contract: summarise_calibration() is a pure function of its inputs and
// returns calibration.json's content:
//   parameters  per free parameter: its prior (as written) with the prior's
//               5%, 50% and 95% quantiles, and the posterior's weighted mean,
//               sd and 5/25/50/75/95% quantiles (value scale), and
//               width_ratio = posterior 90% width / prior 90% width;
//   posterior   the particles: weight, score (ABC distance or implausibility)
//               and the parameter values;
//   batches     per generation or wave (BatchRecord);
//   pairs       weighted Pearson correlation of every pair of parameters;
//   predictive  per target: the figure with its interval, and the weighted
//               distribution of fresh runs at the posterior's particles (each
//               particle's weight shared among its defined replicates): mean,
//               5/50/95% quantiles, the share of undefined (NaN) values
//               (missing, never counted as 0), and whether the figure falls in
//               the 90% predictive interval.
// Weighted quantile q: the smallest value whose cumulative normalised weight
// reaches q (values sorted, ties in particle order).
// write_calibration_outputs() writes calibration.json, posterior.csv,
// generations.csv, marginals.csv, pairs.csv and predictive.csv atomically
// (engine/output.hpp), numbers in shortest round-trip form.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "sim/experiments/calibration.hpp"

namespace gs::experiments {

struct CalibrationFindings {
  Posterior posterior;
  std::vector<BatchRecord> batches;
  std::string stop_reason;
  // predictive[target][particle] = that particle's replicate values
  std::vector<std::vector<std::vector<double>>> predictive;
  std::size_t runs = 0;
  std::size_t predictive_runs = 0;
};

nlohmann::json summarise_calibration(const CalibrationContext& context,
                                     const CalibrationFindings& findings);

void write_calibration_outputs(const std::filesystem::path& dir, const nlohmann::json& result);

// The weighted quantile described above; NaN for no values.
double weighted_quantile(std::span<const double> values, std::span<const double> weights, double q);

}  // namespace gs::experiments
