// The threshold model end to end: published results, seeds and thresholds
// from the scenario, and bit-identical runs for any thread count.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "models/registry.hpp"
#include "sim/engine/runner.hpp"

namespace {

using namespace gs;
namespace fs = std::filesystem;

const fs::path scenarios = fs::path(GS_SOURCE_DIR) / "scenarios";

RunResult run_file(const fs::path& file, const std::vector<std::string>& sets = {},
                   RunOptions options = {}) {
  std::vector<scenario::Override> overrides;
  for (const auto& s : sets) overrides.push_back(scenario::Override::parse(s));
  return run(scenario::load(file, overrides, builtin_models()), builtin_models(), options);
}

double column(const RunResult& r, std::size_t row, const std::string& name) {
  const auto it = std::find(r.observables.begin(), r.observables.end(), name);
  REQUIRE(it != r.observables.end());
  return r.series[row][static_cast<std::size_t>(it - r.observables.begin())];
}

}  // namespace

TEST_CASE("Granovetter 1978: thresholds 0..99 make all 100 riot, one more each tick",
          "[threshold][published]") {
  const auto r = run_file(scenarios / "granovetter_riot.yaml");
  CHECK(r.final_value("active_count") == 100);
  CHECK(r.stop_reason == "fixed_point");
  // Tick t has t rioters: the chain reaction of the uniform distribution.
  for (std::size_t row = 0; row < r.ticks.size() && r.ticks[row] <= 100; ++row) {
    CHECK(column(r, row, "active_count") == static_cast<double>(r.ticks[row]));
  }
}

TEST_CASE("Granovetter 1978: raising one threshold from 1 to 2 stops the riot at one person",
          "[threshold][published]") {
  const auto r = run_file(scenarios / "granovetter_riot_perturbed.yaml");
  CHECK(r.final_value("active_count") == 1);
  CHECK(r.ticks_run == 2);  // the instigator acts at tick 1; nothing changes at tick 2
}

// Watts 2002, Fig. 1: phi = 0.18, one random initial adopter on an Erdos-Renyi
// graph. Inside the cascade window (z = 3) a sizeable share of single seeds set
// off a global cascade that takes most of the network; beyond the upper edge
// (z = 8, where sum_{k<=5} k(k-1)p_k / z = 0.35 < 1) practically none do.
TEST_CASE("Watts 2002: global cascades inside the window and not outside it",
          "[threshold][published]") {
  auto cascade_share = [](double z) {
    int global = 0;
    double mean_global_size = 0.0;
    const int replicates = 60;
    for (int rep = 0; rep < replicates; ++rep) {
      const auto r = run_file(scenarios / "watts_cascade.yaml",
                              {"network.n=4000", "network.mean_degree=" + std::to_string(z),
                               "threshold.seeds.count=1", "seed=" + std::to_string(1000 + rep)});
      const double size = r.final_value("active_share");
      if (size > 0.5) {
        ++global;
        mean_global_size += size;
      }
    }
    return std::pair{static_cast<double>(global) / replicates,
                     global ? mean_global_size / global : 0.0};
  };
  const auto [inside, inside_size] = cascade_share(3.0);
  const auto [outside, outside_size] = cascade_share(8.0);
  INFO("global cascade frequency z=3: " << inside << ", z=8: " << outside);
  CHECK(inside >= 0.6);  // analytic vulnerable-cluster size at z = 3 is about 0.85
  CHECK(inside_size > 0.85);
  CHECK(outside <= 0.02);
}

TEST_CASE("a threshold run is bit-identical for 1, 2 and 4 threads", "[threshold][threads]") {
  std::vector<RunResult> runs;
  for (std::size_t threads : {1u, 2u, 4u}) {
    RunOptions options;
    options.threads = threads;
    runs.push_back(run_file(scenarios / "watts_cascade.yaml",
                            {"network.n=50000", "threshold.distribution=uniform",
                             "threshold.min=0.05", "threshold.max=0.3", "output.snapshots=true"},
                            options));
  }
  REQUIRE(runs[0].ticks_run > 3);
  for (const auto& r : runs) {
    CHECK(r.series == runs[0].series);
    CHECK(r.snapshots == runs[0].snapshots);
  }
}

TEST_CASE("initial adopters follow the seeds rule", "[threshold]") {
  const fs::path file = scenarios / "watts_cascade.yaml";
  // Unreachable thresholds leave only the initial adopters active.
  const std::vector<std::string> frozen{"threshold.value=1.5", "network.n=1000"};
  auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.end(), frozen.begin(), frozen.end());
    return run_file(file, extra);
  };
  CHECK(with({"threshold.seeds.rule=count", "threshold.seeds.count=37"})
            .final_value("active_count") == 37);
  CHECK(with({"threshold.seeds.rule=random_fraction", "threshold.seeds.fraction=0.25"})
            .final_value("active_count") == 250);
  CHECK(with({"threshold.seeds.rule=none"}).final_value("active_count") == 0);
  const auto top =
      with({"threshold.seeds.rule=top_degree", "threshold.seeds.count=5", "output.snapshots=true"});
  CHECK(top.final_value("active_count") == 5);

  const fs::path dir = fs::temp_directory_path() / "gs_threshold_seeds";
  fs::create_directories(dir);
  std::ofstream(dir / "seeds.txt") << "# initial adopters\n3\n5\n\n5\n999\n";
  CHECK(with({"threshold.seeds.rule=file", "threshold.seeds.file=" + (dir / "seeds.txt").string()})
            .final_value("active_count") == 3);
}

TEST_CASE("thresholds from a file apply per agent; others keep `value`", "[threshold]") {
  // A star: agent 0 tied to 1..4 (ring lattice k=2 plus nothing else would not do).
  const fs::path dir = fs::temp_directory_path() / "gs_threshold_file";
  fs::create_directories(dir);
  std::ofstream(dir / "star.txt") << "10 11\n10 12\n10 13\n10 14\n";
  std::ofstream(dir / "theta.txt") << "10 0\n";  // the hub acts alone
  std::ofstream(dir / "seed_none.yaml")
      << "model: threshold\nnetwork: {generator: edge_list, file: star.txt}\n"
         "threshold: {distribution: file, file: theta.txt, value: 0.5, seeds: {rule: none}}\n";
  const auto r = run_file(dir / "seed_none.yaml", {"output.snapshots=true"});
  // Tick 1: the hub (threshold 0). Tick 2: every leaf (1 of 1 neighbour >= 0.5).
  CHECK(r.final_value("active_count") == 5);
  CHECK(column(r, 1, "active_count") == 1);
  CHECK(r.snapshots[1][0] == 1);  // file id 10 is agent 0 after remapping
}

TEST_CASE("a list of thresholds must match the number of agents", "[threshold]") {
  CHECK_THROWS_WITH(run_file(scenarios / "granovetter_riot_perturbed.yaml", {"network.n=50"}),
                    Catch::Contains("100 thresholds for 50 agents"));
}

TEST_CASE("the series records every N ticks and always the last", "[engine]") {
  const auto r = run_file(scenarios / "granovetter_riot.yaml", {"output.series_every=30"});
  CHECK(r.ticks == std::vector<std::uint32_t>{0, 30, 60, 90, 101});
  CHECK(r.ticks_run == 101);
  const auto capped = run_file(scenarios / "granovetter_riot.yaml", {"run.max_ticks=10"});
  CHECK(capped.stop_reason == "max_ticks");
  CHECK(capped.final_value("active_count") == 10);
}
