// The report's engine entry point (wasm/engine_api.cpp), compiled natively: a
// scenario given as JSON text (as the page builds it) gives the same run as
// the same scenario read from its YAML file, number for number; a key the
// model does not have, or text that is not a scenario, comes back as an error
// naming the key (with a did-you-mean), never as a run.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "models/registry.hpp"
#include "sim/engine/runner.hpp"
#include "sim/scenario/scenario.hpp"

extern "C" char* gs_run_json(const char* scenario_json);
extern "C" void gs_free(char* text);

namespace {

nlohmann::json call(const std::string& text) {
  std::unique_ptr<char, void (*)(char*)> out(gs_run_json(text.c_str()), gs_free);
  REQUIRE(out != nullptr);
  return nlohmann::json::parse(out.get());
}

std::shared_ptr<const gs::scenario::Scenario> mobilised() {
  const auto document = gs::scenario::Document::read(std::filesystem::path(GS_SOURCE_DIR) /
                                                     "scenarios/mobilised_vs_atomised.yaml");
  return document.resolve({gs::scenario::Override::parse("run.max_ticks=12"),
                           gs::scenario::Override::parse("output.snapshots=true")},
                          gs::builtin_models(), "mobilised");
}

}  // namespace

TEST_CASE("a JSON scenario runs exactly as its YAML original", "[report][engine_api]") {
  const auto scenario = mobilised();
  const gs::RunResult expected = gs::run(scenario, gs::builtin_models());
  const nlohmann::json got = call(scenario->values().dump());
  REQUIRE_FALSE(got.contains("error"));
  CHECK(got["observables"] == expected.observables);
  CHECK(got["ticks"] == expected.ticks);
  REQUIRE(got["series"].size() == expected.series.size());
  for (std::size_t row = 0; row < expected.series.size(); ++row) {
    for (std::size_t c = 0; c < expected.observables.size(); ++c) {
      const double want = expected.series[row][c];
      const auto& cell = got["series"][row][c];
      if (std::isnan(want)) {
        CHECK(cell.is_null());
      } else {
        CHECK(cell.get<double>() == want);  // bit for bit, through the JSON text
      }
    }
  }
  CHECK(got["summary"] == expected.model_summary);
  REQUIRE(got["snapshots"].size() == expected.snapshots.size());
  CHECK(got["snapshots"][0].get<std::string>().size() == expected.snapshots[0].size());
  CHECK(got["groups"]["total"].get<std::size_t>() == expected.tables.front().rows.size());
}

TEST_CASE("an unknown key or a non-scenario is an error, not a run", "[report][engine_api]") {
  nlohmann::json values = mobilised()->values();
  values["fatalism"]["meen"] = 0.5;
  const auto refused = call(values.dump());
  REQUIRE(refused.contains("error"));
  CHECK(refused["error"].get<std::string>().find(
            "fatalism.meen: unknown key 'meen'; did you mean 'mean'?") != std::string::npos);
  CHECK(call("{\"model\": \"nosuch\"}").contains("error"));
  CHECK(call("[1, 2").contains("error"));
}
