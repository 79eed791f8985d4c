// Edge lists from hostile or careless sources (issue 11): a byte-order mark is
// accepted, a number too small for a double is called an underflow, and a bad
// token of any length is quoted by a short prefix, so the error stays small.
#include <catch2/catch.hpp>
#include <string>

#include "sim/network/network.hpp"

namespace {

std::string error_of(const std::string& text) {
  try {
    (void)gs::parse_edge_list(text, "e.txt");
  } catch (const gs::NetworkError& e) {
    return e.what();
  }
  FAIL("expected a NetworkError for: " << text.substr(0, 60));
  return {};
}

}  // namespace

TEST_CASE("a UTF-8 byte-order mark before the first id is accepted", "[edge_list]") {
  const auto network = gs::parse_edge_list(
      "\xEF\xBB\xBF"
      "0 1\n1 2\n",
      "bom.txt");
  CHECK(network.graph.num_agents() == 3);
  CHECK(network.graph.num_ties() == 2);
  // A mark anywhere else is a bad token, shown without invisible characters.
  const auto message = error_of(
      "0 1\n\xEF\xBB\xBF"
      "1 2\n");
  CHECK(message.find("e.txt:2") != std::string::npos);
}

TEST_CASE("a weight that underflows is reported as an underflow", "[edge_list]") {
  for (const std::string weight : {"1e-400",
                                   "0.000000000000000000000000000000000000000000000000"
                                   "0000000000000000000000000000000000000000000000000"
                                   "0000000000000000000000000000000000000000000000000"
                                   "0000000000000000000000000000000000000000000000000"
                                   "0000000000000000000000000000000000000000000000000"
                                   "0000000000000000000000000000000000000000000000000"
                                   "0000000000000000000000000000000000000000000000000"
                                   "00000000000000000000000000000000000001"}) {
    const auto message = error_of("0 1 " + weight + "\n");
    CHECK(message.find("underflows") != std::string::npos);
  }
  CHECK(error_of("0 1 1e400\n").find("is not in [0, 1]") != std::string::npos);
  CHECK(error_of("0 1 abc\n").find("weight 'abc' is not a number") != std::string::npos);
}

TEST_CASE("a bad token is quoted by a short prefix only", "[edge_list]") {
  const std::string token(1 << 20, 'x');
  const auto message = error_of("0 " + token + "\n");
  CHECK(message.size() < 200);
  CHECK(message.find("'" + std::string(40, 'x') + "'... (1048576 bytes)") != std::string::npos);
  const auto control = error_of("0 \x1b[31m\n");
  CHECK(control.find("'?[31m'") != std::string::npos);
}
