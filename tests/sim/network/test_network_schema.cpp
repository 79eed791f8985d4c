// declare_network_schema: the declared `network` section offers every
// generator, documents every key, and its defaults build a network with
// build_network exactly as a scenario with an empty `network:` section would.
#include "network_test_support.hpp"
#include "sim/scenario/schema.hpp"

using namespace gs;

TEST_CASE("The network schema declares every generator and key, with working defaults") {
  scenario::Schema schema;
  declare_network_schema(schema.root());
  const scenario::Param* generator = schema.find("network.generator");
  REQUIRE(generator != nullptr);
  CHECK(generator->choices == std::vector<std::string>{"erdos_renyi", "gnm", "watts_strogatz",
                                                       "barabasi_albert", "complete", "ring",
                                                       "stochastic_block", "spatial", "edge_list"});
  for (const char* key :
       {"n", "mean_degree", "p", "ties", "k", "beta", "m", "segments", "segment_count", "homophily",
        "patches", "radius", "patch_penalty", "file", "read_weights", "weights", "weight",
        "weight_min", "weight_max"}) {
    CAPTURE(key);
    const scenario::Param* param = schema.find(std::string("network.") + key);
    REQUIRE(param != nullptr);
    CHECK_FALSE(param->doc.empty());
  }
  CHECK(schema.find("network.file")->kind == scenario::Kind::path);
  CHECK(schema.find("network.segments")->kind == scenario::Kind::integer_list);

  // The section a scenario gets when it says nothing about the network.
  nlohmann::json defaults = nlohmann::json::object();
  for (const scenario::Param& field : schema.find("network")->fields) {
    defaults[field.name] = field.default_value;
  }
  const Network net = build_network(defaults, 1);
  CHECK(net.provenance.at("generator") == "watts_strogatz");
  CHECK(net.graph.num_agents() == defaults.at("n").get<AgentId>());
  CHECK(net.graph.mean_degree() == Approx(defaults.at("k").get<double>()));
  // Every generator's defaults are consistent (edge_list needs a file, so is skipped).
  for (const std::string& name : generator->choices) {
    if (name == "edge_list") continue;
    CAPTURE(name);
    defaults["generator"] = name;
    CHECK_NOTHROW(build_network(defaults, 1));
  }
}
