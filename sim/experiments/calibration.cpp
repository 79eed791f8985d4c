// A calibration's batches, run as sweeps: see calibration.hpp for the contract.
#include "sim/experiments/calibration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "sim/core/rng.hpp"
#include "sim/engine/output.hpp"
#include "sim/experiments/abc_smc.hpp"
#include "sim/experiments/calibration_output.hpp"
#include "sim/experiments/history_matching.hpp"

namespace gs::experiments {
namespace fs = std::filesystem;
namespace {

using scenario::Diagnostic;
using scenario::ScenarioError;

constexpr const char* kFormat = "groundswell-calibration/1";
// Keeps batch seeds apart from sweeps that share the master seed.
constexpr std::uint64_t kBatchSeedSalt = 0xCA11B0A7u;
constexpr std::uint64_t kPredictiveBatch = std::uint64_t{1} << 20;

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError({Diagnostic{file.string(), 0, 0, "", "cannot read the file"}});
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

double cell_number(const std::string& text) {
  if (text.empty()) return std::numeric_limits<double>::quiet_NaN();
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);  // "nan" reads as NaN: missing
  return end == text.c_str() ? std::numeric_limits<double>::quiet_NaN() : v;
}

std::uint64_t batch_seed(std::uint64_t master, std::uint64_t batch, std::size_t scenario) {
  return derive_seed(derive_seed(master ^ kBatchSeedSalt, batch), scenario);
}

DesignPoint design_point(const ParameterSpace& space, const UnitPoint& unit, std::size_t index) {
  DesignPoint point;
  point.index = index;
  point.unit = unit;
  point.values = space.values_at(unit);
  return point;
}

std::string points_key(const std::vector<UnitPoint>& points) {
  std::string key;
  for (const auto& p : points) {
    for (double x : p) key += format_number(x) + ",";
    key += ";";
  }
  return key;
}

// Values of each target per point: [point][target] -> the replicates' values.
using BatchValues = std::vector<std::vector<std::vector<double>>>;

struct Batch {
  std::string name;
  std::uint64_t number = 0;
  std::vector<UnitPoint> points;
  std::uint32_t replicates = 1;
};

class Driver {
 public:
  Driver(const CalibrationContext& context, const ModelRegistry& registry, fs::path out,
         const BatchRunner& runner, bool writer)
      : context_(context),
        registry_(registry),
        out_(std::move(out)),
        runner_(runner),
        writer_(writer) {}

  // The batch's values, or nothing when a scenario's sweep is unfinished.
  std::optional<BatchValues> run(const Batch& batch, CalibrationOutcome& outcome) {
    const auto& spec = context_.spec;
    // Every scenario's sweep first: a target with a baseline reads two tables.
    std::vector<SweepPlan> plans;
    std::vector<SweepTable> tables;
    for (std::size_t s = 0; s < spec.scenarios.size(); ++s) {
      SweepSpec sweep = context_.scenario_specs[s];
      sweep.name = fmt::format("{} {} {}", spec.name, batch.name, spec.scenarios[s].label);
      sweep.replicates = batch.replicates;
      // A baseline shares its scenario's seeds: common random numbers.
      sweep.seed = batch_seed(spec.seed, batch.number, spec.seed_scenario(s));
      SweepDesign design;
      for (std::size_t i = 0; i < batch.points.size(); ++i)
        design.points.push_back(design_point(spec.parameters, batch.points[i], i));
      auto plan = plan_sweep(sweep, std::move(design), registry_, points_key(batch.points));
      const fs::path dir = out_ / "batches" / batch.name / spec.scenarios[s].label;
      if (writer_) fs::create_directories(dir);
      auto table = runner_(plan, dir);
      if (!table) {
        outcome.waiting_for = dir.string();
        return std::nullopt;
      }
      if (table->rows.size() != plan.runs.size())
        throw std::runtime_error(
            fmt::format("{}: the table has {} rows where the batch has {} runs", dir.string(),
                        table->rows.size(), plan.runs.size()));
      for (std::size_t r = 0; r < plan.runs.size(); ++r)
        // Rows are sorted by run id, and run ids are 0..n-1 point-major.
        if (std::stoull(table->rows[r].at(0)) != plan.runs[r].run_id)
          throw std::runtime_error(dir.string() + ": the table's rows are not the batch's runs");
      plans.push_back(std::move(plan));
      tables.push_back(std::move(*table));
    }
    BatchValues values(batch.points.size(), std::vector<std::vector<double>>(spec.targets.size()));
    for (std::size_t t = 0; t < spec.targets.size(); ++t) {
      const auto& target = spec.targets[t];
      // Columns are looked up once per target, then read run by run.
      const auto column_of = [&](std::size_t s, const std::string& name) {
        const auto& names = plans[s].observables;
        const auto it = std::find(names.begin(), names.end(), name);
        return plans[s].observable_column(static_cast<std::size_t>(it - names.begin()));
      };
      const auto read = [&](std::size_t s, std::size_t column, std::size_t r) {
        return cell_number(tables[s].rows[r].at(column));
      };
      const std::size_t observed = column_of(target.scenario, target.observable);
      const std::size_t baseline =
          target.baseline ? column_of(*target.baseline, target.observable) : 0;
      const std::size_t per_column =
          target.per.empty() ? 0 : column_of(target.scenario, target.per);
      const auto& plan = plans[target.scenario];
      for (std::size_t r = 0; r < plan.runs.size(); ++r) {
        // The baseline's run r has the same point, replicate and seed.
        const double base = target.baseline ? read(*target.baseline, baseline, r) : 0.0;
        const double per = target.per.empty() ? 1.0 : read(target.scenario, per_column, r);
        values[plan.runs[r].point_index][t].push_back(
            target.simulated(read(target.scenario, observed, r), base, per));
      }
    }
    return values;
  }

