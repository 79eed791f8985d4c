// Tests for scenario files: every error kind names file:line:column and the
// key, all problems are reported together, defaults are filled and typed,
// overrides apply before validation, paths resolve against the scenario's
// folder, and one Document resolves identically from many threads.
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "tests/sim/scenario/fixtures.hpp"

namespace gs::scenario {
namespace {

using testing::diagnostics_of;
using testing::ScratchDir;
using testing::TestCatalogue;

const TestCatalogue& catalogue() {
  static const TestCatalogue instance;
  return instance;
}

std::shared_ptr<const Scenario> resolve_text(const std::string& yaml,
                                             const std::vector<Override>& overrides = {}) {
  return Document::parse(yaml, "run.yaml").resolve(overrides, catalogue());
}

std::vector<Diagnostic> problems_in(const std::string& yaml,
                                    const std::vector<Override>& overrides = {}) {
  return diagnostics_of([&] { resolve_text(yaml, overrides); });
}

std::vector<Override> sets(const std::vector<std::string>& assignments) {
  std::vector<Override> out;
  for (const auto& assignment : assignments) out.push_back(Override::parse(assignment));
  return out;
}

// One diagnostic, compared as the user sees it.
std::string only(const std::vector<Diagnostic>& diagnostics) {
  REQUIRE(diagnostics.size() == 1);
  return diagnostics.front().str();
}

TEST_CASE("Diagnostic::str leaves out the parts it does not know", "[scenario]") {
  CHECK(Diagnostic{"a.yaml", 3, 7, "network.n", "bad"}.str() == "a.yaml:3:7: network.n: bad");
  CHECK(Diagnostic{"a.yaml", 3, 0, "network.n", "bad"}.str() == "a.yaml:3: network.n: bad");
  CHECK(Diagnostic{"a.yaml", 0, 0, "", "bad"}.str() == "a.yaml: bad");
  CHECK(Diagnostic{"--set", 0, 0, "seed", "bad"}.str() == "--set: seed: bad");
  CHECK(Diagnostic{"", 0, 0, "", "bad"}.str() == "bad");
}

TEST_CASE("defaults fill every schema key, typed", "[scenario]") {
  const auto scenario = resolve_text("model: threshold\n");
  const auto& v = scenario->values();
  CHECK(scenario->model() == "threshold");
  CHECK(scenario->seed() == 1);
  CHECK(v["name"] == "");
  CHECK(v["seeds"] == nlohmann::json::array({1}));
  CHECK(v["network"]["n"].is_number_integer());
  CHECK(v["network"]["n"] == 1000);
  CHECK(v["network"]["beta"].is_number_float());
  CHECK(v["network"]["beta"].get<double>() == Approx(0.1));
  CHECK(v["network"]["generator"] == "watts_strogatz");
  CHECK(v["network"]["edge_list"] == "");
  CHECK(v["threshold"]["heterogeneous"] == false);
  CHECK(v["threshold"]["weights"] == nlohmann::json::array({0.5, 0.5}));
  CHECK(v["strategies"] == nlohmann::json::array());
  CHECK(v.size() == 7);  // name, model, seed, seeds, network, threshold, strategies
  // A different model gets a different schema: no threshold section.
  CHECK_FALSE(resolve_text("model: contagion\n")->values().contains("threshold"));
}

TEST_CASE("written values are typed by the schema, not by how they look", "[scenario]") {
  const auto scenario = resolve_text(
      "model: threshold\n"
      "name: 2024\n"
      "seeds: 7\n"
      "network:\n"
      "  n: 1e6\n"
      "  beta: 1\n"
      "threshold:\n"
      "  heterogeneous: Yes\n"
      "  weights: [0, 1]\n"
      "strategies:\n"
      "  - staff: 2\n"
      "  - mode: lead\n"
      "    contacts: +20\n");
  const auto& v = scenario->values();
  CHECK(v["name"] == "2024");
  CHECK(v["seeds"] == nlohmann::json::array({7}));
  CHECK(v["network"]["n"].is_number_integer());
  CHECK(v["network"]["n"] == 1000000);
  CHECK(v["network"]["beta"].is_number_float());
  CHECK(v["threshold"]["heterogeneous"] == true);
  CHECK(v["threshold"]["weights"][1].is_number_float());
  REQUIRE(v["strategies"].size() == 2);
  CHECK(v["strategies"][0] ==
        nlohmann::json{{"mode", "catalyse"}, {"staff", 2.0}, {"contacts", 10}});
  CHECK(v["strategies"][1] == nlohmann::json{{"mode", "lead"}, {"staff", 1.0}, {"contacts", 20}});
}

TEST_CASE("booleans accept the YAML spellings in any case", "[scenario]") {
  for (const auto* yes : {"true", "TRUE", "yes", "On"})
    CHECK(resolve_text(std::string("model: threshold\nthreshold: {heterogeneous: ") + yes + "}")
              ->values()["threshold"]["heterogeneous"] == true);
  for (const auto* no : {"false", "No", "off"})
    CHECK(resolve_text(std::string("model: threshold\nthreshold: {heterogeneous: ") + no + "}")
              ->values()["threshold"]["heterogeneous"] == false);
}

TEST_CASE("type errors name the key, the expectation and what was written", "[scenario]") {
  CHECK(only(problems_in("model: threshold\nnetwork:\n  n: abc\n")) ==
        "run.yaml:3:6: network.n: expected an integer, got 'abc'");
  CHECK(only(problems_in("model: threshold\nnetwork:\n  n: 2.5\n")) ==
        "run.yaml:3:6: network.n: expected an integer, got '2.5' (not a whole number)");
  CHECK(only(problems_in("model: threshold\nnetwork:\n  n: 1e30\n")) ==
        "run.yaml:3:6: network.n: expected an integer, got '1e30' (too large for a 64-bit "
        "integer)");
  CHECK(only(problems_in("model: threshold\nnetwork: {beta: lots}\n")) ==
        "run.yaml:2:17: network.beta: expected a real number, got 'lots'");
  CHECK(only(problems_in("model: threshold\nthreshold:\n  heterogeneous: maybe\n")) ==
        "run.yaml:3:18: threshold.heterogeneous: expected true or false (or yes/no, on/off), "
        "got 'maybe'");
  CHECK(only(problems_in("model: threshold\nthreshold:\n  value: 0,5\n")) ==
        "run.yaml:3:10: threshold.value: expected a real number, got '0,5' (write the decimal "
        "point as '.', as in 0.5)");
  CHECK(only(problems_in("model: threshold\nseeds: [1, x]\n")) ==
        "run.yaml:2:12: seeds[1]: expected an integer, got 'x'");
}

TEST_CASE("range errors give the value and the allowed range", "[scenario]") {
  CHECK(only(problems_in("model: threshold\nthreshold:\n  value: 1.5\n")) ==
        "run.yaml:3:10: threshold.value: 1.5 is out of range [0, 1]");
  CHECK(only(problems_in("model: threshold\nseed: -1\n")) ==
        "run.yaml:2:7: seed: -1 is out of range: must be at least 0");
  CHECK(only(problems_in("model: threshold\nthreshold: {weights: [0.5, 2]}\n")) ==
        "run.yaml:2:28: threshold.weights[1]: 2 is out of range [0, 1]");
  CHECK(only(problems_in("model: threshold\nstrategies:\n  - staff: -3\n")) ==
        "run.yaml:3:12: strategies[0].staff: -3 is out of range [0, 1000]");
}

TEST_CASE("choices must be one of the list, with a suggestion", "[scenario]") {
  CHECK(only(problems_in("model: threshold\nnetwork:\n  generator: watts_strogats\n")) ==
        "run.yaml:3:14: network.generator: unknown choice 'watts_strogats'; did you mean "
        "'watts_strogatz'? (one of: erdos_renyi, watts_strogatz, barabasi_albert)");
  CHECK(only(problems_in("model: threshold\nnetwork:\n  generator: lattice\n")) ==
        "run.yaml:3:14: network.generator: unknown choice 'lattice'; expected one of: "
        "erdos_renyi, watts_strogatz, barabasi_albert");
}

TEST_CASE("unknown keys get a did-you-mean, or the list of valid keys", "[scenario]") {
  CHECK(only(problems_in("model: threshold\nnetwork:\n  genrator: erdos_renyi\n")) ==
        "run.yaml:3:3: network.genrator: unknown key 'genrator'; did you mean 'generator'?");
  CHECK(only(problems_in("model: threshold\nnetwork:\n  population: 10\n")) ==
        "run.yaml:3:3: network.population: unknown key 'population'; valid keys here: "
        "generator, n, beta, edge_list");
  CHECK(only(problems_in("model: threshold\nstrategies:\n  - mode: lead\n  - staf: 2\n")) ==
        "run.yaml:4:5: strategies[1].staf: unknown key 'staf'; did you mean 'staff'?");
  CHECK(only(problems_in("model: threshold\nnetwrk: {}\n")) ==
        "run.yaml:2:1: netwrk: unknown key 'netwrk'; did you mean 'network'?");
}

TEST_CASE("values of the wrong shape are reported", "[scenario]") {
  CHECK(only(problems_in("model: threshold\nnetwork: 5\n")) ==
        "run.yaml:2:10: network: expected a section of `key: value` lines, got '5'");
  CHECK(only(problems_in("model: threshold\nnetwork:\n  n: [1, 2]\n")) ==
        "run.yaml:3:6: network.n: expected an integer, got a list");
  CHECK(only(problems_in("model: threshold\nstrategies:\n  staff: 2\n")) ==
        "run.yaml:3:3: strategies: expected a list of maps, one per element starting with "
        "'- ', got a map");
  CHECK(only(problems_in("model: threshold\nstrategies: [3]\n")) ==
        "run.yaml:2:14: strategies[0]: expected a map of `key: value` lines, got '3'");
  CHECK(only(problems_in("model: threshold\nseeds: {a: 1}\n")) ==
        "run.yaml:2:8: seeds: expected a list of integers, such as [1, 2, 3], got a map");
  CHECK(only(problems_in("model: threshold\nnetwork:\n  generator:\n")) ==
        "run.yaml:3:3: network.generator: expected one of: erdos_renyi, watts_strogatz, "
        "barabasi_albert, got nothing");
  CHECK(only(problems_in("- model: threshold\n")) ==
        "run.yaml:1:1: a scenario is a map of `key: value` lines, got a list");
}

TEST_CASE("empty sections and lists mean all defaults", "[scenario]") {
  const auto v = resolve_text("model: threshold\nnetwork:\nstrategies:\n  -\n")->values();
  CHECK(v["network"]["n"] == 1000);
  REQUIRE(v["strategies"].size() == 1);
  CHECK(v["strategies"][0]["contacts"] == 10);
}

TEST_CASE("the model key selects the schema", "[scenario]") {
  CHECK(only(problems_in("seed: 3\n")) ==
        "run.yaml: model: missing; add `model: <name>` naming one of: threshold, contagion");
  CHECK(only(problems_in("model: treshold\n")) ==
        "run.yaml:1:8: model: unknown model 'treshold'; did you mean 'threshold'? (models: "
        "threshold, contagion)");
  CHECK(only(problems_in("model: sir\n")) ==
        "run.yaml:1:8: model: unknown model 'sir'; the models are: threshold, contagion");
  CHECK(only(problems_in("")) ==
        "run.yaml: the scenario is empty; it needs at least `model: <name>` naming one of: "
        "threshold, contagion");
  // The threshold section exists only in the threshold model's schema.
  CHECK(only(problems_in("model: contagion\nthreshold: {value: 0.2}\n")) ==
        "run.yaml:2:1: threshold: unknown key 'threshold'; valid keys here: name, model, seed, "
        "seeds, network, strategies");
}

TEST_CASE("every problem is reported at once, sorted by line", "[scenario]") {
  const std::string yaml =
      "model: threshold\n"
      "threshold:\n"
      "  value: 1.5\n"
      "network:\n"
      "  n: abc\n"
      "  genrator: erdos_renyi\n"
      "seed: 2\n"
      "seed: 3\n";
  const auto diagnostics = problems_in(yaml);
  REQUIRE(diagnostics.size() == 4);
  CHECK(diagnostics[0].line == 3);
  CHECK(diagnostics[0].key == "threshold.value");
  CHECK(diagnostics[1].line == 5);
  CHECK(diagnostics[1].key == "network.n");
  CHECK(diagnostics[2].line == 6);
  CHECK(diagnostics[2].key == "network.genrator");
  CHECK(diagnostics[3].str() ==
        "run.yaml:8:1: seed: duplicate key 'seed' (first given at line 7); remove one of them");
  try {
    resolve_text(yaml);
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& error) {
    CHECK(std::string(error.what()) == diagnostics[0].str() + "\n" + diagnostics[1].str() + "\n" +
                                           diagnostics[2].str() + "\n" + diagnostics[3].str());
  }
}

TEST_CASE("duplicate keys are errors, also inside sections", "[scenario]") {
  CHECK(only(problems_in("model: threshold\nnetwork:\n  n: 5\n  beta: 0.2\n  n: 6\n")) ==
        "run.yaml:5:3: network.n: duplicate key 'n' (first given at line 3); remove one of them");
}

TEST_CASE("malformed YAML is reported where the parser stopped", "[scenario]") {
  const auto unclosed =
      diagnostics_of([] { Document::parse("model: [a, b\nseed: 1\n", "s.yaml"); });
  REQUIRE(unclosed.size() == 1);
  CHECK(unclosed[0].file == "s.yaml");
  CHECK(unclosed[0].line == 2);
  CHECK(unclosed[0].str().rfind("s.yaml:2:", 0) == 0);
  CHECK(unclosed[0].message.rfind("malformed YAML: ", 0) == 0);

  const auto tabs = diagnostics_of([] { Document::parse("network:\n\tn: 5\n", "s.yaml"); });
  REQUIRE(tabs.size() == 1);
  CHECK(tabs[0].line == 2);
  CHECK(tabs[0].message.find("spaces, not tabs") != std::string::npos);

  const auto two = diagnostics_of([] { Document::parse("model: a\n---\nmodel: b\n", "s.yaml"); });
  CHECK(only(two) ==
        "s.yaml:3:1: malformed YAML: found 2 YAML documents separated by '---'; a scenario is "
        "a single document");
}

TEST_CASE("reading names the missing or unreadable file", "[scenario]") {
  ScratchDir dir;
  const auto missing = dir.path() / "nope.yaml";
  const auto diagnostics = diagnostics_of([&] { Document::read(missing); });
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].file == missing.string());
  CHECK(diagnostics[0].message.rfind("cannot open scenario file: no such file", 0) == 0);
  CHECK(only(diagnostics_of([&] { Document::read(dir.path()); })) ==
        dir.path().string() + ": cannot open scenario file: it is a folder");
}

