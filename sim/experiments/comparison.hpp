// Side-by-side comparison of scenarios from replicated runs with common random
// numbers: what `groundswell compare` computes and prints.
//
// Contract: every arm (a scenario, or one variant of it) holds the final value
// of each observable for replicates 0..R-1, where replicate r of every arm ran
// with the same seed (common random numbers; Law 2015, "Simulation Modeling and
// Analysis", ch. 11). compare() gives per arm and observable the mean with its
// Student-t interval, and per arm after the first the paired difference from
// the first arm with its paired-t interval (statistics.hpp). Non-finite values
// (an observable undefined in some run) are left out: of the summary, and of
// the pairs for a difference (both members dropped). When the model reports a
// verdict, the shares of runs "mobilised" and "atomised" come with Wilson
// intervals. Rendering is pure text: a fixed-width table for terminals, a tidy
// CSV (one row per arm and observable) and a Markdown table.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/experiments/statistics.hpp"

namespace gs::experiments {

struct CompareArm {
  std::string label;                        // "file" or "file:variant"
  std::vector<std::vector<double>> values;  // [observable][replicate]
  std::vector<std::string> verdicts;        // [replicate]; empty when no verdict
};

struct Comparison {
  std::vector<std::string> arms;
  std::vector<std::string> observables;
  std::size_t replicates = 0;
  double level = 0.95;
  std::vector<std::vector<Summary>> summaries;       // [observable][arm]
  std::vector<std::vector<Difference>> differences;  // [observable][arm]; arm 0 unused
  bool has_verdict = false;
  std::vector<Proportion> mobilised;  // [arm]
  std::vector<Proportion> atomised;   // [arm]
};

// Throws std::invalid_argument when arms differ in observables or replicates.
Comparison compare(const std::vector<CompareArm>& arms, const std::vector<std::string>& observables,
                   double level = 0.95);

// `only`: observables to show (empty = all); the CSV always has all.
std::string comparison_text(const Comparison& c, const std::vector<std::string>& only = {});
std::string comparison_markdown(const Comparison& c, const std::vector<std::string>& only = {});
std::string comparison_csv(const Comparison& c);

}  // namespace gs::experiments