  // Scores over every target, or over the targets not measured in scenario
  // `held_out` (the leave-one-out check).
  std::vector<PointScore> score(const BatchValues& values,
                                std::optional<std::size_t> held_out = std::nullopt) const {
    const auto& targets = context_.spec.targets;
    std::vector<PointScore> scores(values.size());
    for (std::size_t p = 0; p < values.size(); ++p) {
      double weighted = 0.0;
      double weights = 0.0;
      double worst = 0.0;
      bool undefined = false;
      for (std::size_t t = 0; t < targets.size(); ++t) {
        if (held_out && targets[t].scenario == *held_out) continue;
        double sum = 0.0;
        std::size_t n = 0;
        for (double x : values[p][t]) {
          if (std::isnan(x)) continue;
          sum += x;
          ++n;
        }
        if (n == 0) {
          undefined = true;
          continue;
        }
        const double mean = sum / static_cast<double>(n);
        double squares = 0.0;
        for (double x : values[p][t])
          if (!std::isnan(x)) squares += (x - mean) * (x - mean);
        const double variance = n > 1 ? squares / static_cast<double>(n - 1) : 0.0;
        const auto& target = targets[t];
        const double z = (mean - target.value) / target.sd;
        weighted += target.weight * z * z;
        weights += target.weight;
        const double scale =
            std::sqrt(target.sd * target.sd + target.discrepancy * target.discrepancy +
                      variance * (1.0 + 1.0 / static_cast<double>(n)));
        worst = std::max(worst, std::abs(mean - target.value) / scale);
      }
      const double nan = std::numeric_limits<double>::quiet_NaN();
      scores[p].distance = undefined ? nan : std::sqrt(weighted / weights);
      scores[p].implausibility = undefined ? nan : worst;
    }
    return scores;
  }

  // Whether a unit point resolves in every scenario (the schema's ranges
  // bound the prior's support).
  bool inside(std::span<const double> unit) const {
    const auto& spec = context_.spec;
    const UnitPoint u(unit.begin(), unit.end());
    const auto point = design_point(spec.parameters, u, 0);
    for (std::size_t s = 0; s < spec.scenarios.size(); ++s) {
      try {
        (void)context_.documents[s].resolve(point_overrides(context_.scenario_specs[s], point),
                                            registry_, spec.scenarios[s].variant);
      } catch (const ScenarioError&) {
        return false;
      }
    }
    return true;
  }

 private:
  const CalibrationContext& context_;
  const ModelRegistry& registry_;
  fs::path out_;
  const BatchRunner& runner_;
  bool writer_;
};

}  // namespace

