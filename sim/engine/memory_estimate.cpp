// A run's memory, estimated up front: see memory_estimate.hpp for the contract.
#include "sim/engine/memory_estimate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gs {
namespace {

constexpr double kBytesPerTie = 48;
constexpr double kBytesPerAgent = 512;

double number(const nlohmann::json& section, const char* key, double fallback) {
  const auto it = section.find(key);
  return it != section.end() && it->is_number() ? it->get<double>() : fallback;
}

}  // namespace

std::string format_bytes(double bytes) {
  if (bytes >= 1e9) return fmt::format("{:.1f} GB", bytes / 1e9);
  if (bytes >= 1e6) return fmt::format("{:.0f} MB", bytes / 1e6);
  return fmt::format("{:.0f} kB", std::max(1.0, bytes / 1e3));
}

std::string MemoryEstimate::describe() const {
  return fmt::format("about {} ({:.3g} agents, {:.3g} ties, {:.3g} recorded ticks)",
                     format_bytes(bytes), agents, ties, recorded_ticks);
}

MemoryEstimate estimate_run_memory(const nlohmann::json& values) {
  MemoryEstimate e;
  static const nlohmann::json empty = nlohmann::json::object();
  const auto section = [&](const char* name) -> const nlohmann::json& {
    const auto it = values.find(name);
    return it != values.end() && it->is_object() ? *it : empty;
  };
  const auto& network = section("network");
  const std::string generator = network.value("generator", std::string());
  double n = number(network, "n", 0);
  double ties = 0;
  double file_bytes = 0;
  if (generator == "edge_list") {
    std::error_code error;
    const auto size = std::filesystem::file_size(network.value("file", std::string()), error);
    file_bytes = error ? 0 : static_cast<double>(size);
    ties = file_bytes / 4;  // "0 1\n" is the shortest tie line
    n = std::max(n, std::min(2 * ties, 4294967295.0));
  } else if (generator == "complete") {
    ties = n * (n - 1) / 2;
  } else if (generator == "gnm" && number(network, "ties", 0) > 0) {
    ties = number(network, "ties", 0);
  } else if (generator == "watts_strogatz" || generator == "ring") {
    ties = n * number(network, "k", 0) / 2;
  } else if (generator == "barabasi_albert") {
    ties = n * number(network, "m", 0);
  } else if (generator == "erdos_renyi" && network.contains("p") && network.at("p").is_number() &&
             number(network, "p", 0) > 0) {
    ties = n * (n - 1) / 2 * number(network, "p", 0);
  } else {
    ties = n * number(network, "mean_degree", 0) / 2;
  }
  const auto& run = section("run");
  const auto& output = section("output");
  const double max_ticks = number(run, "max_ticks", 0);
  const double every = std::max(1.0, number(output, "series_every", 1));
  const bool snapshots = output.value("snapshots", false);
  e.agents = n;
  e.ties = ties;
  e.recorded_ticks = max_ticks / every + 2;
  e.bytes = file_bytes + ties * kBytesPerTie + n * kBytesPerAgent +
            (snapshots ? n * e.recorded_ticks : 0.0);
  return e;
}

std::optional<std::uint64_t> available_memory_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("MemAvailable:", 0) != 0) continue;
    std::istringstream fields(line.substr(13));
    std::uint64_t kilobytes = 0;
    if (fields >> kilobytes) return kilobytes * 1024;
  }
  return std::nullopt;
}

}  // namespace gs
