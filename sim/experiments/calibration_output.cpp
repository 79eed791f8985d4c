// A finished calibration's summaries and files: see calibration_output.hpp.
#include "sim/experiments/calibration_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/engine/csv.hpp"
#include "sim/engine/output.hpp"

namespace gs::experiments {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double number_of(const nlohmann::json& value) {
  if (value.is_number()) return value.get<double>();
  return kNaN;
}

struct Moments {
  double mean = kNaN;
  double sd = kNaN;
};

Moments weighted_moments(std::span<const double> values, std::span<const double> weights) {
  double w_sum = 0.0;
  double sum = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) continue;
    w_sum += weights[i];
    sum += weights[i] * values[i];
  }
  if (!(w_sum > 0.0)) return {};
  Moments m;
  m.mean = sum / w_sum;
  double squares = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) continue;
    squares += weights[i] * (values[i] - m.mean) * (values[i] - m.mean);
  }
  m.sd = std::sqrt(squares / w_sum);
  return m;
}

std::string cell(const nlohmann::json& value) {
  if (value.is_null()) return "nan";  // NaN went to JSON as null
  return cell_text(value);
}

std::string csv_of(const std::vector<std::string>& header,
                   const std::vector<std::vector<std::string>>& rows) {
  std::string out = join_csv_line(header) + "\n";
  for (const auto& row : rows) out += join_csv_line(row) + "\n";
  return out;
}

}  // namespace

namespace {

// One target's figure against the weighted distribution of runs at some
// points: values[point] = that point's replicate values, each point's weight
// shared among its defined replicates.
nlohmann::json predictive_row(const CalibrationSpec& spec, std::size_t t,
                              const std::vector<std::vector<double>>& values,
                              const std::vector<double>& point_weights) {
  const auto& target = spec.targets[t];
  std::vector<double> v;
  std::vector<double> w;
  std::size_t undefined = 0;
  std::size_t total = 0;
  for (std::size_t p = 0; p < values.size(); ++p) {
    const auto& reps = values[p];
    const auto defined = static_cast<std::size_t>(
        std::count_if(reps.begin(), reps.end(), [](double x) { return !std::isnan(x); }));
    total += reps.size();
    undefined += reps.size() - defined;
    for (double x : reps) {
      if (std::isnan(x)) continue;
      v.push_back(x);
      w.push_back(point_weights[p] / static_cast<double>(defined));
    }
  }
  nlohmann::json row;
  row["target"] = target.label(spec.scenarios);
  row["observable"] = target.observable;
  row["scenario"] = spec.scenarios[target.scenario].label;
  row["value"] = target.value;
  row["sd"] = target.sd;
  row["lower"] = target.lower;
  row["upper"] = target.upper;
  row["mean"] = weighted_moments(v, w).mean;
  row["q05"] = weighted_quantile(v, w, 0.05);
  row["median"] = weighted_quantile(v, w, 0.5);
  row["q95"] = weighted_quantile(v, w, 0.95);
  row["undefined_share"] =
      total > 0 ? static_cast<double>(undefined) / static_cast<double>(total) : kNaN;
  row["covered"] = !v.empty() && row["q05"].get<double>() <= target.value &&
                   target.value <= row["q95"].get<double>();
  return row;
}

}  // namespace

double weighted_quantile(std::span<const double> values, std::span<const double> weights,
                         double q) {
  std::vector<std::size_t> order;
  double total = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i]) || !(weights[i] > 0.0)) continue;
    order.push_back(i);
    total += weights[i];
  }
  if (order.empty()) return kNaN;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  double running = 0.0;
  for (std::size_t i : order) {
    running += weights[i];
    if (running / total >= q - 1e-12) return values[i];
  }
  return values[order.back()];
}

