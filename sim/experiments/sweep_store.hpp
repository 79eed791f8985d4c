// A sweep's directory on disk: what makes a sweep resumable and loss-free.
//
// Contract (the directory DIR given by --out):
//   manifest.json          which sweep this is: its hash (sweep_plan.hpp), the
//                          canonical sweep definition, columns and run count.
//                          Written once, atomically, before any run. A directory
//                          whose manifest has another hash is refused
//                          (SweepMismatch) rather than mixed; a non-empty
//                          directory without a manifest is refused too.
//   journal[-I-of-N].csv   append-only: a header line, then one line per
//                          completed run, each `<row>,<checksum>` where the
//                          checksum is FNV-1a of the row text. A line is
//                          appended with one write() and made durable with
//                          fdatasync() before the run counts as done, so a kill
//                          at any moment (even kill -9) leaves complete lines
//                          plus at most one torn last line. Opening the store
//                          keeps only complete lines whose checksum, field count
//                          and run id are right (first occurrence of a run id
//                          wins) and rewrites the journal atomically if anything
//                          was discarded. A damaged header line is rebuilt
//                          from the plan (which the manifest has just been
//                          checked against) rather than abandoning the runs.
//   results[-I-of-N].csv   the table: header, then one row per run of the shard
//                          sorted by run_id; written atomically (temporary file,
//                          rename) from the journal once every run is in it.
//   series/run-<id>.csv    optional per-run time series, written atomically
//                          before the run's journal line.
//   .journal[-I-of-N].lock held (flock, directory_lock.hpp) by the one process
//                          writing that journal, for as long as its SweepStore
//                          lives: a second sweep into the directory is refused
//                          at once (DirectoryLocked, naming the holder) instead
//                          of running every run twice; a killed holder's lock
//                          is released by the kernel, so resuming never waits.
//   .NAME.PID.tmp          a file being written atomically; one left by a
//                          writer that no longer runs is deleted on open.
//   .manifest.lock         held briefly while the manifest is checked or
//                          written, so two different sweeps never both claim
//                          an empty directory.
// The suffix -I-of-N names a shard (--shard I/N, runs with run_id % N == I);
// shards may share one directory. merge_sweep() joins finished shards into
// the table the unsharded sweep writes, byte for byte.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sim/engine/output.hpp"
#include "sim/experiments/sweep_plan.hpp"

namespace gs::experiments {

class DirectoryLock;

// The directory holds a different sweep, or files that are not a sweep's.
class SweepMismatch : public OutputDirNotEmpty {
 public:
  using OutputDirNotEmpty::OutputDirNotEmpty;
};

struct Shard {
  std::uint64_t index = 0;
  std::uint64_t count = 1;

  // "I/N" with 0 <= I < N; throws std::invalid_argument.
  static Shard parse(const std::string& text);
  bool owns(std::uint64_t run_id) const { return run_id % count == index; }
  std::string suffix() const;  // "" or "-I-of-N"
};

class SweepStore {
 public:
  // Opens (or creates) `dir` for `plan`'s shard; see the contract above.
  SweepStore(std::filesystem::path dir, const SweepPlan& plan, Shard shard);
  ~SweepStore();
  SweepStore(const SweepStore&) = delete;
  SweepStore& operator=(const SweepStore&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path results_file() const;
  std::filesystem::path journal_file() const;

  std::size_t shard_runs() const { return shard_runs_; }     // runs this shard owns
  std::size_t completed() const;                             // of them, journaled
  std::size_t discarded() const { return discarded_; }       // torn or bad lines dropped on open
  bool header_repaired() const { return header_repaired_; }  // a damaged header was rebuilt
  bool is_done(std::uint64_t run_id) const;
  // The shard's runs that are not in the journal, in run_id order.
  std::vector<Run> pending() const;
  // Whether the results file exists (the sweep finished before).
  bool results_written() const;

  // Records one completed run (thread-safe): its series file first (when the
  // sweep asks for series; `series_text` is series_csv of the run), then the
  // durable journal line. `row_text` is join_csv_line of SweepPlan::row.
  void record(std::uint64_t run_id, const std::string& row_text, const std::string& series_text);
  // Writes the results file from the journal; throws std::logic_error unless
  // every run of the shard is journaled.
  void write_results();

 private:
  void recover();
  void append_line(const std::string& line);

  std::filesystem::path dir_;
  std::unique_ptr<DirectoryLock> lock_;  // first: taken before anything is read or written
  const SweepPlan& plan_;
  Shard shard_;
  std::size_t shard_runs_ = 0;
  std::size_t discarded_ = 0;
  bool header_repaired_ = false;
  mutable std::mutex mutex_;
  std::vector<std::string> rows_;  // by run_id: the row text ("" when not done)
  std::vector<bool> done_;
  std::size_t completed_ = 0;
  int fd_ = -1;
};

// The header line and the table text of rows (sorted by run id) for a plan.
std::string table_header(const SweepPlan& plan);

// Joins the results of finished shards (any mix of directories, each holding
// results-I-of-N.csv files or a results.csv) into `out` as the unsharded sweep
// would have written it (manifest, journal, results.csv, series). Throws
// SweepMismatch for a directory of another sweep and std::runtime_error for a
// missing or conflicting run, naming them.
void merge_sweep(const SweepPlan& plan, const std::vector<std::filesystem::path>& shard_dirs,
                 const std::filesystem::path& out);

// A finished sweep's table as read back: columns and rows of cells.
struct SweepTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::size_t column(const std::string& name) const;  // throws std::out_of_range
};
SweepTable read_sweep_table(const std::filesystem::path& csv_file);

// The manifest of a sweep directory; throws std::runtime_error if it has none.
nlohmann::json read_manifest(const std::filesystem::path& dir);

}  // namespace gs::experiments
