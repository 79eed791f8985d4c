#include "sim/engine/output.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <fstream>
#include <system_error>

#include "sim/engine/csv.hpp"

namespace gs {
namespace fs = std::filesystem;

void prepare_output_dir(const fs::path& dir, bool force) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) {
      throw OutputError(dir.string() + ": exists and is not a directory");
    }
    if (!force && fs::exists(dir / kIncompleteMarker, ec)) {
      throw OutputDirNotEmpty(
          dir.string() +
          ": holds an incomplete run (a run stopped while writing it, see its INCOMPLETE file); "
          "add --force to write over it, or choose another --out");
    }
    if (!force && !fs::is_empty(dir, ec)) {
      throw OutputDirNotEmpty(
          dir.string() +
          ": output directory is not empty; choose another --out or add --force "
          "(which replaces only the files a run writes)");
    }
  }
}

void write_atomically(const fs::path& file, const std::string& content) {
  const fs::path temporary =
      file.parent_path() / fmt::format(".{}.{}.tmp", file.filename().string(), ::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw OutputError(file.string() + ": cannot write");
    }
  }
  std::error_code ec;
  fs::rename(temporary, file, ec);
  if (ec) {
    fs::remove(temporary, ec);
    throw OutputError(file.string() + ": cannot move into place");
  }
}

std::string format_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return fmt::format("{}", value);
}

namespace {

nlohmann::json finite_or_null(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

}  // namespace

std::string series_csv(const RunResult& result) {
  std::string out = "tick";
  for (const auto& name : result.observables) out += "," + name;
  out += '\n';
  for (std::size_t row = 0; row < result.ticks.size(); ++row) {
    out += std::to_string(result.ticks[row]);
    for (double v : result.series[row]) {
      out += ',';
      out += format_number(v);
    }
    out += '\n';
  }
  return out;
}

std::string table_csv(const Table& table) {
  std::string out;
  auto append_row = [&out](const auto& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out += ',';
      out += csv_field(cell_text(cells[c]));
    }
    out += '\n';
  };
  append_row(table.columns);
  for (const auto& row : table.rows) append_row(row);
  return out;
}

std::string snapshots_csv(const RunResult& result) {
  // One row per recorded tick: the state code of every agent as one digit, in agent order.
  std::string out = "tick,states\n";
  for (std::size_t row = 0; row < result.snapshots.size(); ++row) {
    out += std::to_string(result.ticks[row]) + ',';
    for (std::uint8_t code : result.snapshots[row])
      out += static_cast<char>('0' + std::min<int>(code, 9));
    out += '\n';
  }
  return out;
}

std::string network_csv(const NetworkSample& sample) {
  std::string out = "agent,neighbour\n";
  std::vector<std::uint8_t> tied(sample.agents_total, 0);
  for (const Tie& t : sample.ties) {
    out += fmt::format("{},{}\n", t.u, t.v);
    tied[t.u] = tied[t.v] = 1;
  }
  for (AgentId a : sample.agents)
    if (tied[a] == 0) out += fmt::format("{},\n", a);
  return out;
}

nlohmann::json summary_json(const RunResult& result) {
  nlohmann::json final_values = nlohmann::json::object();
  for (std::size_t i = 0; i < result.observables.size(); ++i) {
    final_values[result.observables[i]] = finite_or_null(result.final_values()[i]);
  }
  const auto& scenario = *result.scenario;
  nlohmann::json overrides = nlohmann::json::array();
  for (const auto& o : scenario.overrides()) overrides.push_back(o.key + "=" + o.value);
  nlohmann::json network = nullptr;  // the model has no network
  if (result.network_counts)
    network = {{"agents", result.network_counts->agents},
               {"ties", result.network_counts->ties},
               {"residents_without_ties", result.network_counts->residents_without_ties}};
  return {
      {"groundswell_version", version_string},
      {"model", result.model},
      {"seed", result.seed},
      {"scenario",
       {{"file", scenario.file().string()},
        {"overrides", overrides},
        {"resolved", scenario.values()}}},
      {"ticks_run", result.ticks_run},
      {"stop_reason", result.stop_reason},
      {"network", network},
      {"final", final_values},
      {"model_summary", result.model_summary},
      {"timings",
       {{"setup_seconds", result.setup_seconds},
        {"step_seconds", result.step_seconds},
        {"ticks_per_second",
         result.step_seconds > 0 ? result.ticks_run / result.step_seconds : 0.0}}},
  };
}

void remove_stale_temporaries(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    // write_atomically's names: .<file>.<pid>.tmp
    const std::string name = entry.path().filename().string();
    if (name.size() < 6 || name.front() != '.' || !name.ends_with(".tmp")) continue;
    const std::string stem = name.substr(0, name.size() - 4);
    const auto dot = stem.rfind('.');
    if (dot == std::string::npos || dot == 0) continue;
    long pid = 0;
    const auto [end, error] =
        std::from_chars(stem.data() + dot + 1, stem.data() + stem.size(), pid);
    if (error != std::errc() || end != stem.data() + stem.size() || pid <= 0) continue;
    const bool alive = ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
    if (!alive || pid == ::getpid()) fs::remove(entry.path(), ec);
  }
}

void mark_incomplete(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw OutputError(dir.string() + ": cannot create directory: " + ec.message());
  remove_stale_temporaries(dir);
  // Written in place, not renamed: its existence is the signal, and a kill
  // before it exists leaves an empty directory, which holds no run either.
  std::ofstream marker(dir / kIncompleteMarker, std::ios::binary | std::ios::trunc);
  marker << fmt::format(
      "A run is writing this directory (pid {}), or one was stopped while "
      "writing it: its files may be missing or from an earlier run. "
      "This file is removed when the run's outputs are complete.\n",
      ::getpid());
  marker.flush();
  if (!marker) throw OutputError((dir / kIncompleteMarker).string() + ": cannot write");
}

void mark_complete(const fs::path& dir) {
  std::error_code ec;
  fs::remove(dir / kIncompleteMarker, ec);
  if (ec)
    throw OutputError((dir / kIncompleteMarker).string() + ": cannot remove: " + ec.message());
}

void write_run(const RunResult& result, const fs::path& dir) {
  mark_incomplete(dir);
  write_atomically(dir / "series.csv", series_csv(result));
  for (const auto& table : result.tables)
    write_atomically(dir / (table.name + ".csv"), table_csv(table));
  if (!result.snapshots.empty()) write_atomically(dir / "snapshots.csv", snapshots_csv(result));
  if (!result.network.agents.empty())
    write_atomically(dir / "network.csv", network_csv(result.network));
  // The summary goes last, then the marker goes: a directory with summary.json
  // and no INCOMPLETE file holds one complete run.
  write_atomically(dir / "summary.json", summary_json(result).dump(2) + "\n");
  mark_complete(dir);
}

}  // namespace gs
