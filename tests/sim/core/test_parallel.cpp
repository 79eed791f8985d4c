// sim/core/parallel.hpp: the same numbers from every backend. Compiled twice:
// into test_core with oneTBB and into test_parallel_serial with GS_SERIAL (the
// WebAssembly build's backend). Both check the contract against a reference
// written out here (fixed blocks summed in index order, then the block
// partials in order; per bin for deterministic_tally), on values whose naive left-to-right sum
// differs from the blocked one in the last bits, so a backend that summed in another order fails.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <span>
#include <utility>
#include <vector>

#include "sim/core/parallel.hpp"

namespace {

// Magnitudes from 1e-3 to 1e5, fixed and irregular (splitmix64 of the index).
double value_at(std::size_t i) {
  std::uint64_t z = (i + 1) * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  const double unit = static_cast<double>(z >> 11) * 0x1.0p-53;
  return std::pow(10.0, -3.0 + 8.0 * unit);
}

double blocked_reference(std::size_t n, std::size_t block) {
  std::vector<double> partial;
  for (std::size_t begin = 0; begin < n; begin += block) {
    double s = 0.0;
    for (std::size_t i = begin; i < std::min(n, begin + block); ++i) s += value_at(i);
    partial.push_back(s);
  }
  double total = 0.0;
  for (double p : partial) total += p;
  return total;
}

}  // namespace

TEST_CASE("deterministic_sum adds fixed blocks in order, then the partials", "[parallel]") {
  const std::size_t n = 100003, block = 4096;
  double naive = 0.0;
  for (std::size_t i = 0; i < n; ++i) naive += value_at(i);
  const double reference = blocked_reference(n, block);
  REQUIRE(naive != reference);  // the data tell the two orders apart
  for (int repeat = 0; repeat < 3; ++repeat)
    CHECK(gs::deterministic_sum<double>(n, value_at, block) == reference);
  CHECK(gs::deterministic_sum<double>(0, value_at, block) == 0.0);
  CHECK(gs::deterministic_sum<double>(5, value_at, block) == blocked_reference(5, block));
}

TEST_CASE("deterministic_tally adds per-bin values in fixed blocks, then the block tallies",
          "[parallel]") {
  // Item i adds value_at(i) to bin i % bins and counts itself in the last bin.
  const auto reference = [](std::size_t n, std::size_t bins, std::size_t block) {
    std::vector<double> total(bins, 0.0);
    for (std::size_t begin = 0; begin < n; begin += block) {
      std::vector<double> partial(bins, 0.0);
      for (std::size_t i = begin; i < std::min(n, begin + block); ++i) {
        partial[i % (bins - 1)] += value_at(i);
        partial[bins - 1] += 1.0;
      }
      for (std::size_t k = 0; k < bins; ++k) total[k] += partial[k];
    }
    return total;
  };
  const auto add = [](std::size_t bins) {
    return [bins](std::size_t i, std::span<double> tally) {
      tally[i % (bins - 1)] += value_at(i);
      tally[bins - 1] += 1.0;
    };
  };
  const std::size_t n = 100003;
  CHECK(gs::deterministic_tally<double>(n, 4, add(4), 4096) == reference(n, 4, 4096));
  // A block never holds fewer items than there are bins: 5000 bins, blocks of 5000.
  CHECK(gs::deterministic_tally<double>(n, 5000, add(5000), 64) == reference(n, 5000, 5000));
  CHECK(gs::deterministic_tally<double>(0, 3, add(3)) == std::vector<double>(3, 0.0));
  const auto counts = gs::deterministic_tally<std::int64_t>(
      n, 2, [](std::size_t i, std::span<std::int64_t> tally) { ++tally[i % 2]; });
  CHECK(counts == std::vector<std::int64_t>{50002, 50001});
}

TEST_CASE("parallel_for_chunks covers [0, n) with the fixed chunks", "[parallel]") {
  std::mutex guard;
  std::vector<std::pair<std::size_t, std::size_t>> chunks;
  gs::parallel_for_chunks(10, 4, [&](std::size_t begin, std::size_t end) {
    const std::scoped_lock lock(guard);
    chunks.emplace_back(begin, end);
  });
  std::sort(chunks.begin(), chunks.end());
  CHECK(chunks == std::vector<std::pair<std::size_t, std::size_t>>{{0, 4}, {4, 8}, {8, 10}});
}

TEST_CASE("parallel_for_index calls the body once per index", "[parallel]") {
  std::vector<int> calls(50000, 0);
  gs::parallel_for_index(
      calls.size(), [&](std::size_t i) { calls[i] += 1; }, 64);
  CHECK(std::count(calls.begin(), calls.end(), 1) == static_cast<long>(calls.size()));
}
