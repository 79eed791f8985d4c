// portable_exp and portable_log (sim/core/portable_math.hpp): within 2 ulp of
// the system libm over the ranges models use, IEEE special values, and
// fixed bits for a few arguments (the values a platform must reproduce: a
// libm-independent result is the point of these functions).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "sim/core/portable_math.hpp"
#include "sim/core/rng.hpp"

using namespace gs;

namespace {
std::int64_t ulps(double a, double b) {
  std::int64_t x = 0, y = 0;
  std::memcpy(&x, &a, 8);
  std::memcpy(&y, &b, 8);
  return x > y ? x - y : y - x;
}
}  // namespace

TEST_CASE("portable_exp and portable_log are within 2 ulp of the system libm") {
  RandomStream rs(7, 1, 2, 3);
  std::int64_t worst_exp = 0, worst_log = 0;
  for (int i = 0; i < 200000; ++i) {
    const double u = rs.uniform();
    const double x = i % 2 == 0 ? -740.0 + 1449.0 * u : -30.0 * u;
    worst_exp = std::max(worst_exp, ulps(portable_exp(x), std::exp(x)));
    const double y = i % 3 == 0 ? u * 1e-300 : i % 3 == 1 ? u : 1e6 * u + 1.0;
    if (std::log(y) != 0.0) worst_log = std::max(worst_log, ulps(portable_log(y), std::log(y)));
  }
  CHECK(worst_exp <= 2);
  CHECK(worst_log <= 2);
  CHECK(portable_log(1.0 + 1e-12) == Approx(std::log(1.0 + 1e-12)).epsilon(1e-14));  // near 1
}

TEST_CASE("portable_exp and portable_log: special values and exact points") {
  constexpr double inf = std::numeric_limits<double>::infinity();
  CHECK(portable_exp(0.0) == 1.0);
  CHECK(portable_log(1.0) == 0.0);
  CHECK(portable_exp(1000.0) == inf);
  CHECK(portable_exp(-1000.0) == 0.0);
  CHECK(portable_exp(-inf) == 0.0);
  CHECK(std::isnan(portable_exp(std::nan(""))));
  CHECK(portable_log(0.0) == -inf);
  CHECK(std::isnan(portable_log(-1.0)));
  CHECK(portable_log(inf) == inf);
  CHECK(portable_log(4.0) == Approx(2.0 * std::log(2.0)).epsilon(1e-15));
  CHECK(portable_log(std::numeric_limits<double>::denorm_min()) ==
        Approx(-744.4400719213812).epsilon(1e-15));
}
