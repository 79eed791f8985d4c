// The calibration report: a calibration directory in, one self-contained HTML
// page out (`groundswell report CALIBRATION_DIR`).
//
// Contract: is_calibration_dir() is true for a directory holding the
// calibration.json that `groundswell calibrate` writes last (so only finished
// calibrations qualify). render_calibration() is a pure function of that JSON
// (calibration_output.hpp): the stop reason and cost, each parameter's
// posterior as a weighted histogram over its prior's 90% range with the
// posterior's 90% interval, pairwise scatter plots (opacity by weight), the
// per-generation (or per-wave) tolerance and acceptance, and every target's
// figure and interval against the posterior predictive 90% interval. Inline
// SVG and CSS only: no script, no network, so it opens offline. NaN values
// (JSON null) are shown as "n/a" and never plotted as 0.
// write_calibration_report() reads the JSON (InputFileError naming the file
// when it is malformed) and writes the page atomically.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace gs::report {

bool is_calibration_dir(const std::filesystem::path& dir);
std::string render_calibration(const nlohmann::json& result, const std::string& title);
void write_calibration_report(const std::filesystem::path& dir, const std::filesystem::path& output,
                              const std::string& title);

}  // namespace gs::report
