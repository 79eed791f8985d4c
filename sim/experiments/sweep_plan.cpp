// Sweep expansion and validation: see sweep_plan.hpp for the contract.
#include "sim/experiments/sweep_plan.hpp"

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include <map>
#include <mutex>
#include <stdexcept>

#include "sim/engine/csv.hpp"
#include "sim/scenario/text.hpp"

namespace gs::experiments {
namespace {

using scenario::Diagnostic;
using scenario::ScenarioError;

// Replicate seeds must not depend on anything but the master seed and the
// run's coordinates (design.hpp), and the design's own randomness (LHS
// permutations, Morris trajectories) takes the same master seed.
constexpr std::uint64_t kDesignSeedSalt = 0x5eedde51u;

std::string value_text(const nlohmann::json& value) {
  return value.dump();
}

// A list as people write it in YAML flow style: [0.2, 1.4].
std::string written_text(const nlohmann::json& value) {
  if (!value.is_array()) return value.dump();
  std::string out;
  for (const auto& item : value) out += (out.empty() ? "" : ", ") + written_text(item);
  return "[" + out + "]";
}

}  // namespace

std::string fnv1a_hex(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return fmt::format("{:016x}", h);
}

SweepDesign expand_design(const SweepSpec& spec) {
  SweepDesign out;
  const std::uint64_t design_seed = spec.seed ^ kDesignSeedSalt;
  switch (spec.design) {
    case DesignKind::grid:
      out.points = full_factorial(spec.space);
      break;
    case DesignKind::lhs:
      out.points = latin_hypercube(spec.space, spec.samples, design_seed);
      break;
    case DesignKind::sobol:
      out.points = sobol_sequence(spec.space, spec.samples, spec.skip);
      break;
    case DesignKind::saltelli:
      out.saltelli = saltelli(spec.space, spec.samples, spec.skip);
      out.points = out.saltelli->points;
      break;
    case DesignKind::morris:
      out.morris = morris(spec.space, spec.samples, spec.morris_levels, design_seed);
      out.points = out.morris->points;
      break;
  }
  return out;
}

std::vector<scenario::Override> point_overrides(const SweepSpec& spec, const DesignPoint& point) {
  std::vector<scenario::Override> overrides;
  overrides.reserve(spec.fixed.size() + point.values.size());
  for (const auto& [key, value] : spec.fixed) overrides.push_back({key, value});
  for (std::size_t i = 0; i < point.values.size(); ++i)
    overrides.push_back({spec.space[i].key(), value_text(point.values[i])});
  return overrides;
}

std::shared_ptr<const scenario::Scenario> SweepPlan::scenario_for(
    const Run& run, const ModelRegistry& registry) const {
  return base.resolve(point_overrides(spec, design.points.at(run.point_index)), registry,
                      spec.variant);
}

RunResult SweepPlan::execute(const Run& run, const ModelRegistry& registry,
                             std::function<void(std::uint32_t, std::uint32_t)> on_tick,
                             std::size_t threads) const {
  RunOptions options;
  options.seed = run.seed;
  options.threads = threads;
  options.on_tick = std::move(on_tick);
  return gs::run(scenario_for(run, registry), registry, options);
}

std::vector<std::string> SweepPlan::row(const Run& run, const RunResult& result) const {
  if (result.observables != observables)
    throw std::runtime_error(fmt::format(
        "run {} reported {} observables where the sweep's table has {}: a factor changes "
        "which observables the model reports, so its runs cannot share one table",
        run.run_id, result.observables.size(), observables.size()));
  std::vector<std::string> cells;
  cells.reserve(columns.size());
  cells.push_back(std::to_string(run.run_id));
  cells.push_back(std::to_string(run.point_index));
  cells.push_back(std::to_string(run.replicate));
  cells.push_back(std::to_string(run.seed));
  for (const auto& value : design.points.at(run.point_index).values)
    cells.push_back(cell_text(value));
  for (double v : result.final_values()) cells.push_back(cell_text(nlohmann::json(v)));
  if (has_verdict) {
    const auto& summary = result.model_summary;
    const auto it = summary.find("verdict");
    cells.push_back(it != summary.end() && it->is_string() ? it->get<std::string>() : "");
  }
  return cells;
}

SweepPlan load_sweep(const std::filesystem::path& file, const ModelRegistry& registry) {
  std::vector<Diagnostic> problems;
  const SweepSpec spec = read_sweep_spec(file, problems);
  return plan_sweep(spec, registry, std::move(problems));
}

namespace {

// The one planner: `design` given (a calibration batch) or expanded from the spec.
SweepPlan plan_any(const SweepSpec& spec, const SweepDesign* design, const ModelRegistry& registry,
                   std::vector<Diagnostic> problems, const scenario::Document* base,
                   std::string_view points_key) {
  SweepPlan plan;
  plan.spec = spec;
  const auto give_up = [&problems] { throw ScenarioError(std::move(problems)); };
  if (base != nullptr) {
    plan.base = *base;
  } else {
    std::error_code error;
    if (spec.base_scenario.empty() ||
        !std::filesystem::is_regular_file(spec.base_scenario, error)) {
      if (problems.empty())
        problems.push_back({spec.file.string(), 0, 0, "scenario",
                            "no scenario file at " + spec.base_scenario.string()});
      give_up();
    }
    try {
      plan.base = scenario::Document::read(spec.base_scenario);
    } catch (const ScenarioError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
      give_up();
    }
  }
  const auto variants = plan.base.variant_names();
  if (spec.variant.empty() && !variants.empty()) {
    problems.push_back(
        {spec.file.string(), 0, 0, "variant",
         fmt::format("the base scenario defines variants ({}); a sweep varies one setting: "
                     "name it with `variant:`",
                     scenario::detail::join(variants))});
  }

  // The base with `set` and the variant alone: problems there are not the factors' fault.
  std::vector<scenario::Override> fixed;
  for (const auto& [key, value] : spec.fixed) fixed.push_back({key, value});
  std::shared_ptr<const scenario::Scenario> base_scenario;
  bool fixed_ok = true;
  try {
    base_scenario = plan.base.resolve(fixed, registry, spec.variant);
  } catch (const ScenarioError& e) {
    fixed_ok = false;
    for (auto d : e.diagnostics()) {
      if (d.file == "--set") {
        d.file = spec.file.string();
        for (std::size_t i = 0; i < spec.fixed.size(); ++i) {
          if (spec.fixed[i].first == d.key) {
            d.line = spec.fixed_places[i].line;
            d.column = spec.fixed_places[i].column;
          }
        }
        d.key = "set." + d.key;
      }
      problems.push_back(std::move(d));
    }
  }

  // Each factor's values as written (a range's two ends, each listed value),
  // checked alone against the base: a problem quotes what the user wrote.
  for (std::size_t i = 0; i < spec.space.size() && i < spec.factor_specs.size(); ++i) {
    const auto& written = spec.factor_specs[i];
    std::vector<nlohmann::json> ends;
    std::string shown;
    for (const char* field : {"values", "choice", "uniform", "integer", "log_uniform"}) {
      if (!written.contains(field) || !written[field].is_array()) continue;
      for (const auto& v : written[field]) ends.push_back(v);
      shown = fmt::format("{}: {}", field, written_text(written[field]));
    }
    if (written.contains("normal") && written["normal"].is_object()) {
      const auto& normal = written["normal"];
      shown = "normal: " + normal.dump();
      for (const char* field : {"lower", "upper"})
        if (normal.contains(field)) ends.push_back(normal[field]);
      if (ends.empty() && normal.contains("mean")) ends.push_back(normal["mean"]);
    }
    // Checked on top of `set` when `set` itself is fine, else alone, so that a
    // problem of `set` does not hide one of a factor (one pass).
    const auto& key = spec.space[i].key();
    bool reported = false;
    for (const auto& value : ends) {
      auto overrides = fixed_ok ? fixed : std::vector<scenario::Override>{};
      overrides.push_back({key, value_text(value)});
      try {
        (void)plan.base.resolve(overrides, registry, spec.variant);
        continue;
      } catch (const ScenarioError& e) {
        for (auto d : e.diagnostics()) {
          if (d.file != "--set" || !(d.key == key || d.key.rfind(key + ".", 0) == 0)) continue;
          reported = true;
          d.file = spec.file.string();
          d.line = spec.factor_places[i].line;
          d.column = spec.factor_places[i].column;
          d.message = fmt::format("{} includes {}, which the scenario refuses: {}", shown,
                                  value_text(value), d.message);
          d.key = fmt::format("factors[{}] ({})", spec.factor_number(i), d.key);
          problems.push_back(std::move(d));
        }
      }
      if (reported) break;  // one problem per factor is enough to act on
    }
  }
  if (!problems.empty()) give_up();

  if (design != nullptr) {
    plan.design = *design;
  } else {
    try {
      plan.design = expand_design(spec);
    } catch (const std::exception& e) {
      throw ScenarioError({Diagnostic{spec.file.string(), 0, 0, "design", e.what()}});
    }
  }
  if (plan.design.points.empty())
    throw ScenarioError(
        {Diagnostic{spec.file.string(), 0, 0, "design", "the design has no points"}});

  // Every design point, resolved before anything runs; one diagnostic per
  // (factor, message), naming the first value that failed.
  // One diagnostic per key: the one at the lowest design point that fails.
  std::mutex mutex;
  std::map<std::string, std::pair<std::size_t, Diagnostic>> by_key;
  tbb::parallel_for(std::size_t{0}, plan.design.points.size(), [&](std::size_t j) {
    const auto& point = plan.design.points[j];
    try {
      (void)plan.base.resolve(point_overrides(spec, point), registry, spec.variant);
    } catch (const ScenarioError& e) {
      std::lock_guard lock(mutex);
      for (auto d : e.diagnostics()) {
        if (d.file == "--set") {
          d.file = spec.file.string();
          for (std::size_t i = 0; i < spec.space.size(); ++i) {
            if (d.key == spec.space[i].key() || d.key.rfind(spec.space[i].key() + ".", 0) == 0) {
              d.line = spec.factor_places[i].line;
              d.column = spec.factor_places[i].column;
              d.message +=
                  fmt::format(" (value {} at design point {})", value_text(point.values[i]), j);
              d.key = fmt::format("factors[{}] ({})", spec.factor_number(i), d.key);
            }
          }
        }
        const auto it = by_key.find(d.key);
        if (it == by_key.end() || it->second.first > j) by_key[d.key] = {j, d};
      }
    }
  });
  if (!by_key.empty()) {
    std::vector<Diagnostic> out;
    out.reserve(by_key.size());
    for (auto& [key, entry] : by_key) out.push_back(std::move(entry.second));
    throw ScenarioError(std::move(out));
  }

  plan.runs = expand_replicates(plan.design.points.size(), spec.replicates, spec.seed, spec.seeds);

  // The probe: point 0 at tick 0 tells the observables and whether there is a verdict.
  auto probe_overrides = point_overrides(spec, plan.design.points.front());
  probe_overrides.push_back({"run.max_ticks", "0"});
  RunOptions probe_options;
  probe_options.seed = plan.runs.front().seed;
  const auto probe =
      gs::run(plan.base.resolve(probe_overrides, registry, spec.variant), registry, probe_options);
  plan.observables = probe.observables;
  const auto verdict = probe.model_summary.find("verdict");
  plan.has_verdict = verdict != probe.model_summary.end() && verdict->is_string();
  plan.columns = {"run_id", "point", "replicate", "seed"};
  for (const auto& key : spec.space.keys()) plan.columns.push_back(key);
  for (const auto& name : plan.observables) plan.columns.push_back(name);
  if (plan.has_verdict) plan.columns.push_back("verdict");

  plan.hash = fnv1a_hex(spec.canonical_json().dump() + "\n" + base_scenario->values().dump() +
                        (points_key.empty() ? "" : "\n" + std::string(points_key)));
  return plan;
}

}  // namespace

SweepPlan plan_sweep(const SweepSpec& spec, const ModelRegistry& registry,
                     std::vector<Diagnostic> problems, const scenario::Document* base) {
  return plan_any(spec, nullptr, registry, std::move(problems), base, {});
}

SweepPlan plan_sweep(const SweepSpec& spec, SweepDesign design, const ModelRegistry& registry,
                     std::string_view points_key) {
  return plan_any(spec, &design, registry, {}, nullptr, points_key);
}

}  // namespace gs::experiments
