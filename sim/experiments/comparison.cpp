// Scenario comparison: see comparison.hpp for the contract (Law 2015; Efron &
// Tibshirani 1993; Wilson 1927).
#include "sim/experiments/comparison.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

#include "sim/engine/csv.hpp"
#include "sim/engine/output.hpp"

namespace gs::experiments {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t max_columns = 100;

std::vector<double> finite(const std::vector<double>& values) {
  std::vector<double> out;
  for (double v : values)
    if (std::isfinite(v)) out.push_back(v);
  return out;
}

double mean_at(const std::vector<double>& values, std::span<const std::size_t> indices) {
  double sum = 0.0;
  for (std::size_t i : indices) sum += values[i];
  return sum / static_cast<double>(indices.size());
}

double mean_of(const std::vector<double>& values) {
  if (values.empty()) return nan;
  double sum = 0.0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

Estimate bootstrap_mean(const std::vector<double>& values, const CompareOptions& options,
                        const char* method) {
  Estimate e = undefined_estimate();
  e.value = mean_of(values);
  e.method = method;
  e.ci = bootstrap_interval(
             values.size(), [&](std::span<const std::size_t> idx) { return mean_at(values, idx); },
             options.level, options.bootstrap_seed, options.resamples)
             .ci;
  return e;
}

bool bounded(ObservableKind kind) {
  return kind == ObservableKind::share || kind == ObservableKind::count;
}

ArmSummary summarise_arm(const std::vector<double>& values, const std::vector<double>& reference,
                         bool is_reference, const ObservableInfo& info,
                         const CompareOptions& options) {
  ArmSummary s;
  const auto defined = finite(values);
  s.defined = defined.size();
  if (info.kind == ObservableKind::categorical) {
    for (std::size_t k = 0; k < info.categories.size(); ++k) {
      const auto code = static_cast<double>(k);
      s.shares.push_back(share(
          defined, [code](double v) { return v == code; }, options.level));
    }
  } else if (!defined.empty()) {
    const Summary t = summarise(defined, options.level);
    s.sd = t.sd;
    if (bounded(info.kind)) {
      s.mean = bootstrap_mean(defined, options, "bootstrap");
    } else {
      s.mean = {t.mean, t.ci, "t", nan};
    }
  }
  if (is_reference) return s;
  // Pairs: replicates defined in both arms.
  std::vector<double> x, y;
  for (std::size_t r = 0; r < values.size(); ++r) {
    if (std::isfinite(values[r]) && std::isfinite(reference[r])) {
      x.push_back(values[r]);
      y.push_back(reference[r]);
    }
  }
  if (x.empty()) {
    if (info.kind == ObservableKind::categorical)
      s.share_differences.assign(info.categories.size(), undefined_estimate());
    return s;
  }
  if (info.kind == ObservableKind::categorical) {
    for (std::size_t k = 0; k < info.categories.size(); ++k) {
      const auto code = static_cast<double>(k);
      std::vector<double> d(x.size());
      for (std::size_t i = 0; i < x.size(); ++i)
        d[i] = (x[i] == code ? 1.0 : 0.0) - (y[i] == code ? 1.0 : 0.0);
      s.share_differences.push_back(bootstrap_mean(d, options, "paired bootstrap"));
    }
    return s;
  }
  if (bounded(info.kind)) {
    std::vector<double> d(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) d[i] = x[i] - y[i];
    s.difference = bootstrap_mean(d, options, "paired bootstrap");
  } else if (x.size() >= 2) {
    const Difference d = difference_of_means(x, y, Pairing::paired, options.level);
    s.difference = {d.estimate, d.ci, "paired t", d.p_value};
  } else {
    s.difference.value = x[0] - y[0];
    s.difference.method = "paired t";
  }
  return s;
}

std::ptrdiff_t index_of(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : it - names.begin();
}

// Economics of arm a against arm 0 from the per-replicate differences.
void add_economics(Comparison& c, const std::vector<CompareArm>& arms,
                   const CompareOptions& options) {
  const auto& names = options.economics;
  const auto cost = index_of(c.observables, names.cost);
  const auto value = index_of(c.observables, names.value);
  const auto people = index_of(c.observables, names.participants);
  if (cost < 0 || (value < 0 && people < 0)) return;
  // d[r] of an observable between arm a and arm 0; NaN when undefined in either.
  const auto deltas = [&](std::ptrdiff_t o, std::size_t a) {
    std::vector<double> d(c.replicates, nan);
    if (o < 0) return d;
    const auto k = static_cast<std::size_t>(o);
    for (std::size_t r = 0; r < c.replicates; ++r)
      d[r] = arms[a].values[k][r] - arms[0].values[k][r];
    return d;
  };
  using Statistic = std::function<double(const std::vector<double>&, const std::vector<double>&)>;
  // A ratio of mean differences (or a difference of them) over the replicates
  // where both are defined, with a paired bootstrap interval.
  const auto measure = [&](const std::vector<double>& top, const std::vector<double>& bottom,
                           const Statistic& f) {
    std::vector<double> t, b;
    for (std::size_t r = 0; r < top.size(); ++r) {
      if (std::isfinite(top[r]) && std::isfinite(bottom[r])) {
        t.push_back(top[r]);
        b.push_back(bottom[r]);
      }
    }
    Estimate e = undefined_estimate();
    if (t.empty()) return e;
    e.value = f(t, b);
    e.method = "paired bootstrap";
    if (!std::isfinite(e.value)) return e;
    std::vector<double> rt(t.size()), rb(t.size());
    e.ci = bootstrap_interval(
               t.size(),
               [&](std::span<const std::size_t> idx) {
                 for (std::size_t i = 0; i < idx.size(); ++i) {
                   rt[i] = t[idx[i]];
                   rb[i] = b[idx[i]];
                 }
                 return f(rt, rb);
               },
               options.level, options.bootstrap_seed, options.resamples)
               .ci;
    return e;
  };
  const Statistic net = [](const std::vector<double>& dv, const std::vector<double>& dc) {
    return mean_of(dv) - mean_of(dc);
  };
  const Statistic ratio = [](const std::vector<double>& top, const std::vector<double>& bottom) {
    const double b = mean_of(bottom);
    return b == 0.0 ? nan : mean_of(top) / b;
  };
  const Statistic per_person = [](const std::vector<double>& dc, const std::vector<double>& dp) {
    const double p = mean_of(dp);
    return p > 0.0 ? mean_of(dc) / p : nan;  // only for additional participants
  };
  EconomicMeasure net_benefit{
      "net_benefit", fmt::format("net benefit: extra {} - extra {}", names.value, names.cost), {}};
  EconomicMeasure roi{
      "return_on_investment",
      fmt::format("return on investment: extra {} per extra {}", names.value, names.cost),
      {}};
  EconomicMeasure per{"cost_per_additional_participant",
                      fmt::format("cost per additional participant: extra {} per extra {}",
                                  names.cost, names.participants),
                      {}};
  for (std::size_t a = 0; a < arms.size(); ++a) {
    if (a == 0) {
      for (auto* m : {&net_benefit, &roi, &per}) m->per_arm.push_back(undefined_estimate());
      continue;
    }
    const auto dc = deltas(cost, a);
    const auto dv = deltas(value, a);
    const auto dp = deltas(people, a);
    net_benefit.per_arm.push_back(measure(dv, dc, net));
    roi.per_arm.push_back(measure(dv, dc, ratio));
    per.per_arm.push_back(measure(dc, dp, per_person));
  }
  if (value >= 0) {
    c.economics.push_back(std::move(net_benefit));
    c.economics.push_back(std::move(roi));
  }
  if (people >= 0) c.economics.push_back(std::move(per));
}

bool shown(const std::vector<std::string>& only, const std::string& name) {
  return only.empty() || std::find(only.begin(), only.end(), name) != only.end();
}

std::string signed_number(double v) {
  if (std::isnan(v)) return "n/a";
  const std::string s = human_number(v);
  return v > 0 ? "+" + s : s;
}

std::string estimate_text(const Estimate& e, bool sign) {
  const auto f = sign ? signed_number : human_number;
  if (std::isnan(e.value)) return "n/a";
  if (std::isnan(e.ci.lower)) return f(e.value);
  return fmt::format("{} [{}, {}]", f(e.value), f(e.ci.lower), f(e.ci.upper));
}

std::string percent(double share) {
  return std::isnan(share) ? "n/a" : fmt::format("{:.0f}", 100 * share);
}

std::string share_text(const Proportion& p) {
  if (p.trials == 0) return "n/a";
  return fmt::format("{}% [{}, {}]", percent(p.estimate), percent(p.ci.lower), percent(p.ci.upper));
}

std::string points_text(const Estimate& e) {
  if (std::isnan(e.value)) return "n/a";
  const auto f = [](double v) { return fmt::format("{:+.0f}", 100 * v); };
  if (std::isnan(e.ci.lower)) return f(e.value) + " pts";
  return fmt::format("{} pts [{}, {}]", f(e.value), f(e.ci.lower), f(e.ci.upper));
}

std::string kind_text(const ObservableInfo& info) {
  switch (info.kind) {
    case ObservableKind::share:
      return "share, 0 to 1";
    case ObservableKind::count:
      return "count, 0 or more";
    case ObservableKind::categorical:
      return "categorical: share of runs in each category";
    case ObservableKind::real:
      break;
  }
  return "";
}

std::string label_cell(const std::string& label) {
  constexpr std::size_t widest = 28;
  if (label.size() <= widest) return label;
  return label.substr(0, widest - 1) + "~";
}

// Lays out a block: a title line, then rows of cells, left column left-aligned.
std::string block(const std::string& title, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  std::string out = title + "\n";
  for (const auto& row : rows) {
    std::string line = " ";
    for (std::size_t i = 0; i < row.size(); ++i)
      line += fmt::format(" {:<{}} ", row[i], i + 1 < row.size() ? width[i] : 0);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out + "\n";
}

std::string defined_note(const ArmSummary& s, std::size_t replicates) {
  if (s.defined == replicates) return "";
  if (s.defined == 0) return "undefined in every run";
  return fmt::format("defined in {} of {} runs", s.defined, replicates);
}

std::string observable_block(const Comparison& c, std::size_t o) {
  const auto& info = c.info[o];
  const std::string kind = kind_text(info);
  const std::string title = kind.empty() ? c.observables[o] : c.observables[o] + "  (" + kind + ")";
  const auto level = fmt::format("{:.0f}%", 100 * c.level);
  std::vector<std::vector<std::string>> rows;
  if (info.kind == ObservableKind::categorical) {
    std::vector<std::string> header{"scenario"};
    for (const auto& k : info.categories) header.push_back(k);
    rows.push_back(header);
    for (std::size_t a = 0; a < c.arms.size(); ++a) {
      const auto& s = c.summaries[o][a];
      std::vector<std::string> row{label_cell(c.arms[a])};
      for (const auto& p : s.shares) row.push_back(share_text(p));
      const auto note = defined_note(s, c.replicates);
      if (!note.empty()) row.push_back(note);
      rows.push_back(row);
    }
    std::string text = block(title, rows);
    bool too_wide = false;
    for (std::size_t start = 0; start < text.size();) {
      const auto end = text.find('\n', start);
      too_wide = too_wide || end - start > max_columns;
      start = end + 1;
    }
    if (!too_wide) return text;
    rows.assign(1, {"scenario", "category", "share of runs [Wilson " + level + "]"});
    for (std::size_t a = 0; a < c.arms.size(); ++a)
      for (std::size_t k = 0; k < info.categories.size(); ++k)
        rows.push_back(
            {label_cell(c.arms[a]), info.categories[k], share_text(c.summaries[o][a].shares[k])});
    return block(title, rows);
  }
  rows.push_back({"scenario", "mean [" + level + " CI]",
                  "difference from " + label_cell(c.arms.front()) + " [" + level + "]"});
  for (std::size_t a = 0; a < c.arms.size(); ++a) {
    const auto& s = c.summaries[o][a];
    std::vector<std::string> row{label_cell(c.arms[a]),
                                 s.defined == 0 ? "n/a" : estimate_text(s.mean, false),
                                 a == 0 ? "" : estimate_text(s.difference, true)};
    const auto note = defined_note(s, c.replicates);
    if (!note.empty()) row.push_back(note);
    rows.push_back(row);
  }
  return block(title, rows);
}

std::string preamble(const Comparison& c) {
  return fmt::format(
      "{} replicates per scenario with common random numbers: replicate r of every scenario "
      "runs\nwith the same seed, so differences from {} are paired. {:.0f}% intervals: "
      "Student t for\nunbounded observables, percentile bootstrap ({} resamples, fixed seed) "
      "for shares, counts and\ndifferences of them, Wilson for shares of runs. n/a: undefined.\n\n",
      c.replicates, c.arms.front(), 100 * c.level, c.resamples);
}

}  // namespace

Estimate undefined_estimate() {
  return Estimate{nan, Interval{nan, nan}, "", nan};
}

std::string human_number(double v) {
  if (std::isnan(v)) return "n/a";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  const double a = std::fabs(v);
  if (a == 0.0) return "0";
  if (a >= 1e15 || a < 1e-12) return fmt::format("{:.3g}", v);
  if (a >= 1000.0) {
    const std::string digits = fmt::format("{:.0f}", a);
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
      grouped += digits[i];
    }
    return (v < 0 ? "-" : "") + grouped;
  }
  // About four significant digits, at least two for small numbers (0.000091).
  const int magnitude = static_cast<int>(std::floor(std::log10(a)));
  const int decimals = magnitude >= -3 ? std::max(0, 3 - magnitude) : 1 - magnitude;
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

Comparison compare(const std::vector<CompareArm>& arms, const std::vector<std::string>& observables,
                   const std::vector<ObservableInfo>& info, const CompareOptions& options) {
  if (arms.empty()) throw std::invalid_argument("nothing to compare");
  if (!info.empty() && info.size() != observables.size())
    throw std::invalid_argument("one ObservableInfo per observable, or none");
  Comparison c;
  c.observables = observables;
  c.info = info.empty() ? std::vector<ObservableInfo>(observables.size()) : info;
  c.level = options.level;
  c.resamples = options.resamples;
  c.economic_names = options.economics;
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
  c.identical.assign(observables.size(), true);
  for (std::size_t o = 0; o < observables.size(); ++o) {
    for (std::size_t a = 0; a < arms.size(); ++a) {
      c.summaries[o].push_back(
          summarise_arm(arms[a].values[o], arms[0].values[o], a == 0, c.info[o], options));
      for (std::size_t r = 0; r < c.replicates; ++r) {
        const double u = arms[a].values[o][r];
        const double v = arms[0].values[o][r];
        if (!(u == v || (std::isnan(u) && std::isnan(v)))) c.identical[o] = false;
      }
    }
  }

  const bool categorical = std::any_of(c.info.begin(), c.info.end(), [](const auto& i) {
    return i.kind == ObservableKind::categorical;
  });
  c.has_verdict = !categorical && !arms.front().verdicts.empty();
  if (c.has_verdict) {
    for (const auto& arm : arms) {
      const auto count = [&](const char* verdict) {
        return static_cast<std::size_t>(
            std::count(arm.verdicts.begin(), arm.verdicts.end(), verdict));
      };
      c.mobilised.push_back(wilson_interval(count("mobilised"), arm.verdicts.size(), c.level));
      c.atomised.push_back(wilson_interval(count("atomised"), arm.verdicts.size(), c.level));
    }
  }
  add_economics(c, arms, options);
  return c;
}

std::string comparison_text(const Comparison& c, const std::vector<std::string>& only) {
  std::string out = preamble(c);
  // Observables that no scenario changes go on one line, so the ones that
  // differ are not lost among them (the Markdown and CSV have all).
  std::vector<std::string> same;
  std::vector<std::string> unreadable;
  for (std::size_t o = 0; o < c.observables.size(); ++o) {
    if (!shown(only, c.observables[o])) continue;
    const auto& row = c.summaries[o];
    if (std::all_of(row.begin(), row.end(), [](const auto& s) { return s.defined == 0; })) {
      unreadable.push_back(c.observables[o]);
      continue;
    }
    if (only.empty() && c.arms.size() > 1 && c.identical[o]) {
      same.push_back(c.observables[o]);
      continue;
    }
    out += observable_block(c, o);
  }
  const auto listing = [&out](std::string line, const std::vector<std::string>& names) {
    if (names.empty()) return;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string word = " " + names[i] + (i + 1 < names.size() ? "," : "");
      if (line.size() + word.size() > max_columns) {
        out += line + "\n";
        line = " ";
      }
      line += word;
    }
    out += line + "\n\n";
  };
  listing("the same in every scenario, run by run:", same);
  listing("not defined in any run, so cannot be read in these scenarios:", unreadable);
  if (c.has_verdict) {
    std::vector<std::vector<std::string>> rows{{"scenario", "share mobilised", "share atomised"}};
    for (std::size_t a = 0; a < c.arms.size(); ++a)
      rows.push_back(
          {label_cell(c.arms[a]), share_text(c.mobilised[a]), share_text(c.atomised[a])});
    out += block(fmt::format("verdict  (share of runs, Wilson {:.0f}%)", 100 * c.level), rows);
  }
  for (const auto& m : c.economics) {
    std::vector<std::vector<std::string>> rows{
        {"scenario",
         fmt::format("against {} [paired {:.0f}%]", label_cell(c.arms.front()), 100 * c.level)}};
    for (std::size_t a = 1; a < c.arms.size(); ++a)
      rows.push_back({label_cell(c.arms[a]), estimate_text(m.per_arm[a], true)});
    out += block(m.label, rows);
  }
  return out;
}

std::string comparison_markdown(const Comparison& c, const std::vector<std::string>& only) {
  std::string out = preamble(c);
  std::vector<std::vector<std::string>> rows{
      {"observable", "scenario", "runs defined", "mean or share [CI]", "interval",
       "difference from " + c.arms.front() + " [CI]", "interval"}};
  for (std::size_t o = 0; o < c.observables.size(); ++o) {
    if (!shown(only, c.observables[o])) continue;
    const auto& info = c.info[o];
    for (std::size_t a = 0; a < c.arms.size(); ++a) {
      const auto& s = c.summaries[o][a];
      const auto defined = fmt::format("{} of {}", s.defined, c.replicates);
      if (info.kind == ObservableKind::categorical) {
        for (std::size_t k = 0; k < info.categories.size(); ++k)
          rows.push_back({c.observables[o] + " = " + info.categories[k], c.arms[a], defined,
                          share_text(s.shares[k]), "Wilson",
                          a == 0 ? "" : points_text(s.share_differences[k]),
                          a == 0 ? "" : "paired bootstrap"});
        continue;
      }
      rows.push_back({c.observables[o], c.arms[a], defined, estimate_text(s.mean, false),
                      s.mean.method, a == 0 ? "" : estimate_text(s.difference, true),
                      a == 0 ? "" : s.difference.method});
    }
  }
  if (c.has_verdict) {
    for (std::size_t a = 0; a < c.arms.size(); ++a) {
      const auto n = fmt::format("{} of {}", c.mobilised[a].trials, c.replicates);
      rows.push_back(
          {"share mobilised", c.arms[a], n, share_text(c.mobilised[a]), "Wilson", "", ""});
      rows.push_back({"share atomised", c.arms[a], n, share_text(c.atomised[a]), "Wilson", "", ""});
    }
  }
  for (const auto& m : c.economics)
    for (std::size_t a = 1; a < c.arms.size(); ++a)
      rows.push_back(
          {m.label, c.arms[a], "", "", "", estimate_text(m.per_arm[a], true), m.per_arm[a].method});
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out += "|";
    for (const auto& cell : rows[r]) {
      std::string escaped;
      for (char ch : cell) escaped += ch == '|' ? std::string("\\|") : std::string(1, ch);
      out += " " + escaped + " |";
    }
    out += "\n";
    if (r == 0) out += "|---|---|---:|---:|---|---:|---|\n";
  }
  return out;
}

