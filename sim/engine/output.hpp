// Run outputs on disk: series.csv, summary.json, one CSV per model table,
// snapshots.csv when asked for.
//
// Contract: nothing a user produced is lost and nothing is half-written.
// prepare_output_dir refuses an existing non-empty directory unless `force`,
// and creates nothing: write_run creates the directory when there is a result
// to put in it, so a failed run leaves no trace. Even with `force` only the
// files a run writes are replaced; nothing else is ever deleted. Every file is written to a
// temporary name in the same directory and renamed into place, so a reader sees the old file or the
// complete new one. Numbers are written in their shortest round-trip form, so
// reading them back gives the same double, bit for bit.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "sim/engine/runner.hpp"

namespace gs {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The output directory exists and holds files, and `force` was not given.
class OutputDirNotEmpty : public OutputError {
 public:
  using OutputError::OutputError;
};

inline constexpr const char* version_string = GS_VERSION;

void prepare_output_dir(const std::filesystem::path& dir, bool force);
void write_atomically(const std::filesystem::path& file, const std::string& content);

std::string format_number(double value);
std::string series_csv(const RunResult& result);
std::string table_csv(const Table& table);
std::string snapshots_csv(const RunResult& result);
// network.csv (with snapshots.csv, when the model has a network): the drawn
// sample of ties at tick 0, one `agent,neighbour` row per tie (agent < neighbour),
// then one `agent,` row per sampled agent with no tie inside the sample.
std::string network_csv(const NetworkSample& sample);
nlohmann::json summary_json(const RunResult& result);

// The file that marks a run directory as being written, or stopped while
// being written (killed, disk full, a failed write): created before the first
// output file and removed after the last, so a directory that holds it is
// never mistaken for a finished run.
inline constexpr const char* kIncompleteMarker = "INCOMPLETE";

// Creates `dir` if needed, deletes temporary files (.NAME.PID.tmp) that a
// process no longer alive left there, and writes the INCOMPLETE marker.
void mark_incomplete(const std::filesystem::path& dir);
// Removes the marker: every output of `dir` is in place.
void mark_complete(const std::filesystem::path& dir);
// Deletes .NAME.PID.tmp files of processes that no longer exist.
void remove_stale_temporaries(const std::filesystem::path& dir);

// Writes every output of one run into `dir` (which prepare_output_dir has
// vetted), between mark_incomplete and mark_complete.
void write_run(const RunResult& result, const std::filesystem::path& dir);

}  // namespace gs
