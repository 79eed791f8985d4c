// Sweep files: a YAML description of many runs of one scenario, parsed into a
// validated SweepSpec with file:line:column diagnostics.
//
// Contract: read_sweep_spec() returns a SweepSpec in which every key has been
// checked, or throws scenario::ScenarioError listing *every* problem found,
// each with the sweep file, line, column and key (unknown keys, wrong types,
// bad factor specifications, a design that cannot use the factors given).
// Whether the factors' keys and values fit the base scenario is checked later,
// by plan_sweep() (sweep_plan.hpp), which resolves every run before any runs.
//
// The keys are documented in one table (sweep_file_keys(), sweep_factor_keys())
// read by both validation and `groundswell describe sweep`. The schema (Agents.jl `paramscan` and
// Mesa `batch_run` take a dictionary of parameter lists; this adds designs, distributions and
// replicate seeds):
//
//   name: enablers            # optional; default: the file's stem
//   scenario: ../base.yaml    # required: the base scenario, relative to this file
//   variant: mobilised        # optional: one of the base scenario's variants
//   set:                      # optional: fixed overrides for every run (dotted keys,
//     run.max_ticks: 52       #   as with --set), applied before the factors
//   factors:                  # required, at least one; each a map with `key` and
//     - {key: leadership.influence, uniform: [0.5, 1.5], levels: 3}   # one of:
//     - {key: scale.patches, integer: [1, 8]}              # values: [..], uniform: [lo, hi],
//     - {key: fatalism.mean, normal: {mean: 0.4, sd: 0.1}} # integer: [lo, hi],
//     - {key: network.generator, values: [ring, gnm]}      # log_uniform: [lo, hi],
//                                                          # normal: {mean, sd, lower, upper},
//                                                          # choice: [..] with weights: [..]
//   design: sobol             # grid | lhs | sobol | saltelli | morris (design.hpp)
//   samples: 64               # lhs, sobol: points; saltelli: base samples N, giving
//                             #   N (k + 2) points; morris: trajectories, giving
//                             #   r (k + 1) points. Not allowed with grid.
//   levels: 4                 # morris only: grid levels p, even (default 4)
//   skip: 0                   # sobol, saltelli: Sobol' points skipped (default 0)
//   replicates: 2             # runs per design point (default 1)
//   seed: 20261122            # master seed of the replicate seeds (default 1)
//   seeds: independent        # independent | common (common random numbers)
//   series: false             # also write every run's time series (default false)
//
// Canonical form (canonical_json) holds every value after defaults, so two
// files that say the same thing hash the same (sweep_plan.hpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/experiments/design.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::experiments {

enum class DesignKind { grid, lhs, sobol, saltelli, morris };

const char* design_name(DesignKind kind);

// Where something was written in the sweep file (1-based; 0 when unknown).
struct SweepPlace {
  int line = 0;
  int column = 0;
};

struct SweepSpec {
  std::filesystem::path file;           // the sweep file as given
  std::string name;                     // `name`, or the file's stem
  std::filesystem::path base_scenario;  // absolute, lexically normal
  std::string variant;
  std::vector<std::pair<std::string, std::string>> fixed;  // `set`: key -> YAML value text
  std::vector<SweepPlace> fixed_places;
  ParameterSpace space;
  std::vector<nlohmann::json> factor_specs;  // each factor as written, as JSON
  std::vector<SweepPlace> factor_places;     // where each factor was written
  std::vector<std::size_t> factor_numbers;   // each factor's position in the file's list
  std::size_t factor_number(std::size_t i) const {
    return i < factor_numbers.size() ? factor_numbers[i] : i;
  }
  DesignKind design = DesignKind::grid;
  std::size_t samples = 0;
  std::size_t morris_levels = 4;
  std::size_t skip = 0;
  std::uint32_t replicates = 1;
  std::uint64_t seed = 1;
  SeedPolicy seeds = SeedPolicy::independent;
  bool series = false;

  // Every setting after defaults, file-location independent (the base scenario
  // appears by file name only; its content is hashed separately).
  nlohmann::json canonical_json() const;
};

// Reads and validates a sweep file; throws scenario::ScenarioError.
SweepSpec read_sweep_spec(const std::filesystem::path& file);
SweepSpec parse_sweep_spec(const std::string& yaml_text, const std::filesystem::path& origin);
// The same, appending every problem to `problems` instead of throwing, and
// returning what could be read (factors with problems left out), so that
// plan_sweep() can add the problems it finds against the base scenario and
// a user sees all of them at once. Malformed YAML still throws.
// `scenario_must_exist` false: `scenario` names a base given otherwise (Python).
SweepSpec read_sweep_spec(const std::filesystem::path& file,
                          std::vector<scenario::Diagnostic>& problems);
SweepSpec parse_sweep_spec(const std::string& yaml_text, const std::filesystem::path& origin,
                           std::vector<scenario::Diagnostic>& problems,
                           bool scenario_must_exist = true);

// The sweep file's keys and each factor's keys, documented: the one table that
// both the unknown-key check and `groundswell describe sweep` read.
struct KeyDoc {
  std::string key;
  std::string type;
  std::string default_value;
  std::string meaning;
};
const std::vector<KeyDoc>& sweep_file_keys();
const std::vector<KeyDoc>& sweep_factor_keys();
// Text for `groundswell describe sweep`: every key with type, default and meaning.
std::string describe_sweep_file();

// Rebuilds a spec from canonical_json() (for a finished sweep directory, whose
// manifest keeps it); `file` is only a label. Throws std::invalid_argument.
SweepSpec sweep_spec_from_canonical(const nlohmann::json& canonical,
                                    const std::filesystem::path& file);

}  // namespace gs::experiments
