// Small numeric rules shared by every model.
//
// Contract: at_least(x, bound) is `x >= bound` made robust to floating-point
// ties: a degree-5 agent with threshold 0.2 and one active neighbour has share
// 1/5, which must count as reaching 0.2 however the two were rounded
// (Watts 2002's rule is "at least a fraction phi"). The tolerance is relative,
// 1e-9, far below any meaningful difference in a share or a count.
#pragma once

#include <algorithm>
#include <cmath>

namespace gs {

inline constexpr double tie_tolerance = 1e-9;

inline bool at_least(double x, double bound) {
  return x >= bound - tie_tolerance * std::max(1.0, std::abs(bound));
}

}  // namespace gs
