// Test fixtures for the scenario layer: a two-model schema catalogue shaped
// like the real one (engine keys plus model sections, a list of strategies),
// a scratch folder for scenario files, and a helper that returns the
// diagnostics a call throws.
#pragma once

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace gs::scenario::testing {

inline void declare_test_schema(Section root, const std::string& model) {
  root.text("name", "", "A short name for the run.");
  root.choice("model", "threshold", {"threshold", "contagion"}, "Which model runs.");
  root.integer("seed", 1, "Master seed of every random stream.", {0, {}});
  root.integers("seeds", {1}, "Replicate seeds.", {0, {}});
  auto network = root.section("network", "The social network.");
  network.choice("generator", "watts_strogatz",
                 {"erdos_renyi", "watts_strogatz", "barabasi_albert"}, "How ties are generated.");
  network.integer("n", 1000, "Number of agents.", {2, 1e9});
  network.real("beta", 0.1, "Rewiring probability.", {0.0, 1.0});
  network.path("edge_list", "SNAP edge list to read instead of generating.");
  if (model == "threshold") {
    auto threshold = root.section("threshold", "Linear threshold model.");
    threshold.real("value", 0.18, "Fixed threshold.", {0.0, 1.0});
    threshold.boolean("heterogeneous", false, "Draw thresholds per agent.");
    threshold.reals("weights", {0.5, 0.5}, "Weights of the two channels.", {0.0, 1.0});
  }
  auto strategies = root.list("strategies", "Community development strategies.");
  strategies.choice("mode", "catalyse", {"catalyse", "lead"}, "Listen or impose an agenda.");
  strategies.real("staff", 1.0, "Full-time equivalents.", {0.0, 1000.0});
  strategies.integer("contacts", 10, "Contacts per week.", {0, {}});
}

class TestCatalogue : public SchemaCatalogue {
 public:
  TestCatalogue() {
    for (const auto* model : {"threshold", "contagion"})
      declare_test_schema(schemas_[model].root(), model);
  }
  const Schema* schema_for(const std::string& model) const override {
    const auto it = schemas_.find(model);
    return it == schemas_.end() ? nullptr : &it->second;
  }
  std::vector<std::string> model_names() const override { return {"threshold", "contagion"}; }

 private:
  std::map<std::string, Schema> schemas_;
};

// A fresh folder under the system temp folder, removed with its contents at scope exit.
class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("gs_scenario_test_" + std::to_string(std::random_device{}()) + "_" +
             std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// The diagnostics `action` throws; fails the test if it throws none.
inline std::vector<Diagnostic> diagnostics_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ScenarioError& error) {
    return error.diagnostics();
  }
  FAIL("expected a ScenarioError");
  return {};
}

}  // namespace gs::scenario::testing