nlohmann::json summarise_calibration(const CalibrationContext& context,
                                     const CalibrationFindings& findings) {
  const auto& spec = context.spec;
  const auto& post = findings.posterior;
  const std::size_t k = spec.parameters.size();
  nlohmann::json out;
  out["format"] = "groundswell-calibration/1";
  out["name"] = spec.name;
  out["method"] = method_name(spec.method);
  out["groundswell_version"] = version_string;
  out["hash"] = context.hash;
  out["files"] = context.files;
  out["seed"] = spec.seed;
  out["stop_reason"] = findings.stop_reason;
  out["runs"] = findings.runs;
  out["predictive_runs"] = findings.predictive_runs;
  out["calibration"] = spec.canonical_json();

  // Parameter values of every particle (value scale).
  std::vector<std::vector<double>> values(k, std::vector<double>(post.unit.size()));
  for (std::size_t p = 0; p < post.unit.size(); ++p) {
    const auto v = spec.parameters.values_at(post.unit[p]);
    for (std::size_t j = 0; j < k; ++j) values[j][p] = number_of(v[j]);
  }
  auto parameters = nlohmann::json::array();
  for (std::size_t j = 0; j < k; ++j) {
    const auto& factor = spec.parameters[j];
    nlohmann::json p;
    p["key"] = factor.key();
    p["prior"] = spec.parameter_specs[j];
    p["prior_q05"] = number_of(factor.value_at(0.05));
    p["prior_median"] = number_of(factor.value_at(0.5));
    p["prior_q95"] = number_of(factor.value_at(0.95));
    const auto m = weighted_moments(values[j], post.weight);
    p["mean"] = m.mean;
    p["sd"] = m.sd;
    for (const auto& [name, q] : std::vector<std::pair<const char*, double>>{
             {"q05", 0.05}, {"q25", 0.25}, {"median", 0.5}, {"q75", 0.75}, {"q95", 0.95}})
      p[name] = weighted_quantile(values[j], post.weight, q);
    const double prior_width = p["prior_q95"].get<double>() - p["prior_q05"].get<double>();
    p["width_ratio"] =
        (p["q95"].get<double>() - p["q05"].get<double>()) / (prior_width > 0 ? prior_width : kNaN);
    parameters.push_back(p);
  }
  out["parameters"] = parameters;

  auto particles = nlohmann::json::array();
  for (std::size_t p = 0; p < post.unit.size(); ++p) {
    auto v = nlohmann::json::array();
    for (std::size_t j = 0; j < k; ++j) v.push_back(values[j][p]);
    particles.push_back({{"weight", post.weight[p]}, {"score", post.score[p]}, {"values", v}});
  }
  out["posterior"] = particles;

  auto batches = nlohmann::json::array();
  for (const auto& b : findings.batches)
    batches.push_back({{"name", b.name},
                       {"points", b.points},
                       {"threshold", b.threshold},
                       {"accepted", b.accepted},
                       {"acceptance", b.acceptance},
                       {"ess", b.ess}});
  out["batches"] = batches;

  auto pairs = nlohmann::json::array();
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = a + 1; b < k; ++b) {
      const auto ma = weighted_moments(values[a], post.weight);
      const auto mb = weighted_moments(values[b], post.weight);
      double cov = 0.0;
      double w_sum = 0.0;
      for (std::size_t p = 0; p < post.unit.size(); ++p) {
        if (std::isnan(values[a][p]) || std::isnan(values[b][p])) continue;
        cov += post.weight[p] * (values[a][p] - ma.mean) * (values[b][p] - mb.mean);
        w_sum += post.weight[p];
      }
      const double r = w_sum > 0 ? cov / w_sum / (ma.sd * mb.sd) : kNaN;
      pairs.push_back(
          {{"a", spec.parameters[a].key()}, {"b", spec.parameters[b].key()}, {"correlation", r}});
    }
  }
  out["pairs"] = pairs;

  auto predictive = nlohmann::json::array();
  for (std::size_t t = 0; t < spec.targets.size(); ++t) {
    static const std::vector<std::vector<double>> none;
    predictive.push_back(predictive_row(
        spec, t, t < findings.predictive.size() ? findings.predictive[t] : none, post.weight));
  }
  out["predictive"] = predictive;

  if (!findings.leave_one_out.empty()) {
    auto checks = nlohmann::json::array();
    for (const auto& check : findings.leave_one_out) {
      const std::vector<double> equal(check.points, 1.0 / static_cast<double>(check.points));
      for (std::size_t t = 0; t < spec.targets.size(); ++t) {
        if (spec.targets[t].scenario != check.held_out) continue;
        auto row = predictive_row(spec, t, check.values[t], equal);
        row["held_out"] = spec.scenarios[check.held_out].label;
        row["first_wave_points"] = check.first_wave_points;
        row["points"] = check.points;
        checks.push_back(row);
      }
    }
    out["leave_one_out"] = checks;
  }
  return out;
}

