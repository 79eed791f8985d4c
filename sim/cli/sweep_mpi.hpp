// MPI mode of a sweep: `mpirun -n K groundswell sweep FILE` spreads runs over
// K - 1 worker ranks while rank 0 coordinates and writes the one table.
//
// Contract: MpiSession initialises MPI only when Groundswell was built with MPI
// (GS_WITH_MPI) and the process was started by mpirun with more than one rank
// (OMPI_COMM_WORLD_SIZE, PMI_SIZE or PMIX_RANK in the environment); otherwise it
// is inactive and costs nothing, so the same binary serves laptops and clusters.
// Every rank reads and plans the sweep itself; each request a worker sends
// carries its plan hash, and rank 0 aborts the job if a rank planned a
// different sweep (a file that differs between nodes). Work is handed out one
// run at a time on request (dynamic scheduling: a slow run never holds up the
// rest); each worker keeps `threads` runs in flight, one per thread, and
// returns each completed row (and series) to rank 0, which records it in the
// sweep's store exactly as a single-machine sweep does, so the table is
// identical byte for byte. On SIGINT/SIGTERM rank 0 hands out nothing more,
// workers abandon in-flight runs, and every rank returns once all workers have
// said they are finished. Rank 0 is a coordinator only: for K workers on K
// cores, start K + 1 ranks (it sleeps while waiting).
#pragma once

#include <atomic>
#include <functional>
#include <span>

#include "sim/engine/registry.hpp"
#include "sim/experiments/sweep_plan.hpp"
#include "sim/experiments/sweep_store.hpp"

namespace gs::cli {

class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  bool active() const { return size_ > 1; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  // Ends every rank of the job with `code` (after a rank failed).
  [[noreturn]] void abort(int code) const;
  // Waits until every rank calls it (a no-op when inactive): a calibration's
  // workers wait there for rank 0 to write a generation's table.
  void barrier() const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool initialised_ = false;
};

// Rank 0: hands out `pending` and records results until every worker is done.
void mpi_coordinate(const experiments::SweepPlan& plan, experiments::SweepStore& store,
                    std::span<const experiments::Run> pending, const MpiSession& mpi,
                    const std::atomic<bool>& stop, const std::function<void()>& on_recorded);

// Ranks 1..K-1: runs what rank 0 hands out, `threads` at a time.
void mpi_work(const experiments::SweepPlan& plan, const ModelRegistry& registry,
              std::size_t threads, bool nested, const MpiSession& mpi,
              const std::atomic<bool>& stop);

}  // namespace gs::cli
