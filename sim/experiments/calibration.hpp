// A calibration brought to completion in its directory: batches of runs chosen
// by a calibration method (calibration_search.hpp), each run as a sweep.
//
// Contract:
// - prepare_calibration() checks the spec against its scenarios before
//   anything runs: every scenario resolves with its `set`, every parameter
//   resolves at its prior's median and (for bounded priors) at both ends, every
//   target names an observable of its scenario's model. Every problem is one
//   Diagnostic at its place in the calibration file (a ScenarioError).
// - run_calibration() asks the method for batch after batch. Batch b's runs in
//   scenario s are the sweep plan_sweep(spec_s, points_b, ...) in
//   DIR/batches/<batch>/<scenario label>/ with master seed
//   derive_seed(derive_seed(seed, b), s), so a run's seed depends only on the
//   calibration's seed and the run's coordinates. `runner` brings that sweep to
//   completion (locally, a shard, or MPI; sweep_session.hpp) and returns its
//   table, or nothing when it could not (interrupted, other shards pending):
//   run_calibration() then returns unfinished and the same call later resumes.
//   A batch's points depend only on the tables of the batches before it and on
//   the seed, so a resumed, sharded or MPI calibration computes the same
//   batches and the same result, bit for bit, and each run is journaled once.
//   After the method stops, a predictive batch reruns every posterior particle
//   predictive_replicates times with fresh seeds in every scenario.
// - DIR/manifest.json (format, version, calibration hash, file hashes, seed)
//   is written before the first run; a directory holding another calibration,
//   or files that are not a calibration's, is refused (SweepMismatch). The
//   outputs (calibration_output.hpp) are written atomically once all is done.
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/registry.hpp"
#include "sim/experiments/calibration_search.hpp"
#include "sim/experiments/calibration_spec.hpp"
#include "sim/experiments/sweep_plan.hpp"
#include "sim/experiments/sweep_store.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::experiments {

struct CalibrationContext {
  CalibrationSpec spec;
  std::vector<SweepSpec> scenario_specs;  // one per scenario: its sweep template
  std::vector<scenario::Document> documents;
  std::vector<std::vector<std::string>> observables;  // per scenario: the model's observables
  std::string hash;      // FNV-1a of the canonical spec and every file's bytes
  nlohmann::json files;  // file name -> FNV-1a of its bytes
};

CalibrationContext prepare_calibration(const CalibrationSpec& spec, const ModelRegistry& registry);

// Runs one batch's sweep (the plan, its directory); the finished table or nothing.
using BatchRunner =
    std::function<std::optional<SweepTable>(const SweepPlan& plan, const std::filesystem::path&)>;

struct CalibrationOutcome {
  bool finished = false;
  std::size_t runs = 0;  // calibration runs in finished batches (predictive excluded)
  std::size_t predictive_runs = 0;
  std::string waiting_for;  // the batch directory that was not finished
  nlohmann::json result;    // calibration.json's content, when finished
};

// Vets `out` and writes its manifest (writer), or only checks the manifest
// (not writer); run_calibration() does this first. Throws SweepMismatch.
void claim_calibration_directory(const std::filesystem::path& out,
                                 const CalibrationContext& context, bool writer);

// `writer` false (an MPI worker rank): checks the manifest but writes nothing.
CalibrationOutcome run_calibration(const CalibrationContext& context, const ModelRegistry& registry,
                                   const std::filesystem::path& out, const BatchRunner& runner,
                                   bool writer = true);

// The finished table of a batch directory: results.csv, or all N shards'
// results-I-of-N.csv joined and sorted by run id; nothing while one is missing.
std::optional<SweepTable> read_batch_table(const std::filesystem::path& dir, const Shard& shard);

}  // namespace gs::experiments
