// The document tree: a scenario file as parsed YAML, held in our own types.
//
// Contract: load_yaml() converts yaml-cpp's nodes into a plain value tree in
// which every node remembers where it was written (1-based line and column, or
// "came from a --set override"). The tree is an ordinary value: copying it is
// safe, and a const tree may be read from many threads at once, which
// yaml-cpp's own nodes (shared, reference-counted) do not allow. Scalars stay
// untyped text; validation types them against the schema. Duplicate keys are
// kept out of the tree (the first one wins) and reported as problems, since
// yaml-cpp accepts them silently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gs::scenario::detail {

// Where a node was written. line == 0 when unknown.
struct Place {
  int line = 0;
  int column = 0;
  bool from_override = false;  // from `--set`, not from the file
};

// One problem found, before it is given a file name and becomes a Diagnostic.
struct Problem {
  Place place;
  std::string key;  // dotted path
  std::string message;
};

struct Node {
  enum class Shape : std::uint8_t { null, scalar, sequence, map };
  struct Entry;

  Shape shape = Shape::null;
  Place place;
  std::string scalar;          // Shape::scalar
  std::vector<Node> items;     // Shape::sequence
  std::vector<Entry> entries;  // Shape::map, in file order, keys unique

  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
};

struct Node::Entry {
  std::string key;
  Place key_place;
  Node value;
};

// Why the YAML text could not be parsed, at a 1-based position.
struct ParseFailure {
  int line = 0;
  int column = 0;
  std::string message;
};

// Parses one YAML document. Returns nullopt (and fills `failure`) when the
// text is not YAML; otherwise the tree, with duplicate keys appended to
// `problems`, their keys prefixed by `key_prefix`.
std::optional<Node> load_yaml(const std::string& text, bool from_override,
                              const std::string& key_prefix, std::vector<Problem>& problems,
                              ParseFailure& failure);

// Parses one JSON document (RFC 8259) into the same tree: numbers keep their
// text as written, objects keep their order, duplicate keys are problems as in
// YAML. Places are unknown (line 0) except in `failure`. JSON is YAML, so the
// YAML reader accepts the same text; this entry point exists for builds
// without yaml-cpp (the WebAssembly engine, wasm/), where load_yaml reads JSON.
std::optional<Node> load_json(const std::string& text, bool from_override,
                              const std::string& key_prefix, std::vector<Problem>& problems,
                              ParseFailure& failure);

// Puts `value` at the dotted `key` ("network.n", "strategies.0.staff"),
// creating maps on the way; numeric segments pick an existing list element.
// Returns false (with a problem) when the path cannot be followed. New nodes
// and problems are placed at `origin` (by default: a --set override).
bool set_at(Node& root, const std::string& key, Node value, std::vector<Problem>& problems,
            Place origin = Place{0, 0, true});

// "'abc'", "a map", "a list" or "nothing": what a message says was found.
std::string found(const Node& node);

}  // namespace gs::scenario::detail
