// Sweep files: see sweep_spec.hpp for the schema and the contract.
//
// The file is parsed with the scenario layer's YAML tree (sim/scenario/tree.hpp),
// which keeps every node's line and column and reports duplicate keys, so a
// sweep file's problems read exactly like a scenario file's.
#include "sim/experiments/sweep_spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/suggest.hpp"
#include "sim/scenario/text.hpp"
#include "sim/scenario/tree.hpp"

namespace gs::experiments {
namespace {

using scenario::Diagnostic;
using scenario::ScenarioError;
using scenario::detail::Node;

// A YAML scalar typed as YAML 1.2's core schema would: null, bool, integer,
// real, else string.
nlohmann::json scalar_json(const std::string& text) {
  if (text == "null" || text == "~" || text.empty()) return nullptr;
  if (text == "true" || text == "True") return true;
  if (text == "false" || text == "False") return false;
  errno = 0;
  char* end = nullptr;
  const long long integer = std::strtoll(text.c_str(), &end, 10);
  if (errno == 0 && end != text.c_str() && *end == '\0') {
    if (integer >= 0) return static_cast<std::uint64_t>(integer);  // nlohmann: unsigned
    return static_cast<std::int64_t>(integer);
  }
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

// YAML text of a node's value, for an override (JSON is valid YAML flow).
std::string override_text(const Node& node) {
  if (node.shape == Node::Shape::scalar) return node.scalar;
  return node_json(node).dump();
}

class Checker {
 public:
  explicit Checker(std::string file) : file_(std::move(file)) {}

  void problem(const scenario::detail::Place& place, std::string key, std::string message) {
    diagnostics_.push_back(
        Diagnostic{file_, place.line, place.column, std::move(key), std::move(message)});
  }
  bool ok() const { return diagnostics_.empty(); }
  [[noreturn]] void raise() { throw ScenarioError(std::move(diagnostics_)); }
  std::vector<Diagnostic> take() { return std::move(diagnostics_); }

  // Every key of `map` must be in `keys`; a misspelt one gets a suggestion.
  void unknown_keys(const Node& map, const std::string& prefix, const std::vector<KeyDoc>& keys,
                    const char* where) {
    std::vector<std::string> names;
    names.reserve(keys.size());
    for (const auto& k : keys) names.push_back(k.key);
    for (const auto& entry : map.entries) {
      if (std::find(names.begin(), names.end(), entry.key) != names.end()) continue;
      std::string message = fmt::format("unknown key in {}", where);
      if (const auto near = scenario::detail::closest(entry.key, names))
        message += fmt::format(" (did you mean '{}'?)", *near);
      problem(entry.key_place, prefix + entry.key,
              message + "; known keys: " + scenario::detail::join(names) +
                  " (`groundswell describe sweep` explains each)");
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
    const auto n = value.get<std::uint64_t>();
    if (n < min || n > max) {
      problem(node.place, key, fmt::format("{} is out of range [{}, {}]", n, min, max));
      return std::nullopt;
    }
    return n;
  }

  std::optional<bool> boolean(const Node& node, const std::string& key) {
    const auto value = node.shape == Node::Shape::scalar ? scalar_json(node.scalar) : nullptr;
    if (!value.is_boolean()) {
      problem(node.place, key, "expected true or false, found " + scenario::detail::found(node));
      return std::nullopt;
    }
    return value.get<bool>();
  }

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

SweepPlace place_of(const Node& node) {
  return SweepPlace{node.place.line, node.place.column};
}

std::filesystem::path folder_of(const std::filesystem::path& file) {
  return std::filesystem::absolute(file).lexically_normal().parent_path();
}

void parse_factors(const Node& node, SweepSpec& spec, Checker& check) {
  if (node.shape != Node::Shape::sequence || node.items.empty()) {
    check.problem(node.place, "factors",
                  "expected a list of factors, each a map such as {key: fatalism.mean, "
                  "uniform: [0.2, 0.8]}; found " +
                      scenario::detail::found(node));
    return;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const Node& item = node.items[i];
    const std::string where = fmt::format("factors[{}]", i);
    if (item.shape != Node::Shape::map) {
      check.problem(
          item.place, where,
          "expected a map with `key` and a distribution, found " + scenario::detail::found(item));
      continue;
    }
    const auto json = node_json(item);
    const Node* key = item.find("key");
    const std::string label = key != nullptr && key->shape == Node::Shape::scalar
                                  ? where + " (" + key->scalar + ")"
                                  : where;
    check.unknown_keys(item, label + ".", sweep_factor_keys(), "a factor");
    try {
      Factor factor = Factor::from_json(json);
      for (const auto& existing : spec.space.factors()) {
        if (existing.key() == factor.key())
          throw std::invalid_argument("the key '" + factor.key() + "' is already a factor");
      }
      spec.space.add(std::move(factor));
      spec.factor_specs.push_back(json);
      spec.factor_places.push_back(place_of(item));
      spec.factor_numbers.push_back(i);
    } catch (const std::exception& e) {
      check.problem(item.place, label, e.what());
    }
  }
}

void check_design(const Node& root, SweepSpec& spec, Checker& check, bool samples_given) {
  const Node* design = root.find("design");
  const auto at = design != nullptr ? design->place : root.place;
  if (spec.space.empty()) return;
  switch (spec.design) {
    case DesignKind::grid:
      if (samples_given)
        check.problem(at, "samples", "a grid design enumerates every level; remove `samples`");
      for (std::size_t i = 0; i < spec.space.size(); ++i) {
        try {
          (void)spec.space[i].grid_values();
        } catch (const std::exception& e) {
          const auto& p = spec.factor_places[i];
          check.problem({p.line, p.column, false},
                        fmt::format("factors[{}] ({})", spec.factor_number(i), spec.space[i].key()),
                        e.what());
        }
      }
      break;
    case DesignKind::lhs:
    case DesignKind::sobol:
    case DesignKind::saltelli:
    case DesignKind::morris:
      if (!samples_given)
        check.problem(
            at, "samples",
            fmt::format("the {} design needs `samples` ({})", design_name(spec.design),
                        spec.design == DesignKind::morris
                            ? "trajectories"
                            : (spec.design == DesignKind::saltelli ? "base samples N" : "points")));
      break;
  }
  if (spec.design == DesignKind::morris && spec.morris_levels % 2 != 0) {
    const Node* levels = root.find("levels");
    check.problem(levels != nullptr ? levels->place : at, "levels",
                  "Morris grid levels must be even (so a step of delta lands on a level)");
  }
  if (spec.design == DesignKind::saltelli && spec.space.size() < 2)
    check.problem(at, "factors", "a Saltelli design needs at least two factors");
}

}  // namespace

const char* design_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid:
      return "grid";
    case DesignKind::lhs:
      return "lhs";
    case DesignKind::sobol:
      return "sobol";
    case DesignKind::saltelli:
      return "saltelli";
    case DesignKind::morris:
      return "morris";
  }
  return "?";
}

nlohmann::json SweepSpec::canonical_json() const {
  nlohmann::json out;
  out["name"] = name;
  out["scenario"] = base_scenario.filename().string();
  out["variant"] = variant;
  auto set = nlohmann::json::array();
  for (const auto& [key, value] : fixed) set.push_back({key, value});
  out["set"] = set;
  out["factors"] = factor_specs;
  out["design"] = design_name(design);
  out["samples"] = samples;
  out["levels"] = morris_levels;
  out["skip"] = skip;
  out["replicates"] = replicates;
  out["seed"] = seed;
  out["seeds"] = seeds == SeedPolicy::independent ? "independent" : "common";
  out["series"] = series;
  return out;
}

SweepSpec parse_sweep_spec(const std::string& yaml_text, const std::filesystem::path& origin) {
  std::vector<Diagnostic> problems;
  auto spec = parse_sweep_spec(yaml_text, origin, problems);
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  return spec;
}

SweepSpec parse_sweep_spec(const std::string& yaml_text, const std::filesystem::path& origin,
                           std::vector<scenario::Diagnostic>& problems_out,
                           bool scenario_must_exist) {
  const std::string label = origin.string();
  std::vector<scenario::detail::Problem> problems;
  scenario::detail::ParseFailure failure;
  const auto tree = scenario::detail::load_yaml(yaml_text, false, "", problems, failure);
  if (!tree)
    throw ScenarioError(
        {Diagnostic{label, failure.line, failure.column, "",
                    (failure.over_limit ? "refused: " : "malformed YAML: ") + failure.message}});
  Checker check(label);
  for (const auto& p : problems) check.problem(p.place, p.key, p.message);
  if (tree->shape != Node::Shape::map) {
    check.problem(tree->place, "",
                  "a sweep file is a map with at least `scenario` and `factors`, found " +
                      scenario::detail::found(*tree));
    check.raise();
  }

  SweepSpec spec;
  spec.file = origin;
  spec.name = origin.stem().string();
  check.unknown_keys(*tree, "", sweep_file_keys(), "a sweep file");
  if (const Node* n = tree->find("name")) {
    if (auto v = check.text(*n, "name")) spec.name = *v;
  }
  if (const Node* n = tree->find("scenario")) {
    if (auto v = check.text(*n, "scenario")) {
      const auto path = (folder_of(origin) / *v).lexically_normal();
      std::error_code error;
      if (scenario_must_exist && !std::filesystem::is_regular_file(path, error))
        check.problem(n->place, "scenario", "no scenario file at " + path.string());
      spec.base_scenario = path;
    }
  } else {
    check.problem(tree->place, "scenario",
                  "missing: the base scenario file, relative to this sweep file");
  }
  if (const Node* n = tree->find("variant")) {
    if (auto v = check.text(*n, "variant")) spec.variant = *v;
  }
  if (const Node* n = tree->find("set")) {
    if (n->shape != Node::Shape::map) {
      check.problem(
          n->place, "set",
          "expected a map of dotted keys to values, found " + scenario::detail::found(*n));
    } else {
      for (const auto& entry : n->entries) {
        spec.fixed.emplace_back(entry.key, override_text(entry.value));
        spec.fixed_places.push_back(SweepPlace{entry.key_place.line, entry.key_place.column});
      }
    }
  }
  if (const Node* n = tree->find("factors")) {
    parse_factors(*n, spec, check);
  } else {
    check.problem(tree->place, "factors", "missing: the list of parameters that vary");
  }
  if (const Node* n = tree->find("design")) {
    if (auto v = check.text(*n, "design")) {
      bool found = false;
      for (auto kind : {DesignKind::grid, DesignKind::lhs, DesignKind::sobol, DesignKind::saltelli,
                        DesignKind::morris}) {
        if (*v == design_name(kind)) {
          spec.design = kind;
          found = true;
        }
      }
      if (!found)
        check.problem(n->place, "design",
                      "'" + *v + "' is not a design; one of: grid, lhs, sobol, saltelli, morris");
    }
  }
  constexpr std::uint64_t max_points = std::uint64_t{1} << 31;
  const Node* samples = tree->find("samples");
  if (samples != nullptr) {
    if (auto v = check.count(*samples, "samples", 1, max_points)) spec.samples = *v;
  }
  if (const Node* n = tree->find("levels")) {
    if (spec.design != DesignKind::morris)
      check.problem(n->place, "levels",
                    "only the morris design has grid levels (a grid factor's `levels` goes in "
                    "the factor)");
    if (auto v = check.count(*n, "levels", 2, 1000)) spec.morris_levels = *v;
  }
  if (const Node* n = tree->find("skip")) {
    if (spec.design != DesignKind::sobol && spec.design != DesignKind::saltelli)
      check.problem(n->place, "skip", "only the sobol and saltelli designs skip points");
    if (auto v = check.count(*n, "skip", 0, max_points)) spec.skip = *v;
  }
  if (const Node* n = tree->find("replicates")) {
    if (auto v = check.count(*n, "replicates", 1, 1000000))
      spec.replicates = static_cast<std::uint32_t>(*v);
  }
  if (const Node* n = tree->find("seed")) {
    if (auto v = check.count(*n, "seed", 0, std::numeric_limits<std::int64_t>::max()))
      spec.seed = *v;
  }
  if (const Node* n = tree->find("seeds")) {
    if (auto v = check.text(*n, "seeds")) {
      if (*v == "independent") {
        spec.seeds = SeedPolicy::independent;
      } else if (*v == "common") {
        spec.seeds = SeedPolicy::common_random_numbers;
      } else {
        check.problem(n->place, "seeds",
                      "'" + *v + "' is not a seed policy; one of: independent, common");
      }
    }
  }
  if (const Node* n = tree->find("series")) {
    if (auto v = check.boolean(*n, "series")) spec.series = *v;
  }
  check_design(*tree, spec, check, samples != nullptr);
  auto found = check.take();
  problems_out.insert(problems_out.end(), std::make_move_iterator(found.begin()),
                      std::make_move_iterator(found.end()));
  return spec;
}

SweepSpec read_sweep_spec(const std::filesystem::path& file) {
  std::vector<Diagnostic> problems;
  auto spec = read_sweep_spec(file, problems);
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  return spec;
}

SweepSpec read_sweep_spec(const std::filesystem::path& file,
                          std::vector<scenario::Diagnostic>& problems) {
  std::string text;
  std::string why;
  if (!scenario::detail::read_yaml_file(file, text, why))
    throw ScenarioError(
        {Diagnostic{file.string(), 0, 0, "", "cannot read the sweep file: " + why}});
  return parse_sweep_spec(text, file, problems);
}

const std::vector<KeyDoc>& sweep_file_keys() {
  static const std::vector<KeyDoc> keys{
      {"name", "text", "the file's stem", "Label of the sweep (manifest, progress line)."},
      {"scenario", "file path", "(required)",
       "The base scenario, relative to the sweep file; every run starts from it."},
      {"variant", "text", "none",
       "One of the base scenario's variants; required when the base defines variants."},
      {"set", "map", "{}",
       "Fixed overrides for every run, dotted keys as with --set (e.g. run.max_ticks: 52); "
       "applied before the factors."},
      {"factors", "list of maps", "(required)",
       "The parameters that vary, at least one; each a map with `key` and one distribution "
       "(see the factor keys below)."},
      {"design", "grid | lhs | sobol | saltelli | morris", "grid",
       "How points are chosen: every combination of levels (grid), a Latin hypercube (lhs), "
       "a Sobol' sequence (sobol), Saltelli's design for Sobol' indices (saltelli), or Morris "
       "trajectories for screening (morris)."},
      {"samples", "whole number >= 1", "none (required except for grid)",
       "lhs, sobol: points; saltelli: base samples N, giving N (k + 2) points; morris: "
       "trajectories r, giving r (k + 1) points (k factors). Not allowed with grid."},
      {"levels", "even whole number >= 2", "4",
       "morris only: grid levels p of each factor (a grid factor's levels go in the factor)."},
      {"skip", "whole number >= 0", "0", "sobol, saltelli: leading Sobol' points skipped."},
      {"replicates", "whole number >= 1", "1", "Runs per design point, each with its own seed."},
      {"seed", "whole number >= 0", "1",
       "Master seed: replicate seeds and the design's own randomness derive from it."},
      {"seeds", "independent | common", "independent",
       "common: replicate r of every point shares a seed (common random numbers, for paired "
       "comparisons); independent: every run has its own."},
      {"series", "true | false", "false",
       "Also write every run's time series to series/run-<id>.csv."}};
  return keys;
}

const std::vector<KeyDoc>& sweep_factor_keys() {
  static const std::vector<KeyDoc> keys{
      {"key", "dotted key", "(required)",
       "The scenario parameter that varies, as with --set (e.g. fatalism.mean)."},
      {"values", "list", "-", "Exactly these values (numbers, text or booleans)."},
      {"uniform", "[lower, upper]", "-", "Reals spread evenly between lower and upper."},
      {"integer", "[lower, upper]", "-", "Whole numbers from lower to upper, inclusive."},
      {"log_uniform", "[lower, upper]", "-",
       "Positive reals spread evenly on a log scale (for rates and sizes)."},
      {"normal", "{mean, sd, lower, upper}", "-",
       "Normally distributed reals; lower and upper (optional) truncate it."},
      {"choice", "list", "-", "One of these values, with probabilities `weights`."},
      {"weights", "list of numbers", "equal", "choice only: relative weight of each value."},
      {"levels", "whole number >= 1", "none; integer: every whole number",
       "grid design: how many evenly spaced levels a range takes (uniform, log_uniform and "
       "normal need it; integer defaults to every value)."}};
  return keys;
}

std::string describe_sweep_file() {
  std::string out =
      "Sweep files (groundswell sweep FILE, groundswell sensitivity FILE): many runs of one "
      "scenario.\nEvery key, its type, default and meaning:\n\n";
  // Meanings wrapped to fit 100 columns.
  const auto wrapped = [](const std::string& text, const std::string& indent) {
    std::string result;
    std::string line = indent;
    std::istringstream words(text);
    for (std::string word; words >> word;) {
      if (line.size() > indent.size() && line.size() + 1 + word.size() > 100) {
        result += line + "\n";
        line = indent;
      }
      line += (line.size() > indent.size() ? " " : "") + word;
    }
    return result + line + "\n";
  };
  const auto table = [&](const std::vector<KeyDoc>& keys, const char* indent) {
    for (const auto& k : keys) {
      out += fmt::format("{}{}  ({}; default: {})\n", indent, k.key, k.type, k.default_value);
      out += wrapped(k.meaning, std::string(indent) + "    ");
    }
  };
  table(sweep_file_keys(), "  ");
  out += "\nEach factor (an item of `factors`): `key` and exactly one distribution:\n\n";
  table(sweep_factor_keys(), "  ");
  out += R"(
Example (README.md has it too):

  scenario: ../mobilised_vs_atomised.yaml   # relative to this file
  variant: mobilised
  set: {run.max_ticks: 52}
  factors:
    - {key: leadership.influence, uniform: [0.5, 2], levels: 4}
    - {key: fatalism.mean, values: [0.2, 0.4, 0.6]}
  design: grid            # 4 x 3 = 12 points
  replicates: 5           # 60 runs
  seed: 2026
)";
  return out;
}

SweepSpec sweep_spec_from_canonical(const nlohmann::json& canonical,
                                    const std::filesystem::path& file) {
  try {
    SweepSpec spec;
    spec.file = file;
    spec.name = canonical.at("name").get<std::string>();
    spec.base_scenario = canonical.at("scenario").get<std::string>();
    spec.variant = canonical.at("variant").get<std::string>();
    for (const auto& pair : canonical.at("set")) {
      spec.fixed.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
      spec.fixed_places.emplace_back();
    }
    for (const auto& factor : canonical.at("factors")) {
      spec.space.add(Factor::from_json(factor));
      spec.factor_specs.push_back(factor);
      spec.factor_numbers.push_back(spec.factor_places.size());
      spec.factor_places.emplace_back();
    }
    const auto design = canonical.at("design").get<std::string>();
    bool found = false;
    for (auto kind : {DesignKind::grid, DesignKind::lhs, DesignKind::sobol, DesignKind::saltelli,
                      DesignKind::morris}) {
      if (design == design_name(kind)) {
        spec.design = kind;
        found = true;
      }
    }
    if (!found) throw std::invalid_argument("unknown design '" + design + "'");
    spec.samples = canonical.at("samples").get<std::size_t>();
    spec.morris_levels = canonical.at("levels").get<std::size_t>();
    spec.skip = canonical.at("skip").get<std::size_t>();
    spec.replicates = canonical.at("replicates").get<std::uint32_t>();
    spec.seed = canonical.at("seed").get<std::uint64_t>();
    spec.seeds = canonical.at("seeds").get<std::string>() == "common"
                     ? SeedPolicy::common_random_numbers
                     : SeedPolicy::independent;
    spec.series = canonical.at("series").get<bool>();
    return spec;
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(file.string() + ": malformed sweep definition: " + e.what());
  }
}

}  // namespace gs::experiments
