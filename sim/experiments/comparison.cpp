// Scenario comparison: see comparison.hpp for the contract.
#include "sim/experiments/comparison.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/engine/csv.hpp"
#include "sim/engine/output.hpp"

namespace gs::experiments {
namespace {

std::vector<double> finite(const std::vector<double>& values) {
  std::vector<double> out;
  for (double v : values)
    if (std::isfinite(v)) out.push_back(v);
  return out;
}

std::string num(double v) {
  if (std::isnan(v)) return "n/a";
  return fmt::format("{:.4g}", v);
}

std::string with_ci(double estimate, const Interval& ci) {
  if (std::isnan(ci.lower)) return num(estimate);
  return fmt::format("{} [{}, {}]", num(estimate), num(ci.lower), num(ci.upper));
}

std::string signed_with_ci(double estimate, const Interval& ci) {
  const std::string e = std::isnan(estimate) ? "n/a" : fmt::format("{:+.4g}", estimate);
  if (std::isnan(ci.lower)) return e;
  return fmt::format("{} [{:+.4g}, {:+.4g}]", e, ci.lower, ci.upper);
}

std::string share_text(const Proportion& p) {
  return fmt::format("{:.0f}% [{:.0f}, {:.0f}]", 100 * p.estimate, 100 * p.ci.lower,
                     100 * p.ci.upper);
}

bool shown(const std::vector<std::string>& only, const std::string& name) {
  return only.empty() || std::find(only.begin(), only.end(), name) != only.end();
}

// Rows of cells: header, one per shown observable, then the verdict shares.
std::vector<std::vector<std::string>> cells(const Comparison& c,
                                            const std::vector<std::string>& only) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header{"observable"};
  for (std::size_t a = 0; a < c.arms.size(); ++a) {
    header.push_back(c.arms[a]);
    if (a > 0) header.push_back(fmt::format("{} diff", c.arms[a]));
  }
  rows.push_back(header);
  for (std::size_t o = 0; o < c.observables.size(); ++o) {
    if (!shown(only, c.observables[o])) continue;
    std::vector<std::string> row{c.observables[o]};
    for (std::size_t a = 0; a < c.arms.size(); ++a) {
      row.push_back(with_ci(c.summaries[o][a].mean, c.summaries[o][a].ci));
      if (a > 0)
        row.push_back(signed_with_ci(c.differences[o][a].estimate, c.differences[o][a].ci));
    }
    rows.push_back(row);
  }
  if (c.has_verdict) {
    for (const auto* label : {"share mobilised", "share atomised"}) {
      const auto& shares = std::string(label) == "share mobilised" ? c.mobilised : c.atomised;
      std::vector<std::string> row{label};
      for (std::size_t a = 0; a < c.arms.size(); ++a) {
        row.push_back(share_text(shares[a]));
        if (a > 0) row.push_back("");
      }
      rows.push_back(row);
    }
  }
  return rows;
}

}  // namespace

Comparison compare(const std::vector<CompareArm>& arms, const std::vector<std::string>& observables,
                   double level) {
  if (arms.empty()) throw std::invalid_argument("nothing to compare");
  Comparison c;
  c.observables = observables;
  c.level = level;
  c.replicates = arms.front().values.empty() ? 0 : arms.front().values.front().size();
  for (const auto& arm : arms) {
    c.arms.push_back(arm.label);
    if (arm.values.size() != observables.size())
      throw std::invalid_argument(fmt::format(
          "{} reports {} observables where {} reports {}: only runs of one model compare",
          arm.label, arm.values.size(), arms.front().label, observables.size()));
    for (const auto& v : arm.values)
      if (v.size() != c.replicates)
        throw std::invalid_argument(arm.label + ": replicate counts differ between arms");
  }
  c.summaries.assign(observables.size(), {});
  c.differences.assign(observables.size(), std::vector<Difference>(arms.size()));
  for (std::size_t o = 0; o < observables.size(); ++o) {
    for (std::size_t a = 0; a < arms.size(); ++a) {
      const auto values = finite(arms[a].values[o]);
      c.summaries[o].push_back(summarise(values, level));
      if (a == 0) continue;
      std::vector<double> x, y;
      for (std::size_t r = 0; r < c.replicates; ++r) {
        const double u = arms[a].values[o][r];
        const double v = arms[0].values[o][r];
        if (std::isfinite(u) && std::isfinite(v)) {
          x.push_back(u);
          y.push_back(v);
        }
      }
      if (x.size() >= 2) {
        c.differences[o][a] = difference_of_means(x, y, Pairing::paired, level);
      } else {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        Difference d;
        d.pairing = Pairing::paired;
        d.estimate = x.empty() ? nan : x[0] - y[0];
        d.standard_error = d.t_statistic = d.p_value = d.degrees_of_freedom = nan;
        d.level = level;
        d.ci = Interval{nan, nan};
        c.differences[o][a] = d;
      }
    }
  }
  c.has_verdict = !arms.front().verdicts.empty();
  if (c.has_verdict) {
    for (const auto& arm : arms) {
      const auto count = [&](const char* verdict) {
        return static_cast<std::size_t>(
            std::count(arm.verdicts.begin(), arm.verdicts.end(), verdict));
      };
      c.mobilised.push_back(wilson_interval(count("mobilised"), arm.verdicts.size(), level));
      c.atomised.push_back(wilson_interval(count("atomised"), arm.verdicts.size(), level));
    }
  }
  return c;
}

