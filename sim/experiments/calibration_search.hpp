// What a calibration method is to the driver (calibration.hpp): a sequence of
// batches of points, each chosen from the scores of the batches before it.
//
// Contract: next_batch() returns the next batch's points in the unit hypercube
// of prior probabilities (perturbation_kernel.hpp), or nothing when the search
// is over; absorb() takes that batch's scores, point for point. Both are pure
// functions of the constructor's arguments and of the scores absorbed so far,
// so a resumed calibration that absorbs the same journaled scores proposes the
// same batches, bit for bit. A method never simulates anything itself.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiments/calibration_spec.hpp"
#include "sim/experiments/perturbation_kernel.hpp"

namespace gs::experiments {

// How close one point's runs came to the targets (computed by the driver).
struct PointScore {
  double distance = 0.0;        // weighted root mean square of z over targets (ABC)
  double implausibility = 0.0;  // largest standardised distance (history matching)
};

// One generation or wave, as reported in generations.csv.
struct BatchRecord {
  std::string name;          // "gen-000", "wave-001"
  std::size_t points = 0;    // points simulated in this batch
  double threshold = 0.0;    // ABC tolerance after the batch; HM cut-off
  std::size_t accepted = 0;  // particles kept; points not ruled out
  double acceptance = 0.0;   // share of this batch's points accepted (see the method)
  double ess = 0.0;          // effective sample size of the population after it
};

struct Posterior {
  std::vector<UnitPoint> unit;
  std::vector<double> weight;  // normalised to sum 1
  std::vector<double> score;   // distance (ABC) or implausibility (HM)
};

class CalibrationSearch {
 public:
  virtual ~CalibrationSearch() = default;
  virtual std::optional<std::vector<UnitPoint>> next_batch(const InsideSupport& inside) = 0;
  virtual void absorb(const std::vector<UnitPoint>& points,
                      const std::vector<PointScore>& scores) = 0;
  virtual Posterior posterior() const = 0;
  virtual const std::vector<BatchRecord>& records() const = 0;
  // Name of the batch next_batch() would return (directory name).
  virtual std::string next_name() const = 0;
  // Why the search ended ("" while it goes on).
  virtual const std::string& stop_reason() const = 0;
};

// The method the spec names; `max_points` bounds the points of all batches.
std::unique_ptr<CalibrationSearch> make_search(const CalibrationSpec& spec, std::size_t dims,
                                               std::uint64_t max_points);

}  // namespace gs::experiments
