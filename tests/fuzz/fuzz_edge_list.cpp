// libFuzzer harness: the edge-list loader (sim/network/edge_list.cpp), on any bytes.
//
// Contract: the input is an edge list's text, parsed with weights, without,
// and with 64 declared residents (network.population),
// with the agent limit lowered to 4096 so that an input of a few bytes naming a
// huge id cannot make the loader allocate gigabytes legitimately (the real
// limit, 2^32-1 agents, is a memory question the run's up-front estimate
// answers, not a parser bug). Any outcome but a Network or a NetworkError is a
// finding, as is an error message longer than a few hundred bytes (issue 11:
// a bad token must be quoted by a short prefix only).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sim/network/network.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const int pass : {0, 1, 2}) {
    gs::EdgeListOptions options;
    options.read_weights = pass != 1;
    options.max_agents = 4096;
    if (pass == 2) options.population = 64;  // declared residents (ids 0..63)
    try {
      (void)gs::parse_edge_list(text, "fuzz.txt", options);
    } catch (const gs::NetworkError& error) {
      if (std::string(error.what()).size() > 400) std::abort();  // unbounded error text
    }
  }
  return 0;
}