void write_calibration_outputs(const std::filesystem::path& dir, const nlohmann::json& result) {
  std::vector<std::string> keys;
  for (const auto& p : result.at("parameters")) keys.push_back(p.at("key").get<std::string>());

  std::vector<std::string> header = {"particle", "weight", "score"};
  header.insert(header.end(), keys.begin(), keys.end());
  std::vector<std::vector<std::string>> rows;
  std::size_t i = 0;
  for (const auto& particle : result.at("posterior")) {
    std::vector<std::string> row = {std::to_string(i++), cell(particle.at("weight")),
                                    cell(particle.at("score"))};
    for (const auto& v : particle.at("values")) row.push_back(cell(v));
    rows.push_back(std::move(row));
  }
  write_atomically(dir / "posterior.csv", csv_of(header, rows));

  rows.clear();
  for (const auto& b : result.at("batches"))
    rows.push_back({b.at("name").get<std::string>(), cell(b.at("points")), cell(b.at("threshold")),
                    cell(b.at("accepted")), cell(b.at("acceptance")), cell(b.at("ess"))});
  write_atomically(dir / "generations.csv",
                   csv_of({"batch", "points", "threshold", "accepted", "acceptance", "ess"}, rows));

  rows.clear();
  const std::vector<std::string> marginal_columns = {
      "prior_q05", "prior_median", "prior_q95", "mean", "sd",         "q05",
      "q25",       "median",       "q75",       "q95",  "width_ratio"};
  for (const auto& p : result.at("parameters")) {
    std::vector<std::string> row = {p.at("key").get<std::string>()};
    for (const auto& c : marginal_columns) row.push_back(cell(p.at(c)));
    rows.push_back(std::move(row));
  }
  header = {"parameter"};
  header.insert(header.end(), marginal_columns.begin(), marginal_columns.end());
  write_atomically(dir / "marginals.csv", csv_of(header, rows));

  rows.clear();
  for (const auto& p : result.at("pairs"))
    rows.push_back(
        {p.at("a").get<std::string>(), p.at("b").get<std::string>(), cell(p.at("correlation"))});
  write_atomically(dir / "pairs.csv", csv_of({"parameter_a", "parameter_b", "correlation"}, rows));

  rows.clear();
  const std::vector<std::string> predictive_columns = {
      "value", "sd", "lower", "upper", "mean", "q05", "median", "q95", "undefined_share"};
  for (const auto& p : result.at("predictive")) {
    std::vector<std::string> row = {p.at("target").get<std::string>(),
                                    p.at("observable").get<std::string>(),
                                    p.at("scenario").get<std::string>()};
    for (const auto& c : predictive_columns) row.push_back(cell(p.at(c)));
    row.push_back(p.at("covered").get<bool>() ? "true" : "false");
    rows.push_back(std::move(row));
  }
  header = {"target", "observable", "scenario"};
  header.insert(header.end(), predictive_columns.begin(), predictive_columns.end());
  header.push_back("covered");
  write_atomically(dir / "predictive.csv", csv_of(header, rows));

  if (result.contains("leave_one_out")) {
    rows.clear();
    const std::vector<std::string> columns = {
        "first_wave_points", "points", "value", "lower", "upper", "q05", "median", "q95"};
    for (const auto& p : result.at("leave_one_out")) {
      std::vector<std::string> row = {p.at("held_out").get<std::string>(),
                                      p.at("target").get<std::string>()};
      for (const auto& c : columns) row.push_back(cell(p.at(c)));
      row.push_back(p.at("covered").get<bool>() ? "true" : "false");
      rows.push_back(std::move(row));
    }
    header = {"held_out", "target"};
    header.insert(header.end(), columns.begin(), columns.end());
    header.push_back("covered");
    write_atomically(dir / "leave_one_out.csv", csv_of(header, rows));
  }

  write_atomically(dir / "calibration.json", result.dump(2) + "\n");
}

}  // namespace gs::experiments
