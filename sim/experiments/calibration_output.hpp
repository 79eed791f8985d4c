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
//               the 90% predictive interval;
//   leave_one_out (history matching, when the file asks) per held-out
//               scenario and each of its targets: how many first-wave points
//               the other targets leave not ruled out, the 5/50/95% quantiles
//               of the held-out target's values at those points (their runs,
//               every point equally weighted, shared among its defined
//               replicates), and whether the figure falls in that 90%
//               interval. No point left: quantiles NaN, covered false.
// Weighted quantile q: the smallest value whose cumulative normalised weight
// reaches q (values sorted, ties in particle order).
// write_calibration_outputs() writes calibration.json, posterior.csv,
// generations.csv, marginals.csv, pairs.csv, predictive.csv and (when asked)
// leave_one_out.csv atomically
// (engine/output.hpp), numbers in shortest round-trip form.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "sim/experiments/calibration.hpp"

namespace gs::experiments {

// The first wave judged without one scenario's targets (calibration.hpp).
struct LeaveOneOut {
  std::size_t held_out = 0;           // scenario index
  std::size_t first_wave_points = 0;  // points of the first wave
  std::size_t points = 0;             // of them, not ruled out by the other targets
  // values[target][point] = that kept point's replicate values (held-out targets only)
  std::vector<std::vector<std::vector<double>>> values;
};

struct CalibrationFindings {
  Posterior posterior;
  std::vector<BatchRecord> batches;
  std::string stop_reason;
  // predictive[target][particle] = that particle's replicate values
  std::vector<std::vector<std::vector<double>>> predictive;
  std::size_t runs = 0;
  std::size_t predictive_runs = 0;
  std::vector<LeaveOneOut> leave_one_out;
};

nlohmann::json summarise_calibration(const CalibrationContext& context,
                                     const CalibrationFindings& findings);

void write_calibration_outputs(const std::filesystem::path& dir, const nlohmann::json& result);

// The weighted quantile described above; NaN for no values.
double weighted_quantile(std::span<const double> values, std::span<const double> weights, double q);

}  // namespace gs::experiments
