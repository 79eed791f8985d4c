// Scenario::locate: errors found after validation point at the key's place.
#include <catch2/catch.hpp>

#include "fixtures.hpp"

using namespace gs::scenario;
using namespace gs::scenario::testing;

TEST_CASE("a parameter error points at where its key was written", "[scenario]") {
  const TestCatalogue catalogue;
  const std::string yaml =
      "model: threshold\n"
      "network:\n"
      "  generator: erdos_renyi\n"
      "  n: 50\n"
      "variants:\n"
      "  big:\n"
      "    network.beta: 0.5\n";
  const auto doc = Document::parse(yaml, "s.yaml");
  const auto base = doc.resolve({}, catalogue);
  CHECK(base->locate("network.n", "too small").str() == "s.yaml:4:6: network.n: too small");
  // A default: the nearest written section.
  CHECK(base->locate("network.beta", "bad").str() == "s.yaml:2:1: network.beta: bad");
  // Nothing written at all: the file.
  CHECK(base->locate("threshold.value", "bad").str() == "s.yaml: threshold.value: bad");
  // A variant's setting is located in the variant; an override names --set.
  const auto big = doc.resolve({Override::parse("network.n=7")}, catalogue, "big");
  CHECK(big->locate("network.beta", "bad").str() == "s.yaml:7:19: network.beta: bad");
  CHECK(big->locate("network.n", "bad").str() == "--set: network.n: bad");
}
