// The document tree: see tree.hpp for the contract.
#include "sim/scenario/tree.hpp"

#include <fmt/format.h>
#ifndef GS_SCENARIO_JSON_ONLY  // the WebAssembly build reads JSON only (tree_json.cpp)
#include <yaml.h>
#endif

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

namespace gs::scenario::detail {
namespace {

std::string child_key(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

#ifndef GS_SCENARIO_JSON_ONLY
// Thrown inside the builder to stop at the first syntax error or broken limit.
struct Refusal {
  ParseFailure failure;
};

// YAML forbids tabs in indentation and the parser's message for them does not
// always say so; name the cause when a tab is nearby.
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

// libyaml's messages name the token it wanted; say what usually causes them.
std::string explained(const std::string& message) {
  if (message.find("expected ',' or ']'") != std::string::npos)
    return message + " (a '[' is not closed by a ']')";
  if (message.find("expected ',' or '}'") != std::string::npos)
    return message + " (a '{' is not closed by a '}')";
  if (message == "did not find expected <document start>")
    return message + " (text continues after a complete value; quote the whole value)";
  if (message == "mapping values are not allowed in this context")
    return message + " (check the indentation, and quote values that contain ': ')";
  return message;
}

// yaml-cpp, which this replaced, read these plain scalars as "no value"; an
// empty value (`key:`) is one too.
bool is_null_plain(const yaml_event_t& event) {
  if (event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE || event.data.scalar.tag != nullptr)
    return false;
  const std::string_view text(reinterpret_cast<const char*>(event.data.scalar.value),
                              event.data.scalar.length);
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

// Owns libyaml's parser and the current event.
class EventStream {
 public:
  explicit EventStream(const std::string& text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~EventStream() {
    if (has_event_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Advances to the next event; throws a Refusal on a syntax error.
  const yaml_event_t& next(const std::string& text) {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = false;
    if (yaml_parser_parse(&parser_, &event_) == 0) {
      ParseFailure failure;
      failure.line = static_cast<int>(parser_.problem_mark.line) + 1;
      failure.column = static_cast<int>(parser_.problem_mark.column) + 1;
      std::string message = parser_.problem != nullptr ? parser_.problem : "unreadable YAML";
      if (parser_.context != nullptr)
        message += fmt::format(" ({} that starts at line {}, column {})", parser_.context,
                               parser_.context_mark.line + 1, parser_.context_mark.column + 1);
      failure.message = explained(message);
      if (tab_indent_near(text, failure.line))
        failure.message += " (YAML indentation must use spaces, not tabs)";
      throw Refusal{std::move(failure)};
    }
    has_event_ = true;
    return event_;
  }

 private:
  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool has_event_ = false;
};

// Builds Nodes from events, expanding aliases within the node budget.
class Builder {
 public:
  Builder(const std::string& text, bool from_override, std::vector<Problem>& problems)
      : text_(text), events_(text), from_override_(from_override), problems_(problems) {}

  // The whole stream: nullopt for a stream with no document.
  std::optional<Node> build(const std::string& key_prefix) {
    expect(YAML_STREAM_START_EVENT);
    const yaml_event_t* event = &events_.next(text_);
    if (event->type == YAML_STREAM_END_EVENT) return std::nullopt;
    Node root = node(events_.next(text_), key_prefix, 0);
    expect(YAML_DOCUMENT_END_EVENT);
    event = &events_.next(text_);
    if (event->type == YAML_DOCUMENT_START_EVENT) refuse_extra_documents();
    return root;
  }

 private:
  void expect(yaml_event_type_t type) {
    if (events_.next(text_).type != type)
      throw Refusal{ParseFailure{0, 0, "unexpected YAML event (a libyaml defect?)", false}};
  }

  Place place_of(const yaml_mark_t& mark) const {
    if (from_override_) return Place{0, 0, true};
    return Place{static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1, false};
  }

  [[noreturn]] void over_limit(const Place& place, std::string message) const {
    throw Refusal{ParseFailure{place.line, place.column, std::move(message), true}};
  }

  // Counts the rest of the stream's documents without building them (the
  // parser is linear in the text), to say how many there are.
  [[noreturn]] void refuse_extra_documents() {
    int documents = 2;  // the first, and the second whose start was just read
    Place second{};
    bool in_second = true;
    while (true) {
      const yaml_event_t& event = events_.next(text_);
      if (event.type == YAML_STREAM_END_EVENT) break;
      if (event.type == YAML_DOCUMENT_START_EVENT) {
        ++documents;
        in_second = documents == 2;
        continue;
      }
      if (in_second) {
        second = place_of(event.start_mark);
        in_second = false;
      }
    }
    throw Refusal{ParseFailure{
        second.line, second.column,
        fmt::format("found {} YAML documents separated by '---'; a scenario is a single document",
                    documents),
        false}};
  }

  void charge(const Place& place, std::size_t nodes, std::size_t bytes) {
    nodes_ += nodes;
    bytes_ += bytes;
    if (nodes_ > kMaxYamlNodes)
      over_limit(place, fmt::format("more than {} values (counting each alias as a copy of what "
                                    "it names); a scenario needs a few hundred",
                                    kMaxYamlNodes));
    if (bytes_ > kMaxYamlScalarBytes)
      over_limit(place, fmt::format("more than {} MiB of text (counting each alias as a copy of "
                                    "what it names)",
                                    kMaxYamlScalarBytes >> 20));
  }

  // The node whose first event is `first` (valid only until the next event is
  // read); its last event has been consumed on return.
  Node node(const yaml_event_t& first, const std::string& key, int depth) {
    Node result;
    result.place = place_of(first.start_mark);
    if (depth > kMaxYamlDepth)
      over_limit(result.place, fmt::format("nested more than {} levels deep", kMaxYamlDepth));
    const std::size_t nodes_before = nodes_;
    const std::size_t bytes_before = bytes_;
    std::string anchor;
    switch (first.type) {
      case YAML_ALIAS_EVENT: {
        const std::string name = reinterpret_cast<const char*>(first.data.alias.anchor);
        const auto found_anchor = anchors_.find(name);
        if (found_anchor == anchors_.end())
          throw Refusal{ParseFailure{result.place.line, result.place.column,
                                     fmt::format("unknown alias '*{}': no '&{}' before it",
                                                 name.substr(0, 40), name.substr(0, 40)),
                                     false}};
        charge(result.place, found_anchor->second.nodes, found_anchor->second.bytes);
        return found_anchor->second.node;
      }
      case YAML_SCALAR_EVENT:
        if (first.data.scalar.anchor != nullptr)
          anchor = reinterpret_cast<const char*>(first.data.scalar.anchor);
        charge(result.place, 1, first.data.scalar.length);
        if (!is_null_plain(first)) {
          result.shape = Node::Shape::scalar;
          result.scalar.assign(reinterpret_cast<const char*>(first.data.scalar.value),
                               first.data.scalar.length);
        }
        break;
      case YAML_SEQUENCE_START_EVENT: {
        if (first.data.sequence_start.anchor != nullptr)
          anchor = reinterpret_cast<const char*>(first.data.sequence_start.anchor);
        charge(result.place, 1, 0);
        result.shape = Node::Shape::sequence;
        for (std::size_t index = 0;; ++index) {
          const yaml_event_t& event = events_.next(text_);
          if (event.type == YAML_SEQUENCE_END_EVENT) break;
          result.items.push_back(node(event, fmt::format("{}[{}]", key, index), depth + 1));
        }
        break;
      }
      case YAML_MAPPING_START_EVENT:
        if (first.data.mapping_start.anchor != nullptr)
          anchor = reinterpret_cast<const char*>(first.data.mapping_start.anchor);
        charge(result.place, 1, 0);
        result.shape = Node::Shape::map;
        while (true) {
          const yaml_event_t& event = events_.next(text_);
          if (event.type == YAML_MAPPING_END_EVENT) break;
          add_entry(result, event, key, depth);
        }
        break;
      default:
        throw Refusal{ParseFailure{result.place.line, result.place.column,
                                   "unexpected YAML event (a libyaml defect?)", false}};
    }
    if (!anchor.empty())
      anchors_[anchor] = Anchored{result, nodes_ - nodes_before, bytes_ - bytes_before};
    return result;
  }

  void add_entry(Node& map, const yaml_event_t& key_event, const std::string& prefix, int depth) {
    const Place key_place = place_of(key_event.start_mark);
    Node key_node = node(key_event, prefix, depth + 1);
    Node value = node(events_.next(text_), child_key(prefix, key_node.scalar), depth + 1);
    if (key_node.shape != Node::Shape::scalar) {
      problems_.push_back({key_place, prefix, "a key must be a plain name, not a list or a map"});
      return;
    }
    const std::string& name = key_node.scalar;
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
    // An empty value (`key:`) is placed at the key, where a person looks.
    if (value.shape == Node::Shape::null) value.place = key_place;
    map.entries.push_back({name, key_place, std::move(value)});
  }

  static const Place& entry_place(const Node& map, std::string_view name) {
    for (const auto& entry : map.entries)
      if (entry.key == name) return entry.key_place;
    return map.place;
  }

  struct Anchored {
    Node node;
    std::size_t nodes = 0;
    std::size_t bytes = 0;
  };

  const std::string& text_;
  EventStream events_;
  bool from_override_;
  std::vector<Problem>& problems_;
  std::map<std::string, Anchored> anchors_;
  std::size_t nodes_ = 0;
  std::size_t bytes_ = 0;
};

#endif

std::string human_size(std::uintmax_t bytes) {
  if (bytes >= (std::uintmax_t{1} << 30))
    return fmt::format("{:.1f} GiB", double(bytes) / (1 << 30));
  if (bytes >= (std::uintmax_t{1} << 20))
    return fmt::format("{:.1f} MiB", double(bytes) / (1 << 20));
  return fmt::format("{} bytes", bytes);
}

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

bool read_yaml_file(const std::filesystem::path& file, std::string& text, std::string& why) {
  std::error_code error;
  const auto status = std::filesystem::status(file, error);
  if (!std::filesystem::exists(status)) {
    why = fmt::format("no such file (looked for {})",
                      std::filesystem::absolute(file, error).string());
    return false;
  }
  if (std::filesystem::is_directory(status)) {
    why = "it is a folder";
    return false;
  }
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(file, error);
    if (!error && size > kMaxYamlBytes) {
      why = fmt::format("it is {}; a YAML file here may be at most {} MiB", human_size(size),
                        kMaxYamlBytes >> 20);
      return false;
    }
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    why = "cannot read it (check that you may read it)";
    return false;
  }
  // Read at most one byte past the limit: a pipe or device has no size.
  text.assign(kMaxYamlBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) {
    why = "cannot read it (check that you may read it)";
    return false;
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxYamlBytes) {
    why = fmt::format("it is larger than {} MiB, the limit for a YAML file here",
                      kMaxYamlBytes >> 20);
    return false;
  }
  return true;
}

#ifndef GS_SCENARIO_JSON_ONLY
std::optional<Node> load_yaml(const std::string& text, bool from_override,
                              const std::string& key_prefix, std::vector<Problem>& problems,
                              ParseFailure& failure) {
  if (text.size() > kMaxYamlBytes) {
    failure = ParseFailure{0, 0,
                           fmt::format("the text is {}; the limit is {} MiB",
                                       human_size(text.size()), kMaxYamlBytes >> 20),
                           true};
    return std::nullopt;
  }
  std::vector<Problem> found_problems;
  try {
    Builder builder(text, from_override, found_problems);
    auto root = builder.build(key_prefix);
    problems.insert(problems.end(), found_problems.begin(), found_problems.end());
    if (root) return root;
    Node empty;
    empty.place.from_override = from_override;
    return empty;
  } catch (const Refusal& refusal) {
    failure = refusal.failure;
    return std::nullopt;
  }
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