TEST_CASE("a file read from disk reports its own name and positions", "[scenario]") {
  ScratchDir dir;
  const auto file = dir.write("case/a.yaml", "model: threshold\nnetwork:\n  n: 1\n");
  CHECK(only(diagnostics_of([&] { load(file, {}, catalogue()); })) ==
        file.string() + ":3:6: network.n: 1 is out of range [2, 1000000000]");
  const auto good = dir.write("case/b.yaml", "model: threshold\nnetwork:\n  n: 5\n");
  const auto scenario = load(good, {}, catalogue());
  CHECK(scenario->file() == good);
  CHECK(scenario->values()["network"]["n"] == 5);
}

TEST_CASE("paths resolve against the scenario file's folder and must exist", "[scenario]") {
  ScratchDir dir;
  const auto edges = dir.write("data/edges.txt", "0 1\n");
  const auto file =
      dir.write("scenarios/s.yaml", "model: threshold\nnetwork:\n  edge_list: ../data/edges.txt\n");
  const auto scenario = load(file, {}, catalogue());
  const std::filesystem::path stored =
      scenario->values()["network"]["edge_list"].get<std::string>();
  CHECK(stored.is_absolute());
  CHECK(std::filesystem::equivalent(stored, edges));
  CHECK(stored == edges.lexically_normal());

  const auto absolute = dir.write(
      "scenarios/abs.yaml", "model: threshold\nnetwork:\n  edge_list: " + edges.string() + "\n");
  CHECK(load(absolute, {}, catalogue())->values()["network"]["edge_list"] == edges.string());

  const auto empty =
      dir.write("scenarios/empty.yaml", "model: threshold\nnetwork:\n  edge_list: \"\"\n");
  CHECK(load(empty, {}, catalogue())->values()["network"]["edge_list"] == "");

  const auto broken =
      dir.write("scenarios/broken.yaml", "model: threshold\nnetwork:\n  edge_list: edges.txt\n");
  const auto folder = (dir.path() / "scenarios").lexically_normal();
  CHECK(only(diagnostics_of([&] { load(broken, {}, catalogue()); })) ==
        broken.string() +
            ":3:14: network.edge_list: file not found: " + (folder / "edges.txt").string() +
            " ('edges.txt' is taken relative to the scenario's folder, " + folder.string() + ")");
}

