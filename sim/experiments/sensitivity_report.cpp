// Sensitivity reports from sweep tables: see sensitivity_report.hpp.
#include "sim/experiments/sensitivity_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "sim/engine/csv.hpp"
#include "sim/engine/output.hpp"

namespace gs::experiments {
namespace {

std::string num(double v) {
  return std::isnan(v) ? "n/a" : fmt::format("{:.3f}", v);
}

std::string with_ci(double v, const Interval& ci) {
  if (std::isnan(ci.lower)) return num(v);
  return fmt::format("{} [{}, {}]", num(v), num(ci.lower), num(ci.upper));
}

bool shown(const std::vector<std::string>& only, const std::string& name) {
  return only.empty() || std::find(only.begin(), only.end(), name) != only.end();
}

}  // namespace

std::vector<std::string> sobol_warnings(const std::vector<std::string>& factors,
                                        const std::string& name, const SobolIndices& s,
                                        double precision, std::vector<std::string>* notes) {
  std::vector<std::string> warnings;
  if (notes != nullptr) notes->assign(factors.size(), "");
  double widest = 0.0;
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const auto& factor = factors[i];
    std::string note;
    for (const auto& [label, value, ci] :
         {std::tuple{"S1", s.first_order[i], s.first_order_ci[i]},
          std::tuple{"ST", s.total_order[i], s.total_order_ci[i]}}) {
      if (!std::isnan(ci.lower)) widest = std::max(widest, (ci.upper - ci.lower) / 2.0);
      if (std::isnan(value) || (value >= 0.0 && value <= 1.0)) continue;
      const bool beyond = !std::isnan(ci.lower) && (ci.lower > 1.0 || ci.upper < 0.0);
      warnings.push_back(fmt::format(
          "{} of {} for {} is {:.3f}, outside [0, 1] where a share of variance must lie{}: "
          "sampling error; use more samples",
          label, factor, name, value,
          beyond ? ", and so is its whole interval" : " (its interval reaches back into it)"));
      note += (note.empty() ? "" : "; ") + std::string(label) + " outside [0, 1]" +
              (beyond ? " beyond its interval" : "");
    }
    if (s.first_order[i] > s.total_order[i]) {
      warnings.push_back(fmt::format(
          "S1 ({:.3f}) exceeds ST ({:.3f}) for {} on {}: impossible in theory (S1 <= ST), so "
          "sampling error dominates; use more samples",
          s.first_order[i], s.total_order[i], factor, name));
      note += (note.empty() ? "" : "; ") + std::string("S1 > ST");
    }
    if (notes != nullptr) (*notes)[i] = note;
  }
  if (widest > precision) {
    const double needed =
        static_cast<double>(s.base_samples) * (widest / precision) * (widest / precision);
    warnings.push_back(fmt::format(
        "{}: intervals reach +-{:.2f}, wider than the requested +-{:.2f}: N = {} base samples "
        "is too few; about N = {:.0f} would do (half-widths shrink as 1/sqrt(N))",
        name, widest, precision, s.base_samples, std::ceil(needed)));
  }
  return warnings;
}

SensitivityReport analyse_sensitivity(const SweepSpec& spec, const SweepDesign& design,
                                      const SweepTable& table, const BootstrapOptions& bootstrap,
                                      double precision) {
  if (spec.design != DesignKind::saltelli && spec.design != DesignKind::morris)
    throw std::invalid_argument(fmt::format(
        "sensitivity indices need a saltelli design (Sobol' indices) or a morris design "
        "(elementary effects); this sweep's design is {}",
        design_name(spec.design)));
  SensitivityReport report;
  report.design = spec.design;
  report.factors = spec.space.keys();
  const std::size_t points = design.points.size();
  const std::size_t point_col = table.column("point");
  const std::size_t first_observable = 4 + spec.space.size();
  if (table.rows.size() != points * spec.replicates)
    throw std::invalid_argument(fmt::format("the table has {} runs where the design has {}",
                                            table.rows.size(), points * spec.replicates));
  for (std::size_t col = first_observable; col < table.columns.size(); ++col) {
    const auto& name = table.columns[col];
    if (name == "verdict") continue;
    std::vector<double> sum(points, 0.0);
    std::vector<std::size_t> count(points, 0);
    std::string problem;
    for (const auto& row : table.rows) {
      const std::size_t p = std::stoull(row[point_col]);
      double v = std::nan("");
      try {
        v = std::stod(row[col]);
      } catch (const std::exception&) {
      }
      if (p >= points) throw std::invalid_argument("the table has a point outside the design");
      if (!std::isfinite(v)) problem = "not finite in some runs";
      sum[p] += v;
      ++count[p];
    }
    if (problem.empty()) {
      for (std::size_t p = 0; p < points; ++p)
        if (count[p] != spec.replicates) problem = fmt::format("point {} lacks replicates", p);
    }
    if (!problem.empty()) {
      report.skipped.push_back(name + ": " + problem);
      continue;
    }
    std::vector<double> outputs(points);
    for (std::size_t p = 0; p < points; ++p) outputs[p] = sum[p] / static_cast<double>(count[p]);
    report.observables.push_back(name);
    report.notes.emplace_back(report.factors.size());
    if (spec.design == DesignKind::saltelli) {
      report.sobol.push_back(sobol_indices(*design.saltelli, outputs, bootstrap));
      if (report.sobol.back().zero_variance) {
        report.notes.back().assign(report.factors.size(), "constant");
      } else {
        const auto found = sobol_warnings(report.factors, name, report.sobol.back(), precision,
                                          &report.notes.back());
        report.warnings.insert(report.warnings.end(), found.begin(), found.end());
      }
    } else {
      report.morris.push_back(morris_indices(*design.morris, outputs));
      const auto& mu_star = report.morris.back().mu_star;
      if (std::all_of(mu_star.begin(), mu_star.end(), [](double v) { return v == 0.0; }))
        report.notes.back().assign(report.factors.size(), "constant");
    }
  }
  return report;
}