void claim_calibration_directory(const fs::path& out, const CalibrationContext& context,
                                 bool writer) {
  const fs::path manifest = out / "manifest.json";
  std::error_code ec;
  if (fs::exists(manifest, ec)) {
    nlohmann::json m;
    try {
      m = nlohmann::json::parse(read_bytes(manifest));
    } catch (const std::exception&) {
      throw SweepMismatch(manifest.string() + ": not a calibration's manifest");
    }
    if (m.value("format", "") != kFormat)
      throw SweepMismatch(out.string() + " holds something other than a calibration");
    if (m.value("hash", "") != context.hash)
      throw SweepMismatch(fmt::format(
          "{} holds a different calibration (hash {}, this one {}): its file, scenarios or "
          "settings changed; use another --out",
          out.string(), m.value("hash", ""), context.hash));
    return;
  }
  if (!writer) throw SweepMismatch(out.string() + ": no calibration manifest (rank 0 writes it)");
  // Temporary files (dot-files) of another shard writing this same manifest
  // do not count: N shards started together on one empty directory all write
  // it, with identical bytes.
  if (fs::exists(out, ec)) {
    for (const auto& entry : fs::directory_iterator(out)) {
      if (entry.path().filename().string().rfind('.', 0) == 0) continue;
      if (entry.path().filename() == "manifest.json") continue;
      // Another shard may have written the manifest since we looked.
      if (fs::exists(manifest, ec)) return claim_calibration_directory(out, context, writer);
      throw SweepMismatch(out.string() +
                          " is not empty and holds no calibration manifest; use another --out");
    }
  }
  fs::create_directories(out);
  nlohmann::json m;
  m["format"] = kFormat;
  m["hash"] = context.hash;
  m["groundswell_version"] = version_string;
  m["files"] = context.files;
  m["seed"] = context.spec.seed;
  m["calibration"] = context.spec.canonical_json();
  write_atomically(manifest, m.dump(2) + "\n");
}

