// Parallel loops and reductions whose results never depend on the thread count.
//
// Contract: parallel_for_index(n, body) calls body(i) once for every i in
// [0, n); it is deterministic as long as body(i) writes only data owned by i
// (the double-buffered, pull-style update of gapbs `pr.cc`). deterministic_sum
// adds fixed blocks in index order and then the block partials in order, so a
// floating-point sum is bit-identical for 1 thread or 64; deterministic_tally
// does the same for per-bin totals (histograms). ThreadLimit caps the
// worker threads for its lifetime (the CLI's --threads).
//
// Backends: oneTBB by default; GS_SERIAL (the WebAssembly build, wasm/) runs
// the same loops on the calling thread. Only the scheduling differs: the chunk
// boundaries, the per-block partial sums and their in-order total are the same
// code in both, so the serial build reproduces every number of the parallel one.
#pragma once

#ifndef GS_SERIAL
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#endif

#include <cstddef>
#include <span>
#include <vector>

namespace gs {

inline constexpr std::size_t default_grain = 2048;

#ifndef GS_SERIAL
template <class Body>
void parallel_for_index(std::size_t n, Body&& body, std::size_t grain = default_grain) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
                    });
}
#else
template <class Body>
void parallel_for_index(std::size_t n, Body&& body, std::size_t /*grain*/ = default_grain) {
  for (std::size_t i = 0; i < n; ++i) body(i);
}
#endif

// Runs body(begin, end) over fixed chunks of `chunk` indices (the last may be shorter).
template <class Body>
void parallel_for_chunks(std::size_t n, std::size_t chunk, Body&& body) {
  const std::size_t chunks = (n + chunk - 1) / chunk;
  auto run_chunk = [&](std::size_t c) {
    const std::size_t begin = c * chunk;
    body(begin, begin + chunk < n ? begin + chunk : n);
  };
#ifndef GS_SERIAL
  tbb::parallel_for(std::size_t{0}, chunks, run_chunk);
#else
  for (std::size_t c = 0; c < chunks; ++c) run_chunk(c);
#endif
}

// Sum of value_of(i) over [0, n), identical for any thread count.
template <class T, class ValueOf>
T deterministic_sum(std::size_t n, ValueOf&& value_of, std::size_t block = 4096) {
  const std::size_t blocks = (n + block - 1) / block;
  std::vector<T> partial(blocks, T{});
  parallel_for_chunks(n, block, [&](std::size_t begin, std::size_t end) {
    T s{};
    for (std::size_t i = begin; i < end; ++i) s += value_of(i);
    partial[begin / block] = s;
  });
  T total{};
  for (const T& p : partial) total += p;
  return total;
}

// Per-bin totals over [0, n): add(i, tally) adds item i's contributions to
// `tally`, a span of `bins` values. Items are taken in fixed blocks, each with
// its own tally, and the block tallies are added in block order, so the result
// is identical for any thread count (a histogram, or several side by side).
// A block holds at least `bins` items, so the tallies never outgrow the items:
// at most n + bins values.
template <class T, class Add>
std::vector<T> deterministic_tally(std::size_t n, std::size_t bins, Add&& add,
                                   std::size_t block = 4096) {
  block = block > bins ? block : (bins > 0 ? bins : 1);
  const std::size_t blocks = (n + block - 1) / block;
  std::vector<T> partial(blocks * bins, T{});
  parallel_for_chunks(n, block, [&](std::size_t begin, std::size_t end) {
    const std::span<T> tally(partial.data() + (begin / block) * bins, bins);
    for (std::size_t i = begin; i < end; ++i) add(i, tally);
  });
  std::vector<T> total(bins, T{});
  for (std::size_t b = 0; b < blocks; ++b) {
    for (std::size_t k = 0; k < bins; ++k) total[k] += partial[(b * bins) + k];
  }
  return total;
}

// Caps TBB's worker threads while alive; threads == 0 leaves the default (all cores).
#ifndef GS_SERIAL
class ThreadLimit {
 public:
  explicit ThreadLimit(std::size_t threads)
      : control_(tbb::global_control::max_allowed_parallelism,
                 threads == 0 ? tbb::this_task_arena::max_concurrency() : threads) {}

 private:
  tbb::global_control control_;
};
#else
class ThreadLimit {  // one thread whatever is asked: nothing to cap
 public:
  explicit ThreadLimit(std::size_t /*threads*/) {}
};
#endif

}  // namespace gs
