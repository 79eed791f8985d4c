// Tests for the schema builder, Schema::find, describe() and the did-you-mean
// distance: declaration errors are caught at declaration, lookups follow
// dotted paths, and the describe text documents every parameter.
#include <catch2/catch.hpp>
#include <sstream>
#include <stdexcept>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/suggest.hpp"
#include "tests/sim/scenario/fixtures.hpp"

namespace gs::scenario {
namespace {

TEST_CASE("section() with an existing name returns the same section", "[schema]") {
  Schema schema;
  schema.root().section("network", "The social network.").integer("n", 10, "Agents.");
  schema.root().section("network", "").real("beta", 0.1, "Rewiring.");
  const Param& root = schema.root_param();
  REQUIRE(root.fields.size() == 1);
  const Param& network = root.fields.front();
  CHECK(network.doc == "The social network.");
  REQUIRE(network.fields.size() == 2);
  CHECK(network.fields.front().name == "n");
  CHECK(network.fields.back().name == "beta");
}

TEST_CASE("declaration mistakes are logic errors", "[schema]") {
  Schema schema;
  auto root = schema.root();
  root.integer("n", 10, "Agents.", {0, 100});
  CHECK_THROWS_AS(root.integer("n", 10, "Again."), std::logic_error);
  CHECK_THROWS_AS(root.real("n", 1.0, "Again, another kind."), std::logic_error);
  CHECK_THROWS_AS(root.section("n", "A leaf is not a section."), std::logic_error);
  CHECK_THROWS_AS(root.integer("big", 200, "Default above max.", {0, 100}), std::logic_error);
  CHECK_THROWS_AS(root.reals("ws", {0.5, 2.0}, "An element above max.", {0, 1}), std::logic_error);
  CHECK_THROWS_AS(root.choice("mode", "other", {"a", "b"}, "Default not a choice."),
                  std::logic_error);
  CHECK_THROWS_AS(root.text("a.b", "", "Dotted name."), std::logic_error);
  CHECK_THROWS_AS(root.text("", "", "Empty name."), std::logic_error);
  CHECK_THROWS_AS(root.text("0", "", "Reads as a list index."), std::logic_error);
  root.list("events", "Events.").integer("tick", 0, "When.");
  CHECK_THROWS_AS(root.section("events", "A list is not a section."), std::logic_error);
}

TEST_CASE("references to declared parameters stay valid as more are added", "[schema]") {
  Schema schema;
  auto network = schema.root().section("network", "Net.");
  const Param* first = &network.param();
  for (int i = 0; i < 50; ++i)
    schema.root().section(std::string("filler_").append(std::to_string(i)), "Filler.");
  network.integer("n", 1, "Agents.");
  CHECK(schema.find("network") == first);
  CHECK(schema.find("network.n") != nullptr);
}

TEST_CASE("find() follows dotted paths, list elements by the list's name", "[schema]") {
  Schema schema;
  testing::declare_test_schema(schema.root(), "threshold");
  REQUIRE(schema.find("network.n") != nullptr);
  CHECK(schema.find("network.n")->kind == Kind::integer);
  CHECK(schema.find("network")->kind == Kind::section);
  CHECK(schema.find("strategies.staff")->kind == Kind::real);
  CHECK(schema.find("strategies.0.staff") == schema.find("strategies.staff"));
  CHECK(schema.find("") == &schema.root_param());
  CHECK(schema.find("network.nope") == nullptr);
  CHECK(schema.find("network.n.deeper") == nullptr);
  CHECK(schema.find("network.0") == nullptr);
}

TEST_CASE("describe() lists every parameter with type, default, range and doc", "[schema]") {
  Schema schema;
  testing::declare_test_schema(schema.root(), "threshold");
  const std::string text = describe(schema, "Parameters of the threshold model");
  INFO(text);
  CHECK(text.rfind("Parameters of the threshold model\n=================================", 0) == 0);
  const std::vector<std::string> expected_lines = {
      "name  (text, default: \"\")",
      "model  (choice, default: threshold)",
      "    one of: threshold, contagion",
      "    Which model runs.",
      "seed  (integer, default: 1, at least 0)",
      "seeds  (list of integers, default: [1], each at least 0)",
      "network  (section)",
      "    The social network.",
      "  network.generator  (choice, default: watts_strogatz)",
      "      one of: erdos_renyi, watts_strogatz, barabasi_albert",
      "  network.n  (integer, default: 1000, range [2, 1000000000])",
      "      Number of agents.",
      "  network.beta  (real, default: 0.1, range [0, 1])",
      "  network.edge_list  (file path, default: none)",
      "  threshold.value  (real, default: 0.18, range [0, 1])",
      "  threshold.heterogeneous  (boolean, default: false)",
      "      Draw thresholds per agent.",
      "  threshold.weights  (list of reals, default: [0.5, 0.5], each range [0, 1])",
      "strategies  (list of maps, default: empty)",
      "    Community development strategies.",
      "  strategies[].mode  (choice, default: catalyse)",
      "  strategies[].staff  (real, default: 1, range [0, 1000])",
      "      Full-time equivalents.",
      "  strategies[].contacts  (integer, default: 10, at least 0)",
  };
  for (const auto& line : expected_lines) {
    INFO(line);
    CHECK(text.find("\n" + line + "\n") != std::string::npos);
  }
}

TEST_CASE("describe() wraps long docs within 80 columns, indented under their key", "[schema]") {
  Schema schema;
  std::string doc;
  for (int i = 0; i < 40; ++i) doc.append("word").append(std::to_string(i)).append(" ");
  schema.root().section("outer", "Outer.").real("x", 1.5, doc);
  const std::string text = describe(schema, "T");
  std::istringstream lines(text);
  std::string line;
  int doc_lines = 0;
  while (std::getline(lines, line)) {
    CHECK(line.size() <= 80);
    if (line.find("word") != std::string::npos) {
      ++doc_lines;
      CHECK(line.rfind("      word", 0) == 0);
    }
  }
  CHECK(doc_lines >= 3);
  CHECK(text.find("word39") != std::string::npos);
}

TEST_CASE("edit distance counts an adjacent swap as one edit, ignoring case", "[suggest]") {
  using detail::edit_distance;
  CHECK(edit_distance("network", "network") == 0);
  CHECK(edit_distance("netwrok", "network") == 1);
  CHECK(edit_distance("netwrk", "network") == 1);
  CHECK(edit_distance("Network", "network") == 0);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("closest() suggests only plausible typos", "[suggest]") {
  const std::vector<std::string> keys = {"generator", "n", "beta", "edge_list"};
  CHECK(detail::closest("genrator", keys) == "generator");
  CHECK(detail::closest("edgelist", keys) == "edge_list");
  CHECK(detail::closest("nn", keys) == "n");
  CHECK_FALSE(detail::closest("population", keys).has_value());
}

TEST_CASE("required parameters say so in describe and must be written", "[schema]") {
  Schema schema;
  schema.root().text("model", "", "Which model.").required();
  auto s = schema.root().section("s", "A section.");
  s.integer("count", 3, "How many.", {1, 9}).required();
  const std::string text = describe(schema, "T");
  CHECK_THAT(text, Catch::Contains("s.count  (integer, required, range [1, 9])"));
  CHECK_THAT(text, !Catch::Contains("default: 3"));

  struct One : SchemaCatalogue {
    const Schema* schema;
    const Schema* schema_for(const std::string&) const override { return schema; }
    std::vector<std::string> model_names() const override { return {"m"}; }
  } catalogue;
  catalogue.schema = &schema;
  try {
    Document::parse("model: m\ns: {}\n", "r.yaml").resolve({}, catalogue);
    FAIL("a missing required key must be an error");
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].str() == "r.yaml:2:4: s.count: missing; this key is required");
  }
  CHECK(Document::parse("model: m\ns: {count: 2}\n", "r.yaml")
            .resolve({}, catalogue)
            ->values()["s"]["count"] == 2);
}

}  // namespace
}  // namespace gs::scenario
