// The engine as the report page calls it: one scenario in as JSON text, one
// run's results out as JSON text (the WebAssembly build, wasm/CMakeLists.txt;
// compiled natively too, for the test that compares it with the CLI).
//
// Contract: gs_run_json(text) resolves `text` (a complete scenario as a JSON
// object, e.g. a run's summary.json scenario.resolved with some keys changed)
// against the built-in models' schemas through the same scenario layer as
// `groundswell run` (sim/scenario), runs it with the scenario's seed
// (sim/engine/runner.hpp) and returns a malloc'd, NUL-terminated JSON object:
//   {model, seed, ticks_run, scenario (resolved), observables, ticks,
//    series (one row per recorded tick; NaN as null), snapshots (one string of
//    state digits per recorded tick, when output.snapshots is set),
//    summary (the model's), groups {columns, rows (cells as groups.csv has
//    them), total}}
// or {"error": "..."} naming every scenario problem (unknown key with a
// did-you-mean, wrong type, out of range) as the CLI prints them. Release the
// result with gs_free. Same scenario and seed give the same numbers as the CLI,
// bit for bit: the page builds no numbers itself.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>

#include "models/registry.hpp"
#include "sim/engine/csv.hpp"
#include "sim/engine/runner.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

char* copy_out(const std::string& text) {
  auto* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out != nullptr) std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

nlohmann::json number_or_null(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

nlohmann::json run_json(const std::string& text) {
  using nlohmann::json;
  const auto& registry = gs::builtin_models();
  const auto document = gs::scenario::Document::parse(text, "what-if scenario");
  std::shared_ptr<const gs::scenario::Scenario> scenario;
  scenario = document.resolve({}, registry);
  gs::RunResult result;
  try {
    result = gs::run(scenario, registry);
  } catch (const gs::scenario::ParameterError& e) {
    throw gs::scenario::ScenarioError({scenario->locate(e.key(), e.message())});
  }
  json out = {{"model", result.model},
              {"seed", result.seed},
              {"ticks_run", result.ticks_run},
              {"scenario", scenario->values()},
              {"observables", result.observables},
              {"ticks", result.ticks},
              {"summary", result.model_summary}};
  json series = json::array();
  for (const auto& row : result.series) {
    json values = json::array();
    for (double v : row) values.push_back(number_or_null(v));
    series.push_back(std::move(values));
  }
  out["series"] = std::move(series);
  json snapshots = json::array();
  for (const auto& states : result.snapshots) {
    std::string digits(states.size(), '0');
    for (std::size_t i = 0; i < states.size(); ++i)
      digits[i] = static_cast<char>('0' + std::min<int>(states[i], 9));
    snapshots.push_back(std::move(digits));
  }
  out["snapshots"] = std::move(snapshots);
  out["groups"] = {{"columns", json::array()}, {"rows", json::array()}, {"total", 0}};
  for (const auto& table : result.tables) {
    if (table.name != "groups") continue;
    json rows = json::array();
    for (const auto& row : table.rows) {
      json cells = json::array();
      for (const auto& cell : row) cells.push_back(gs::cell_text(cell));
      rows.push_back(std::move(cells));
    }
    out["groups"] = {{"columns", table.columns}, {"rows", rows}, {"total", table.rows.size()}};
  }
  return out;
}

}  // namespace

extern "C" {

char* gs_run_json(const char* scenario_json) {
  try {
    return copy_out(run_json(scenario_json == nullptr ? "" : scenario_json).dump());
  } catch (const gs::scenario::ScenarioError& e) {
    std::string message;
    for (const auto& d : e.diagnostics()) message += d.str() + "\n";
    return copy_out(nlohmann::json{{"error", message}}.dump());
  } catch (const std::exception& e) {
    return copy_out(nlohmann::json{{"error", e.what()}}.dump());
  }
}

void gs_free(char* text) {
  std::free(text);
}

}  // extern "C"
