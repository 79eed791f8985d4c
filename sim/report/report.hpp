// The trainer's report: run directories in, one self-contained HTML file out.
//
// Contract: read_inputs() accepts run directories (holding summary.json, as
// `groundswell run` writes them) and parent directories whose sub-directories
// are run directories (one per variant); anything else is an InputFileError
// naming the path and what is missing, raised before anything is written (the
// CLI maps it to exit code 3). render() returns the whole page: HTML, CSS and
// plain JavaScript from sim/report/assets/ embedded at build time, with the
// runs' data as JSON (each run's resolved scenario included, for the page's
// what-if reruns) and, when the build has it, the in-browser model (wasm/,
// WebAssembly inlined in JavaScript); no network access, no external library. write_report()
// writes it atomically (temporary file renamed into place), so a failed report
// never leaves a half-written file.
//
// The network animation needs snapshots.csv and network.csv (written when the
// scenario sets output.snapshots: true); without them the page says so and
// shows everything else. The engine samples at most network_sample_max
// residents for drawing (a breadth-first neighbourhood, sim/engine/runner.hpp);
// the page states the sample size. Residents are placed by a force-directed
// layout (layout.cpp); runs on the same network share one layout, so panels
// side by side show the same residents in the same places.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace gs::report {

struct RunData {
  std::string label;  // directory name (parent/name when names repeat)
  std::filesystem::path dir;
  nlohmann::json summary;
  std::vector<std::string> columns;  // series.csv columns after `tick`
  std::vector<std::uint32_t> ticks;
  std::vector<std::vector<double>> series;  // one row per recorded tick
  std::vector<std::string> group_columns;
  std::vector<std::vector<std::string>> group_rows;  // groups.csv cells as text
  std::vector<std::uint32_t> snapshot_ticks;
  std::vector<std::string> snapshot_states;  // one digit per agent per recorded tick
  std::uint32_t agents_total = 0;
  std::vector<std::uint32_t> sample_agents;                          // network.csv: sampled agents
  std::vector<std::pair<std::uint32_t, std::uint32_t>> sample_ties;  // agent ids
};

struct Options {
  std::string title = "Community mobilisation: what the simulation shows";
  std::size_t max_frames = 400;      // animation frames kept (evenly thinned beyond)
  std::size_t max_group_rows = 300;  // rows of each group list
};

// Expands parent directories into their run sub-directories (sorted by name).
std::vector<std::filesystem::path> run_dirs(const std::vector<std::filesystem::path>& inputs);
RunData read_run(const std::filesystem::path& dir);
std::vector<RunData> read_inputs(const std::vector<std::filesystem::path>& inputs);

// Fruchterman-Reingold layout of n nodes and edges given as node indices:
// positions in [0,1]^2, deterministic for (n, edges, seed).
std::vector<std::array<float, 2>> force_layout(
    std::size_t n, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges,
    unsigned iterations = 200, std::uint64_t seed = 1);

std::string render(const std::vector<RunData>& runs, const Options& options = {});
void write_report(const std::vector<std::filesystem::path>& inputs,
                  const std::filesystem::path& output, const Options& options = {});

}  // namespace gs::report
