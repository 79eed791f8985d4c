// Edge-list loading: the real SNAP Facebook network (McAuley & Leskovec 2012;
// 4039 agents, 88234 ties per https://snap.stanford.edu/data/ego-Facebook.html),
// renumbering, weights, tolerated layout, and every malformed input reported
// with its exact file:line.
#include <string>

#include "network_test_support.hpp"

using namespace gs;
using gs::test::TempFile;

namespace {
// The message read_edge_list throws for the given file contents.
std::string load_error(const TempFile& file, const EdgeListOptions& options = {}) {
  try {
    read_edge_list(file.path(), options);
  } catch (const NetworkError& error) {
    return error.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("The Facebook network loads with 4039 agents and 88234 ties") {
  const Network net = read_edge_list(GS_SHARED_DIR "/data/facebook_combined.txt");
  CHECK(net.graph.num_agents() == 4039);
  CHECK(net.graph.num_ties() == 88234);
  CHECK(net.external_ids.empty());  // ids are already 0..4038
  CHECK_FALSE(net.graph.weighted());
  CHECK(net.provenance.at("self_loops_dropped") == 0);
  CHECK(net.provenance.at("duplicates_dropped") == 0);
  CHECK(net.graph.has_tie(0, 1));
  CHECK(net.graph.has_tie(1, 0));
}

TEST_CASE("Comments, blank lines, tabs and CRLF are accepted") {
  const TempFile file("# a SNAP header\r\n# Nodes: 3\r\n\r\n0\t1\r\n   1  2   \r\n\t\n2 0");
  const Network net = read_edge_list(file.path());
  CHECK(net.graph.num_agents() == 3);
  CHECK(net.graph.num_ties() == 3);
  CHECK(net.provenance.at("lines") == 7);
}

TEST_CASE("Self-loops and repeats in either orientation are dropped and counted") {
  const TempFile file("0 1\n1 0\n2 2\n0 1\n1 2\n");
  const Network net = read_edge_list(file.path());
  CHECK(net.graph.num_agents() == 3);
  CHECK(net.graph.num_ties() == 2);
  CHECK(net.provenance.at("self_loops_dropped") == 1);
  CHECK(net.provenance.at("duplicates_dropped") == 2);
}

TEST_CASE("Ids are renumbered in increasing order, beyond 32 bits too") {
  const TempFile file("5000000000 7\n7 3\n");
  const Network net = read_edge_list(file.path());
  REQUIRE(net.graph.num_agents() == 3);
  CHECK(net.external_ids == std::vector<std::uint64_t>{3, 7, 5000000000});
  CHECK(net.external_id(2) == 5000000000);
  CHECK(net.graph.has_tie(1, 2));  // 7 - 5000000000
  CHECK(net.graph.has_tie(0, 1));  // 3 - 7
  CHECK_FALSE(net.graph.has_tie(0, 2));
  CHECK(net.provenance.at("ids_renumbered") == true);
}

TEST_CASE("Sparse huge ids take the sort-and-search path") {
  std::string text;
  for (std::uint64_t i = 0; i < 50; ++i) {
    text += std::to_string(i * 1000000000000ull) + " " +
            std::to_string((i + 1) * 1000000000000ull) + "\n";
  }
  const TempFile file(text);
  const Network net = read_edge_list(file.path());
  REQUIRE(net.graph.num_agents() == 51);
  CHECK(net.graph.num_ties() == 50);
  for (AgentId u = 0; u < 51; ++u) REQUIRE(net.external_id(u) == u * 1000000000000ull);
  for (AgentId u = 0; u < 50; ++u) REQUIRE(net.graph.has_tie(u, u + 1));
}

TEST_CASE("A third column is the tie weight") {
  const TempFile file("0 1 0.5\n1 2 1\n2 0 0\n");
  const Network net = read_edge_list(file.path());
  REQUIRE(net.graph.weighted());
  CHECK(net.graph.weights(0)[0] == 0.5f);  // 0-1
  CHECK(net.graph.weights(0)[1] == 0.0f);  // 0-2
  CHECK(net.graph.weights(1)[1] == 1.0f);  // 1-2
  EdgeListOptions ignore;
  ignore.read_weights = false;
  CHECK_FALSE(read_edge_list(file.path(), ignore).graph.weighted());
  const TempFile temporal("0 1 1082040961 extra\n");
  CHECK(read_edge_list(temporal.path(), ignore).graph.num_ties() == 1);
}

TEST_CASE("Empty and comments-only files give an empty network") {
  for (const char* contents : {"", "# nothing here\n# at all\n", "\n\n  \r\n"}) {
    CAPTURE(contents);
    const TempFile file(contents);
    const Network net = read_edge_list(file.path());
    CHECK(net.graph.num_agents() == 0);
    CHECK(net.graph.num_ties() == 0);
    CHECK(net.provenance.at("note").get<std::string>().find("no ties") != std::string::npos);
  }
}

TEST_CASE("Malformed lines are reported with file:line and the offending token") {
  const auto expect = [](const std::string& contents, const std::string& message,
                         const EdgeListOptions& options = {}) {
    const TempFile file(contents);
    CAPTURE(contents);
    const std::string error = load_error(file, options);
    if (message == "no error") {
      CHECK(error == message);
    } else {
      CHECK_THAT(error, Catch::StartsWith(file.name() + ":") && Catch::Contains(message));
    }
  };
  expect("0 1\n# fine\n1 x7\n", ":3: 'x7' is not an id");
  expect("0 1\n12abc 3\n", ":2: '12abc' is not an id");
  expect("0 1\n\n4\n", ":3: missing second id");
  expect("0 1\n1 -3\n", ":2: negative id '-3'");
  expect("18446744073709551616 1\n", ":1: id '18446744073709551616' does not fit in 64 bits");
  expect("18446744073709551615 1\n", "no error");  // the largest 64-bit id is fine
  expect("0 1 0.5\n1 2 abc\n", ":2: weight 'abc' is not a number");
  expect("0 1 0.5\n1 2 1.5\n", ":2: weight '1.5' is not in [0, 1]");
  expect("0 1 0.5\n1 2 -0.1\n", ":2: weight '-0.1' is not in [0, 1]");
  expect("0 1 0.5\n1 2 nan\n", ":2: weight 'nan' is not in [0, 1]");
  expect("# w\n0 1 0.5\n1 2\n", ":3: missing weight, but the first tie (line 2) has one");
  expect("0 1\n\n1 2 0.5\n", ":3: unexpected weight, but the first tie (line 1) has none");
  expect("0 1 0.5 9\n", ":1: unexpected fourth field '9'");
  EdgeListOptions three;
  three.max_agents = 3;
  expect("10 20\n20 30\n# c\n30 40\n10 40\n", ":4: more than 3 distinct agent ids", three);
  expect("10 20\n20 30\n", "no error", three);
}

TEST_CASE("A missing file is an error naming it") {
  CHECK_THROWS_WITH(read_edge_list("/nonexistent/edges.txt"),
                    Catch::StartsWith("/nonexistent/edges.txt: cannot open"));
}

TEST_CASE("Line numbers stay exact across parallel parsing chunks") {
  // ~2.6 MB: three parse chunks; the bad line is in the last one.
  std::string text;
  const int good_lines = 250000;
  for (int i = 0; i < good_lines; ++i) {
    text += std::to_string(i) + "\t" + std::to_string(i + 1) + (i % 7 == 0 ? "\r\n" : "\n");
    if (i % 1000 == 0) text += "# checkpoint\n";
  }
  const TempFile good(text);
  const Network net = read_edge_list(good.path());
  CHECK(net.graph.num_ties() == good_lines);
  CHECK(net.graph.num_agents() == good_lines + 1);
  const int comment_lines = good_lines / 1000;
  const TempFile bad(text + "1 2\nbroken line\n");
  CHECK_THAT(load_error(bad),
             Catch::StartsWith(bad.name() + ":" + std::to_string(good_lines + comment_lines + 2) +
                               ": 'broken' is not an id"));
}
