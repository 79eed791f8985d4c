// Serial stand-in for the part of oneTBB's parallel_for that the engine's
// network and graph code calls directly, for the WebAssembly build only
// (wasm/CMakeLists.txt puts this directory first on the include path; oneTBB
// is not available under emscripten). Every call runs body(i) for i in
// [first, last) in order on the calling thread: the engine's loops write only
// data owned by i (sim/core/parallel.hpp), so order cannot change a result.
#pragma once

namespace tbb {

template <class Index, class Body>
void parallel_for(Index first, Index last, const Body& body) {
  for (Index i = first; i < last; ++i) body(i);
}

}  // namespace tbb
