// Bounded parsing (issue 11): every input that hung yaml-cpp 0.7 or grew
// without bound is refused quickly, with file:line:column and a reason; the
// limits of tree.hpp hold; ordinary YAML still reads as before.
#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "fixtures.hpp"
#include "sim/scenario/tree.hpp"

using namespace gs::scenario;
using namespace gs::scenario::testing;

namespace {

// The one diagnostic parsing `text` throws, and how long it took.
Diagnostic refusal_of(const std::string& text, double& seconds) {
  const auto start = std::chrono::steady_clock::now();
  const auto diagnostics = diagnostics_of([&] { Document::parse(text, "h.yaml"); });
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(diagnostics.size() == 1);
  return diagnostics[0];
}

std::string billion_laughs(int levels) {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < levels; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  return text;
}

}  // namespace

TEST_CASE("inputs that hung yaml-cpp are refused at once, with a position", "[bounded]") {
  // Each took yaml-cpp 0.7's LoadAll into an endless, ever-growing loop.
  for (const std::string text : {",", "\"a\", b", "model: a\n,\n"}) {
    double seconds = 0;
    const auto d = refusal_of(text, seconds);
    INFO(text << " -> " << d.str());
    CHECK(d.file == "h.yaml");
    CHECK(d.line >= 1);
    CHECK(d.column >= 1);
    CHECK(d.message.rfind("malformed YAML: ", 0) == 0);
    CHECK(seconds < 1.0);
  }
}

TEST_CASE("aliases are expanded within a budget: billion laughs is refused", "[bounded]") {
  double seconds = 0;
  // 10 levels of 10 copies: 10^10 values if expanded.
  const auto d = refusal_of(billion_laughs(10), seconds);
  CHECK(d.message.find("refused: more than 100000 values") == 0);
  CHECK(d.line >= 5);  // where the budget ran out, not the top of the file
  CHECK(seconds < 1.0);
  // Four levels (10^4 values) are within the budget and read as written.
  const auto doc = Document::parse(billion_laughs(4) + "model: threshold\n", "ok.yaml");
  CHECK(doc.variant_names().empty());
}

TEST_CASE("scalar text copied by aliases counts towards a byte budget", "[bounded]") {
  std::string text = "s: &s \"" + std::string(4000, 'x') + "\"\nl1: &l1 [";
  for (int j = 0; j < 50; ++j) text += j ? ", *s" : "*s";
  text += "]\nl2: &l2 [";
  for (int j = 0; j < 50; ++j) text += j ? ", *l1" : "*l1";
  text += "]\nl3: [";
  for (int j = 0; j < 50; ++j) text += j ? ", *l2" : "*l2";
  text += "]\n";
  double seconds = 0;
  const auto d = refusal_of(text, seconds);
  CHECK(d.message.find("refused: more than 16 MiB of text") == 0);
  CHECK(seconds < 1.0);
}

TEST_CASE("nesting is capped, in flow and block style", "[bounded]") {
  double seconds = 0;
  auto d = refusal_of(std::string(5000, '[') + std::string(5000, ']'), seconds);
  CHECK(d.message == "refused: nested more than 64 levels deep");
  CHECK(d.line == 1);
  CHECK(d.column == 66);
  std::string block;
  for (int i = 0; i < 80; ++i) block += std::string(2 * i, ' ') + "k:\n";
  block += std::string(160, ' ') + "v\n";
  d = refusal_of(block, seconds);
  CHECK(d.message == "refused: nested more than 64 levels deep");
  CHECK(d.line == 65);
}

TEST_CASE("one document only; an alias must follow its anchor", "[bounded]") {
  double seconds = 0;
  std::string many;
  for (int i = 0; i < 100000; ++i) many += "---\n";
  auto d = refusal_of(many, seconds);
  CHECK(d.str() ==
        "h.yaml:3:1: malformed YAML: found 100000 YAML documents separated by '---'; a scenario "
        "is a single document");
  CHECK(seconds < 1.0);
  d = refusal_of("a: 1\n---\nb: 2\n---\nc: 3\n", seconds);
  CHECK(d.str() ==
        "h.yaml:3:1: malformed YAML: found 3 YAML documents separated by '---'; a scenario is a "
        "single document");
  d = refusal_of("a: &a [*a]\n", seconds);
  CHECK(d.str() == "h.yaml:1:8: malformed YAML: unknown alias '*a': no '&a' before it");
}

TEST_CASE("a file larger than the limit is refused before it is read", "[bounded]") {
  ScratchDir dir;
  const auto file = dir.write("big.yaml", std::string(detail::kMaxYamlBytes + 1, '#'));
  const auto diagnostics = diagnostics_of([&] { Document::read(file); });
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].str().find(
            "cannot open scenario file: it is 4.0 MiB; a YAML file here may be at most 4 MiB") !=
        std::string::npos);
}

TEST_CASE("ordinary YAML reads as before: nulls, quoting, anchors, a byte-order mark",
          "[bounded]") {
  std::vector<detail::Problem> problems;
  detail::ParseFailure failure;
  const auto tree = detail::load_yaml(
      "\xEF\xBB\xBF"
      "a: ~\nb: 'null'\nc:\nd: &x {e: 1}\nf: *x\ng: [1, \"two\", null]\n",
      false, "", problems, failure);
  REQUIRE(tree);
  CHECK(problems.empty());
  CHECK(tree->find("a")->shape == detail::Node::Shape::null);
  CHECK(tree->find("b")->scalar == "null");
  CHECK(tree->find("c")->shape == detail::Node::Shape::null);
  CHECK(tree->find("c")->place.line == 3);
  CHECK(tree->find("f")->find("e")->scalar == "1");
  CHECK(tree->find("g")->items.at(2).shape == detail::Node::Shape::null);
  CHECK(tree->find("g")->items.at(1).scalar == "two");
  CHECK(tree->find("d")->place.line == 4);
  CHECK(tree->find("d")->place.column == 4);  // an anchored node starts at its anchor
}

TEST_CASE("--set values are parsed with the same bounds and quoted briefly", "[bounded]") {
  const TestCatalogue catalogue;
  const auto doc = Document::parse("model: threshold\n", "s.yaml");
  const std::string long_value = "\"a\", b" + std::string(10000, 'z');
  const auto diagnostics = diagnostics_of(
      [&] { (void)doc.resolve({Override::parse("seed=" + long_value)}, catalogue); });
  REQUIRE(diagnostics.size() == 1);
  const auto text = diagnostics[0].str();
  CHECK(text.rfind("--set: seed: malformed value '\"a\", bzzz", 0) == 0);
  CHECK(text.find("... (10006 bytes)") != std::string::npos);
  CHECK(text.size() < 300);
}