std::string sensitivity_text(const SensitivityReport& report,
                             const std::vector<std::string>& only) {
  std::string out;
  std::vector<std::string> constant;
  std::size_t width = 6;
  for (const auto& f : report.factors) width = std::max(width, f.size());
  for (std::size_t o = 0; o < report.observables.size(); ++o) {
    const auto& name = report.observables[o];
    if (!shown(only, name)) continue;
    if (report.design == DesignKind::saltelli) {
      const auto& s = report.sobol[o];
      if (s.zero_variance) {
        constant.push_back(name);
        continue;
      }
      out += fmt::format(
          "{}  (mean {:.4g}, variance {:.4g}; N = {}, {:.0f}% bootstrap CI, {} "
          "resamples)\n",
          name, s.mean, s.variance, s.base_samples, 100 * s.level, s.resamples);
      out +=
          fmt::format("  {:<{}}  {:>26}  {:>26}\n", "factor", width, "first order S1", "total ST");
      for (std::size_t i = 0; i < report.factors.size(); ++i)
        out += fmt::format("  {:<{}}  {:>26}  {:>26}\n", report.factors[i], width,
                           with_ci(s.first_order[i], s.first_order_ci[i]),
                           with_ci(s.total_order[i], s.total_order_ci[i]));
    } else {
      const auto& m = report.morris[o];
      bool any = false;
      for (double v : m.mu_star) any = any || v != 0.0;
      if (!any) {
        constant.push_back(name);
        continue;
      }
      out += fmt::format("{}  (Morris, {} trajectories; effects per whole factor range)\n", name,
                         m.trajectories);
      out +=
          fmt::format("  {:<{}}  {:>10}  {:>10}  {:>10}\n", "factor", width, "mu*", "mu", "sigma");
      for (std::size_t i = 0; i < report.factors.size(); ++i)
        out += fmt::format("  {:<{}}  {:>10.4g}  {:>10.4g}  {:>10.4g}\n", report.factors[i], width,
                           m.mu_star[i], m.mu[i], m.sigma[i]);
    }
    out += "\n";
  }
  if (!constant.empty()) {
    std::string list;
    for (const auto& c : constant) list += (list.empty() ? "" : ", ") + c;
    out += "constant over the design (no variance to apportion): " + list + "\n";
  }
  for (const auto& s : report.skipped) out += "skipped " + s + "\n";
  if (!report.warnings.empty()) {
    out += "\nwarnings:\n";
    for (const auto& w : report.warnings) {  // wrapped to 100 columns
      std::string line = "  -";
      std::istringstream words(w);
      for (std::string word; words >> word;) {
        if (line.size() + 1 + word.size() > 100) {
          out += line + "\n";
          line = "   ";
        }
        line += " " + word;
      }
      out += line + "\n";
    }
  }
  return out;
}

std::string sensitivity_csv(const SensitivityReport& report) {
  std::string out = "observable,factor,index,estimate,ci_lower,ci_upper,note\n";
  auto n = [](double v) { return format_number(v); };
  for (std::size_t o = 0; o < report.observables.size(); ++o) {
    for (std::size_t i = 0; i < report.factors.size(); ++i) {
      const auto& obs = report.observables[o];
      const auto& f = report.factors[i];
      const auto& note = report.notes[o][i];
      if (report.design == DesignKind::saltelli) {
        const auto& s = report.sobol[o];
        out += join_csv_line({obs, f, "S1", n(s.first_order[i]), n(s.first_order_ci[i].lower),
                              n(s.first_order_ci[i].upper), note}) +
               "\n";
        out += join_csv_line({obs, f, "ST", n(s.total_order[i]), n(s.total_order_ci[i].lower),
                              n(s.total_order_ci[i].upper), note}) +
               "\n";
      } else {
        const auto& m = report.morris[o];
        out += join_csv_line({obs, f, "mu", n(m.mu[i]), "", "", note}) + "\n";
        out += join_csv_line({obs, f, "mu_star", n(m.mu_star[i]), "", "", note}) + "\n";
        out += join_csv_line({obs, f, "sigma", n(m.sigma[i]), "", "", note}) + "\n";
      }
    }
  }
  return out;
}

}  // namespace gs::experiments
