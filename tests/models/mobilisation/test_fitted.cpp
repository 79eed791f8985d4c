// The fitted defaults (models/mobilisation/fitted.hpp): each lies in its
// calibration's interval, the calibration file frees exactly these
// parameters, and `describe` shows the interval and which defaults were set by hand.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>

#include "models/mobilisation/fitted.hpp"
#include "models/registry.hpp"
#include "sim/experiments/calibration_spec.hpp"
#include "sim/scenario/schema.hpp"

namespace {

const gs::scenario::Schema& mobilisation_schema() {
  return *gs::builtin_models().schema_for("mobilisation");
}

// One parameter's entry in `describe mobilisation`, as one line (describe wraps its text);
// empty if the parameter is not listed.
std::string describe_entry(const std::string& path) {
  const auto text = gs::scenario::describe(mobilisation_schema(), "mobilisation");
  const auto at = text.find(path + "  (");
  if (at == std::string::npos) return {};
  std::string entry;
  for (char ch : text.substr(at, text.find("\n\n", at) - at)) {
    const char c = ch == '\n' ? ' ' : ch;
    if (c != ' ' || entry.empty() || entry.back() != ' ') entry += c;
  }
  return entry;
}

}  // namespace

TEST_CASE("every fitted default lies in its calibration's interval", "[fitted]") {
  const auto& schema = mobilisation_schema();
  const auto fitted = gs::mobilisation::fitted_parameters();
  REQUIRE_FALSE(fitted.empty());
  for (const auto& f : fitted) {
    const auto* p = schema.find(f.path);
    REQUIRE(p != nullptr);
    REQUIRE(p->fit.has_value());
    const double value = p->default_value.get<double>();
    INFO(f.path << " = " << value << ", fitted interval [" << f.lower << ", " << f.upper << "]");
    CHECK(f.lower < f.upper);
    CHECK(f.lower <= value);
    CHECK(value <= f.upper);
  }
}

TEST_CASE("the fitting calibration frees exactly the fitted parameters", "[fitted]") {
  const auto spec = gs::experiments::read_calibration_spec(std::filesystem::path(GS_SOURCE_DIR) /
                                                           gs::mobilisation::kFittingCalibration);
  std::set<std::string> freed;
  for (std::size_t j = 0; j < spec.parameters.size(); ++j) freed.insert(spec.parameters[j].key());
  std::set<std::string> table;
  for (const auto& f : gs::mobilisation::fitted_parameters()) table.insert(f.path);
  CHECK(freed == table);
}

TEST_CASE("describe prints a fitted parameter's interval and calibration", "[fitted]") {
  const auto entry = describe_entry("engagement.rate");
  REQUIRE_FALSE(entry.empty());
  CHECK_THAT(entry, Catch::Contains("Fitted by scenarios/calibration/mobilisation_joint.yaml"));
}

TEST_CASE("describe says which fitted parameters' defaults were set by hand", "[fitted]") {
  for (const auto& f : gs::mobilisation::fitted_parameters()) {
    const auto entry = describe_entry(f.path);
    REQUIRE_FALSE(entry.empty());
    INFO(entry);
    CHECK((entry.find("default set by hand") != std::string::npos) == f.hand_set);
  }
}
