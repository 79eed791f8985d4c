// Exact reductions of the mobilisation model (MODEL.md: "with only the social
// term switched on it is exactly the linear threshold model") and thread-count
// invariance (ARCHITECTURE.md 6).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "helpers.hpp"
#include "sim/core/parallel.hpp"

using namespace gs;
using namespace gs::mobtest;

namespace {

std::string network_yaml(const std::string& generator) {
  return "network: {generator: " + generator +
         ", n: 1500, mean_degree: 8, k: 8, beta: 0.2, m: 4}\n";
}

std::string seed_file() {
  const auto path = std::filesystem::temp_directory_path() / "gs_mob_equiv_seeds.txt";
  std::ofstream out(path);
  out << "# initial adopters\n";
  for (int i = 0; i < 1500; i += 37) out << i << "\n";
  return path.string();
}

}  // namespace

TEST_CASE(
    "threshold reduction: participants per tick equal the threshold model's active_count "
    "exactly (fractional, fixed theta, seed file)",
    "[mobilisation][equivalence]") {
  const std::string seeds = seed_file();
  for (const std::string generator : {"watts_strogatz", "erdos_renyi", "barabasi_albert"}) {
    for (const double theta : {0.0, 0.1, 0.18, 0.25, 0.34, 0.5}) {
      const std::string th = std::to_string(theta);
      auto thr = resolve("model: threshold\nseed: 11\n" + network_yaml(generator) +
                         "threshold: {kind: fractional, distribution: fixed, value: " + th +
                         ", seeds: {rule: file, file: " + seeds + "}}\n");
      auto mobs = resolve(
          "model: mobilisation\nseed: 11\n" + network_yaml(generator) +
          "engagement:\n"
          "  weights: {salience: 0, social: 1, same_issue: 0, leader: 0, dialogue: 0, efficacy: 0,"
          " trust: 0, contact: 0, threat: 0, cost: 0, free_rider: 0, own_leadership: 0,"
          " cohesion: 0}\n"
          "  social_weighting: count\n  noise: 0\n  rate: 1\n  churn: [0, 0, 0, 0]\n"
          "  max_step: 4\n  rungs: [-0.1, 0, 0.2]\n"
          "groups: {enabled: false}\n"
          "residents:\n  threshold: {distribution: fixed, value: " +
          th +
          "}\n"
          "  initial_participants: {rule: file, file: " +
          seeds + ", level: 2, committed: true}\n");
      auto a = create(thr, 11);
      auto b = create(mobs, 11);
      INFO(generator << " theta " << theta);
      REQUIRE(observable(*a, "active_count") == observable(*b, "participants"));
      bool grew = false;
      for (std::uint32_t t = 1; t <= 40; ++t) {
        a->step(t);
        b->step(t);
        INFO("tick " << t);
        REQUIRE(observable(*a, "active_count") == observable(*b, "participants"));
        grew = grew || observable(*b, "participants") > 41;
      }
      // The comparison is not vacuous: low thresholds cascade.
      if (theta <= 0.1) CHECK(grew);
    }
  }
}

namespace {

const char* full_scenario = R"(
model: mobilisation
seed: 5
network: {n: 1200, mean_degree: 10}
social_network: {builder: patches}
scale: {patches: 4}
divisions: {segments: 3, marginalisation: [0, 0.3, 0.6]}
residents: {issue_concentration: 0.4, threshold: {mean: 0.35}, need: {level_one: 0.2, level_two: 0.05}}
fatalism: {mean: 0.3}
philanthropy: {annual_pool: 40000}
opposition:
  events: [{tick: 5, issue: 2, strength: 0.8, duration: 6}]
strategies:
  - {type: individuals, staff: 1, contacts_per_week: 6}
  - {type: groups, staff: 1, contacts_per_week: 8, listening_weeks: 6}
  - {type: places, staff: 2, contacts_per_week: 10, hubs: 2}
  - {type: services, staff: 1, contacts_per_week: 4}
  - {type: engagement, staff: 1, contacts_per_week: 20}
)";

std::vector<std::vector<double>> trajectory(int threads, std::string* groups_json) {
  ThreadLimit limit(static_cast<std::size_t>(threads));
  auto m = create(resolve(full_scenario), 5);
  std::vector<std::vector<double>> out;
  for (std::uint32_t t = 1; t <= 30; ++t) {
    m->step(t);
    std::vector<double> v(m->observable_names().size());
    m->observe(v);
    out.push_back(v);
  }
  nlohmann::json j = nlohmann::json::array();
  const auto tables = m->tables();
  for (const auto& table : tables) {
    for (const auto& row : table.rows) j.push_back(nlohmann::json(row));
  }
  *groups_json = j.dump();
  const auto snap = m->agent_snapshot();
  *groups_json += std::string(snap.begin(), snap.end());
  return out;
}

}  // namespace

TEST_CASE(
    "thread invariance: every observable, the groups table and the snapshot are "
    "bit-identical for 1, 2 and 4 threads (all mechanisms on)",
    "[mobilisation][threads]") {
  std::string g1, g2, g4;
  const auto t1 = trajectory(1, &g1);
  const auto t2 = trajectory(2, &g2);
  const auto t4 = trajectory(4, &g4);
  // Bitwise: undefined observables are NaN, which never compares equal to itself.
  const auto bits = [](const std::vector<std::vector<double>>& t) {
    std::string b;
    for (const auto& row : t) {
      b.append(reinterpret_cast<const char*>(row.data()), row.size() * sizeof(double));
    }
    return b;
  };
  REQUIRE(bits(t1) == bits(t2));
  REQUIRE(bits(t1) == bits(t4));
  REQUIRE(g1 == g2);
  REQUIRE(g1 == g4);
  // Something happened: groups formed and strategies spent.
  auto m = create(resolve(full_scenario), 5);
  CHECK(t1.back()[m->observable_names().size() - 1] >= 0.0);
  const auto& names = m->observable_names();
  const auto idx = [&](const char* n) {
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), n) - names.begin());
  };
  CHECK(t1.back()[idx("groups_formed")] > 0);
  CHECK(t1.back()[idx("spend")] > 0);
  CHECK(t1.back()[idx("new_ties")] > 0);
}
