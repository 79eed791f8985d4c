// Reading run directories for the report (contract in report.hpp): every
// problem is an InputFileError naming the file, and the line where it applies.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>

#include "sim/engine/csv.hpp"
#include "sim/engine/output.hpp"
#include "sim/report/report.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::report {
namespace fs = std::filesystem;
using scenario::InputFileError;

namespace {

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputFileError(file.string(), 0, "cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::vector<std::string>> read_csv(const fs::path& file) {
  std::istringstream in(slurp(file));
  std::vector<std::vector<std::string>> rows;
  std::uint64_t line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();  // tolerate CRLF
    if (line.empty()) continue;
    try {
      rows.push_back(split_csv_line(line));
    } catch (const std::invalid_argument& e) {
      throw InputFileError(file.string(), line_number, e.what());
    }
  }
  if (rows.empty()) throw InputFileError(file.string(), 0, "is empty (no header)");
  return rows;
}

double to_double(const std::string& cell, const fs::path& file, std::size_t line) {
  if (cell == "nan" || cell.empty()) return std::numeric_limits<double>::quiet_NaN();
  if (cell == "inf") return std::numeric_limits<double>::infinity();
  if (cell == "-inf") return -std::numeric_limits<double>::infinity();
  double value = 0.0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec != std::errc() || end != cell.data() + cell.size())
    throw InputFileError(file.string(), line, fmt::format("'{}' is not a number", cell));
  return value;
}

std::uint32_t to_id(const std::string& cell, const fs::path& file, std::size_t line) {
  std::uint32_t value = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec != std::errc() || end != cell.data() + cell.size())
    throw InputFileError(file.string(), line, fmt::format("'{}' is not an agent id", cell));
  return value;
}

bool is_run_dir(const fs::path& dir) {
  return fs::is_regular_file(dir / "summary.json");
}

}  // namespace

std::vector<fs::path> run_dirs(const std::vector<fs::path>& inputs) {
  if (inputs.empty()) throw InputFileError("", 0, "no run directory given");
  std::vector<fs::path> dirs;
  for (const auto& input : inputs) {
    if (!fs::is_directory(input))
      throw InputFileError(input.string(), 0, "not a directory (expected a run directory)");
    if (is_run_dir(input)) {
      dirs.push_back(input);
      continue;
    }
    std::vector<fs::path> children;
    for (const auto& entry : fs::directory_iterator(input))
      if (entry.is_directory() && is_run_dir(entry.path())) children.push_back(entry.path());
    if (children.empty())
      throw InputFileError(input.string(), 0,
                           "not a run directory: no summary.json here or in any sub-directory "
                           "(make one with `groundswell run SCENARIO --out DIR`)");
    std::sort(children.begin(), children.end());
    dirs.insert(dirs.end(), children.begin(), children.end());
  }
  return dirs;
}

RunData read_run(const fs::path& dir) {
  RunData run;
  run.dir = dir;
  run.label = dir.filename().string();
  if (run.label.empty()) run.label = dir.parent_path().filename().string();
  const fs::path summary_file = dir / "summary.json";
  if (!fs::is_regular_file(summary_file))
    throw InputFileError(summary_file.string(), 0, "missing: not a complete run directory");
  if (fs::exists(dir / kIncompleteMarker))
    throw InputFileError((dir / kIncompleteMarker).string(), 0,
                         "the run that wrote this directory stopped before it finished; run it "
                         "again (with --force) before reporting it");
  try {
    run.summary = nlohmann::json::parse(slurp(summary_file));
  } catch (const nlohmann::json::parse_error& e) {
    throw InputFileError(summary_file.string(), 0, std::string("not valid JSON: ") + e.what());
  }
  if (!run.summary.is_object() || !run.summary.contains("model"))
    throw InputFileError(summary_file.string(), 0, "not a Groundswell run summary (no `model`)");

  const fs::path series_file = dir / "series.csv";
  if (!fs::is_regular_file(series_file))
    throw InputFileError(series_file.string(), 0, "missing: the run's time series is needed");
  const auto series = read_csv(series_file);
  if (series.front().empty() || series.front().front() != "tick")
    throw InputFileError(series_file.string(), 1, "first column must be `tick`");
  run.columns.assign(series.front().begin() + 1, series.front().end());
  for (std::size_t r = 1; r < series.size(); ++r) {
    if (series[r].size() != series.front().size())
      throw InputFileError(
          series_file.string(), r + 1,
          fmt::format("{} cells, header has {}", series[r].size(), series.front().size()));
    run.ticks.push_back(to_id(series[r][0], series_file, r + 1));
    std::vector<double> row;
    for (std::size_t c = 1; c < series[r].size(); ++c)
      row.push_back(to_double(series[r][c], series_file, r + 1));
    run.series.push_back(std::move(row));
  }
  if (run.series.empty()) throw InputFileError(series_file.string(), 0, "has no recorded tick");

  if (const fs::path groups = dir / "groups.csv"; fs::is_regular_file(groups)) {
    auto rows = read_csv(groups);
    run.group_columns = rows.front();
    run.group_rows.assign(rows.begin() + 1, rows.end());
  }

  const fs::path snapshots = dir / "snapshots.csv", network = dir / "network.csv";
  if (fs::is_regular_file(snapshots) && fs::is_regular_file(network)) {
    const auto snaps = read_csv(snapshots);
    for (std::size_t r = 1; r < snaps.size(); ++r) {
      if (snaps[r].size() != 2)
        throw InputFileError(snapshots.string(), r + 1, "expected `tick,states`");
      run.snapshot_ticks.push_back(to_id(snaps[r][0], snapshots, r + 1));
      run.snapshot_states.push_back(snaps[r][1]);
      if (snaps[r][1].size() != snaps[1][1].size())
        throw InputFileError(snapshots.string(), r + 1, "row length differs from the first row");
    }
    if (!run.snapshot_states.empty())
      run.agents_total = static_cast<std::uint32_t>(run.snapshot_states.front().size());
    const auto ties = read_csv(network);
    std::vector<std::uint8_t> seen(run.agents_total, 0);
    auto note = [&](std::uint32_t a, std::size_t line) {
      if (a >= run.agents_total)
        throw InputFileError(
            network.string(), line,
            fmt::format("agent {} but the snapshots hold {} agents", a, run.agents_total));
      if (seen[a] == 0) run.sample_agents.push_back(a);
      seen[a] = 1;
    };
    for (std::size_t r = 1; r < ties.size(); ++r) {
      if (ties[r].empty() || ties[r].size() > 2)
        throw InputFileError(network.string(), r + 1, "expected `agent,neighbour`");
      const std::uint32_t a = to_id(ties[r][0], network, r + 1);
      note(a, r + 1);
      if (ties[r].size() == 2 && !ties[r][1].empty()) {
        const std::uint32_t b = to_id(ties[r][1], network, r + 1);
        note(b, r + 1);
        run.sample_ties.emplace_back(a, b);
      }
    }
  }
  return run;
}

std::vector<RunData> read_inputs(const std::vector<fs::path>& inputs) {
  std::vector<RunData> runs;
  for (const auto& dir : run_dirs(inputs)) runs.push_back(read_run(dir));
  std::map<std::string, int> count;
  for (const auto& r : runs) ++count[r.label];
  for (auto& r : runs) {
    if (count[r.label] > 1) {
      const auto parent = fs::absolute(r.dir).lexically_normal().parent_path().filename();
      r.label = parent.string() + "/" + r.label;
    }
  }
  return runs;
}

}  // namespace gs::report
