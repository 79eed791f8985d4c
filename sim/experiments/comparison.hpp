// Side-by-side comparison of scenarios from replicated runs with common random
// numbers: what `groundswell compare` computes and prints.
//
// Contract: every arm (a scenario, or one variant of it) holds the final value
// of each observable for replicates 0..R-1, where replicate r of every arm ran
// with the same seed (common random numbers; Law 2015, "Simulation Modeling and
// Analysis", ch. 11), so differences from the first arm are paired.
//
// - NaN means "undefined in that run" (e.g. inclusion where an estate has one
//   segment). Summaries use the defined runs only and say how many there were;
//   a difference uses the replicates defined in both arms. An observable
//   defined in no run of an arm is reported as not readable there.
// - Intervals respect what an observable can take (ObservableInfo, model.hpp):
//   an unbounded real gets a Student-t interval of its mean and a paired-t
//   interval of its difference (statistics.hpp); a share or a count gets
//   percentile-bootstrap intervals (Efron & Tibshirani 1993), which stay inside
//   the sample's range, so never below 0 or above 1; a categorical code is never
//   averaged: each category's share of runs gets a Wilson interval (Wilson 1927)
//   and its paired difference a bootstrap interval. Bootstraps resample
//   replicates (pairs, for differences) with `bootstrap_seed`: reproducible.
// - When the model reports a verdict in its summary and declares no
//   categorical observable, the shares of runs "mobilised" and "atomised" come
//   with Wilson intervals, as before.
// - Economics against the first arm, when the observables named in
//   EconomicNames exist: net benefit (dvalue - dcost), return on investment
//   (dvalue / dcost) and cost per additional participant (dcost /
//   dparticipants), where d is the difference of means from the first arm,
//   with paired bootstrap intervals; undefined (n/a) when there is no extra
//   spend or no additional participant.
// Rendering is pure text: blocks of rows (one per arm) per observable that fit
// 100 columns for terminals (observables no scenario changes, run by run, are
// listed on one line unless asked for), a Markdown version with every column
// and every observable, and a tidy
// CSV (one row per arm and observable or category or economic measure).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/experiments/statistics.hpp"

namespace gs::experiments {

struct CompareArm {
  std::string label;                        // "file" or "file:variant"
  std::vector<std::vector<double>> values;  // [observable][replicate]; NaN = undefined
  std::vector<std::string> verdicts;        // [replicate]; empty when no verdict
};

// The observables the economic measures are computed from (flags of `compare`).
struct EconomicNames {
  std::string cost = "spend";                        // pounds spent
  std::string value = "outcome_value";               // gross value of outcomes, pounds
  std::string participants = "people_participated";  // people who took part
};

struct CompareOptions {
  double level = 0.95;
  std::uint64_t bootstrap_seed = 1;
  std::size_t resamples = 2000;
  EconomicNames economics;
};

// An estimate with its interval and how it was computed ("t", "paired t",
// "bootstrap", "paired bootstrap", "Wilson"); NaN when undefined.
struct Estimate {
  double value;
  Interval ci;
  std::string method;
  double p_value;  // paired t only; NaN otherwise
};
Estimate undefined_estimate();

struct ArmSummary {
  std::size_t defined = 0;  // runs in which the observable is defined
  double sd = 0.0;
  Estimate mean = undefined_estimate();
  Estimate difference = undefined_estimate();  // from arm 0; undefined for arm 0
  std::vector<Proportion> shares;              // categorical: one per category
  std::vector<Estimate> share_differences;     // categorical, from arm 0
};

struct EconomicMeasure {
  std::string name;   // net_benefit, return_on_investment, cost_per_additional_participant
  std::string label;  // for people
  std::vector<Estimate> per_arm;  // arm 0 undefined
};

struct Comparison {
  std::vector<std::string> arms;
  std::vector<std::string> observables;
  std::vector<ObservableInfo> info;
  std::size_t replicates = 0;
  double level = 0.95;
  std::size_t resamples = 0;
  std::vector<std::vector<ArmSummary>> summaries;  // [observable][arm]
  std::vector<bool> identical;        // [observable]: every arm equals the first, run by run
  bool has_verdict = false;           // verdict shares from the model's summary
  std::vector<Proportion> mobilised;  // [arm]
  std::vector<Proportion> atomised;   // [arm]
  EconomicNames economic_names;
  std::vector<EconomicMeasure> economics;  // empty when the observables are not reported
};

// `info`: one per observable (empty: all unbounded reals). Throws
// std::invalid_argument when arms differ in observables or replicates.
Comparison compare(const std::vector<CompareArm>& arms, const std::vector<std::string>& observables,
                   const std::vector<ObservableInfo>& info, const CompareOptions& options = {});

// A number for people: no exponent for ordinary magnitudes, thousands
// separators from 10,000, about four significant digits; "n/a" for NaN.
std::string human_number(double v);

// `only`: observables to show (empty = all); the CSV always has all.
std::string comparison_text(const Comparison& c, const std::vector<std::string>& only = {});
std::string comparison_markdown(const Comparison& c, const std::vector<std::string>& only = {});
std::string comparison_csv(const Comparison& c);

}  // namespace gs::experiments
