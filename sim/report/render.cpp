// Assembling the report page (contract in report.hpp): the embedded template
// (assets/report.html with report.css and report.js, see embed.cmake) plus one
// JSON document holding every run's data, placed in a
// <script type="application/json"> element with "</" escaped so no value can
// close the element early.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "sim/engine/output.hpp"
#include "sim/report/assets.hpp"
#include "sim/report/engine.hpp"
#include "sim/report/report.hpp"

namespace gs::report {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The in-browser model (wasm/), or "" when this build has none: the page then
// plays the recorded runs and says why its what-if button is disabled.
std::string engine_script() {
  std::string script;
  for (const auto chunk : assets::engine_chunks) script += chunk;
  return script;
}

json rounded(double v) {
  if (!std::isfinite(v)) return nullptr;
  return std::stod(fmt::format("{:.5g}", v));  // five significant digits are plenty to draw
}

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Fills the template's markers, which appear in this order; the template is
// scanned once, so no inserted text is ever searched for a marker.
std::string fill(const std::string& page,
                 const std::vector<std::pair<std::string, std::string>>& markers) {
  std::string out;
  std::size_t from = 0;
  for (const auto& [marker, with] : markers) {
    const auto at = page.find(marker, from);
    if (at == std::string::npos) throw std::logic_error("report template lacks " + marker);
    out.append(page, from, at - from);
    out += with;
    from = at + marker.size();
  }
  out.append(page, from, std::string::npos);
  return out;
}

json run_json(const RunData& r, const Options& options, json& layouts,
              std::map<std::string, std::size_t>& layout_index) {
  const json& resolved = r.summary.value("scenario", json::object()).value("resolved", json{});
  json out = {{"label", r.label},
              {"dir", r.dir.string()},
              {"model", r.summary.value("model", "")},
              {"seed", r.summary.value("seed", json(nullptr))},
              {"name", resolved.is_object() ? resolved.value("name", "") : ""},
              {"description", resolved.is_object() ? resolved.value("description", "") : ""},
              {"tick_unit", resolved.is_object() && resolved.contains("run")
                                ? resolved["run"].value("tick_unit", "tick")
                                : "tick"},
              {"model_summary", r.summary.value("model_summary", json::object())},
              {"resolved", resolved},
              {"ticks", r.ticks}};
  json series = json::object();
  for (std::size_t c = 0; c < r.columns.size(); ++c) {
    json column = json::array();
    for (const auto& row : r.series) column.push_back(rounded(row[c]));
    series[r.columns[c]] = std::move(column);
  }
  out["series"] = std::move(series);

  json rows = json::array();
  for (std::size_t i = 0; i < r.group_rows.size() && i < options.max_group_rows; ++i)
    rows.push_back(r.group_rows[i]);
  out["groups"] = {{"columns", r.group_columns}, {"rows", rows}, {"total", r.group_rows.size()}};

  if (r.snapshot_states.empty() || r.sample_agents.empty()) {
    out["network"] = nullptr;
    return out;
  }
  // One layout per distinct sample: same agents and ties -> same picture.
  std::string key;
  for (auto a : r.sample_agents) key += std::to_string(a) + ',';
  key += '|';
  for (const auto& [a, b] : r.sample_ties) key += fmt::format("{}-{},", a, b);
  key += std::to_string(r.agents_total);
  auto found = layout_index.find(key);
  if (found == layout_index.end()) {
    std::map<std::uint32_t, std::uint32_t> index;
    for (std::size_t i = 0; i < r.sample_agents.size(); ++i)
      index[r.sample_agents[i]] = static_cast<std::uint32_t>(i);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    json ties = json::array();
    for (const auto& [a, b] : r.sample_ties) {
      edges.emplace_back(index[a], index[b]);
      ties.push_back(index[a]);
      ties.push_back(index[b]);
    }
    const auto pos = force_layout(r.sample_agents.size(), edges);
    json xy = json::array();
    for (const auto& p : pos) {
      xy.push_back(std::round(p[0] * 1000.0) / 1000.0);
      xy.push_back(std::round(p[1] * 1000.0) / 1000.0);
    }
    layouts.push_back({{"agents_total", r.agents_total},
                       {"agents", r.sample_agents},
                       {"sampled", r.sample_agents.size()},
                       {"ties_drawn", r.sample_ties.size()},
                       {"xy", xy},
                       {"ties", ties}});
    found = layout_index.emplace(key, layouts.size() - 1).first;
  }
  // Frames: each recorded tick's states of the sampled agents, thinned evenly if many.
  const std::size_t frames = r.snapshot_states.size();
  const std::size_t stride = (frames + options.max_frames - 1) / options.max_frames;
  json ticks = json::array(), states = json::array();
  for (std::size_t f = 0; f < frames; f += std::max<std::size_t>(stride, 1)) {
    std::string s;
    s.reserve(r.sample_agents.size());
    for (auto a : r.sample_agents) s += r.snapshot_states[f][a];
    ticks.push_back(r.snapshot_ticks[f]);
    states.push_back(std::move(s));
  }
  if (ticks.back() != r.snapshot_ticks.back()) {  // always end on the last recorded tick
    std::string s;
    for (auto a : r.sample_agents) s += r.snapshot_states.back()[a];
    ticks.push_back(r.snapshot_ticks.back());
    states.push_back(std::move(s));
  }
  out["network"] = {{"layout", found->second}, {"ticks", ticks}, {"states", states}};
  return out;
}

}  // namespace

std::string render(const std::vector<RunData>& runs, const Options& options) {
  json layouts = json::array();
  std::map<std::string, std::size_t> layout_index;
  json run_list = json::array();
  for (const auto& r : runs) run_list.push_back(run_json(r, options, layouts, layout_index));
  const json data = {{"title", options.title},
                     {"version", version_string},
                     {"runs", run_list},
                     {"layouts", layouts}};
  std::string data_text = data.dump();
  for (std::size_t at = 0; (at = data_text.find("</", at)) != std::string::npos; at += 3)
    data_text.replace(at, 2, "<\\/");

  return fill(assets::report_html, {{"{{TITLE}}", html_escape(options.title)},
                                    {"/*{{CSS}}*/", assets::report_css},
                                    {"{{DATA}}", data_text},
                                    {"/*{{ENGINE}}*/", engine_script()},
                                    {"/*{{JS}}*/", assets::report_js}});
}

void write_report(const std::vector<fs::path>& inputs, const fs::path& output,
                  const Options& options) {
  const auto runs = read_inputs(inputs);  // every input problem surfaces before writing
  const std::string page = render(runs, options);
  const fs::path parent = output.parent_path().empty() ? fs::path(".") : output.parent_path();
  if (!fs::is_directory(parent))
    throw OutputError(parent.string() + ": the report's directory does not exist");
  write_atomically(output, page);
}

}  // namespace gs::report
