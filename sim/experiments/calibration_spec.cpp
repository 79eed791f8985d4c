// Calibration files: see calibration_spec.hpp for the schema and the contract.
//
// Parsed with the scenario layer's YAML tree (sim/scenario/tree.hpp), which
// keeps every node's line and column and reports duplicate keys, so a
// calibration file's problems read exactly like a scenario or sweep file's.
// Priors are sweep factors (Factor::from_json, design.hpp) restricted to the
// continuous kinds the perturbation kernels need.
#include "sim/experiments/calibration_spec.hpp"

#include <fmt/format.h>

#include <boost/math/distributions/normal.hpp>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/tree.hpp"

namespace gs::experiments {
namespace {

using scenario::Diagnostic;
using scenario::ScenarioError;
using scenario::detail::Node;
using scenario::detail::Place;

const std::vector<std::string> kKeys = {
    "name",    "scenarios",        "parameters", "targets",    "method",
    "abc_smc", "history_matching", "budget",     "replicates", "predictive_replicates",
    "seed",    "leave_one_out"};
const std::vector<std::string> kTargetKeys = {"observable", "per",         "scale",    "scenario",
                                              "value",      "sd",          "interval", "level",
                                              "weight",     "discrepancy", "baseline"};
const std::vector<std::string> kScenarioKeys = {"scenario", "variant", "set"};
const std::vector<std::string> kAbcKeys = {"particles", "alpha", "min_acceptance", "generations"};
const std::vector<std::string> kHistoryKeys = {"points", "waves", "cutoff"};

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

std::optional<std::size_t> scenario_index(const CalibrationSpec& spec, const std::string& label) {
  for (std::size_t s = 0; s < spec.scenarios.size(); ++s)
    if (spec.scenarios[s].label == label) return s;
  return std::nullopt;
}

std::string labels_of(const CalibrationSpec& spec) {
  std::vector<std::string> labels;
  for (const auto& s : spec.scenarios) labels.push_back(s.label);
  return join(labels);
}

// A YAML scalar typed as YAML 1.2's core schema would (as sweep files do).
nlohmann::json scalar_json(const std::string& text) {
  if (text == "null" || text == "~" || text.empty()) return nullptr;
  if (text == "true" || text == "True") return true;
  if (text == "false" || text == "False") return false;
  errno = 0;
  char* end = nullptr;
  const long long integer = std::strtoll(text.c_str(), &end, 10);
  if (errno == 0 && end != text.c_str() && *end == '\0') return static_cast<std::int64_t>(integer);
  errno = 0;
  const double real = std::strtod(text.c_str(), &end);
  if (errno == 0 && end != text.c_str() && *end == '\0' && std::isfinite(real)) return real;
  return text;
}

nlohmann::json node_json(const Node& node) {
  switch (node.shape) {
    case Node::Shape::null:
      return nullptr;
    case Node::Shape::scalar:
      return scalar_json(node.scalar);
    case Node::Shape::sequence: {
      auto out = nlohmann::json::array();
      for (const auto& item : node.items) out.push_back(node_json(item));
      return out;
    }
    case Node::Shape::map: {
      auto out = nlohmann::json::object();
      for (const auto& entry : node.entries) out[entry.key] = node_json(entry.value);
      return out;
    }
  }
  return nullptr;
}

SweepPlace place_of(const Place& place) {
  return SweepPlace{place.line, place.column};
}

class Checker {
 public:
  explicit Checker(std::string file) : file_(std::move(file)) {}

  void problem(const Place& place, std::string key, std::string message) {
    diagnostics_.push_back(
        Diagnostic{file_, place.line, place.column, std::move(key), std::move(message)});
  }
  bool ok() const { return diagnostics_.empty(); }
  [[noreturn]] void raise() { throw ScenarioError(std::move(diagnostics_)); }

  void known_keys(const Node& map, const std::vector<std::string>& keys, const std::string& where) {
    for (const auto& entry : map.entries) {
      bool known = false;
      for (const auto& k : keys) known = known || entry.key == k;
      if (!known)
        problem(entry.key_place, where.empty() ? entry.key : where + "." + entry.key,
                "unknown key; known keys: " + join(keys));
    }
  }

