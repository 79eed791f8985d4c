// Scenario files: YAML in, a frozen, validated, defaulted Scenario out.
//
// Contract: load() either returns a Scenario in which every key of the schema
// has a typed value (defaults filled in, paths absolute) or throws
// ScenarioError listing *every* problem found, each with file:line:column and
// the dotted key path: unknown keys (with a did-you-mean), wrong types,
// out-of-range values, unknown choices, missing files, malformed YAML.
// Overrides (`--set a.b.c=value`, list elements as `a.0.c=value`) are applied
// to the document before validation; problems in them name `--set` as their
// place. A Scenario is immutable and shared by `shared_ptr<const Scenario>`
// (FLAME GPU 2's `Simulation(const std::shared_ptr<const ModelData>&)`).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/scenario/schema.hpp"

namespace gs::scenario {

struct Diagnostic {
  std::string file;  // scenario file, or "--set" for an override
  int line = 0;      // 1-based; 0 if unknown
  int column = 0;    // 1-based; 0 if unknown
  std::string key;   // dotted path, e.g. "network.generator"; "" for the whole file
  std::string message;
  std::string str() const;  // "file:line:column: key: message"
};

class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// A problem in an input file other than the scenario (an edge list, a file of
// thresholds): the file, the 1-based line (0 if not about one line), and what.
class InputFileError : public std::runtime_error {
 public:
  InputFileError(std::string file, std::uint64_t line, const std::string& message);
  const std::string& file() const { return file_; }
  std::uint64_t line() const { return line_; }

 private:
  std::string file_;
  std::uint64_t line_;
};

// A scenario value that passed validation but cannot be used as given (an odd
// k for a ring lattice, a list of thresholds of the wrong length). Models and
// generators throw it with the dotted key; whoever holds the Scenario turns it
// into a Diagnostic at the key's place in the file (Scenario::locate).
class ParameterError : public std::runtime_error {
 public:
  ParameterError(std::string key, std::string message)
      : std::runtime_error(key + ": " + message),
        key_(std::move(key)),
        message_(std::move(message)) {}
  const std::string& key() const { return key_; }
  const std::string& message() const { return message_; }

 private:
  std::string key_;
  std::string message_;
};

// A `--set` override: dotted key path and the YAML text of its value.
struct Override {
  std::string key;
  std::string value;
  static Override parse(const std::string& assignment);  // "a.b=value"; throws ScenarioError
};

// Supplies the full schema for a scenario, chosen by its `model:` key.
struct SchemaCatalogue {
  virtual ~SchemaCatalogue() = default;
  // Full schema (engine sections plus the model's own) or nullptr for an unknown model.
  virtual const Schema* schema_for(const std::string& model) const = 0;
  virtual std::vector<std::string> model_names() const = 0;
};

class Scenario {
 public:
  // Where a key was written: file label ("--set" for an override), line, column.
  struct Place {
    std::string file;
    int line = 0;
    int column = 0;
  };

  Scenario(nlohmann::json values, std::filesystem::path file, std::vector<Override> overrides,
           std::string variant = {}, std::map<std::string, Place> places = {})
      : values_(std::move(values)),
        file_(std::move(file)),
        overrides_(std::move(overrides)),
        variant_(std::move(variant)),
        places_(std::move(places)) {}

  // The resolved values, e.g. values()["network"]["n"].get<std::int64_t>().
  const nlohmann::json& values() const { return values_; }
  const nlohmann::json& operator[](const char* key) const { return values_.at(key); }
  std::string model() const { return values_.at("model").get<std::string>(); }
  std::uint64_t seed() const { return values_.at("seed").get<std::uint64_t>(); }
  const std::filesystem::path& file() const { return file_; }
  const std::vector<Override>& overrides() const { return overrides_; }
  // The variant this scenario was resolved for; "" when the file has none.
  const std::string& variant() const { return variant_; }

  // A diagnostic for `key` at the place it was written (or, for a default,
  // where its nearest written parent section is; else the file itself).
  Diagnostic locate(const std::string& key, const std::string& message) const;

 private:
  nlohmann::json values_;
  std::filesystem::path file_;
  std::vector<Override> overrides_;
  std::string variant_;
  std::map<std::string, Place> places_;  // dotted key -> where it was written
};

// A parsed but unvalidated scenario file: read once, resolved many times
// (a sweep resolves it once per run with that run's overrides).
//
// Variants: a file may hold several settings of one scenario side by side,
//   variants:
//     atomised:  {fatalism.mean: 0.8}
//     mobilised: {fatalism.mean: 0.3, public_sector.receptiveness: 0.8}
// Each variant is a map of dotted keys (as with --set) applied on top of the
// rest of the file; --set overrides apply after the variant's settings.
// Problems in a variant's settings point at their line in the file.
class Document {
 public:
  // Reads and parses; throws ScenarioError for a missing file or malformed YAML.
  static Document read(const std::filesystem::path& file);
  static Document parse(const std::string& yaml_text, const std::filesystem::path& origin);

  // Applies overrides, validates against the catalogue's schema for the
  // document's model, fills defaults. Throws ScenarioError with every problem.
  // `variant` names one of variant_names() ("" for none; required to be "" when
  // the file has no variants).
  std::shared_ptr<const Scenario> resolve(const std::vector<Override>& overrides,
                                          const SchemaCatalogue& catalogue,
                                          const std::string& variant = {}) const;

  // The file's variants in file order; empty when it has none.
  std::vector<std::string> variant_names() const;

  const std::filesystem::path& file() const { return file_; }

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
  std::filesystem::path file_;
};

// Convenience: read + resolve.
std::shared_ptr<const Scenario> load(const std::filesystem::path& file,
                                     const std::vector<Override>& overrides,
                                     const SchemaCatalogue& catalogue);

}  // namespace gs::scenario
