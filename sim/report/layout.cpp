// Force-directed layout for the report's network picture.
//
// Contract (report.hpp): Fruchterman & Reingold (1991), "Graph drawing by
// force-directed placement": repulsion k^2/d between every pair, attraction
// d^2/k along ties, displacement capped by a temperature that cools linearly,
// plus a weak pull to the centre so separate components stay on the canvas.
// O(n^2) per iteration: the engine caps samples at 1,500 residents, which lays
// out in well under a second. Serial and seeded, so the picture is the same on
// every machine.
#include <algorithm>
#include <cmath>

#include "sim/report/report.hpp"

namespace gs::report {

std::vector<std::array<float, 2>> force_layout(
    std::size_t n, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges,
    unsigned iterations, std::uint64_t seed) {
  std::vector<double> x(n), y(n), fx(n), fy(n);
  std::uint64_t state = seed * 0x9E3779B97F4A7C15ULL + 1;
  auto uniform = [&state] {  // splitmix64
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
  };
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = uniform();
    y[i] = uniform();
  }
  if (n == 0) return {};
  const double k = std::sqrt(1.0 / static_cast<double>(n));
  const double gravity = 0.05 * static_cast<double>(n) * k;
  for (unsigned it = 0; it < iterations; ++it) {
    const double step = 0.1 * (1.0 - static_cast<double>(it) / iterations) + 0.002;
    for (std::size_t i = 0; i < n; ++i) {
      double sx = -(x[i] - 0.5) * gravity, sy = -(y[i] - 0.5) * gravity;
      for (std::size_t j = 0; j < n; ++j) {
        const double dx = x[i] - x[j], dy = y[i] - y[j];
        const double d2 = std::max(dx * dx + dy * dy, 1e-6);
        sx += dx * k * k / d2;
        sy += dy * k * k / d2;
      }
      fx[i] = sx;
      fy[i] = sy;
    }
    for (const auto& [a, b] : edges) {
      const double dx = x[a] - x[b], dy = y[a] - y[b];
      const double d = std::sqrt(std::max(dx * dx + dy * dy, 1e-9));
      fx[a] -= dx * d / k;
      fy[a] -= dy * d / k;
      fx[b] += dx * d / k;
      fy[b] += dy * d / k;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const double norm = std::sqrt(std::max(fx[i] * fx[i] + fy[i] * fy[i], 1e-12));
      const double move = std::min(norm, step) / norm;
      x[i] += fx[i] * move;
      y[i] += fy[i] * move;
    }
  }
  const auto [xmin, xmax] = std::minmax_element(x.begin(), x.end());
  const auto [ymin, ymax] = std::minmax_element(y.begin(), y.end());
  const double span = std::max({*xmax - *xmin, *ymax - *ymin, 1e-9});
  const double x0 = *xmin - (span - (*xmax - *xmin)) / 2, y0 = *ymin - (span - (*ymax - *ymin)) / 2;
  std::vector<std::array<float, 2>> out(n);
  for (std::size_t i = 0; i < n; ++i)
    out[i] = {static_cast<float>((x[i] - x0) / span), static_cast<float>((y[i] - y0) / span)};
  return out;
}

}  // namespace gs::report
