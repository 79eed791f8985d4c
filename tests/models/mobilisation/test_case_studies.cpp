// Calibrated scenarios: mobilised_vs_atomised and the case studies of MODEL.md.
#include <catch2/catch.hpp>
#include <iostream>

#include "helpers.hpp"

using namespace gs;
using namespace gs::mobtest;

namespace {
const std::string mva = GS_SOURCE_DIR "/scenarios/mobilised_vs_atomised.yaml";

void print(const Model& m, const char* label) {
  std::cout << label;
  for (const char* n : {"dialogue",
                        "priorities",
                        "shared_agenda",
                        "accountable_leadership",
                        "assets_and_plan",
                        "networked",
                        "mobilisation_index",
                        "participation",
                        "groups_formed",
                        "groups_active",
                        "assets",
                        "quick_wins",
                        "mean_fatalism",
                        "spend",
                        "roi",
                        "people_participated",
                        "events",
                        "volunteer_hours",
                        "inclusion",
                        "enterprises",
                        "success_rate",
                        "demand_averted"}) {
    std::cout << " " << n << "=" << observable(m, n);
  }
  std::cout << "\n";
}
}  // namespace

TEST_CASE("calibration print", "[.calibrate]") {
  for (const char* v : {"atomised", "mobilised"}) {
    auto m = run(load_variant(mva, v), 2020, 104);
    print(*m, v);
  }
}

TEST_CASE("calibration print base", "[.calbase]") {
  const std::string base = R"(
model: mobilisation
seed: 1
network: {generator: watts_strogatz, n: 1500, k: 10, mean_degree: 10, beta: 0.1}
residents: {issue_concentration: 0.4, salience: {mean: 0.6}, threshold: {mean: 0.45, sd: 0.12}}
fatalism: {mean: 0.3}
)";
  for (const char* f : {"0.2", "0.3", "0.4", "0.55", "0.7"}) {
    auto m = run(resolve(base, {std::string("fatalism.mean=") + f}), 100, 78);
    print(*m, f);
  }
}
