// The document tree: a scenario file as parsed YAML, held in our own types.
//
// Contract: load_yaml() drives libyaml's event parser (pyyaml's C core; see
// https://pyyaml.org/wiki/LibYAML) and builds a plain value tree in which every
// node remembers where it was written (1-based line and column, or "came from
// a --set override"). The tree is an ordinary value: copying it is safe, and a
// const tree may be read from many threads at once. Scalars stay untyped text;
// validation types them against the schema. Duplicate keys are kept out of the
// tree (the first one wins) and reported as problems.
//
// Bounded by construction, whatever the input: the text is at most
// kMaxYamlBytes, at most one document is read, nesting stops at kMaxYamlDepth,
// and aliases are expanded by us with a budget of kMaxYamlNodes nodes and
// kMaxYamlScalarBytes bytes of scalar text, checked before each copy (so an
// "billion laughs" file is refused after a few kilobytes of work). libyaml
// never expands aliases itself and its parser is iterative, which is why it
// replaced yaml-cpp 0.7 here: that version's LoadAll loops forever, growing
// without bound, on inputs as small as "," (issue 11).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
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

// The limits above; far beyond any real scenario or sweep file (the largest
// shipped is under 3 KB and 200 nodes).
inline constexpr std::size_t kMaxYamlBytes = 4u << 20;
inline constexpr int kMaxYamlDepth = 64;
inline constexpr std::size_t kMaxYamlNodes = 100'000;
inline constexpr std::size_t kMaxYamlScalarBytes = 16u << 20;

// Why the YAML text could not be parsed, at a 1-based position (0 unknown).
struct ParseFailure {
  int line = 0;
  int column = 0;
  std::string message;
  bool over_limit = false;  // refused by a limit above, not a syntax error
};

// Reads a YAML file whole after checking its size against kMaxYamlBytes, so a
// huge file is refused before it is read. Returns false with `why` set
// ("no such file", "it is a folder", "it is 5 GB; the limit is 4 MiB", ...).
bool read_yaml_file(const std::filesystem::path& file, std::string& text, std::string& why);

// Parses one YAML document. Returns nullopt (and fills `failure`) when the
// text is not YAML, holds more than one document, or breaks a limit; otherwise the tree, with
// duplicate keys appended to `problems`, their keys prefixed by `key_prefix`.
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
