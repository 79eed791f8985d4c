// exp and log that give the same bits on every platform.
//
// Contract: portable_exp(x) and portable_log(x) are built from IEEE-754
// operations that every conforming platform rounds identically (+, -, *, /,
// comparisons, and the exact scalings frexp and ldexp), so a run gives the
// same numbers natively and in the browser (emscripten's musl libm), and on
// x86-64 CPUs with or without FMA (glibc picks an FMA variant of exp and log
// at load time). The system libms differ in the last bit for about 1 in 1,400
// exp and 1 in 9,000 log arguments, measured on this project's machine (glibc
// 2.36 against emscripten 3.1.6), and a model that feeds such a value into a
// comparison can take another branch. Accuracy: within 2 ulp of the true
// value for finite arguments (tested against std::exp and std::log); special
// values as IEEE (exp: overflow to +inf, underflow to 0; log: log(0) = -inf,
// log(x < 0) = NaN). Method: Cody and Waite (1980) range reduction by ln 2,
// then a Taylor polynomial (exp) or the series log m = 2 atanh((m-1)/(m+1))
// (log) on the reduced argument, evaluated in Horner form. Build without
// floating-point contraction into FMA (the default for x86-64 and WebAssembly
// targets; GS_NATIVE builds may contract and lose the cross-platform promise).
#pragma once

#include <cmath>
#include <limits>

namespace gs {

namespace portable_detail {
inline constexpr double ln2_hi = 6.93147180369123816490e-01;  // ln 2, upper 32 bits
inline constexpr double ln2_lo = 1.90821492927058770002e-10;  // ln 2 - ln2_hi
inline constexpr double inv_ln2 = 1.44269504088896338700e+00;
}  // namespace portable_detail

inline double portable_exp(double x) {
  using namespace portable_detail;
  if (x != x) return x;  // NaN
  if (x > 709.782712893384) return std::numeric_limits<double>::infinity();
  if (x < -745.1332191019412) return 0.0;
  // x = k ln 2 + r, |r| <= ln 2 / 2 (k exact in a double; the two-part ln 2
  // keeps r accurate: k * ln2_hi is exact for |k| < 2^20).
  const double k = std::floor(x * inv_ln2 + 0.5);
  const double r = (x - k * ln2_hi) - k * ln2_lo;
  // exp(r) by its Taylor series to r^13 / 13!: the first omitted term is
  // below 4e-18 of the result for |r| <= 0.35.
  double p = 1.0 / 6227020800.0;  // 1/13!
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r * r + r;  // exp(r) - 1, kept apart from the 1 for accuracy
  return std::ldexp(1.0 + p, static_cast<int>(k));
}

inline double portable_log(double x) {
  using namespace portable_detail;
  if (x != x || x == std::numeric_limits<double>::infinity()) return x;
  if (x < 0.0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0.0) return -std::numeric_limits<double>::infinity();
  int e = 0;
  double m = std::frexp(x, &e);      // x = m 2^e, m in [1/2, 1), exact (subnormals too)
  if (m < 0.70710678118654752440) {  // m in [1/sqrt 2, sqrt 2)
    m *= 2.0;
    e -= 1;
  }
  // log m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m-1)/(m+1), |s| <= 0.1716:
  // terms to s^25/25 leave an error below 1e-19.
  const double f = m - 1.0;
  const double s = f / (2.0 + f);
  const double s2 = s * s;
  double q = 1.0 / 25.0;
  q = q * s2 + 1.0 / 23.0;
  q = q * s2 + 1.0 / 21.0;
  q = q * s2 + 1.0 / 19.0;
  q = q * s2 + 1.0 / 17.0;
  q = q * s2 + 1.0 / 15.0;
  q = q * s2 + 1.0 / 13.0;
  q = q * s2 + 1.0 / 11.0;
  q = q * s2 + 1.0 / 9.0;
  q = q * s2 + 1.0 / 7.0;
  q = q * s2 + 1.0 / 5.0;
  q = q * s2 + 1.0 / 3.0;
  // log m = f - f^2/2 + ..., written as f - s (f - 2 s2 q ...) for accuracy near 1:
  // 2 atanh(s) = 2 s + 2 s^3 q = f - s f + 2 s s2 q (since 2 s = f - s f).
  const double log_m = f - s * f + 2.0 * s * s2 * q;
  const double de = static_cast<double>(e);
  return de * ln2_hi + (de * ln2_lo + log_m);
}

}  // namespace gs