CalibrationContext prepare_calibration(const CalibrationSpec& spec, const ModelRegistry& registry) {
  CalibrationContext context;
  context.spec = spec;
  const std::string file = spec.file.string();
  std::vector<Diagnostic> problems;
  std::string hashed = spec.canonical_json().dump();
  context.files[spec.file.filename().string()] = fnv1a_hex(spec.text);
  for (std::size_t s = 0; s < spec.scenarios.size(); ++s) {
    const auto& sc = spec.scenarios[s];
    const std::string bytes = read_bytes(sc.file);
    context.files[sc.file.filename().string()] = fnv1a_hex(bytes);
    hashed += "\n" + sc.label + ":" + bytes;
    SweepSpec sweep;
    sweep.file = spec.file;
    sweep.name = spec.name + " " + sc.label;
    sweep.base_scenario = sc.file;
    sweep.variant = sc.variant;
    sweep.fixed = sc.fixed;
    sweep.fixed_places = sc.fixed_places;
    sweep.space = spec.parameters;
    sweep.factor_specs = spec.parameter_specs;
    sweep.factor_places = spec.parameter_places;
    sweep.replicates = spec.replicates;
    sweep.seed = spec.seed;
    context.scenario_specs.push_back(sweep);
    context.documents.push_back(scenario::Document::read(sc.file));

    // The prior's median, and both ends of bounded priors, must resolve; the
    // sweep planner reports a failing parameter at its line in this file.
    SweepDesign design;
    const std::size_t k = spec.parameters.size();
    design.points.push_back(design_point(spec.parameters, UnitPoint(k, 0.5), 0));
    for (std::size_t j = 0; j < k; ++j) {
      const auto& f = spec.parameters[j];
      if (f.kind() == FactorKind::normal && !f.truncated()) continue;
      for (double end : {0.0, 1.0}) {
        UnitPoint u(k, 0.5);
        u[j] = end;
        design.points.push_back(design_point(spec.parameters, u, design.points.size()));
      }
    }
    try {
      const auto probe = plan_sweep(sweep, std::move(design), registry, "prepare");
      context.observables.push_back(probe.observables);
    } catch (const ScenarioError& e) {
      for (auto d : e.diagnostics()) {
        if (d.key.rfind("set.", 0) == 0) d.key = "scenarios." + sc.label + "." + d.key;
        // The sweep planner calls the free parameters factors.
        if (d.key.rfind("factors[", 0) == 0) d.key = "parameters[" + d.key.substr(8);
        d.message += " (in scenario " + sc.label + ")";
        problems.push_back(std::move(d));
      }
      context.observables.emplace_back();
    }
  }
  for (std::size_t t = 0; t < spec.targets.size(); ++t) {
    const auto& target = spec.targets[t];
    const auto& names = context.observables[target.scenario];
    if (names.empty()) continue;  // the scenario failed already
    for (const auto& [name, key] :
         {std::pair{target.observable, "observable"}, std::pair{target.per, "per"}}) {
      if (name.empty() || std::find(names.begin(), names.end(), name) != names.end()) continue;
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      problems.push_back(Diagnostic{
          file, target.place.line, target.place.column, fmt::format("targets[{}].{}", t, key),
          fmt::format("'{}' is not an observable of scenario {}; its observables: {}", name,
                      spec.scenarios[target.scenario].label, list)});
    }
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  context.hash = fnv1a_hex(hashed);
  return context;
}

std::optional<SweepTable> read_batch_table(const fs::path& dir, const Shard& shard) {
  std::error_code ec;
  if (fs::exists(dir / "results.csv", ec)) return read_sweep_table(dir / "results.csv");
  if (shard.count <= 1) return std::nullopt;
  SweepTable joined;
  for (std::uint64_t i = 0; i < shard.count; ++i) {
    const Shard part{i, shard.count};
    const fs::path file = dir / ("results" + part.suffix() + ".csv");
    if (!fs::exists(file, ec)) return std::nullopt;
    auto table = read_sweep_table(file);
    if (joined.columns.empty()) joined.columns = table.columns;
    for (auto& row : table.rows) joined.rows.push_back(std::move(row));
  }
  std::stable_sort(joined.rows.begin(), joined.rows.end(), [](const auto& a, const auto& b) {
    return std::stoull(a.at(0)) < std::stoull(b.at(0));
  });
  return joined;
}

std::unique_ptr<CalibrationSearch> make_search(const CalibrationSpec& spec, std::size_t dims,
                                               std::uint64_t max_points) {
  if (spec.method == CalibrationMethodKind::abc_smc)
    return std::make_unique<AbcSmc>(spec.abc, dims, spec.seed, max_points);
  return std::make_unique<HistoryMatching>(spec.history, dims, spec.seed, max_points);
}

CalibrationOutcome run_calibration(const CalibrationContext& context, const ModelRegistry& registry,
                                   const fs::path& out, const BatchRunner& runner, bool writer) {
  const auto& spec = context.spec;
  claim_calibration_directory(out, context, writer);
  Driver driver(context, registry, out, runner, writer);
  const std::uint64_t runs_per_point = std::uint64_t{spec.replicates} * spec.scenarios.size();
  auto search = make_search(spec, spec.parameters.size(), spec.budget / runs_per_point);
  const InsideSupport inside = [&driver](std::span<const double> u) { return driver.inside(u); };
  CalibrationOutcome outcome;
  CalibrationFindings findings;
  for (std::uint64_t number = 0;; ++number) {
    const std::string name = search->next_name();
    auto points = search->next_batch(inside);
    if (!points) break;
    const Batch batch{name, number, std::move(*points), spec.replicates};
    const auto values = driver.run(batch, outcome);
    if (!values) return outcome;
    outcome.runs += batch.points.size() * runs_per_point;
    search->absorb(batch.points, driver.score(*values));
    // Leave-one-out: the first wave was drawn from the prior, so judging it
    // again without one scenario's targets is a fit that never saw them.
    if (number == 0) {
      for (std::size_t held : spec.leave_one_out) {
        LeaveOneOut check;
        check.held_out = held;
        check.values.resize(spec.targets.size());
        const auto scores = driver.score(*values, held);
        check.first_wave_points = scores.size();
        for (std::size_t p = 0; p < scores.size(); ++p) {
          if (!(scores[p].implausibility <= spec.history.cutoff)) continue;  // NaN: ruled out
          ++check.points;
          for (std::size_t t = 0; t < spec.targets.size(); ++t)
            if (spec.targets[t].scenario == held) check.values[t].push_back((*values)[p][t]);
        }
        findings.leave_one_out.push_back(std::move(check));
      }
    }
  }
  findings.posterior = search->posterior();
  findings.batches = search->records();
  findings.stop_reason = search->stop_reason();
  findings.runs = outcome.runs;
  if (!findings.posterior.unit.empty()) {
    const Batch predictive{"predictive", kPredictiveBatch, findings.posterior.unit,
                           spec.predictive_replicates};
    const auto values = driver.run(predictive, outcome);
    if (!values) return outcome;
    outcome.predictive_runs =
        predictive.points.size() * spec.predictive_replicates * spec.scenarios.size();
    findings.predictive.assign(spec.targets.size(), {});
    for (std::size_t t = 0; t < spec.targets.size(); ++t)
      for (const auto& point : *values) findings.predictive[t].push_back(point[t]);
  }
  findings.predictive_runs = outcome.predictive_runs;
  outcome.result = summarise_calibration(context, findings);
  if (writer) write_calibration_outputs(out, outcome.result);
  outcome.finished = true;
  return outcome;
}

}  // namespace gs::experiments
