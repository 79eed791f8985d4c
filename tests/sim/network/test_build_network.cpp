// build_network from resolved `network` sections written by hand (as the
// scenario layer would hand them over): every generator, tie weights,
// provenance, and inconsistent combinations reported with the key's name.
#include <string>

#include "network_test_support.hpp"
#include "sim/core/parallel.hpp"

using namespace gs;
using nlohmann::json;

namespace {
// A resolved section: every key present, typed, as the scenario layer gives it.
json resolved(const json& changes) {
  json section = {{"generator", "watts_strogatz"},
                  {"n", 1000},
                  {"mean_degree", 10.0},
                  {"p", 0.0},
                  {"ties", 0},
                  {"k", 10},
                  {"beta", 0.1},
                  {"m", 5},
                  {"segments", json::array()},
                  {"segment_count", 4},
                  {"homophily", 0.8},
                  {"patches", 16},
                  {"radius", 0.05},
                  {"patch_penalty", 0.9},
                  {"file", ""},
                  {"read_weights", true},
                  {"weights", "none"},
                  {"weight", 1.0},
                  {"weight_min", 0.0},
                  {"weight_max", 1.0}};
  section.update(changes);
  return section;
}
}  // namespace

TEST_CASE("build_network builds every generator from a resolved section") {
  struct Case {
    json changes;
    std::uint64_t agents;
    double mean_degree;  // expected, with a 10% margin
  };
  const std::vector<Case> cases = {
      {{{"generator", "erdos_renyi"}, {"n", 4000}, {"mean_degree", 8.0}}, 4000, 8.0},
      {{{"generator", "erdos_renyi"}, {"n", 4000}, {"p", 0.001}}, 4000, 3.999},
      {{{"generator", "gnm"}, {"n", 4000}, {"ties", 10000}}, 4000, 5.0},
      {{{"generator", "gnm"}, {"n", 4000}, {"mean_degree", 6.0}}, 4000, 6.0},
      {{{"generator", "watts_strogatz"}, {"n", 4000}, {"k", 6}}, 4000, 6.0},
      {{{"generator", "ring"}, {"n", 4000}, {"k", 4}}, 4000, 4.0},
      {{{"generator", "barabasi_albert"}, {"n", 4000}, {"m", 2}}, 4000, 4.0},
      {{{"generator", "complete"}, {"n", 40}}, 40, 39.0},
      {{{"generator", "stochastic_block"}, {"n", 4000}, {"segments", {1000, 3000}}}, 4000, 10.0},
      {{{"generator", "stochastic_block"}, {"n", 4000}, {"segment_count", 5}}, 4000, 10.0},
      {{{"generator", "spatial"}, {"n", 4000}, {"patches", 4}, {"radius", 0.05}}, 4000, 10.0},
      {{{"generator", "edge_list"}, {"file", GS_SHARED_DIR "/data/facebook_combined.txt"}},
       4039,
       2.0 * 88234 / 4039},
  };
  for (const Case& c : cases) {
    CAPTURE(c.changes.dump());
    const Network net = build_network(resolved(c.changes), 99);
    CHECK(net.graph.num_agents() == c.agents);
    CHECK(net.graph.mean_degree() == Approx(c.mean_degree).epsilon(0.1));
    const json& provenance = net.provenance;
    CHECK(provenance.at("generator") == c.changes.at("generator"));
    CHECK(provenance.at("agents") == c.agents);
    CHECK(provenance.at("ties") == net.graph.num_ties());
    CHECK(provenance.contains("parameters"));
    CHECK(provenance.contains("self_loops_dropped"));
    CHECK(provenance.contains("duplicates_dropped"));
    CHECK(provenance.at("seconds").get<double>() >= 0.0);
  }
}

TEST_CASE("build_network fills the generator's node attributes") {
  const Network blocks = build_network(resolved({{"generator", "stochastic_block"},
                                                 {"n", 10},
                                                 {"segment_count", 3},
                                                 {"mean_degree", 2.0}}),
                                       1);
  CHECK(blocks.segment == std::vector<std::uint16_t>{0, 0, 0, 1, 1, 1, 2, 2, 2, 2});
  const Network places = build_network(resolved({{"generator", "spatial"}, {"n", 1000}}), 1);
  CHECK(places.patch.size() == 1000);
  CHECK(places.x.size() == 1000);
  CHECK(places.segment.empty());
}

TEST_CASE("A section missing keys takes the schema defaults") {
  const Network net = build_network(json::object(), 5);
  CHECK(net.provenance.at("generator") == "watts_strogatz");
  CHECK(net.graph.num_agents() == 1000);
  CHECK(net.graph.num_ties() == 5000);
}

