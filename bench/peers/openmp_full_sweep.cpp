// See openmp_full_sweep.hpp. Double-buffered: `next` is written, `active` only
// read, inside a tick, so the static schedule needs no synchronisation.
#include "bench/peers/openmp_full_sweep.hpp"

#include <cstddef>

namespace gs::peers {

std::uint64_t openmp_full_sweep_cascade(const std::vector<std::uint64_t>& offsets,
                                        const std::vector<std::uint32_t>& neighbours,
                                        const std::vector<std::uint32_t>& needed,
                                        const std::vector<std::uint32_t>& seeds,
                                        std::uint32_t* ticks) {
  const auto n = static_cast<std::int64_t>(offsets.size() - 1);
  std::vector<std::uint8_t> active(static_cast<std::size_t>(n), 0);
  for (std::uint32_t s : seeds) active[s] = 1;
  std::vector<std::uint8_t> next = active;
  std::uint64_t total = 0;
  for (std::uint8_t a : active) total += a;
  *ticks = 0;
  for (;;) {
    std::uint64_t fresh = 0;
#pragma omp parallel for schedule(static, 4096) reduction(+ : fresh)
    for (std::int64_t u = 0; u < n; ++u) {
      const auto i = static_cast<std::size_t>(u);
      if (active[i]) continue;
      std::uint32_t c = 0;
      for (std::uint64_t t = offsets[i]; t < offsets[i + 1]; ++t) c += active[neighbours[t]];
      if (c >= needed[i]) {
        next[i] = 1;
        ++fresh;
      }
    }
    if (fresh == 0) return total;
    total += fresh;
    ++*ticks;
#pragma omp parallel for schedule(static, 4096)
    for (std::int64_t u = 0; u < n; ++u)
      active[static_cast<std::size_t>(u)] = next[static_cast<std::size_t>(u)];
  }
}

}  // namespace gs::peers
