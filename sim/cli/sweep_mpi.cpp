// MPI mode of a sweep: see sweep_mpi.hpp for the contract and the protocol.
//
// Messages (MPI_COMM_WORLD): a worker sends kRequest (its plan hash) and gets
// kAssign (one uint64 run id) or kDone (empty); it sends kResult (8-byte run id,
// row text, NUL, series text) after each run, and kFinished once all its
// threads have stopped. Only one thread of a rank calls MPI at a time
// (MPI_THREAD_SERIALIZED, a mutex on the worker).
#include "sim/cli/sweep_mpi.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sim/engine/csv.hpp"
#include "sim/engine/output.hpp"
#include "sim/experiments/sweep_executor.hpp"

#ifdef GS_WITH_MPI
#include <mpi.h>
#endif

namespace gs::cli {
namespace {

[[maybe_unused]] constexpr int kRequest = 1;
[[maybe_unused]] constexpr int kAssign = 2;
[[maybe_unused]] constexpr int kDone = 3;
[[maybe_unused]] constexpr int kResult = 4;
[[maybe_unused]] constexpr int kFinished = 5;

bool launched_by_mpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

}  // namespace

#ifdef GS_WITH_MPI

MpiSession::MpiSession() {
  if (!launched_by_mpirun()) return;
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
  initialised_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  if (size_ > 1 && provided < MPI_THREAD_SERIALIZED) {
    if (rank_ == 0)
      fmt::print(stderr, "error: this MPI library does not allow calls from several threads\n");
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
}

MpiSession::~MpiSession() {
  if (initialised_) MPI_Finalize();
}

void MpiSession::abort(int code) const {
  std::fflush(stdout);
  std::fflush(stderr);
  MPI_Abort(MPI_COMM_WORLD, code);
  std::_Exit(code);
}

void MpiSession::barrier() const {
  if (active()) MPI_Barrier(MPI_COMM_WORLD);
}

void mpi_coordinate(const experiments::SweepPlan& plan, experiments::SweepStore& store,
                    std::span<const experiments::Run> pending, const MpiSession& mpi,
                    const std::atomic<bool>& stop, const std::function<void()>& on_recorded) {
  std::size_t next = 0;
  int finished = 0;
  std::vector<char> buffer;
  while (finished < mpi.size() - 1) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (flag == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    int count = 0;
    MPI_Get_count(&status, MPI_CHAR, &count);
    buffer.assign(static_cast<std::size_t>(count) + 1, '\0');
    MPI_Recv(buffer.data(), count, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    if (status.MPI_TAG == kRequest) {
      const std::string hash(buffer.data(), static_cast<std::size_t>(count));
      if (hash != plan.hash) {
        fmt::print(stderr,
                   "error: rank {} planned a different sweep (hash {}, rank 0 has {}): the sweep "
                   "or scenario files differ between nodes\n",
                   status.MPI_SOURCE, hash, plan.hash);
        mpi.abort(1);
      }
      if (!stop.load() && next < pending.size()) {
        const std::uint64_t id = pending[next++].run_id;
        MPI_Send(&id, 1, MPI_UINT64_T, status.MPI_SOURCE, kAssign, MPI_COMM_WORLD);
      } else {
        MPI_Send(nullptr, 0, MPI_UINT64_T, status.MPI_SOURCE, kDone, MPI_COMM_WORLD);
      }
    } else if (status.MPI_TAG == kResult) {
      std::uint64_t id = 0;
      std::memcpy(&id, buffer.data(), sizeof id);
      const char* row = buffer.data() + sizeof id;
      const std::string row_text(row);
      const char* series = row + row_text.size() + 1;
      const auto series_size = static_cast<std::size_t>(count) - sizeof id - row_text.size() - 1;
      store.record(id, row_text, std::string(series, series_size));
      if (on_recorded) on_recorded();
    } else if (status.MPI_TAG == kFinished) {
      ++finished;
    }
  }
}

void mpi_work(const experiments::SweepPlan& plan, const ModelRegistry& registry,
              std::size_t threads, bool nested, const MpiSession& mpi,
              const std::atomic<bool>& stop) {
  (void)mpi;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  std::mutex mpi_mutex;
  const std::function<bool()> should_stop = [&stop] { return stop.load(); };
  auto slot = [&] {
    while (!stop.load()) {
      std::uint64_t id = 0;
      MPI_Status status;
      {
        std::lock_guard lock(mpi_mutex);
        MPI_Send(plan.hash.data(), static_cast<int>(plan.hash.size()), MPI_CHAR, 0, kRequest,
                 MPI_COMM_WORLD);
        MPI_Recv(&id, 1, MPI_UINT64_T, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
      }
      if (status.MPI_TAG != kAssign) return;
      const auto& run = plan.runs.at(id);
      std::string payload(sizeof id, '\0');
      try {
        const auto result =
            experiments::execute_one(plan, registry, run, nested, should_stop, threads);
        std::memcpy(payload.data(), &id, sizeof id);
        payload += gs::join_csv_line(plan.row(run, result));
        payload += '\0';
        if (plan.spec.series) payload += series_csv(result);
      } catch (const experiments::RunAbandoned&) {
        return;
      } catch (const std::exception& e) {
        fmt::print(stderr, "error: run {} (point {}, replicate {}, seed {}) failed: {}\n",
                   run.run_id, run.point_index, run.replicate, run.seed, e.what());
        mpi.abort(1);
      }
      std::lock_guard lock(mpi_mutex);
      MPI_Send(payload.data(), static_cast<int>(payload.size()), MPI_CHAR, 0, kResult,
               MPI_COMM_WORLD);
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads; ++t) workers.emplace_back(slot);
  for (auto& w : workers) w.join();
  MPI_Send(nullptr, 0, MPI_CHAR, 0, kFinished, MPI_COMM_WORLD);
}

#else  // built without MPI: one process, always.

MpiSession::MpiSession() {
  const char* ranks = std::getenv("OMPI_COMM_WORLD_SIZE");
  if (launched_by_mpirun() && (ranks == nullptr || std::string(ranks) != "1"))
    throw std::runtime_error(
        "started by mpirun, but this groundswell was built without MPI (install libopenmpi-dev "
        "and configure with -DGS_WITH_MPI=ON); refusing to let every rank run the whole sweep");
}
MpiSession::~MpiSession() = default;
void MpiSession::abort(int code) const {
  std::_Exit(code);
}
void MpiSession::barrier() const {}

void mpi_coordinate(const experiments::SweepPlan&, experiments::SweepStore&,
                    std::span<const experiments::Run>, const MpiSession&, const std::atomic<bool>&,
                    const std::function<void()>&) {
  throw std::logic_error("MPI mode in a build without MPI");
}
void mpi_work(const experiments::SweepPlan&, const ModelRegistry&, std::size_t, bool,
              const MpiSession&, const std::atomic<bool>&) {
  throw std::logic_error("MPI mode in a build without MPI");
}

#endif

}  // namespace gs::cli
