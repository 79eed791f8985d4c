// Serial stand-in for oneTBB's parallel_sort (WebAssembly build only; see
// parallel_for.h). The engine sorts integers and integer tuples under their
// natural total order, where equal elements are indistinguishable, so
// std::sort gives the same sequence as tbb::parallel_sort.
#pragma once

#include <algorithm>

namespace tbb {

template <class RandomIt>
void parallel_sort(RandomIt begin, RandomIt end) {
  std::sort(begin, end);
}

}  // namespace tbb
