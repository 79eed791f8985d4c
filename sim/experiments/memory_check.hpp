// Refusing, before anything is built or written, work whose estimated memory
// (sim/engine/memory_estimate.hpp) exceeds what the machine has available now
// (issue 11: limits checked up front).
//
// Contract: check_memory(spec, at_once) throws a ScenarioError located at the
// scenario's network.n when `at_once` runs of `spec` would not fit in
// MemAvailable, naming both numbers and --no-memory-check. check_sweep_memory
// does the same for a sweep: the largest run of any design point (each point's
// resolved scenario, first replicate), times the runs it executes at once:
// one with `nested`, else one per thread (`threads`, 0 = all cores), at most
// the sweep's runs.
// Where /proc/meminfo cannot be read nothing is refused. Used by the CLI's
// run and sweep and by the Python module's run and sweep.
#pragma once

#include <cstddef>

#include "sim/engine/registry.hpp"
#include "sim/experiments/sweep_plan.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::experiments {

void check_memory(const scenario::Scenario& spec, std::size_t at_once = 1);

void check_sweep_memory(const SweepPlan& plan, const ModelRegistry& registry, std::size_t threads,
                        bool nested = false);

}  // namespace gs::experiments
