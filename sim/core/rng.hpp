// Counter-based random streams keyed by (seed, purpose, tick, agent).
//
// Contract: a RandomStream's draws are a pure function of its key and of how
// many draws came before it in that stream. Nothing is shared between streams,
// so a phase that gives every agent its own stream produces the same numbers
// whatever the thread count or schedule (Salmon et al. 2011, "Parallel random
// numbers: as easy as 1, 2, 3"; gapbs seeds per block for the same reason).
//
// Philox4x32-10 maps a 128-bit counter {purpose, tick, agent, block} and a
// 64-bit key {seed} to four 32-bit words. One stream yields 2^32 blocks of four
// words, plenty for any per-agent, per-tick use and for network generation.
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>

namespace gs {

// Purposes below 1000 are reserved for the engine; models number theirs from 1000.
namespace purpose {
inline constexpr std::uint32_t network = 1;
inline constexpr std::uint32_t network_rewire = 2;
inline constexpr std::uint32_t replicate_seed = 3;
inline constexpr std::uint32_t design = 4;
inline constexpr std::uint32_t bootstrap = 5;
inline constexpr std::uint32_t regions = 6;
inline constexpr std::uint32_t first_model_purpose = 1000;
}  // namespace purpose

// Tick value used for draws made before the first tick (set-up).
inline constexpr std::uint32_t setup_tick = 0xFFFFFFFFu;

class RandomStream {
 public:
  using result_type = std::uint32_t;

  RandomStream(std::uint64_t seed, std::uint32_t purpose, std::uint32_t tick, std::uint32_t agent)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}},
        counter_{{purpose, tick, agent, 0}} {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  // Next 32 random bits (UniformRandomBitGenerator, so <random> and Boost accept it).
  result_type operator()() {
    if (used_ == 4) refill();
    return block_[used_++];
  }

  // Uniform double in [0, 1) with 53 random bits.
  double uniform() {
    const std::uint64_t hi = (*this)() >> 5;  // 27 bits
    const std::uint64_t lo = (*this)() >> 6;  // 26 bits
    return static_cast<double>((hi << 26) | lo) * 0x1.0p-53;
  }

  // Uniform double in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // True with probability p (p <= 0 never, p >= 1 always).
  bool bernoulli(double p) { return uniform() < p; }

  // Uniform integer in [0, n), unbiased (Lemire 2019). n must be > 0.
  std::uint32_t below(std::uint32_t n) {
    std::uint64_t m = std::uint64_t{(*this)()} * n;
    auto low = static_cast<std::uint32_t>(m);
    if (low < n) {
      const std::uint32_t threshold = (0u - n) % n;
      while (low < threshold) {
        m = std::uint64_t{(*this)()} * n;
        low = static_cast<std::uint32_t>(m);
      }
    }
    return static_cast<std::uint32_t>(m >> 32);
  }

  // Uniform 64-bit integer in [0, n) for n > 0 (rejection on the top multiple).
  std::uint64_t below64(std::uint64_t n) {
    if (n <= std::numeric_limits<std::uint32_t>::max()) return below(static_cast<std::uint32_t>(n));
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
    std::uint64_t x = 0;
    do {
      x = (std::uint64_t{(*this)()} << 32) | (*this)();
    } while (x >= limit);
    return x % n;
  }

  // Standard normal by Box-Muller; both variates of a pair are used.
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u1 = 0.0;
    do {
      u1 = uniform();
    } while (u1 <= 0.0);
    const double u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    spare_ = r * std::sin(2.0 * std::numbers::pi * u2);
    has_spare_ = true;
    return r * std::cos(2.0 * std::numbers::pi * u2);
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }

 private:
  using Philox = r123::Philox4x32;

  void refill() {
    block_ = Philox{}(counter_, key_);
    ++counter_.v[3];
    used_ = 0;
  }

  Philox::key_type key_;
  Philox::ctr_type counter_;
  Philox::ctr_type block_{};
  int used_ = 4;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

// Derives an independent 64-bit seed from a master seed and an index
// (replicates, runs of a sweep): one Philox block, so seeds never collide in
// practice and do not depend on the order they are asked for.
inline std::uint64_t derive_seed(std::uint64_t master, std::uint64_t index) {
  RandomStream s(master, purpose::replicate_seed, static_cast<std::uint32_t>(index >> 32),
                 static_cast<std::uint32_t>(index));
  return (std::uint64_t{s()} << 32) | s();
}

}  // namespace gs
