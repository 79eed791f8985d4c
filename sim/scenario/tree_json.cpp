// JSON into the document tree (contract in tree.hpp, load_json), with
// nlohmann::json's SAX interface so that number text, key order and duplicate
// keys survive exactly as written. In a build without yaml-cpp
// (GS_SCENARIO_JSON_ONLY: the WebAssembly engine, wasm/) this file also
// provides load_yaml, reading the JSON subset of YAML and saying so for
// anything else.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/scenario/tree.hpp"

namespace gs::scenario::detail {
namespace {

constexpr std::size_t kMaxDepth = 64;  // as for YAML: deeper than any real scenario

class TreeBuilder final : public nlohmann::json_sax<nlohmann::json> {
 public:
  TreeBuilder(bool from_override, std::string key_prefix, std::vector<Problem>& problems)
      : from_override_(from_override), prefix_(std::move(key_prefix)), problems_(problems) {}

  bool null() override { return put(Node{}); }
  bool boolean(bool value) override { return scalar(value ? "true" : "false"); }
  bool number_integer(number_integer_t value) override { return scalar(std::to_string(value)); }
  bool number_unsigned(number_unsigned_t value) override { return scalar(std::to_string(value)); }
  bool number_float(number_float_t /*value*/, const string_t& text) override {
    return scalar(text);
  }
  bool string(string_t& value) override { return scalar(value); }
  bool binary(binary_t& /*value*/) override { return false; }
  bool start_object(std::size_t /*elements*/) override { return open(Node::Shape::map); }
  bool key(string_t& name) override {
    pending_key_ = name;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t /*elements*/) override { return open(Node::Shape::sequence); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string& /*token*/,
                   const nlohmann::detail::exception& error) override {
    error_position_ = position;
    error_message_ = error.what();
    return false;
  }

  Node& root() { return root_; }
  std::size_t error_position() const { return error_position_; }
  const std::string& error_message() const { return error_message_; }

 private:
  struct Open {
    Node node;
    std::string key;   // dotted path of this node
    std::string name;  // its key in the parent map ("" in a list or at the top)
  };

  Place here() const { return Place{0, 0, from_override_}; }

  std::string child_path() const {
    if (stack_.empty()) return prefix_;
    const Open& top = stack_.back();
    const std::string segment =
        top.node.shape == Node::Shape::map ? pending_key_ : std::to_string(top.node.items.size());
    return top.key.empty() ? segment : top.key + "." + segment;
  }

  bool scalar(std::string text) {
    Node node;
    node.shape = Node::Shape::scalar;
    node.scalar = std::move(text);
    return put(std::move(node));
  }

  bool open(Node::Shape shape) {
    if (stack_.size() >= kMaxDepth) {
      problems_.push_back({here(), child_path(), "nested too deeply"});
      return false;
    }
    Open entry;
    entry.node.shape = shape;
    entry.node.place = here();
    entry.key = child_path();
    entry.name = stack_.empty() ? "" : pending_key_;
    stack_.push_back(std::move(entry));
    return true;
  }

  bool close() {
    Open done = std::move(stack_.back());
    stack_.pop_back();
    pending_key_ = done.name;
    return put(std::move(done.node));
  }

  bool put(Node node) {
    node.place = here();
    if (stack_.empty()) {
      root_ = std::move(node);
      return true;
    }
    Node& parent = stack_.back().node;
    if (parent.shape == Node::Shape::sequence) {
      parent.items.push_back(std::move(node));
    } else if (parent.find(pending_key_) != nullptr) {
      problems_.push_back({here(), child_path(),
                           fmt::format("duplicate key '{}'; remove one of them", pending_key_)});
    } else {
      parent.entries.push_back({pending_key_, here(), std::move(node)});
    }
    return true;
  }

  bool from_override_;
  std::string prefix_;
  std::vector<Problem>& problems_;
  std::vector<Open> stack_;
  std::string pending_key_;
  Node root_;
  std::size_t error_position_ = 0;
  std::string error_message_;
};

// 1-based line and column of a byte offset.
std::pair<int, int> line_and_column(const std::string& text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

std::optional<Node> load_json(const std::string& text, bool from_override,
                              const std::string& key_prefix, std::vector<Problem>& problems,
                              ParseFailure& failure) {
  TreeBuilder builder(from_override, key_prefix, problems);
  const std::size_t problems_before = problems.size();
  if (!nlohmann::json::sax_parse(text, &builder)) {
    if (problems.size() > problems_before) {  // too deep: reported as a problem already
      failure.message = problems.back().message;
      problems.resize(problems_before);
    } else {
      const auto [line, column] = line_and_column(text, builder.error_position());
      failure.line = line;
      failure.column = column;
      failure.message = builder.error_message();
    }
    return std::nullopt;
  }
  builder.root().place.from_override = from_override;
  return std::move(builder.root());
}

#ifdef GS_SCENARIO_JSON_ONLY
std::optional<Node> load_yaml(const std::string& text, bool from_override,
                              const std::string& key_prefix, std::vector<Problem>& problems,
                              ParseFailure& failure) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] != '{') {
    failure.line = 1;
    failure.column = 1;
    failure.message =
        "this build reads scenarios written as JSON only (it has no YAML parser); "
        "expected a JSON object starting with '{'";
    return std::nullopt;
  }
  if (first == std::string::npos) {
    Node empty;
    empty.place.from_override = from_override;
    return empty;
  }
  return load_json(text, from_override, key_prefix, problems, failure);
}
#endif

}  // namespace gs::scenario::detail
