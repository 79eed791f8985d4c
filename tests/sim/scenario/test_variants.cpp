// Variants: several settings of one scenario in one file, resolved one at a time.
#include <catch2/catch.hpp>

#include "fixtures.hpp"

using namespace gs::scenario;
using namespace gs::scenario::testing;

namespace {

const TestCatalogue& catalogue() {
  static const TestCatalogue instance;
  return instance;
}

const std::string two_variants =
    "model: threshold\n"
    "network:\n"
    "  n: 50\n"
    "variants:\n"
    "  low:\n"
    "    threshold.value: 0.1\n"
    "  high:\n"
    "    threshold.value: 0.9\n"
    "    network.n: 60\n";

std::string only_message(const std::vector<Diagnostic>& diagnostics) {
  REQUIRE(diagnostics.size() == 1);
  return diagnostics.front().str();
}

}  // namespace

TEST_CASE("each variant applies its settings on top of the file", "[variants]") {
  const auto doc = Document::parse(two_variants, "v.yaml");
  CHECK(doc.variant_names() == std::vector<std::string>{"low", "high"});
  const auto low = doc.resolve({}, catalogue(), "low");
  const auto high = doc.resolve({}, catalogue(), "high");
  CHECK(low->variant() == "low");
  CHECK(low->values()["threshold"]["value"] == 0.1);
  CHECK(low->values()["network"]["n"] == 50);
  CHECK(high->values()["threshold"]["value"] == 0.9);
  CHECK(high->values()["network"]["n"] == 60);
  // Without a variant the file resolves as written; `variants` is not a scenario key.
  const auto base = doc.resolve({}, catalogue());
  CHECK(base->values()["threshold"]["value"] == 0.18);
  CHECK_FALSE(base->values().contains("variants"));
}

TEST_CASE("--set applies after the variant's settings", "[variants]") {
  const auto doc = Document::parse(two_variants, "v.yaml");
  const auto v = doc.resolve({Override::parse("threshold.value=0.5")}, catalogue(), "high");
  CHECK(v->values()["threshold"]["value"] == 0.5);
  CHECK(v->values()["network"]["n"] == 60);
}

TEST_CASE("problems in a variant point at its line in the file", "[variants]") {
  const std::string yaml =
      "model: threshold\n"
      "variants:\n"
      "  bad:\n"
      "    threshold.value: 7\n"
      "    network.nn: 3\n";
  const auto doc = Document::parse(yaml, "v.yaml");
  const auto found = diagnostics_of([&] { doc.resolve({}, catalogue(), "bad"); });
  REQUIRE(found.size() == 2);
  CHECK_THAT(found[0].str(), Catch::StartsWith("v.yaml:4:") && Catch::Contains("threshold.value") &&
                                 Catch::Contains("out of range"));
  CHECK_THAT(found[1].str(), Catch::StartsWith("v.yaml:5:") && Catch::Contains("did you mean 'n'"));
}

TEST_CASE("unknown variants and malformed variant maps are reported", "[variants]") {
  const auto doc = Document::parse(two_variants, "v.yaml");
  CHECK_THAT(only_message(diagnostics_of([&] { doc.resolve({}, catalogue(), "medium"); })),
             Catch::Contains("no variant 'medium'; the variants are: low, high"));
  const auto flat = Document::parse("model: threshold\nvariants: [a, b]\n", "v.yaml");
  CHECK_THAT(only_message(diagnostics_of([&] { flat.resolve({}, catalogue()); })),
             Catch::Contains("expected a map of variant names"));
}
