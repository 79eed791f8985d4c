// Declared residents of an edge-list network (issue 11): a resident with no
// tie is in no tie line, so the file alone drops them; network.population or a
// residents file declares them, and they become agents with no ties.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/network/network.hpp"

namespace fs = std::filesystem;

namespace {

fs::path write_file(const std::string& name, const std::string& text) {
  const fs::path file = fs::temp_directory_path() / ("gs_residents_" + name);
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const gs::NetworkError& e) {
    return e.what();
  }
  FAIL("expected a NetworkError");
  return {};
}

}  // namespace

TEST_CASE("a population makes residents without ties agents with none", "[residents]") {
  gs::EdgeListOptions options;
  options.population = 6;
  const auto network = gs::parse_edge_list("0 1\n1 2\n", "e.txt", options);
  CHECK(network.graph.num_agents() == 6);
  CHECK(network.graph.num_ties() == 2);
  CHECK(network.external_ids.empty());  // ids are agents
  CHECK(network.graph.degree(5) == 0);
  options.population = 3;
  CHECK(error_of([&] { (void)gs::parse_edge_list("0 1\n# c\n1 3\n", "e.txt", options); }) ==
        "e.txt:3: id 3 is not a resident: network.population is 3 (ids 0 to 2)");
}

TEST_CASE("a residents file declares ids and segments", "[residents]") {
  const auto file = write_file("ok.txt", "# id segment\n40 0\n10 0\n30 1\n20 1\n");
  const auto residents = gs::read_residents(file);
  CHECK(residents.ids == std::vector<std::uint64_t>{10, 20, 30, 40});
  CHECK(residents.segments == std::vector<std::uint16_t>{0, 1, 1, 0});
  gs::EdgeListOptions options;
  options.residents = residents.ids;
  const auto network = gs::parse_edge_list("10 20\n", "e.txt", options);
  CHECK(network.graph.num_agents() == 4);
  CHECK(network.graph.num_ties() == 1);
  CHECK(network.external_id(3) == 40);
  CHECK(network.graph.degree(2) == 0);  // resident 30 has no tie and still exists
  CHECK(error_of([&] { (void)gs::parse_edge_list("10 50\n", "e.txt", options); }) ==
        "e.txt:1: id 50 is not a resident: it is not in the residents file");
  fs::remove(file);
}

TEST_CASE("a residents file's problems name its line", "[residents]") {
  const auto twice = write_file("twice.txt", "1\n2\n1\n");
  CHECK(error_of([&] { (void)gs::read_residents(twice); }) ==
        twice.string() + ":3: resident 1 is listed twice (first at line 1)");
  const auto mixed = write_file("mixed.txt", "1 0\n2\n");
  CHECK(error_of([&] { (void)gs::read_residents(mixed); }) ==
        mixed.string() + ":2: missing segment (earlier lines give one)");
  const auto bad = write_file("bad.txt", "1 70000\n");
  CHECK(error_of([&] { (void)gs::read_residents(bad); }) ==
        bad.string() + ":1: segment '70000' is not a whole number from 0 to 65535");
  for (const auto& f : {twice, mixed, bad}) fs::remove(f);
}
