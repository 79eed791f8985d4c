// The up-front memory estimate (issue 11): it scales with agents, ties and
// snapshots as memory_estimate.hpp states, and MemAvailable is read.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/engine/memory_estimate.hpp"

TEST_CASE("the estimate counts agents, ties and snapshots", "[memory]") {
  const nlohmann::json values = {
      {"network", {{"generator", "erdos_renyi"}, {"n", 1000000}, {"mean_degree", 10}, {"p", 0.0}}},
      {"run", {{"max_ticks", 98}}},
      {"output", {{"series_every", 1}, {"snapshots", false}}}};
  const auto plain = gs::estimate_run_memory(values);
  CHECK(plain.agents == 1e6);
  CHECK(plain.ties == 5e6);
  CHECK(plain.recorded_ticks == 100);
  CHECK(plain.bytes == Approx(5e6 * 48 + 1e6 * 512));
  auto with_snapshots = values;
  with_snapshots["output"]["snapshots"] = true;
  CHECK(gs::estimate_run_memory(with_snapshots).bytes == Approx(plain.bytes + 1e6 * 100));
  auto huge = values;
  huge["network"]["n"] = 4000000000LL;
  CHECK(gs::estimate_run_memory(huge).bytes > 1e12);
  CHECK(gs::estimate_run_memory(huge).describe().rfind("about ", 0) == 0);
  auto ring = values;
  ring["network"] = {{"generator", "ring"}, {"n", 100}, {"k", 4}};
  CHECK(gs::estimate_run_memory(ring).ties == 200);
}

TEST_CASE("available memory is read from /proc/meminfo", "[memory]") {
  const auto available = gs::available_memory_bytes();
  REQUIRE(available.has_value());  // Linux, where the suite runs
  CHECK(*available > (std::uint64_t{1} << 20));
  CHECK(gs::format_bytes(2.5e9) == "2.5 GB");
  CHECK(gs::format_bytes(3e6) == "3 MB");
}
