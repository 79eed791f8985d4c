// History matching in waves, by direct simulation with replicates.
//
// Contract (a CalibrationSearch, calibration_search.hpp): following Vernon,
// Goldstein & Bower (2010), "Galaxy formation: a Bayesian uncertainty
// analysis", Bayesian Analysis 5(4), and Andrianakis et al. (2015), "Bayesian
// history matching of complex infectious disease models using emulation",
// PLoS Comput Biol 11(1), a point x is ruled out when its implausibility
//   I(x) = max over targets k of |mean_k(x) - z_k| / sqrt(sd_k^2 + disc_k^2 + V_k(x) (1 + 1/R))
// exceeds the cut-off (3, Pukelsheim's three-sigma rule). V_k(x) is the
// variance of the R replicates (the stochastic model's own variability, which
// the one observed world also has, plus the uncertainty of the mean of R
// runs); the driver computes I(x) (calibration.cpp). Wave 1 draws `points`
// from the prior; wave w + 1 draws `points` around the points of wave w that
// were not ruled out (or, when fewer than dims + 1 survive, around the least
// implausible tenth of wave w: a search heuristic, never part of the answer),
// with the perturbation kernel (equal weights), except
// every tenth point, drawn from the prior again (defensive sampling: a wave
// with few survivors must not confine the next ones to their neighbourhood;
// a point from any wave is judged by its own runs alone). There is
// no emulator: every point is simulated, which suits cheap models; an
// emulator would let waves cover the space with far fewer runs.
// The result ("posterior") is the last wave's not-ruled-out points, equally
// weighted: a description of the non-implausible region, not a posterior.
// Stops after `waves` waves or when the budget would be exceeded; when the
// last wave leaves no point, the answer is empty and the stop reason (shown
// by the report) says so.
#pragma once

#include "sim/experiments/calibration_search.hpp"

namespace gs::experiments {

class HistoryMatching final : public CalibrationSearch {
 public:
  HistoryMatching(HistoryMatchingSettings settings, std::size_t dims, std::uint64_t seed,
                  std::uint64_t max_points);

  std::optional<std::vector<UnitPoint>> next_batch(const InsideSupport& inside) override;
  void absorb(const std::vector<UnitPoint>& points, const std::vector<PointScore>& scores) override;
  Posterior posterior() const override;
  const std::vector<BatchRecord>& records() const override { return records_; }
  std::string next_name() const override;
  const std::string& stop_reason() const override { return stop_reason_; }

 private:
  HistoryMatchingSettings settings_;
  std::size_t dims_;
  std::uint64_t seed_;
  std::uint64_t max_points_;
  std::uint64_t points_used_ = 0;
  std::size_t wave_ = 0;         // waves absorbed
  std::vector<UnitPoint> kept_;  // the last wave's survivors
  std::vector<double> kept_scores_;
  std::vector<UnitPoint> guides_;  // where the next wave is drawn around
  std::vector<BatchRecord> records_;
  std::string stop_reason_;
};

}  // namespace gs::experiments