std::string comparison_text(const Comparison& c, const std::vector<std::string>& only) {
  const auto rows = cells(c, only);
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  std::string out = fmt::format(
      "{} replicates per arm, common random numbers; mean [{:.0f}% CI], and difference from {} "
      "[paired {:.0f}% CI]\n\n",
      c.replicates, 100 * c.level, c.arms.front(), 100 * c.level);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (std::size_t i = 0; i < rows[r].size(); ++i)
      line += i == 0 ? fmt::format("{:<{}}", rows[r][i], width[i])
                     : fmt::format("  {:>{}}", rows[r][i], width[i]);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    if (r == 0) {
      std::size_t total = 0;
      for (auto w : width) total += w + 2;
      out += std::string(total - 2, '-') + "\n";
    }
  }
  return out;
}

std::string comparison_markdown(const Comparison& c, const std::vector<std::string>& only) {
  const auto rows = cells(c, only);
  std::string out = fmt::format(
      "{} replicates per arm with common random numbers. Cells: mean [{:.0f}% t interval]; "
      "differences from {} with paired {:.0f}% t intervals; shares with Wilson intervals.\n\n",
      c.replicates, 100 * c.level, c.arms.front(), 100 * c.level);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out += "|";
    for (const auto& cell : rows[r]) {
      std::string escaped;
      for (char ch : cell) escaped += ch == '|' ? std::string("\\|") : std::string(1, ch);
      out += " " + escaped + " |";
    }
    out += "\n";
    if (r == 0) {
      out += "|---|";
      for (std::size_t i = 1; i < rows[r].size(); ++i) out += "---:|";
      out += "\n";
    }
  }
  return out;
}

std::string comparison_csv(const Comparison& c) {
  std::string out =
      "arm,observable,n,mean,sd,ci_lower,ci_upper,difference,difference_lower,"
      "difference_upper,difference_p_value\n";
  auto n = [](double v) { return format_number(v); };
  for (std::size_t a = 0; a < c.arms.size(); ++a) {
    for (std::size_t o = 0; o < c.observables.size(); ++o) {
      const auto& s = c.summaries[o][a];
      std::vector<std::string> row{c.arms[a], c.observables[o], std::to_string(s.n), n(s.mean),
                                   n(s.sd),   n(s.ci.lower),    n(s.ci.upper)};
      if (a == 0) {
        row.insert(row.end(), {"", "", "", ""});
      } else {
        const auto& d = c.differences[o][a];
        row.insert(row.end(), {n(d.estimate), n(d.ci.lower), n(d.ci.upper), n(d.p_value)});
      }
      out += join_csv_line(row) + "\n";
    }
    if (c.has_verdict) {
      for (const auto* label : {"share_mobilised", "share_atomised"}) {
        const auto& p = std::string(label) == "share_mobilised" ? c.mobilised[a] : c.atomised[a];
        out += join_csv_line({c.arms[a], label, std::to_string(p.trials), n(p.estimate), "",
                              n(p.ci.lower), n(p.ci.upper), "", "", "", ""}) +
               "\n";
      }
    }
  }
  return out;
}

}  // namespace gs::experiments
