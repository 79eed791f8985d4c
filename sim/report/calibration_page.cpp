// The calibration report page: see calibration_page.hpp for the contract.
#include "sim/report/calibration_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include "sim/engine/output.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::report {
namespace fs = std::filesystem;
namespace {

constexpr double kWidth = 360.0;
constexpr double kHeight = 150.0;
constexpr double kPad = 28.0;

std::string escape(const std::string& text) {
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

bool defined(const nlohmann::json& v) {
  return v.is_number() && std::isfinite(v.get<double>());
}

double num(const nlohmann::json& v) {
  return defined(v) ? v.get<double>() : std::nan("");
}

std::string show(const nlohmann::json& v) {
  return defined(v) ? fmt::format("{:.4g}", v.get<double>()) : "n/a";
}

struct Axis {
  double lo = 0.0;
  double hi = 1.0;
  double x(double v) const { return kPad + (v - lo) / (hi - lo) * (kWidth - 2 * kPad); }
};

Axis axis_over(std::vector<double> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
               values.end());
  if (values.empty()) return {};
  Axis a{*std::min_element(values.begin(), values.end()),
         *std::max_element(values.begin(), values.end())};
  const double span = a.hi - a.lo;
  const double pad = span > 0 ? 0.05 * span : (std::abs(a.lo) > 0 ? 0.05 * std::abs(a.lo) : 1.0);
  a.lo -= pad;
  a.hi += pad;
  return a;
}

std::string axis_labels(const Axis& a) {
  return fmt::format(
      "<text x='{:.1f}' y='{:.1f}' class='tick'>{:.3g}</text>"
      "<text x='{:.1f}' y='{:.1f}' class='tick' text-anchor='end'>{:.3g}</text>"
      "<line x1='{:.1f}' y1='{:.1f}' x2='{:.1f}' y2='{:.1f}' class='axis'/>",
      kPad, kHeight - 6, a.lo, kWidth - kPad, kHeight - 6, a.hi, kPad, kHeight - kPad,
      kWidth - kPad, kHeight - kPad);
}

std::string marginal_svg(const nlohmann::json& parameter, std::size_t index,
                         const nlohmann::json& posterior) {
  std::vector<double> values;
  std::vector<double> weights;
  for (const auto& p : posterior) {
    values.push_back(num(p.at("values").at(index)));
    weights.push_back(num(p.at("weight")));
  }
  std::vector<double> extent = values;
  extent.push_back(num(parameter.at("prior_q05")));
  extent.push_back(num(parameter.at("prior_q95")));
  const Axis a = axis_over(extent);
  constexpr int bins = 24;
  std::vector<double> mass(bins, 0.0);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i]) || std::isnan(weights[i])) continue;
    const int b =
        std::clamp(static_cast<int>((values[i] - a.lo) / (a.hi - a.lo) * bins), 0, bins - 1);
    mass[static_cast<std::size_t>(b)] += weights[i];
  }
  const double top = std::max(1e-300, *std::max_element(mass.begin(), mass.end()));
  std::string svg = fmt::format("<svg viewBox='0 0 {} {}' class='plot'>", kWidth, kHeight);
  // The prior's 90% range, shaded.
  const double p0 = a.x(num(parameter.at("prior_q05")));
  const double p1 = a.x(num(parameter.at("prior_q95")));
  if (std::isfinite(p0) && std::isfinite(p1))
    svg += fmt::format("<rect x='{:.1f}' y='10' width='{:.1f}' height='{:.1f}' class='prior'/>", p0,
                       p1 - p0, kHeight - kPad - 10);
  const double bar = (kWidth - 2 * kPad) / bins;
  for (int b = 0; b < bins; ++b) {
    const double h = mass[static_cast<std::size_t>(b)] / top * (kHeight - kPad - 16);
    svg += fmt::format("<rect x='{:.1f}' y='{:.1f}' width='{:.1f}' height='{:.1f}' class='bar'/>",
                       kPad + b * bar, kHeight - kPad - h, bar * 0.9, h);
  }
  for (const char* q : {"q05", "q95"}) {
    if (!defined(parameter.at(q))) continue;
    const double x = a.x(num(parameter.at(q)));
    svg += fmt::format("<line x1='{:.1f}' y1='10' x2='{:.1f}' y2='{:.1f}' class='interval'/>", x, x,
                       kHeight - kPad);
  }
  svg += axis_labels(a) + "</svg>";
  return svg;
}