TEST_CASE("Override::parse splits at the first '=' and checks the key", "[overrides]") {
  const auto parsed = Override::parse("run.label=a=b");
  CHECK(parsed.key == "run.label");
  CHECK(parsed.value == "a=b");
  CHECK(Override::parse(" network.n = 5").key == "network.n");
  CHECK(only(diagnostics_of([] { Override::parse("network.n"); })) ==
        "--set: expected key=value, such as network.n=500, got 'network.n'");
  CHECK(only(diagnostics_of([] { Override::parse("=5"); })) ==
        "--set: missing the key before '=' in '=5'");
  CHECK(only(diagnostics_of([] { Override::parse("network..n=5"); })) ==
        "--set: network..n: a key is a dotted path of names, such as network.n or "
        "strategies.0.staff");
}

TEST_CASE("overrides apply before validation", "[overrides]") {
  const std::string yaml =
      "model: threshold\n"
      "network:\n"
      "  n: 50\n"
      "strategies:\n"
      "  - staff: 1\n"
      "  - staff: 2\n";
  const auto v = resolve_text(yaml, sets({"network.n=500", "seeds=[1, 2]", "strategies.1.staff=3",
                                          "threshold.value=0.5", "name=night run"}))
                     ->values();
  CHECK(v["network"]["n"] == 500);
  CHECK(v["seeds"] == nlohmann::json::array({1, 2}));
  CHECK(v["strategies"][0]["staff"] == 1.0);
  CHECK(v["strategies"][1]["staff"] == 3.0);
  CHECK(v["threshold"]["value"] == 0.5);  // the section was created by the override
  CHECK(v["name"] == "night run");
  // A later override of the same key wins; the model itself can be overridden.
  CHECK(resolve_text(yaml, sets({"network.n=7", "network.n=8"}))->values()["network"]["n"] == 8);
  CHECK(resolve_text(yaml, sets({"model=contagion"}))->model() == "contagion");
  // The document itself is untouched by resolving with overrides.
  CHECK(resolve_text(yaml)->values()["network"]["n"] == 50);
}