  std::optional<std::string> text(const Node& node, const std::string& key) {
    if (node.shape != Node::Shape::scalar) {
      problem(node.place, key, "expected a text value, found " + scenario::detail::found(node));
      return std::nullopt;
    }
    return node.scalar;
  }

  std::optional<std::uint64_t> count(const Node& node, const std::string& key, std::uint64_t min,
                                     std::uint64_t max) {
    const auto value = node.shape == Node::Shape::scalar ? scalar_json(node.scalar) : nullptr;
    if (!value.is_number_integer() || value.get<std::int64_t>() < 0) {
      problem(node.place, key, "expected a whole number, found " + scenario::detail::found(node));
      return std::nullopt;
    }
    const auto n = static_cast<std::uint64_t>(value.get<std::int64_t>());
    if (n < min || n > max) {
      problem(node.place, key, fmt::format("{} is out of range [{}, {}]", n, min, max));
      return std::nullopt;
    }
    return n;
  }

  // A finite number in [min, max] (open at the ends when `open`).
  std::optional<double> number(const Node& node, const std::string& key, double min, double max,
                               bool open = false) {
    const auto value = node.shape == Node::Shape::scalar ? scalar_json(node.scalar) : nullptr;
    if (!value.is_number()) {
      problem(node.place, key, "expected a number, found " + scenario::detail::found(node));
      return std::nullopt;
    }
    const double v = value.get<double>();
    const bool inside = open ? (v > min && v < max) : (v >= min && v <= max);
    if (!inside) {
      problem(node.place, key,
              fmt::format("{} is out of range {}{}, {}{}", v, open ? "(" : "[", min, max,
                          open ? ")" : "]"));
      return std::nullopt;
    }
    return v;
  }

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

std::filesystem::path folder_of(const std::filesystem::path& file) {
  return std::filesystem::absolute(file).lexically_normal().parent_path();
}

bool label_ok(const std::string& label) {
  if (label.empty()) return false;
  for (char c : label) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

void parse_scenarios(const Node& node, const std::filesystem::path& origin, CalibrationSpec& spec,
                     Checker& check) {
  if (node.shape != Node::Shape::map || node.entries.empty()) {
    check.problem(node.place, "scenarios",
                  "expected a map of labels to scenario files, such as {base: ../estate.yaml}; "
                  "found " +
                      scenario::detail::found(node));
    return;
  }
  for (const auto& entry : node.entries) {
    const std::string where = "scenarios." + entry.key;
    CalibrationScenario s;
    s.label = entry.key;
    s.place = place_of(entry.key_place);
    if (!label_ok(entry.key))
      check.problem(entry.key_place, where,
                    "a scenario label names directories: use letters, digits, _ and - only");
    const Node* file = nullptr;
    if (entry.value.shape == Node::Shape::scalar) {
      file = &entry.value;
    } else if (entry.value.shape == Node::Shape::map) {
      check.known_keys(entry.value, kScenarioKeys, where);
      file = entry.value.find("scenario");
      if (file == nullptr)
        check.problem(entry.value.place, where + ".scenario",
                      "missing: the scenario file, relative to this calibration file");
      if (const Node* v = entry.value.find("variant")) {
        if (auto t = check.text(*v, where + ".variant")) s.variant = *t;
      }
      if (const Node* set = entry.value.find("set")) {
        if (set->shape != Node::Shape::map) {
          check.problem(
              set->place, where + ".set",
              "expected a map of dotted keys to values, found " + scenario::detail::found(*set));
        } else {
          for (const auto& e : set->entries) {
            s.fixed.emplace_back(e.key, e.value.shape == Node::Shape::scalar
                                            ? e.value.scalar
                                            : node_json(e.value).dump());
            s.fixed_places.push_back(place_of(e.key_place));
          }
        }
      }
    } else {
      check.problem(entry.value.place, where,
                    "expected a scenario file or a map {scenario, variant, set}, found " +
                        scenario::detail::found(entry.value));
    }
    if (file != nullptr) {
      if (auto t = check.text(*file, where)) {
        s.file = (folder_of(origin) / *t).lexically_normal();
        std::error_code error;
        if (!std::filesystem::is_regular_file(s.file, error))
          check.problem(file->place, where, "no scenario file at " + s.file.string());
      }
    }
    spec.scenarios.push_back(std::move(s));
  }
}

void parse_parameters(const Node& node, CalibrationSpec& spec, Checker& check) {
  if (node.shape != Node::Shape::sequence || node.items.empty()) {
    check.problem(node.place, "parameters",
                  "expected a list of free parameters, each a map such as {key: fatalism.mean, "
                  "uniform: [0.2, 0.8]}; found " +
                      scenario::detail::found(node));
    return;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const Node& item = node.items[i];
    std::string where = fmt::format("parameters[{}]", i);
    if (item.shape != Node::Shape::map) {
      check.problem(
          item.place, where,
          "expected a map with `key` and a prior, found " + scenario::detail::found(item));
      continue;
    }
    if (const Node* key = item.find("key"); key != nullptr && key->shape == Node::Shape::scalar)
      where += " (" + key->scalar + ")";
    bool allowed = false;
    for (const char* prior : {"uniform", "log_uniform", "normal"})
      allowed = allowed || item.find(prior) != nullptr;
    if (!allowed) {
      check.problem(item.place, where,
                    "a prior is one of uniform: [lo, hi], log_uniform: [lo, hi] or normal: {mean, "
                    "sd, lower, upper} (continuous priors only: the search perturbs values)");
      continue;
    }
    if (item.find("levels") != nullptr) {
      check.problem(item.find("levels")->place, where + ".levels",
                    "a prior has no grid levels; remove `levels`");
      continue;
    }
    const auto json = node_json(item);
    try {
      Factor factor = Factor::from_json(json);
      for (const auto& existing : spec.parameters.factors()) {
        if (existing.key() == factor.key())
          throw std::invalid_argument("the key '" + factor.key() + "' is already a parameter");
      }
      spec.parameters.add(std::move(factor));
      spec.parameter_specs.push_back(json);
      spec.parameter_places.push_back(place_of(item.place));
    } catch (const std::exception& e) {
      check.problem(item.place, where, e.what());
    }
  }
}

void parse_targets(const Node& node, CalibrationSpec& spec, Checker& check) {
  if (node.shape != Node::Shape::sequence || node.items.empty()) {
    check.problem(node.place, "targets",
                  "expected a list of targets, each a map such as {observable: active_share, "
                  "value: 0.4, sd: 0.05}; found " +
                      scenario::detail::found(node));
    return;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const Node& item = node.items[i];
    const std::string where = fmt::format("targets[{}]", i);
    if (item.shape != Node::Shape::map) {
      check.problem(item.place, where, "expected a map, found " + scenario::detail::found(item));
      continue;
    }
    check.known_keys(item, kTargetKeys, where);
    CalibrationTarget t;
    t.place = place_of(item.place);
    bool ok = true;
    if (const Node* n = item.find("observable")) {
      if (auto v = check.text(*n, where + ".observable"))
        t.observable = *v;
      else
        ok = false;
    } else {
      check.problem(item.place, where + ".observable", "missing: the observable to match");
      ok = false;
    }
    if (const Node* n = item.find("per")) {
      if (auto v = check.text(*n, where + ".per"))
        t.per = *v;
      else
        ok = false;
    }
    if (const Node* n = item.find("scale")) {
      if (auto v = check.number(*n, where + ".scale", 0.0, 1e12, true))
        t.scale = *v;
      else
        ok = false;
    }
    if (const Node* n = item.find("scenario")) {
      ok = false;
      if (auto v = check.text(*n, where + ".scenario")) {
        if (auto s = scenario_index(spec, *v)) {
          t.scenario = *s;
          ok = true;
        } else {
          check.problem(n->place, where + ".scenario",
                        "'" + *v + "' is not a scenario label; labels: " + labels_of(spec));
        }
      }
    } else if (spec.scenarios.size() > 1) {
      check.problem(item.place, where + ".scenario",
                    "missing: with several scenarios, say which one the target is measured in");
      ok = false;
    }
    if (const Node* n = item.find("baseline")) {
      if (auto v = check.text(*n, where + ".baseline")) {
        if (auto b = scenario_index(spec, *v)) {
          if (*b == t.scenario)
            check.problem(n->place, where + ".baseline",
                          "the baseline must be another scenario than the one measured");
          else
            t.baseline = *b;
        } else {
          check.problem(n->place, where + ".baseline",
                        "'" + *v + "' is not a scenario label; labels: " + labels_of(spec));
        }
      }
      if (!t.baseline) ok = false;
    }
    constexpr double big = std::numeric_limits<double>::max();
    if (const Node* n = item.find("value")) {
      if (auto v = check.number(*n, where + ".value", -big, big))
        t.value = *v;
      else
        ok = false;
    } else {
      check.problem(item.place, where + ".value", "missing: the real figure");
      ok = false;
    }
    const Node* sd = item.find("sd");
    const Node* interval = item.find("interval");
    const Node* level = item.find("level");
    if ((sd == nullptr) == (interval == nullptr)) {
      check.problem(item.place, where,
                    "give the figure's uncertainty as exactly one of `sd` or `interval: [lo, hi]`");
      ok = false;
    } else if (sd != nullptr) {
      if (level != nullptr)
        check.problem(level->place, where + ".level", "`level` goes with `interval`, not `sd`");
      if (auto v = check.number(*sd, where + ".sd", 0.0, big, true)) {
        t.sd = *v;
        t.lower = t.value - 1.959963984540054 * t.sd;
        t.upper = t.value + 1.959963984540054 * t.sd;
      } else {
        ok = false;
      }
    } else {
      double lvl = 0.95;
      if (level != nullptr) {
        if (auto v = check.number(*level, where + ".level", 0.0, 1.0, true))
          lvl = *v;
        else
          ok = false;
      }
      const auto json = node_json(*interval);
      if (!json.is_array() || json.size() != 2 || !json[0].is_number() || !json[1].is_number() ||
          !(json[0].get<double>() < json[1].get<double>())) {
        check.problem(interval->place, where + ".interval",
                      "expected [lo, hi] with lo < hi, found " + json.dump());
        ok = false;
      } else if (ok) {
        t.lower = json[0].get<double>();
        t.upper = json[1].get<double>();
        if (!(t.lower <= t.value && t.value <= t.upper))
          check.problem(interval->place, where + ".interval",
                        fmt::format("the value {} lies outside its interval", t.value));
        const double z =
            boost::math::quantile(boost::math::normal_distribution<double>(), 0.5 + lvl / 2.0);
        t.sd = (t.upper - t.lower) / (2.0 * z);
      }
    }
    if (const Node* n = item.find("weight")) {
      if (auto v = check.number(*n, where + ".weight", 0.0, 1e6, true)) t.weight = *v;
    }
    if (const Node* n = item.find("discrepancy")) {
      if (auto v = check.number(*n, where + ".discrepancy", 0.0, big)) t.discrepancy = *v;
    }
    if (ok) spec.targets.push_back(std::move(t));
  }
}

// A baseline runs on the seeds of the scenario it is the counterfactual of, so
// it can serve one scenario only, and that scenario cannot be a baseline too.
void check_baselines(const CalibrationSpec& spec, Checker& check) {
  std::vector<std::optional<std::size_t>> serves(spec.scenarios.size());
  for (const auto& t : spec.targets)
    if (t.baseline && !serves[*t.baseline]) serves[*t.baseline] = t.scenario;
  for (std::size_t i = 0; i < spec.targets.size(); ++i) {
    const auto& t = spec.targets[i];
    if (!t.baseline) continue;
    const auto& baseline = spec.scenarios[*t.baseline].label;
    const Place place{t.place.line, t.place.column};
    if (serves[*t.baseline] != t.scenario)
      check.problem(place, fmt::format("targets[{}].baseline", i),
                    fmt::format("scenario {} is the baseline of both {} and {}; a baseline runs on "
                                "the seeds of one scenario (copy it under another label)",
                                baseline, spec.scenarios[*serves[*t.baseline]].label,
                                spec.scenarios[t.scenario].label));
    else if (serves[t.scenario])
      check.problem(place, fmt::format("targets[{}].baseline", i),
                    fmt::format("scenario {} is measured against baseline {} but is itself a "
                                "baseline; a chain of baselines has no common seeds",
                                spec.scenarios[t.scenario].label, baseline));
  }
}

void parse_leave_one_out(const Node& node, CalibrationSpec& spec, Checker& check) {
  if (spec.method != CalibrationMethodKind::history_matching) {
    check.problem(node.place, "leave_one_out",
                  "needs method: history_matching (its first wave, drawn from the prior, is "
                  "judged again without each held-out scenario's targets)");
    return;
  }
  if (node.shape != Node::Shape::sequence) {
    check.problem(node.place, "leave_one_out",
                  "expected a list of scenario labels, found " + scenario::detail::found(node));
    return;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const std::string where = fmt::format("leave_one_out[{}]", i);
    const auto v = check.text(node.items[i], where);
    if (!v) continue;
    const auto s = scenario_index(spec, *v);
    if (!s) {
      check.problem(node.items[i].place, where,
                    "'" + *v + "' is not a scenario label; labels: " + labels_of(spec));
      continue;
    }
    std::size_t held = 0;
    for (const auto& t : spec.targets) held += t.scenario == *s ? 1 : 0;
    if (held == 0)
      check.problem(node.items[i].place, where, "no target is measured in scenario " + *v);
    else if (held == spec.targets.size())
      check.problem(node.items[i].place, where,
                    "every target is measured in scenario " + *v + ": nothing would be left");
    else if (std::find(spec.leave_one_out.begin(), spec.leave_one_out.end(), *s) !=
             spec.leave_one_out.end())
      check.problem(node.items[i].place, where, "scenario " + *v + " is listed twice");
    else
      spec.leave_one_out.push_back(*s);
  }
}

void parse_abc(const Node& node, CalibrationSpec& spec, Checker& check) {
  if (node.shape != Node::Shape::map) {
    check.problem(node.place, "abc_smc", "expected a map, found " + scenario::detail::found(node));
    return;
  }
  check.known_keys(node, kAbcKeys, "abc_smc");
  if (const Node* n = node.find("particles")) {
    if (auto v = check.count(*n, "abc_smc.particles", 2, 1000000)) spec.abc.particles = *v;
  }
  if (const Node* n = node.find("alpha")) {
    if (auto v = check.number(*n, "abc_smc.alpha", 0.0, 1.0, true)) spec.abc.alpha = *v;
  }
  if (const Node* n = node.find("min_acceptance")) {
    if (auto v = check.number(*n, "abc_smc.min_acceptance", 0.0, 1.0, true))
      spec.abc.min_acceptance = *v;
  }
  if (const Node* n = node.find("generations")) {
    if (auto v = check.count(*n, "abc_smc.generations", 1, 1000)) spec.abc.generations = *v;
  }
}

void parse_history(const Node& node, CalibrationSpec& spec, Checker& check) {
  if (node.shape != Node::Shape::map) {
    check.problem(node.place, "history_matching",
                  "expected a map, found " + scenario::detail::found(node));
    return;
  }
  check.known_keys(node, kHistoryKeys, "history_matching");
  if (const Node* n = node.find("points")) {
    if (auto v = check.count(*n, "history_matching.points", 2, 10000000)) spec.history.points = *v;
  }
  if (const Node* n = node.find("waves")) {
    if (auto v = check.count(*n, "history_matching.waves", 1, 100)) spec.history.waves = *v;
  }
  if (const Node* n = node.find("cutoff")) {
    if (auto v = check.number(*n, "history_matching.cutoff", 0.0, 1e6, true))
      spec.history.cutoff = *v;
  }
}

}  // namespace

std::string CalibrationTarget::label(const std::vector<CalibrationScenario>& scenarios) const {
  std::string name = observable + (per.empty() ? "" : "/" + per);
  if (scale != 1.0) name = fmt::format("{}*{}", scale, name);
  name += "@" + scenarios.at(scenario).label;
  if (baseline) name += "-minus-" + scenarios.at(*baseline).label;
  return name;
}

double CalibrationTarget::simulated(double observed, double baseline_observed,
                                    double per_observed) const {
  const double difference = scale * (observed - baseline_observed);
  if (per.empty()) return difference;
  return per_observed != 0.0 ? difference / per_observed : std::numeric_limits<double>::quiet_NaN();
}

std::size_t CalibrationSpec::seed_scenario(std::size_t s) const {
  for (const auto& t : targets)
    if (t.baseline == s) return t.scenario;
  return s;
}

const char* method_name(CalibrationMethodKind kind) {
  return kind == CalibrationMethodKind::abc_smc ? "abc_smc" : "history_matching";
}

nlohmann::json CalibrationSpec::canonical_json() const {
  nlohmann::json out;
  out["name"] = name;
  auto scenario_list = nlohmann::json::array();
  for (const auto& s : scenarios) {
    auto set = nlohmann::json::array();
    for (const auto& [key, value] : s.fixed) set.push_back({key, value});
    scenario_list.push_back({{"label", s.label},
                             {"scenario", s.file.filename().string()},
                             {"variant", s.variant},
                             {"set", set}});
  }
  out["scenarios"] = scenario_list;
  out["parameters"] = parameter_specs;
  auto target_list = nlohmann::json::array();
  for (const auto& t : targets)
    target_list.push_back({{"observable", t.observable},
                           {"per", t.per},
                           {"scale", t.scale},
                           {"scenario", scenarios.at(t.scenario).label},
                           {"value", t.value},
                           {"sd", t.sd},
                           {"lower", t.lower},
                           {"upper", t.upper},
                           {"weight", t.weight},
                           {"discrepancy", t.discrepancy}});
  // Keys added after format 1 appear only when used, so that the hash (and
  // hence the resumability) of every earlier calibration is unchanged.
  for (std::size_t i = 0; i < targets.size(); ++i)
    if (targets[i].baseline) target_list[i]["baseline"] = scenarios.at(*targets[i].baseline).label;
  out["targets"] = target_list;
  if (!leave_one_out.empty()) {
    auto held = nlohmann::json::array();
    for (std::size_t s : leave_one_out) held.push_back(scenarios.at(s).label);
    out["leave_one_out"] = held;
  }
  out["method"] = method_name(method);
  if (method == CalibrationMethodKind::abc_smc) {
    out["abc_smc"] = {{"particles", abc.particles},
                      {"alpha", abc.alpha},
                      {"min_acceptance", abc.min_acceptance},
                      {"generations", abc.generations}};
  } else {
    out["history_matching"] = {
        {"points", history.points}, {"waves", history.waves}, {"cutoff", history.cutoff}};
  }
  out["budget"] = budget;
  out["replicates"] = replicates;
  out["predictive_replicates"] = predictive_replicates;
  out["seed"] = seed;
  return out;
}

CalibrationSpec parse_calibration_spec(const std::string& yaml_text,
                                       const std::filesystem::path& origin) {
  const std::string label = origin.string();
  std::vector<scenario::detail::Problem> problems;
  scenario::detail::ParseFailure failure;
  const auto tree = scenario::detail::load_yaml(yaml_text, false, "", problems, failure);
  if (!tree)
    throw ScenarioError({Diagnostic{label, failure.line, failure.column, "", failure.message}});
  Checker check(label);
  for (const auto& p : problems) check.problem(p.place, p.key, p.message);
  if (tree->shape != Node::Shape::map) {
    check.problem(tree->place, "",
                  "a calibration file is a map with `scenarios`, `parameters` and `targets`, "
                  "found " +
                      scenario::detail::found(*tree));
    check.raise();
  }
  CalibrationSpec spec;
  spec.file = origin;
  spec.text = yaml_text;
  spec.name = origin.stem().string();
  check.known_keys(*tree, kKeys, "");
  if (const Node* n = tree->find("name")) {
    if (auto v = check.text(*n, "name")) spec.name = *v;
  }
  if (const Node* n = tree->find("scenarios")) {
    parse_scenarios(*n, origin, spec, check);
  } else {
    check.problem(tree->place, "scenarios", "missing: the scenarios the targets are measured in");
  }
  if (const Node* n = tree->find("parameters")) {
    parse_parameters(*n, spec, check);
  } else {
    check.problem(tree->place, "parameters", "missing: the free parameters and their priors");
  }
  if (const Node* n = tree->find("targets")) {
    parse_targets(*n, spec, check);
  } else {
    check.problem(tree->place, "targets", "missing: the figures the runs must reproduce");
  }
  const Node* method = tree->find("method");
  if (method != nullptr) {
    if (auto v = check.text(*method, "method")) {
      if (*v == "abc_smc") {
        spec.method = CalibrationMethodKind::abc_smc;
      } else if (*v == "history_matching") {
        spec.method = CalibrationMethodKind::history_matching;
      } else {
        check.problem(method->place, "method",
                      "'" + *v + "' is not a method; one of: abc_smc, history_matching");
      }
    }
  }
  if (const Node* n = tree->find("abc_smc")) {
    if (spec.method != CalibrationMethodKind::abc_smc)
      check.problem(n->place, "abc_smc", "settings of a method the file does not use");
    parse_abc(*n, spec, check);
  }
  if (const Node* n = tree->find("history_matching")) {
    if (spec.method != CalibrationMethodKind::history_matching)
      check.problem(n->place, "history_matching", "settings of a method the file does not use");
    parse_history(*n, spec, check);
  }
  if (const Node* n = tree->find("budget")) {
    if (auto v = check.count(*n, "budget", 1, std::uint64_t{1} << 40)) spec.budget = *v;
  }
  check_baselines(spec, check);
  if (const Node* n = tree->find("leave_one_out")) parse_leave_one_out(*n, spec, check);
  if (const Node* n = tree->find("replicates")) {
    if (auto v = check.count(*n, "replicates", 1, 100000))
      spec.replicates = static_cast<std::uint32_t>(*v);
  }
  if (const Node* n = tree->find("predictive_replicates")) {
    if (auto v = check.count(*n, "predictive_replicates", 1, 100000))
      spec.predictive_replicates = static_cast<std::uint32_t>(*v);
  }
  if (const Node* n = tree->find("seed")) {
    if (auto v = check.count(*n, "seed", 0, std::numeric_limits<std::int64_t>::max()))
      spec.seed = *v;
  }
  // The first batch must fit the budget, or nothing useful can be computed.
  if (check.ok() && !spec.scenarios.empty()) {
    const std::uint64_t per_point = std::uint64_t{spec.replicates} * spec.scenarios.size();
    const std::uint64_t first_points =
        spec.method == CalibrationMethodKind::abc_smc
            ? static_cast<std::uint64_t>(
                  std::ceil(static_cast<double>(spec.abc.particles) / spec.abc.alpha))
            : spec.history.points;
    if (first_points * per_point > spec.budget) {
      const Node* b = tree->find("budget");
      check.problem(
          b != nullptr ? b->place : tree->place, "budget",
          fmt::format("the first {} alone needs {} runs ({} points x {} replicates x {} "
                      "scenarios); raise the budget or lower the sizes",
                      spec.method == CalibrationMethodKind::abc_smc ? "generation" : "wave",
                      first_points * per_point, first_points, spec.replicates,
                      spec.scenarios.size()));
    }
  }
  if (!check.ok()) check.raise();
  return spec;
}

CalibrationSpec read_calibration_spec(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw ScenarioError({Diagnostic{file.string(), 0, 0, "", "cannot read the calibration file"}});
  std::ostringstream text;
  text << in.rdbuf();
  return parse_calibration_spec(text.str(), file);
}

const char* calibration_format_help() {
  return R"(Calibration files (groundswell calibrate FILE)

A calibration file states real figures with their uncertainty, the free
parameters with priors, and how to search; `calibrate` finds the parameter
values whose runs reproduce the figures, with their uncertainty.

  name: threshold_truth          # optional; default: the file's stem
  scenarios:                     # required: label -> scenario, relative to this file,
    sparse: ../watts.yaml        #   or a map {scenario: FILE, variant: V, set: {k: v}}
    dense: {scenario: ../watts.yaml, set: {network.mean_degree: 8}}
  parameters:                    # required: the free parameters and their priors
    - {key: threshold.mean, uniform: [0.1, 0.4]}
    - {key: threshold.seeds.fraction, log_uniform: [0.005, 0.1]}
    - {key: x.y, normal: {mean: 0.3, sd: 0.1, lower: 0, upper: 1}}  # bounds optional
  targets:                       # required: what the runs must reproduce
    - observable: active_share   # a final observable of the scenario's model,
      per: active_count          #   optionally divided by another (derived measure)
      scale: 10                  #   and multiplied by a factor (e.g. a 1/10-scale place)
      scenario: sparse           # optional when there is one scenario
      baseline: dense            # optional: minus the same observable in another scenario
                                 #   run on the same seeds (a counterfactual: a return
                                 #   net of what happens without the programme)
      value: 0.42                # the real figure
      sd: 0.02                   # its uncertainty: sd, or interval: [lo, hi] with
      weight: 1                  #   level: 0.95 (default); weight optional (1)
      discrepancy: 0             # model-discrepancy sd (history matching; default 0)
  method: abc_smc                # abc_smc (default) | history_matching
  abc_smc: {particles: 100, alpha: 0.5, min_acceptance: 0.05, generations: 20}
  history_matching: {points: 100, waves: 4, cutoff: 3}
  leave_one_out: [dense]         # history matching: hold out each scenario's targets in turn
  budget: 20000                  # most calibration runs (points x replicates x scenarios)
  replicates: 2                  # runs per point and scenario (stochastic models)
  predictive_replicates: 4       # runs per posterior particle for the predictive check
  seed: 1                        # master seed of every draw and every run's seed

Every parameter is set in every scenario; anything else differs through each
scenario's own file and `set`. A point's score uses the mean of its replicates
for each target: z = (mean - value) / sd, where a run's value is
scale * observable (/ per); a zero `per` makes the value undefined (NaN),
and undefined values are missing, never 0.

abc_smc: approximate Bayesian computation by sequential Monte Carlo, in the
adaptive population form of Lenormand, Jabot & Deffuant (2013) with Beaumont et
al.'s (2009) weights and kernel: generation 0 draws particles/alpha points from
the prior and keeps the `particles` closest (distance: the weighted root mean
square of z); each later generation proposes particles/alpha - particles new
points by perturbing kept ones (Gaussian kernel, twice the weighted covariance,
in the priors' probability scale), keeps the `particles` closest of old and new,
and lowers the tolerance to the largest kept distance (an adaptive schedule, as
Del Moral, Doucet & Jasra 2012). It stops when the share of new points within
the previous tolerance falls below min_acceptance, after `generations`, or
when the budget would be exceeded.

history_matching: waves of `points` points (Vernon, Goldstein & Bower 2010;
Andrianakis et al. 2015), each run `replicates` times. A point's implausibility
is the largest over targets of |mean - value| / sqrt(sd^2 + discrepancy^2 +
V (1 + 1/replicates)), V the replicates' variance (the model's own noise). Points
at or below the cut-off are not ruled out; the next wave samples around them
(and a tenth of its points from the prior again); when fewer survive than
there are parameters + 1, around the least implausible tenth of the wave.
No emulator: the model is run at every point (fine for cheap models).

leave_one_out: for each listed scenario, the first wave (drawn from the prior,
so no target shaped it) is judged again without the targets measured in that
scenario; the held-out figures are predicted by their runs at the points the
other targets leave not ruled out (90% interval, every point weighted alike),
and each is covered or not: a check that the fit predicts figures it never saw.
A baseline scenario runs on the seeds of the scenario it is the counterfactual
of, so it serves one scenario only.

Outputs in the directory (--out, default runs/<file stem>): posterior.csv
(particles, weights), generations.csv (tolerance or cut-off, acceptance, per
generation or wave), marginals.csv, pairs.csv, predictive.csv (fresh runs at
the posterior's particles, with intervals, against every target),
leave_one_out.csv (when asked), calibration.json (all of it) and
manifest.json (version, file hashes, seed).
Every batch is a sweep directory under batches/: kill the command at any
moment and run it again to resume; --shard and mpirun work as for sweeps.
)";
}

}  // namespace gs::experiments
