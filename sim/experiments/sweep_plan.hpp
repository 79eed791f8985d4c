// A sweep expanded into runs, checked against its base scenario, and the row
// each run contributes to the sweep's table.
//
// Contract:
// - expand_design() is a pure function of the spec: the design's points (and,
//   for saltelli and morris, the design the estimators need) in design order.
//   Runs are point-major: run_id = point * replicates + replicate, with seeds
//   from replicate_seed() (design.hpp), so a run's id, overrides and seed never
//   depend on sharding, resuming, MPI or the thread count.
// - plan_sweep() reads the base scenario once, refuses a base with variants
//   when the sweep names none, checks each factor's values as written (a
//   range's ends, each listed value) against the base, then resolves every
//   design point's overrides (`set`, then the factors) before anything runs;
//   every problem, with those the spec parser found, is reported in one
//   ScenarioError, each at the factor's line in the sweep file quoting it. It also makes one
//   zero-tick probe run to learn the table's columns.
// - The table's columns: run_id, point, replicate, seed, one per factor (its
//   dotted key), one per final observable, then `verdict` when the model's
//   summary() has a string "verdict". One row per run, cells in csv.hpp's form.
// - hash: 16 hex digits of FNV-1a over the canonical spec and the resolved base
//   scenario (with `set` and the variant applied), so a sweep whose file,
//   factors, design, seeds or base scenario changed is told apart from the
//   sweep that wrote a directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/registry.hpp"
#include "sim/engine/runner.hpp"
#include "sim/experiments/design.hpp"
#include "sim/experiments/sweep_spec.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::experiments {

struct SweepDesign {
  std::vector<DesignPoint> points;
  std::optional<SaltelliDesign> saltelli;  // design == saltelli
  std::optional<MorrisDesign> morris;      // design == morris
};

SweepDesign expand_design(const SweepSpec& spec);

// The overrides of one design point: `set`, then each factor's value.
std::vector<scenario::Override> point_overrides(const SweepSpec& spec, const DesignPoint& point);

class SweepPlan {
 public:
  SweepSpec spec;
  SweepDesign design;
  std::vector<Run> runs;
  std::vector<std::string> columns;
  std::vector<std::string> observables;
  bool has_verdict = false;
  std::string hash;

  std::size_t factor_column(std::size_t factor) const { return 4 + factor; }
  std::size_t observable_column(std::size_t observable) const {
    return 4 + spec.space.size() + observable;
  }

  // The run's resolved scenario (safe to call from many threads).
  std::shared_ptr<const scenario::Scenario> scenario_for(const Run& run,
                                                         const ModelRegistry& registry) const;
  // Runs one run single-threaded-or-not as the caller's TBB arena allows;
  // `on_tick` may throw to abandon it.
  RunResult execute(const Run& run, const ModelRegistry& registry,
                    std::function<void(std::uint32_t, std::uint32_t)> on_tick = {},
                    std::size_t threads = 0) const;
  // The run's table row (no newline). Throws std::runtime_error if the run's
  // observables differ from the plan's columns.
  std::vector<std::string> row(const Run& run, const RunResult& result) const;

  scenario::Document base;
};

// `problems`: those read_sweep_spec() found, reported with the plan's own in
// one ScenarioError. `base`: the base scenario when it is not the spec's file
// (a Python dict); otherwise the file is read.
SweepPlan plan_sweep(const SweepSpec& spec, const ModelRegistry& registry,
                     std::vector<scenario::Diagnostic> problems = {},
                     const scenario::Document* base = nullptr);

// read_sweep_spec() then plan_sweep(): every problem of a sweep file in one pass.
SweepPlan load_sweep(const std::filesystem::path& file, const ModelRegistry& registry);

// A sweep over given design points instead of spec.design's (a calibration
// generation, whose points depend on the previous one): validated, probed and
// hashed as above, with `points_key` (text identifying the points) joining the
// hash when it is not empty, so batches with other points are told apart.
SweepPlan plan_sweep(const SweepSpec& spec, SweepDesign design, const ModelRegistry& registry,
                     std::string_view points_key);

// 16 lowercase hex digits of 64-bit FNV-1a.
std::string fnv1a_hex(std::string_view text);

}  // namespace gs::experiments