TEST_CASE("problems in overrides name --set and the key", "[overrides]") {
  const std::string yaml = "model: threshold\nstrategies:\n  - staff: 1\n";
  CHECK(only(problems_in(yaml, sets({"network.n=abc"}))) ==
        "--set: network.n: expected an integer, got 'abc'");
  CHECK(only(problems_in(yaml, sets({"netwrk.n=5"}))) ==
        "--set: netwrk: unknown key 'netwrk'; did you mean 'network'?");
  CHECK(only(problems_in(yaml, sets({"strategies.3.staff=1"}))) ==
        "--set: strategies.3.staff: there is no element 3 in 'strategies': it has 1 (numbered "
        "from 0)");
  CHECK(only(problems_in(yaml, sets({"strategies.staff=1"}))) ==
        "--set: strategies.staff: 'strategies' is a list; pick an element by its number, as in "
        "'strategies.0.staff'");
  CHECK(only(problems_in("model: threshold\n", sets({"strategies.0.staff=1"}))) ==
        "--set: strategies.0.staff: there is no element 0 in 'strategies': it is empty");
  CHECK(only(problems_in(yaml, sets({"model.x=1"}))) ==
        "--set: model.x: cannot set 'model.x': 'model' holds the value 'threshold', not a "
        "section");
  CHECK(only(problems_in(yaml, sets({"seeds=[1, 2"})))
            .rfind("--set: seeds: malformed value '[1, 2': ", 0) == 0);
  CHECK(only(problems_in(yaml, sets({"strategies.0.staff=-1"}))) ==
        "--set: strategies[0].staff: -1 is out of range [0, 1000]");
}

