// Scenario files: see scenario.hpp for the contract.
//
// A Document holds the file as our own tree (tree.hpp), never yaml-cpp nodes,
// so one const Document can be resolved from many threads at once: resolve()
// copies the tree only when it has overrides to apply and otherwise reads it.
// Relative paths, including those given with --set, start from the scenario
// file's folder, so a run does not depend on the directory it was started from.
#include "sim/scenario/scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>

#include "sim/scenario/suggest.hpp"
#include "sim/scenario/text.hpp"
#include "sim/scenario/tree.hpp"
#include "sim/scenario/validate.hpp"

namespace gs::scenario {
namespace {

constexpr const char* kOverrideFile = "--set";

// In file order, each problem once: the variants of a file share its base, so a
// problem there (or in a --set) comes back from every variant.
std::vector<Diagnostic>& in_order_once(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::pair(a.line, a.column) < std::pair(b.line, b.column);
                   });
  std::set<std::string> seen;
  std::erase_if(diagnostics, [&](const Diagnostic& d) { return !seen.insert(d.str()).second; });
  return diagnostics;
}

std::string joined(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& diagnostic : diagnostics) {
    if (!out.empty()) out += '\n';
    out += diagnostic.str();
  }
  return out;
}

[[noreturn]] void fail(std::string file, std::string key, std::string message) {
  throw ScenarioError({Diagnostic{std::move(file), 0, 0, std::move(key), std::move(message)}});
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

std::filesystem::path folder_of(const std::filesystem::path& file) {
  std::error_code error;
  const auto absolute = std::filesystem::absolute(file.empty() ? "." : file, error);
  if (error) return file.parent_path();
  return file.empty() ? absolute.lexically_normal() : absolute.lexically_normal().parent_path();
}

}  // namespace

std::string Diagnostic::str() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) out += fmt::format(":{}", line);
    if (line > 0 && column > 0) out += fmt::format(":{}", column);
    out += ": ";
  }
  if (!key.empty()) out += key + ": ";
  return out + message;
}

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(joined(in_order_once(diagnostics))),
      diagnostics_(std::move(diagnostics)) {}

Override Override::parse(const std::string& assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string::npos)
    fail(kOverrideFile, "",
         fmt::format("expected key=value, such as network.n=500, got {}",
                     detail::quoted_prefix(assignment)));
  Override result{trimmed(std::string_view(assignment).substr(0, equals)),
                  assignment.substr(equals + 1)};
  if (result.key.empty())
    fail(kOverrideFile, "",
         fmt::format("missing the key before '=' in {}", detail::quoted_prefix(assignment)));
  const bool empty_segment = result.key.front() == '.' || result.key.back() == '.' ||
                             result.key.find("..") != std::string::npos;
  if (empty_segment)
    fail(kOverrideFile, result.key,
         "a key is a dotted path of names, such as network.n or strategies.0.staff");
  return result;
}

InputFileError::InputFileError(std::string file, std::uint64_t line, const std::string& message)
    : std::runtime_error(file.empty() ? message
                         : line == 0  ? fmt::format("{}: {}", file, message)
                                      : fmt::format("{}:{}: {}", file, line, message)),
      file_(std::move(file)),
      line_(line) {}

Diagnostic Scenario::locate(const std::string& key, const std::string& message) const {
  for (std::string prefix = key;;) {
    if (const auto it = places_.find(prefix); it != places_.end()) {
      return Diagnostic{it->second.file, it->second.line, it->second.column, key, message};
    }
    const auto dot = prefix.rfind('.');
    if (dot == std::string::npos) break;
    prefix.resize(dot);
  }
  return Diagnostic{file_.string(), 0, 0, key, message};
}

