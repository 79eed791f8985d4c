// Shared helpers for the network tests: graph statistics a user would look at,
// temporary edge-list files, and exact graph comparison.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/network/network.hpp"

namespace gs::test {

// Mean over agents of the local clustering coefficient (agents of degree < 2 count 0),
// the C of Watts & Strogatz 1998.
inline double mean_local_clustering(const Graph& g) {
  double total = 0.0;
  for (AgentId u = 0; u < g.num_agents(); ++u) {
    const auto row = g.neighbours(u);
    if (row.size() < 2) continue;
    std::uint64_t closed = 0;
    for (std::size_t i = 0; i < row.size(); ++i) {
      for (std::size_t j = i + 1; j < row.size(); ++j) closed += g.has_tie(row[i], row[j]) ? 1 : 0;
    }
    total += 2.0 * static_cast<double>(closed) /
             (static_cast<double>(row.size()) * static_cast<double>(row.size() - 1));
  }
  return g.num_agents() == 0 ? 0.0 : total / g.num_agents();
}

inline bool same_graph(const Graph& a, const Graph& b) {
  return std::ranges::equal(a.offsets(), b.offsets()) &&
         std::ranges::equal(a.neighbour_array(), b.neighbour_array()) &&
         std::ranges::equal(a.weight_array(), b.weight_array());
}

inline AgentId min_degree(const Graph& g) {
  AgentId lowest = g.num_agents() == 0 ? 0 : g.degree(0);
  for (AgentId u = 0; u < g.num_agents(); ++u) lowest = std::min(lowest, g.degree(u));
  return lowest;
}

inline AgentId max_degree(const Graph& g) {
  AgentId highest = 0;
  for (AgentId u = 0; u < g.num_agents(); ++u) highest = std::max(highest, g.degree(u));
  return highest;
}

// A file with the given bytes in a private temporary folder, removed afterwards.
class TempFile {
 public:
  explicit TempFile(const std::string& contents) {
    static std::atomic<int> counter{0};
    const auto folder =
        std::filesystem::temp_directory_path() / ("gs_test_network_" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    path_ = folder / ("edges_" + std::to_string(counter++) + ".txt");
    std::ofstream(path_, std::ios::binary) << contents;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    std::filesystem::remove(path_.parent_path(), ignored);  // only succeeds once empty
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string name() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace gs::test