TEST_CASE("file and override problems are reported together", "[overrides]") {
  const auto diagnostics =
      problems_in("model: threshold\nnetwork:\n  beta: 2\n", sets({"seed=x", "network.n=1"}));
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics[0].file == "--set");
  CHECK(diagnostics[1].file == "--set");
  CHECK(diagnostics[2].str() == "run.yaml:3:9: network.beta: 2 is out of range [0, 1]");
}

TEST_CASE("one document resolves identically from many threads", "[scenario][threads]") {
  ScratchDir dir;
  dir.write("edges.txt", "0 1\n");
  const auto file = dir.write(
      "s.yaml",
      "model: threshold\nnetwork:\n  edge_list: edges.txt\n  n: 40\nstrategies:\n  - staff: 1\n");
  const Document document = Document::read(file);

  auto overrides_for = [](int run) {
    return sets({"seed=" + std::to_string(run), "strategies.0.staff=" + std::to_string(run % 7),
                 "network.beta=0." + std::to_string(run % 10)});
  };
  constexpr int kRuns = 64;
  std::vector<nlohmann::json> serial;
  for (int run = 0; run < kRuns; ++run)
    serial.push_back(document.resolve(overrides_for(run), catalogue())->values());

  constexpr int kThreads = 8;
  std::vector<std::vector<nlohmann::json>> parallel(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int run = 0; run < kRuns; ++run)
        parallel[static_cast<std::size_t>(t)].push_back(
            document.resolve(overrides_for(run), catalogue())->values());
    });
  for (auto& thread : threads) thread.join();

  for (const auto& results : parallel) CHECK(results == serial);
  CHECK(serial[5]["seed"] == 5);
  CHECK(serial[5]["strategies"][0]["staff"] == 5.0);
  CHECK(serial[5]["network"]["beta"] == 0.5);
}

}  // namespace
}  // namespace gs::scenario