namespace {

// Where every key of the tree was written, for locating later errors.
void collect_places(const detail::Node& node, const std::string& path, const std::string& file,
                    std::map<std::string, Scenario::Place>& places) {
  auto place_of = [&](const detail::Place& p) {
    return p.from_override ? Scenario::Place{"--set", 0, 0}
                           : Scenario::Place{file, p.line, p.column};
  };
  if (node.shape == detail::Node::Shape::map) {
    for (const auto& entry : node.entries) {
      const std::string key = path.empty() ? entry.key : path + "." + entry.key;
      places[key] = place_of(entry.value.shape == detail::Node::Shape::scalar ? entry.value.place
                                                                              : entry.key_place);
      collect_places(entry.value, key, file, places);
    }
  } else if (node.shape == detail::Node::Shape::sequence) {
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const std::string key = path + "." + std::to_string(i);
      places[key] = place_of(node.items[i].place);
      collect_places(node.items[i], key, file, places);
    }
  }
}

}  // namespace

struct Variant {
  std::string name;
  detail::Place place;
  std::vector<detail::Node::Entry> settings;  // dotted key -> value, in file order
};

struct Document::Impl {
  detail::Node tree;
  std::vector<Variant> variants;
  std::filesystem::path base_dir;  // where relative paths start
  std::string file_label;          // the file as named in diagnostics
  std::vector<detail::Problem>
      problems;  // found while reading (duplicate keys); reported on resolve
};

namespace {

// Removes the `variants` map from the tree and returns its settings.
std::vector<Variant> take_variants(detail::Node& tree, std::vector<detail::Problem>& problems) {
  using detail::Node;
  std::vector<Variant> variants;
  if (tree.shape != Node::Shape::map) return variants;
  const auto it = std::find_if(tree.entries.begin(), tree.entries.end(),
                               [](const Node::Entry& e) { return e.key == "variants"; });
  if (it == tree.entries.end()) return variants;
  const Node section = std::move(it->value);
  tree.entries.erase(it);
  if (section.shape != Node::Shape::map) {
    problems.push_back({section.place, "variants",
                        fmt::format("expected a map of variant names to settings, got {}",
                                    detail::found(section))});
    return variants;
  }
  for (const auto& entry : section.entries) {
    const std::string key = "variants." + entry.key;
    if (entry.value.shape != Node::Shape::map && entry.value.shape != Node::Shape::null) {
      problems.push_back({entry.value.place, key,
                          fmt::format("expected a map of `dotted.key: value` settings, got {}",
                                      detail::found(entry.value))});
      continue;
    }
    for (const auto& setting : entry.value.entries) {
      if (setting.key == "variants" || setting.key.rfind("variants.", 0) == 0) {
        problems.push_back(
            {setting.key_place, key + "." + setting.key, "a variant cannot define variants"});
      }
    }
    variants.push_back({entry.key, entry.key_place, entry.value.entries});
  }
  return variants;
}

}  // namespace

std::vector<std::string> Document::variant_names() const {
  std::vector<std::string> names;
  for (const auto& v : impl_->variants) names.push_back(v.name);
  return names;
}

Document Document::read(const std::filesystem::path& file) {
  std::string text;
  std::string why;
  if (!detail::read_yaml_file(file, text, why))
    fail(file.string(), "", "cannot open scenario file: " + why);
  return parse(text, file);
}

Document Document::parse(const std::string& yaml_text, const std::filesystem::path& origin) {
  auto impl = std::make_shared<Impl>();
  impl->file_label = origin.string();
  impl->base_dir = folder_of(origin);
  detail::ParseFailure failure;
  auto tree = detail::load_yaml(yaml_text, false, "", impl->problems, failure);
  if (!tree)
    throw ScenarioError(
        {Diagnostic{impl->file_label, failure.line, failure.column, "",
                    (failure.over_limit ? "refused: " : "malformed YAML: ") + failure.message}});
  impl->tree = std::move(*tree);
  impl->variants = take_variants(impl->tree, impl->problems);
  Document document;
  document.impl_ = std::move(impl);
  document.file_ = origin;
  return document;
}

