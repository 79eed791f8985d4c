// One sweep brought to completion in its directory, on this machine or over
// MPI: what `groundswell sweep` and `groundswell sensitivity` share.
//
// Contract: run_sweep_session() opens the sweep's store (sweep_store.hpp:
// refusing a directory of another sweep), runs only the runs that are not yet
// journaled (this shard's), and writes the table once all are in. It returns
//   already_finished  nothing was missing and the table existed: a no-op;
//   finished          every run is in and the table is (now) written;
//   interrupted       SIGINT/SIGTERM arrived; completed runs are journaled and
//                     the same command finishes the rest;
//   worker            this is an MPI worker rank (rank 0 reports).
// Progress (runs done, rate, ETA) goes to stderr on a terminal only.
#pragma once

#include <cstddef>
#include <filesystem>

#include "sim/cli/sweep_mpi.hpp"
#include "sim/engine/registry.hpp"
#include "sim/experiments/sweep_plan.hpp"
#include "sim/experiments/sweep_store.hpp"

namespace gs::cli {

struct SessionOptions {
  std::filesystem::path out;
  experiments::Shard shard;
  std::size_t threads = 0;
  bool nested = false;
  bool quiet = false;
};

enum class SessionStatus { already_finished, finished, interrupted, worker };

struct SessionResult {
  SessionStatus status = SessionStatus::finished;
  std::size_t shard_runs = 0;  // runs this shard owns
  std::size_t completed = 0;   // of them, journaled now
  std::size_t ran_now = 0;     // completed by this invocation
  double seconds = 0.0;
  std::filesystem::path table;  // the results file
};

SessionResult run_sweep_session(const experiments::SweepPlan& plan, const ModelRegistry& registry,
                                const SessionOptions& options, const MpiSession& mpi);

// The default directory of a sweep: runs/<sweep file stem>.
std::filesystem::path default_sweep_dir(const std::filesystem::path& sweep_file);

}  // namespace gs::cli
