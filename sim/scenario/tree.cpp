// The document tree: see tree.hpp for the contract.
#include "sim/scenario/tree.hpp"

#include <fmt/format.h>
#ifndef GS_SCENARIO_JSON_ONLY  // the WebAssembly build reads JSON only (tree_json.cpp)
#include <yaml-cpp/yaml.h>
#endif

#include <charconv>

namespace gs::scenario::detail {
namespace {

// Deeper than any real scenario; stops runaway recursion through aliases.
constexpr int kMaxDepth = 64;

#ifndef GS_SCENARIO_JSON_ONLY
Place place_of(const YAML::Node& yaml, bool from_override, const Place& fallback) {
  if (from_override) return Place{0, 0, true};
  const YAML::Mark mark = yaml.Mark();
  if (mark.is_null()) return fallback;
  return Place{mark.line + 1, mark.column + 1, false};
}
#endif

std::string child_key(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

#ifndef GS_SCENARIO_JSON_ONLY
class Converter {
 public:
  Converter(bool from_override, std::vector<Problem>& problems)
      : from_override_(from_override), problems_(problems) {}

  Node convert(const YAML::Node& yaml, const Place& fallback, const std::string& key, int depth) {
    Node node;
    node.place = place_of(yaml, from_override_, fallback);
    if (depth > kMaxDepth) {
      problems_.push_back(
          {node.place, key, "nested too deeply (is an alias referring to itself?)"});
      return node;
    }
    switch (yaml.Type()) {
      case YAML::NodeType::Scalar:
        node.shape = Node::Shape::scalar;
        node.scalar = yaml.Scalar();
        break;
      case YAML::NodeType::Sequence: {
        node.shape = Node::Shape::sequence;
        std::size_t index = 0;
        for (const auto& item : yaml)
          node.items.push_back(
              convert(item, node.place, fmt::format("{}[{}]", key, index++), depth + 1));
        break;
      }
      case YAML::NodeType::Map:
        node.shape = Node::Shape::map;
        for (auto it = yaml.begin(); it != yaml.end(); ++it) add_entry(node, *it, key, depth);
        break;
      default:  // Null and Undefined: an empty value such as `key:`
        break;
    }
    return node;
  }

 private:
  void add_entry(Node& map, const std::pair<YAML::Node, YAML::Node>& pair,
                 const std::string& prefix, int depth) {
    const Place key_place = place_of(pair.first, from_override_, map.place);
    if (!pair.first.IsScalar()) {
      problems_.push_back({key_place, prefix, "a key must be a plain name, not a list or a map"});
      return;
    }
    const std::string& name = pair.first.Scalar();
    const std::string key = child_key(prefix, name);
    if (map.find(name) != nullptr) {
      const Place& first_place = entry_place(map, name);
      problems_.push_back(
          {key_place, key,
           first_place.line > 0
               ? fmt::format("duplicate key '{}' (first given at line {}); remove one of them",
                             name, first_place.line)
               : fmt::format("duplicate key '{}'; remove one of them", name)});
      return;
    }
    // yaml-cpp places an empty value (`key:`) at the next token, often on a
    // later line; the key's own position is where a person looks.
    Node value = pair.second.IsNull() ? Node{} : convert(pair.second, key_place, key, depth + 1);
    if (pair.second.IsNull()) value.place = key_place;
    map.entries.push_back({name, key_place, std::move(value)});
  }

  static const Place& entry_place(const Node& map, std::string_view name) {
    for (const auto& entry : map.entries)
      if (entry.key == name) return entry.key_place;
    return map.place;
  }

  bool from_override_;
  std::vector<Problem>& problems_;
};

// YAML forbids tabs in indentation and yaml-cpp's message for them ("illegal
// map value") does not say so; name the cause when a tab is nearby.
bool tab_indent_near(const std::string& text, int line) {
  int current = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    if (current >= line - 1 && current <= line) {
      const auto indent_end = text.find_first_not_of(" \t", start);
      const auto stop = std::min(indent_end, end);
      if (text.substr(start, stop - start).find('\t') != std::string::npos) return true;
    }
    if (current > line || end == text.size()) break;
    start = end + 1;
    ++current;
  }
  return false;
}

// yaml-cpp's messages are terse; say what usually causes them.
std::string explained(const std::string& message) {
  if (message == "end of sequence flow not found")
    return message + " (a '[' is not closed by a ']')";
  if (message == "end of map flow not found") return message + " (a '{' is not closed by a '}')";
  if (message == "illegal map value")
    return message + " (check the indentation, and quote values that contain ': ')";
  return message;
}
#endif

bool is_index(std::string_view segment) {
  return !segment.empty() && segment.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

const Node* Node::find(std::string_view key) const {
  for (const auto& entry : entries)
    if (entry.key == key) return &entry.value;
  return nullptr;
}

Node* Node::find(std::string_view key) {
  for (auto& entry : entries)
    if (entry.key == key) return &entry.value;
  return nullptr;
}

#ifndef GS_SCENARIO_JSON_ONLY
std::optional<Node> load_yaml(const std::string& text, bool from_override,
                              const std::string& key_prefix, std::vector<Problem>& problems,
                              ParseFailure& failure) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& error) {
    failure.line = error.mark.is_null() ? 0 : error.mark.line + 1;
    failure.column = error.mark.is_null() ? 0 : error.mark.column + 1;
    failure.message = explained(error.msg);
    if (tab_indent_near(text, failure.line))
      failure.message += " (YAML indentation must use spaces, not tabs)";
    return std::nullopt;
  }
  if (documents.size() > 1) {
    const YAML::Mark second = documents[1].Mark();
    failure.line = second.is_null() ? 0 : second.line + 1;
    failure.column = second.is_null() ? 0 : second.column + 1;
    failure.message =
        fmt::format("found {} YAML documents separated by '---'; a scenario is a single document",
                    documents.size());
    return std::nullopt;
  }
  if (documents.empty()) {
    Node empty;
    empty.place.from_override = from_override;
    return empty;
  }
  Converter converter(from_override, problems);
  return converter.convert(documents.front(), Place{0, 0, from_override}, key_prefix, 0);
}
#endif

bool set_at(Node& root, const std::string& key, Node value, std::vector<Problem>& problems,
            Place origin) {
  const Place here = origin;
  Node* current = &root;
  std::string walked;  // the part of `key` followed so far
  std::size_t start = 0;
  while (true) {
    const auto dot = key.find('.', start);
    const std::string segment =
        key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    const bool last = dot == std::string::npos;
    Node* child = nullptr;
    switch (current->shape) {
      case Node::Shape::null:
        if (is_index(segment)) {
          problems.push_back(
              {here, key,
               fmt::format("there is no element {} in '{}': it is empty", segment, walked)});
          return false;
        }
        current->shape = Node::Shape::map;
        current->place = here;
        [[fallthrough]];
      case Node::Shape::map:
        child = current->find(segment);
        if (child == nullptr) {
          current->entries.push_back({segment, here, Node{}});
          child = &current->entries.back().value;
          child->place = here;
        }
        break;
      case Node::Shape::sequence: {
        if (!is_index(segment)) {
          problems.push_back(
              {here, key,
               fmt::format("'{}' is a list; pick an element by its number, as in '{}.0.{}'", walked,
                           walked, segment)});
          return false;
        }
        std::size_t index = 0;
        const auto parsed = std::from_chars(segment.data(), segment.data() + segment.size(), index);
        if (parsed.ec != std::errc{} || index >= current->items.size()) {
          problems.push_back(
              {here, key,
               fmt::format("there is no element {} in '{}': it has {} (numbered from 0)", segment,
                           walked, current->items.size())});
          return false;
        }
        child = &current->items[index];
        break;
      }
      case Node::Shape::scalar:
        problems.push_back({here, key,
                            fmt::format("cannot set '{}': '{}' holds the value '{}', not a section",
                                        key, walked, current->scalar)});
        return false;
    }
    walked = child_key(walked, segment);
    if (last) {
      *child = std::move(value);
      return true;
    }
    current = child;
    start = dot + 1;
  }
}

std::string found(const Node& node) {
  switch (node.shape) {
    case Node::Shape::scalar:
      return fmt::format("'{}'", node.scalar);
    case Node::Shape::sequence:
      return "a list";
    case Node::Shape::map:
      return "a map";
    case Node::Shape::null:
      break;
  }
  return "nothing";
}

}  // namespace gs::scenario::detail