std::shared_ptr<const Scenario> Document::resolve(const std::vector<Override>& overrides,
                                                  const SchemaCatalogue& catalogue,
                                                  const std::string& variant) const {
  using detail::Node;
  std::vector<detail::Problem> problems = impl_->problems;

  std::optional<Node> edited;
  if (!variant.empty()) {
    const auto chosen = std::find_if(impl_->variants.begin(), impl_->variants.end(),
                                     [&](const Variant& v) { return v.name == variant; });
    if (chosen == impl_->variants.end()) {
      const auto names = variant_names();
      fail(impl_->file_label, "variants",
           names.empty() ? fmt::format("no variant '{}': the file defines no variants", variant)
                         : fmt::format("no variant '{}'; the variants are: {}", variant,
                                       detail::join(names)));
    }
    edited = impl_->tree;
    for (const auto& setting : chosen->settings) {
      detail::set_at(*edited, setting.key, setting.value, problems, setting.key_place);
    }
  }
  if (!overrides.empty()) {
    if (!edited) edited = impl_->tree;
    for (const auto& override_ : overrides) {
      detail::ParseFailure failure;
      auto value = detail::load_yaml(override_.value, true, override_.key, problems, failure);
      if (!value) {
        problems.push_back({detail::Place{0, 0, true}, override_.key,
                            fmt::format("malformed value {}: {}",
                                        detail::quoted_prefix(override_.value), failure.message)});
        continue;
      }
      detail::set_at(*edited, override_.key, std::move(*value), problems);
    }
  }
  const Node& tree = edited ? *edited : impl_->tree;

  const std::vector<std::string> models = catalogue.model_names();
  const std::string model_list = detail::join(models);
  const Schema* schema = nullptr;
  if (tree.shape == Node::Shape::null) {
    problems.push_back({tree.place, "",
                        fmt::format("the scenario is empty; it needs at least `model: <name>` "
                                    "naming one of: {}",
                                    model_list)});
  } else if (tree.shape != Node::Shape::map) {
    problems.push_back(
        {tree.place, "",
         fmt::format("a scenario is a map of `key: value` lines, got {}", detail::found(tree))});
  } else if (const Node* model = tree.find("model"); model == nullptr) {
    problems.push_back({detail::Place{}, "model",
                        fmt::format("missing; add `model: <name>` naming one of: {}", model_list)});
  } else if (model->shape != Node::Shape::scalar) {
    problems.push_back({model->place, "model",
                        fmt::format("expected a model name (one of: {}), got {}", model_list,
                                    detail::found(*model))});
  } else if (schema = catalogue.schema_for(model->scalar); schema == nullptr) {
    const auto near = detail::closest(model->scalar, models);
    problems.push_back(
        {model->place, "model",
         near ? fmt::format("unknown model '{}'; did you mean '{}'? (models: {})", model->scalar,
                            *near, model_list)
              : fmt::format("unknown model '{}'; the models are: {}", model->scalar, model_list)});
  }

  nlohmann::json values;
  if (schema != nullptr)
    values = detail::resolve_values(schema->root_param(), tree, impl_->base_dir, problems);

  if (!problems.empty()) {
    std::vector<Diagnostic> diagnostics;
    diagnostics.reserve(problems.size());
    for (auto& problem : problems) {
      const bool from_override = problem.place.from_override;
      diagnostics.push_back(Diagnostic{from_override ? kOverrideFile : impl_->file_label,
                                       from_override ? 0 : problem.place.line,
                                       from_override ? 0 : problem.place.column,
                                       std::move(problem.key), std::move(problem.message)});
    }
    throw ScenarioError(std::move(diagnostics));
  }
  std::map<std::string, Scenario::Place> places;
  collect_places(tree, "", impl_->file_label, places);
  return std::make_shared<const Scenario>(std::move(values), file_, overrides, variant,
                                          std::move(places));
}

std::shared_ptr<const Scenario> load(const std::filesystem::path& file,
                                     const std::vector<Override>& overrides,
                                     const SchemaCatalogue& catalogue) {
  return Document::read(file).resolve(overrides, catalogue);
}

}  // namespace gs::scenario