std::string pair_svg(std::size_t ia, std::size_t ib, const nlohmann::json& posterior) {
  std::vector<double> xs;
  std::vector<double> ys;
  std::vector<double> ws;
  for (const auto& p : posterior) {
    xs.push_back(num(p.at("values").at(ia)));
    ys.push_back(num(p.at("values").at(ib)));
    ws.push_back(num(p.at("weight")));
  }
  const Axis ax = axis_over(xs);
  const Axis ay = axis_over(ys);
  double top = 0.0;
  for (double w : ws)
    if (!std::isnan(w)) top = std::max(top, w);
  std::string svg = fmt::format("<svg viewBox='0 0 {} {}' class='plot'>", kWidth, kHeight);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (std::isnan(xs[i]) || std::isnan(ys[i]) || std::isnan(ws[i])) continue;
    const double y = kHeight - kPad - (ys[i] - ay.lo) / (ay.hi - ay.lo) * (kHeight - kPad - 10);
    svg += fmt::format("<circle cx='{:.1f}' cy='{:.1f}' r='3' class='dot' opacity='{:.2f}'/>",
                       ax.x(xs[i]), y, top > 0 ? 0.15 + 0.85 * ws[i] / top : 1.0);
  }
  svg += axis_labels(ax);
  svg += fmt::format(
      "<text x='4' y='14' class='tick'>{:.3g}</text>"
      "<text x='4' y='{:.1f}' class='tick'>{:.3g}</text></svg>",
      ay.hi, kHeight - kPad, ay.lo);
  return svg;
}

std::string predictive_svg(const nlohmann::json& t) {
  const Axis a = axis_over({num(t.at("lower")), num(t.at("upper")), num(t.at("q05")),
                            num(t.at("q95")), num(t.at("value"))});
  std::string svg = fmt::format("<svg viewBox='0 0 {} 70' class='plot'>", kWidth);
  auto segment = [&](double lo, double hi, double y, const char* cls) {
    if (std::isnan(lo) || std::isnan(hi)) return;
    svg += fmt::format("<line x1='{:.1f}' y1='{}' x2='{:.1f}' y2='{}' class='{}'/>", a.x(lo), y,
                       a.x(hi), y, cls);
  };
  segment(num(t.at("lower")), num(t.at("upper")), 18, "figure");
  segment(num(t.at("q05")), num(t.at("q95")), 38, "predicted");
  if (defined(t.at("value")))
    svg += fmt::format("<circle cx='{:.1f}' cy='18' r='4' class='figure-dot'/>",
                       a.x(num(t.at("value"))));
  if (defined(t.at("median")))
    svg += fmt::format("<circle cx='{:.1f}' cy='38' r='4' class='predicted-dot'/>",
                       a.x(num(t.at("median"))));
  svg += fmt::format(
      "<text x='{:.1f}' y='64' class='tick'>{:.3g}</text>"
      "<text x='{:.1f}' y='64' class='tick' text-anchor='end'>{:.3g}</text></svg>",
      kPad, a.lo, kWidth - kPad, a.hi);
  return svg;
}

