// `--shard auto`: a sweep shard taken from a batch scheduler's job array.
//
// Contract: shard_from_environment() reads, in this order, the first scheduler
// whose array variables are set:
//   Slurm  SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT, SLURM_ARRAY_TASK_MIN
//          (index = id - min; a step other than 1, SLURM_ARRAY_TASK_STEP, is
//          refused since indices would skip shards),
//   SGE    SGE_TASK_ID, SGE_TASK_FIRST, SGE_TASK_LAST, SGE_TASK_STEPSIZE
//          (index = (id - first) / step, count = (last - first) / step + 1),
//   PBS    PBS_ARRAY_INDEX (PBS Pro) or PBS_ARRAYID (Torque), which say no
//          count: `auto/N` must give it (index = the variable's value).
// `auto/N` gives the count explicitly (it must agree with the scheduler's when
// both exist). Anything missing, malformed or out of range throws
// std::invalid_argument naming the variable, so a job never silently runs the
// whole sweep, or the wrong part, on every task. Sources: Slurm sbatch(1)
// "OUTPUT ENVIRONMENT VARIABLES"; SGE qsub(1) -t; PBS Pro qsub -J.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "sim/experiments/sweep_store.hpp"

namespace gs::cli {

// `spec` is "auto" or "auto/N"; `getenv` looks a variable up (std::getenv by
// default; tests pass their own).
experiments::Shard shard_from_environment(
    const std::string& spec,
    const std::function<std::optional<std::string>(const char*)>& getenv = {});

}  // namespace gs::cli