TEST_CASE("Tie weights: constant, uniform in range, or from the file") {
  const Network constant = build_network(
      resolved({{"generator", "ring"}, {"k", 4}, {"weights", "constant"}, {"weight", 0.25}}), 1);
  REQUIRE(constant.graph.weighted());
  for (const float w : constant.graph.weight_array()) REQUIRE(w == 0.25f);

  const json uniform_section = resolved({{"generator", "gnm"},
                                         {"n", 3000},
                                         {"ties", 20000},
                                         {"weights", "uniform"},
                                         {"weight_min", 0.2},
                                         {"weight_max", 0.6}});
  const Network uniform = build_network(uniform_section, 1);
  double sum = 0.0;
  for (const float w : uniform.graph.weight_array()) {
    REQUIRE(w >= 0.2f);
    REQUIRE(w < 0.6f);
    sum += w;
  }
  CHECK(sum / double(uniform.graph.num_directed_ties()) == Approx(0.4).margin(0.01));
  // Both directions of a tie carry the same weight.
  const AgentId v = uniform.graph.neighbours(0)[0];
  const auto back = uniform.graph.neighbours(v);
  const auto at = std::lower_bound(back.begin(), back.end(), AgentId{0}) - back.begin();
  CHECK(uniform.graph.weights(0)[0] == uniform.graph.weights(v)[static_cast<std::size_t>(at)]);
  {
    ThreadLimit one(1);
    CHECK(gs::test::same_graph(build_network(uniform_section, 1).graph, uniform.graph));
  }

  const gs::test::TempFile file("0 1 0.3\n1 2 0.9\n");
  const Network from_file =
      build_network(resolved({{"generator", "edge_list"}, {"file", file.name()}}), 1);
  CHECK(from_file.graph.weights(1)[1] == 0.9f);
  const Network replaced = build_network(
      resolved({{"generator", "edge_list"}, {"file", file.name()}, {"weights", "constant"}}), 1);
  CHECK(replaced.graph.weights(1)[1] == 1.0f);
  const Network ignored = build_network(
      resolved({{"generator", "edge_list"}, {"file", file.name()}, {"read_weights", false}}), 1);
  CHECK_FALSE(ignored.graph.weighted());
}

TEST_CASE("Inconsistent sections are errors naming the key") {
  const auto error_of = [](const json& changes) -> std::string {
    try {
      build_network(resolved(changes), 1);
    } catch (const scenario::ParameterError& error) {
      return error.what();
    } catch (const NetworkError& error) {
      return error.what();
    }
    return "no error";
  };
  using Catch::Contains;
  using Catch::StartsWith;
  CHECK_THAT(error_of({{"generator", "watts_strogatz"}, {"k", 7}}),
             StartsWith("network.k: 7 is odd"));
  CHECK_THAT(error_of({{"generator", "watts_strogatz"}, {"n", 10}, {"k", 10}}),
             StartsWith("network.k: 10 must be less than"));
  CHECK_THAT(error_of({{"generator", "gnm"}, {"n", 10}, {"ties", 46}}),
             StartsWith("network.ties: 46 ties do not fit"));
  CHECK_THAT(error_of({{"generator", "gnm"}, {"n", 10}, {"mean_degree", 10.0}}),
             StartsWith("network.mean_degree"));
  CHECK_THAT(error_of({{"generator", "erdos_renyi"}, {"n", 10}, {"mean_degree", 12.0}}),
             StartsWith("network.mean_degree"));
  CHECK_THAT(error_of({{"generator", "barabasi_albert"}, {"n", 5}, {"m", 5}}),
             StartsWith("network.m"));
  CHECK_THAT(error_of({{"generator", "stochastic_block"}, {"n", 100}, {"segments", {30, 60}}}),
             StartsWith("network.segments: sizes add up to 90 but network.n is 100"));
  CHECK_THAT(error_of({{"generator", "stochastic_block"}, {"n", 3}, {"segment_count", 4}}),
             StartsWith("network.segment_count"));
  CHECK_THAT(error_of({{"generator", "spatial"}, {"n", 100}, {"radius", 0.001}}),
             StartsWith("network.radius"));
  CHECK_THAT(error_of({{"generator", "edge_list"}}), StartsWith("network.file"));
  CHECK_THAT(error_of({{"generator", "smallworld"}}), StartsWith("network.generator"));
  CHECK_THAT(error_of({{"weights", "uniform"}, {"weight_min", 0.8}, {"weight_max", 0.2}}),
             StartsWith("network.weight_min"));
  CHECK_THAT(error_of({{"n", -5}}), StartsWith("network.n"));
  CHECK_THAT(error_of({{"n", "many"}}), StartsWith("network.n: expected an integer"));
  CHECK_THAT(error_of({{"generator", "edge_list"}, {"file", "/nonexistent/edges.txt"}}),
             StartsWith("/nonexistent/edges.txt: cannot open"));
  CHECK(error_of({{"generator", "ring"}, {"k", 4}}) == "no error");
}