const char* kStyle = R"(
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd}
.grid{display:flex;flex-wrap:wrap;gap:1em}.card{border:1px solid #ddd;border-radius:6px;padding:.6em}
.plot{width:360px;height:auto;display:block}.tick{font-size:10px;fill:#555}
.axis{stroke:#888}.prior{fill:#eee}.bar{fill:#3a6ea5}.interval{stroke:#c0392b;stroke-dasharray:4 2}
.dot{fill:#3a6ea5}.figure{stroke:#222;stroke-width:3}.predicted{stroke:#3a6ea5;stroke-width:6;opacity:.6}
.figure-dot{fill:#222}.predicted-dot{fill:#3a6ea5}table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:.25em .6em;text-align:right}th{background:#f6f6f6}
td:first-child,th:first-child{text-align:left}.no{color:#c0392b;font-weight:bold}.yes{color:#2e7d32}
.note{color:#555;font-size:.9em}
)";

}  // namespace

bool is_calibration_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && fs::is_regular_file(dir / "calibration.json", ec);
}

std::string render_calibration(const nlohmann::json& result, const std::string& title) {
  const auto& parameters = result.at("parameters");
  const auto& posterior = result.at("posterior");
  std::string html = "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>" +
                     escape(title) + "</title><style>" + kStyle + "</style></head><body>";
  html += "<h1>" + escape(title) + "</h1>";
  html += fmt::format(
      "<p>Calibration <b>{}</b> by <b>{}</b>: {} runs, {} more for the predictive check; "
      "{} particles. Stopped: {}. Groundswell {}, seed {}, calibration hash {}.</p>",
      escape(result.at("name").get<std::string>()), escape(result.at("method").get<std::string>()),
      result.at("runs").get<std::size_t>(), result.at("predictive_runs").get<std::size_t>(),
      posterior.size(), escape(result.at("stop_reason").get<std::string>()),
      escape(result.at("groundswell_version").get<std::string>()),
      result.at("seed").get<std::uint64_t>(), escape(result.at("hash").get<std::string>()));
  if (result.at("method") == "history_matching")
    html +=
        "<p class='note'>History matching: the particles are the last wave's points not ruled "
        "out (equal weights), a description of the non-implausible region rather than a "
        "posterior.</p>";

  html +=
      "<h2>Parameters</h2><p class='note'>Bars: the posterior (weighted); grey: the "
      "prior's 90% range; dashed red: the posterior's 90% interval.</p><div class='grid'>";
  for (std::size_t j = 0; j < parameters.size(); ++j) {
    const auto& p = parameters[j];
    html += fmt::format(
        "<div class='card'><b>{}</b><br>median {} &middot; 90% [{}, {}] &middot; prior 90% "
        "[{}, {}]{}",
        escape(p.at("key").get<std::string>()), show(p.at("median")), show(p.at("q05")),
        show(p.at("q95")), show(p.at("prior_q05")), show(p.at("prior_q95")),
        marginal_svg(p, j, posterior));
    html += "</div>";
  }
  html += "</div>";

  if (parameters.size() > 1) {
    html += "<h2>Pairs</h2><div class='grid'>";
    for (std::size_t a = 0; a < parameters.size(); ++a) {
      for (std::size_t b = a + 1; b < parameters.size(); ++b) {
        double r = std::nan("");
        for (const auto& pair : result.at("pairs"))
          if (pair.at("a") == parameters[a].at("key") && pair.at("b") == parameters[b].at("key"))
            r = num(pair.at("correlation"));
        html += fmt::format("<div class='card'>{} (x) vs {} (y), correlation {}{}</div>",
                            escape(parameters[a].at("key").get<std::string>()),
                            escape(parameters[b].at("key").get<std::string>()),
                            std::isnan(r) ? "n/a" : fmt::format("{:.2f}", r),
                            pair_svg(a, b, posterior));
      }
    }
    html += "</div>";
  }

  html +=
      "<h2>Predictive check</h2><p class='note'>Black: the figure and its interval; blue: "
      "the 90% interval (dot: median) of fresh runs at the posterior's particles.</p>";
  html +=
      "<table><tr><th>target</th><th>figure</th><th>interval</th><th>predicted median</th>"
      "<th>predictive 90%</th><th>undefined</th><th>covered</th><th></th></tr>";
  for (const auto& t : result.at("predictive")) {
    const bool covered = t.at("covered").get<bool>();
    html += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>[{}, {}]</td><td>{}</td><td>[{}, {}]</td><td>{}</td>"
        "<td class='{}'>{}</td><td>{}</td></tr>",
        escape(t.at("target").get<std::string>()), show(t.at("value")), show(t.at("lower")),
        show(t.at("upper")), show(t.at("median")), show(t.at("q05")), show(t.at("q95")),
        defined(t.at("undefined_share"))
            ? fmt::format("{:.0f}%", 100 * t.at("undefined_share").get<double>())
            : "n/a",
        covered ? "yes" : "no", covered ? "yes" : "no", predictive_svg(t));
  }
  html += "</table>";

  if (result.contains("leave_one_out")) {
    html +=
        "<h2>Leave-one-out check</h2><p class='note'>The first wave, drawn from the prior, "
        "judged without each held-out scenario's figures: the 90% interval (blue) of the "
        "held-out figures' runs at the points the other figures leave not ruled out.</p>";
    html +=
        "<table><tr><th>held out</th><th>target</th><th>points left</th><th>figure</th>"
        "<th>predicted median</th><th>predictive 90%</th><th>covered</th><th></th></tr>";
    for (const auto& t : result.at("leave_one_out")) {
      const bool covered = t.at("covered").get<bool>();
      html += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{} of {}</td><td>{}</td><td>{}</td><td>[{}, {}]</td>"
          "<td class='{}'>{}</td><td>{}</td></tr>",
          escape(t.at("held_out").get<std::string>()), escape(t.at("target").get<std::string>()),
          t.at("points").dump(), t.at("first_wave_points").dump(), show(t.at("value")),
          show(t.at("median")), show(t.at("q05")), show(t.at("q95")), covered ? "yes" : "no",
          covered ? "yes" : "no", predictive_svg(t));
    }
    html += "</table>";
  }

  const bool abc = result.at("method") == "abc_smc";
  html += fmt::format(
      "<h2>{}</h2><table><tr><th>batch</th><th>points</th><th>{}</th>"
      "<th>{}</th><th>acceptance</th><th>effective sample size</th></tr>",
      abc ? "Generations" : "Waves", abc ? "tolerance" : "cut-off", abc ? "kept" : "not ruled out");
  for (const auto& b : result.at("batches"))
    html += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "</tr>",
        escape(b.at("name").get<std::string>()), b.at("points").dump(), show(b.at("threshold")),
        b.at("accepted").dump(), show(b.at("acceptance")), show(b.at("ess")));
  html += "</table>";
  html += "<h2>Provenance</h2><table><tr><th>file</th><th>FNV-1a</th></tr>";
  for (const auto& [file, hash] : result.at("files").items())
    html += fmt::format("<tr><td>{}</td><td>{}</td></tr>", escape(file),
                        escape(hash.get<std::string>()));
  html += "</table></body></html>\n";
  return html;
}

void write_calibration_report(const fs::path& dir, const fs::path& output,
                              const std::string& title) {
  const fs::path file = dir / "calibration.json";
  nlohmann::json result;
  std::string page;
  try {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    result = nlohmann::json::parse(text.str());
    page = render_calibration(
        result, title.empty() ? "Calibration: " + result.at("name").get<std::string>() : title);
  } catch (const nlohmann::json::exception& e) {
    throw scenario::InputFileError(file.string(), 0,
                                   std::string("not a calibration result: ") + e.what());
  }
  const fs::path parent = output.parent_path().empty() ? fs::path(".") : output.parent_path();
  if (!fs::is_directory(parent))
    throw OutputError(parent.string() + ": the report's directory does not exist");
  write_atomically(output, page);
}

}  // namespace gs::report
