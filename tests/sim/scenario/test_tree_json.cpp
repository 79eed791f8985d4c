// The JSON reader of the document tree (sim/scenario/tree_json.cpp), which the
// WebAssembly engine uses instead of yaml-cpp: for JSON text it must build the
// same tree as the YAML reader (shapes, key order, scalar text as written), so
// a scenario resolves to the same values in the browser as on the command line.
#include <catch2/catch.hpp>

#include "sim/scenario/tree.hpp"

using namespace gs::scenario::detail;

namespace {

// Shapes, keys and scalars, ignoring places (JSON reports none).
bool same_tree(const Node& a, const Node& b) {
  if (a.shape != b.shape || a.scalar != b.scalar || a.items.size() != b.items.size() ||
      a.entries.size() != b.entries.size())
    return false;
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (!same_tree(a.items[i], b.items[i])) return false;
  for (std::size_t i = 0; i < a.entries.size(); ++i)
    if (a.entries[i].key != b.entries[i].key || !same_tree(a.entries[i].value, b.entries[i].value))
      return false;
  return true;
}

}  // namespace

TEST_CASE("JSON and YAML readers build the same tree from JSON text", "[scenario][json]") {
  const std::string text = R"({"model": "mobilisation", "seed": 2020,
    "network": {"n": 3000, "beta": 0.1, "tiny": 1e-05, "generator": "watts_strogatz"},
    "fatalism": {"mean": 0.25}, "flag": true, "nothing": null, "zeta": -3,
    "strategies": [{"type": "groups", "mode": "catalyse", "staff": 1}], "empty": []})";
  std::vector<Problem> json_problems, yaml_problems;
  ParseFailure json_failure, yaml_failure;
  const auto from_json = load_json(text, false, "", json_problems, json_failure);
  const auto from_yaml = load_yaml(text, false, "", yaml_problems, yaml_failure);
  REQUIRE(from_json.has_value());
  REQUIRE(from_yaml.has_value());
  CHECK(json_problems.empty());
  CHECK(same_tree(*from_json, *from_yaml));
  REQUIRE(from_json->find("network") != nullptr);
  CHECK(from_json->find("network")->find("tiny")->scalar == "1e-05");  // text as written
  CHECK(from_json->entries.front().key == "model");                    // file order kept
}

TEST_CASE("JSON duplicate keys are problems, as in YAML", "[scenario][json]") {
  std::vector<Problem> problems;
  ParseFailure failure;
  const auto tree = load_json(R"({"network": {"n": 1, "n": 2}})", false, "", problems, failure);
  REQUIRE(tree.has_value());
  REQUIRE(problems.size() == 1);
  CHECK(problems.front().key == "network.n");
  CHECK(problems.front().message == "duplicate key 'n'; remove one of them");
  CHECK(tree->find("network")->find("n")->scalar == "1");  // the first one wins
}

TEST_CASE("malformed JSON fails at its line and column", "[scenario][json]") {
  std::vector<Problem> problems;
  ParseFailure failure;
  CHECK_FALSE(load_json("{\n  \"a\": 1,\n  \"b\" 2\n}", false, "", problems, failure).has_value());
  CHECK(failure.line == 3);
  CHECK(failure.column > 1);
  CHECK_FALSE(failure.message.empty());
}
