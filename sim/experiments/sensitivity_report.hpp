// Sensitivity indices of every observable of a finished saltelli or morris
// sweep: what `groundswell sensitivity` computes, prints and writes.
//
// Contract: the sweep's table (sweep_store.hpp) holds one row per run; the
// model output at a design point is the mean over its replicates of an
// observable's final value. For a saltelli sweep each observable gets first
// order and total Sobol' indices with bootstrap intervals (sensitivity.hpp:
// Saltelli 2010 first order, Jansen total order); for a morris sweep, mu,
// mu* and sigma of the elementary effects (Morris 1991; Campolongo et al. 2007).
// An observable that is not finite at every point is skipped and listed in
// `skipped` with the reason; one with zero variance keeps NaN indices and is
// marked "constant". Warnings (Saltelli et al. 2010 on estimator noise) name
// an index outside [0, 1] (impossible for a variance share: sampling error,
// and "beyond its interval" when even the interval lies outside), a first
// order index above its total (S1 <= ST in theory), and intervals wider than
// the requested precision, with the base sample N that would reach it (the
// half-width shrinks as 1/sqrt(N)). The CSV is tidy: observable, factor,
// index (S1, ST, mu, mu_star, sigma), estimate, ci_lower, ci_upper, note
// ("constant" or the warning that concerns the row).
#pragma once

#include <string>
#include <vector>

#include "sim/experiments/sensitivity.hpp"
#include "sim/experiments/sweep_plan.hpp"
#include "sim/experiments/sweep_store.hpp"

namespace gs::experiments {

struct SensitivityReport {
  DesignKind design = DesignKind::saltelli;
  std::vector<std::string> factors;
  std::vector<std::string> observables;  // analysed, in table order
  std::vector<SobolIndices> sobol;       // saltelli: one per observable
  std::vector<MorrisIndices> morris;     // morris: one per observable
  std::vector<std::string> skipped;      // "observable: reason"
  std::vector<std::string> warnings;     // for people, one line each
  // [observable][factor]: the warning about that row of the CSV ("" if none).
  std::vector<std::vector<std::string>> notes;
};

// Throws std::invalid_argument for a design other than saltelli or morris, or
// a table that does not hold every run of the design.
// `precision`: the largest acceptable half-width of a Sobol' index interval.
SensitivityReport analyse_sensitivity(const SweepSpec& spec, const SweepDesign& design,
                                      const SweepTable& table, const BootstrapOptions& bootstrap,
                                      double precision = 0.1);

// The warnings about one observable's Sobol' indices (see above), one line
// each; `notes` (optional) gets one per factor for the CSV.
std::vector<std::string> sobol_warnings(const std::vector<std::string>& factors,
                                        const std::string& name, const SobolIndices& s,
                                        double precision,
                                        std::vector<std::string>* notes = nullptr);

// `only`: observables to print (empty = all). Zero-variance observables are
// listed on one line rather than as tables of n/a.
std::string sensitivity_text(const SensitivityReport& report,
                             const std::vector<std::string>& only = {});
std::string sensitivity_csv(const SensitivityReport& report);

}  // namespace gs::experiments