std::string comparison_csv(const Comparison& c) {
  std::string out =
      "arm,observable,n,mean,sd,ci_lower,ci_upper,difference,difference_lower,"
      "difference_upper,difference_p_value,kind,runs,interval,difference_interval\n";
  auto n = [](double v) { return format_number(v); };
  const std::string runs = std::to_string(c.replicates);
  for (std::size_t a = 0; a < c.arms.size(); ++a) {
    for (std::size_t o = 0; o < c.observables.size(); ++o) {
      const auto& s = c.summaries[o][a];
      const auto& info = c.info[o];
      const std::string kind = observable_kind_name(info.kind);
      if (info.kind == ObservableKind::categorical) {
        for (std::size_t k = 0; k < info.categories.size(); ++k) {
          const auto& p = s.shares[k];
          std::vector<std::string> row{c.arms[a],
                                       c.observables[o] + "=" + info.categories[k],
                                       std::to_string(s.defined),
                                       n(p.estimate),
                                       "",
                                       n(p.ci.lower),
                                       n(p.ci.upper)};
          if (a == 0) {
            row.insert(row.end(), {"", "", "", ""});
          } else {
            const auto& d = s.share_differences[k];
            row.insert(row.end(), {n(d.value), n(d.ci.lower), n(d.ci.upper), ""});
          }
          row.insert(row.end(), {kind, runs, "Wilson", a == 0 ? "" : "paired bootstrap"});
          out += join_csv_line(row) + "\n";
        }
        continue;
      }
      std::vector<std::string> row{c.arms[a],         c.observables[o], std::to_string(s.defined),
                                   n(s.mean.value),   n(s.sd),          n(s.mean.ci.lower),
                                   n(s.mean.ci.upper)};
      if (a == 0) {
        row.insert(row.end(), {"", "", "", ""});
      } else {
        const auto& d = s.difference;
        row.insert(row.end(), {n(d.value), n(d.ci.lower), n(d.ci.upper), n(d.p_value)});
      }
      row.insert(row.end(), {kind, runs, s.mean.method, a == 0 ? "" : s.difference.method});
      out += join_csv_line(row) + "\n";
    }
    if (c.has_verdict) {
      for (const auto* label : {"share_mobilised", "share_atomised"}) {
        const auto& p = std::string(label) == "share_mobilised" ? c.mobilised[a] : c.atomised[a];
        out += join_csv_line({c.arms[a], label, std::to_string(p.trials), n(p.estimate), "",
                              n(p.ci.lower), n(p.ci.upper), "", "", "", "", "share", runs, "Wilson",
                              ""}) +
               "\n";
      }
    }
    if (a == 0) continue;
    for (const auto& m : c.economics) {
      const auto& e = m.per_arm[a];
      out += join_csv_line({c.arms[a], m.name, runs, "", "", "", "", n(e.value), n(e.ci.lower),
                            n(e.ci.upper), "", "real", runs, "", e.method}) +
             "\n";
    }
  }
  return out;
}

}  // namespace gs::experiments
