// The spatial generator's tie-probability constant, from the kernel's integral.
//
// Contract: expected_spatial_propensity(n, patches, radius, patch_penalty) is
// the expected sum, over the other agents, of one agent's relative tie
// propensity (exp(-d / radius), cut to (1 - patch_penalty) across patches and
// to zero beyond spatial_cutoff_radii radii), averaged over agents, for the
// layout draft_spatial draws: agent u in patch u * patches / n, placed
// uniformly in the middle spatial_patch_fill of its square patch. The
// generator's constant is c = mean_degree / this value, so the expected mean
// degree is the target exactly. It depends on the parameters only, never on the
// seed or the drawn positions. Its integrals cost the same at 1,000 or 10
// million agents (a few hundred thousand kernel evaluations at most, about 1 ms)
// and counting residents per patch is one pass (34 ms at 10 million), which is
// why it replaced a calibration that summed the kernel over a sample of agents (5
// million evaluations at 10,000 agents, a quarter of a sweep run: issue 10).
//
// Method. For two agents placed uniformly in squares A and B = A + o of side s,
// the difference z = y - x has density tri(z_x - o_x) tri(z_y - o_y) with
// tri(t) = max(0, s - |t|) / s^2 (the convolution of two boxes), so
//   J(o) = E[k(|y - x|)] = integral of k(|z|) tri(z_x - o_x) tri(z_y - o_y) dz.
// The integrand is smooth between the lines where tri has a kink (o - s, o,
// o + s), the kernel's cusp at 0 and its cut-off circle; the plane is cut at
// those lines and at multiples of the radius (so the kernel varies by at most
// e^2 in a panel) and each panel is integrated by tensor Gauss-Legendre
// (boost::math::quadrature::gauss), the inner integral clipped to the circle.
// Tested (tests/sim/network/test_generators.cpp) against the closed form of the
// distance between two uniform points in a square (relative error under 1e-6,
// measured about 1e-8) and against Monte Carlo across patches (within 4
// standard errors).
#include <algorithm>
#include <boost/math/quadrature/gauss.hpp>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "sim/network/detail.hpp"

namespace gs::network_detail {
namespace {

using Rule = boost::math::quadrature::gauss<double, 20>;

// Points where an integrand along one axis may lose smoothness, inside [lo, hi].
std::vector<double> cuts(double lo, double hi, double offset, double side, double radius) {
  std::vector<double> at = {lo, hi, offset - side, offset, offset + side};
  for (const double k : {0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0}) {
    at.push_back(k * radius);
    at.push_back(-k * radius);
  }
  std::erase_if(at, [&](double x) { return x < lo || x > hi; });
  std::sort(at.begin(), at.end());
  at.erase(std::unique(at.begin(), at.end()), at.end());
  return at;
}

// J(o) for squares of side `side` whose corners differ by (ox, oy).
double pair_expectation(double ox, double oy, double side, double radius, double cutoff) {
  const auto tri = [side](double t) { return std::max(0.0, side - std::abs(t)) / (side * side); };
  const double x_lo = std::max(ox - side, -cutoff), x_hi = std::min(ox + side, cutoff);
  const double y_lo = std::max(oy - side, -cutoff), y_hi = std::min(oy + side, cutoff);
  if (x_lo >= x_hi || y_lo >= y_hi) return 0.0;
  const std::vector<double> xs = cuts(x_lo, x_hi, ox, side, radius);
  const std::vector<double> ys = cuts(y_lo, y_hi, oy, side, radius);
  double total = 0.0;
  for (std::size_t i = 0; i + 1 < xs.size(); ++i) {
    total += Rule::integrate(
        [&](double zx) {
          const double half_chord = std::sqrt(std::max(0.0, cutoff * cutoff - zx * zx));
          const double weight_x = tri(zx - ox);
          double inner = 0.0;
          for (std::size_t j = 0; j + 1 < ys.size(); ++j) {
            const double a = std::max(ys[j], -half_chord), b = std::min(ys[j + 1], half_chord);
            if (a >= b) continue;
            inner += Rule::integrate(
                [&](double zy) { return std::exp(-std::hypot(zx, zy) / radius) * tri(zy - oy); }, a,
                b);
          }
          return weight_x * inner;
        },
        xs[i], xs[i + 1]);
  }
  return total;
}

}  // namespace

double expected_spatial_propensity(AgentId n, std::uint32_t patches, double radius,
                                   double patch_penalty) {
  if (n < 2 || patches < 1) return 0.0;
  const std::uint32_t columns = spatial_columns(patches);
  const double side = spatial_patch_fill / columns;
  const double cutoff = spatial_cutoff_radii * radius;
  // Residents per patch, counted with the generator's own numbering (O(n), once).
  std::vector<double> members(patches, 0.0);
  for (AgentId u = 0; u < n; ++u) members[spatial_patch_of(u, n, patches)] += 1.0;
  // J depends on the patch offset only up to sign and axis order.
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> by_offset;
  const auto expectation = [&](std::uint32_t a, std::uint32_t b) {
    const auto key = std::minmax(a, b);
    const auto [it, fresh] = by_offset.try_emplace(key, 0.0);
    if (fresh) {
      it->second = pair_expectation(double(key.first) / columns, double(key.second) / columns, side,
                                    radius, cutoff);
    }
    return it->second;
  };
  // Offsets whose squares come within the cut-off (gap (a - fill) / columns per axis).
  const auto reach = static_cast<std::uint32_t>(
      std::min<double>(columns - 1, std::floor(cutoff * columns + spatial_patch_fill)));
  double sum = 0.0;
  for (std::uint32_t p = 0; p < patches; ++p) {
    const std::uint32_t px = p % columns, py = p / columns;
    for (std::uint32_t qy = py > reach ? py - reach : 0; qy <= std::min(py + reach, columns - 1);
         ++qy) {
      for (std::uint32_t qx = px > reach ? px - reach : 0; qx <= std::min(px + reach, columns - 1);
           ++qx) {
        const std::uint32_t q = qy * columns + qx;
        if (q >= patches) continue;
        const double pairs = members[p] * (members[q] - (p == q ? 1.0 : 0.0));
        const double factor = p == q ? 1.0 : 1.0 - patch_penalty;
        if (pairs <= 0.0 || factor <= 0.0) continue;
        sum +=
            pairs * factor * expectation(px > qx ? px - qx : qx - px, py > qy ? py - qy : qy - py);
      }
    }
  }
  return sum / static_cast<double>(n);
}

}  // namespace gs::network_detail
