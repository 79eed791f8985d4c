// Comparison kernel for bench_threshold: the threshold cascade as a plain
// OpenMP full sweep over a CSR graph, the way a short hand-written HPC code
// would do it (no frontier, no direction switch).
//
// Contract: runs synchronous ticks until none activates; each tick every
// inactive agent counts its active neighbours from the start-of-tick state and
// activates when the count reaches needed[u]. Returns the final active count;
// `ticks` receives the number of ticks that activated someone. Same rule as
// gs::threshold::reference_step (models/threshold/cascade.hpp).
#pragma once

#include <cstdint>
#include <vector>

namespace gs::peers {

std::uint64_t openmp_full_sweep_cascade(const std::vector<std::uint64_t>& offsets,
                                        const std::vector<std::uint32_t>& neighbours,
                                        const std::vector<std::uint32_t>& needed,
                                        const std::vector<std::uint32_t>& seeds,
                                        std::uint32_t* ticks);

}  // namespace gs::peers
