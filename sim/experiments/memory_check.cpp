// Memory checks before work starts; see memory_check.hpp.
#include "sim/experiments/memory_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "sim/engine/memory_estimate.hpp"

namespace gs::experiments {

namespace {

void refuse_if_too_big(const scenario::Scenario& spec, const MemoryEstimate& one,
                       std::size_t at_once, const char* what) {
  const auto available = available_memory_bytes();
  if (!available) return;  // not Linux, or /proc hidden: nothing to compare with
  const double need = one.bytes * static_cast<double>(at_once);
  if (need <= static_cast<double>(*available)) return;
  const std::string runs =
      at_once > 1 ? fmt::format(" x {} runs at once = {}", at_once, format_bytes(need)) : "";
  throw scenario::ScenarioError({spec.locate(
      "network.n",
      fmt::format("this {} needs {}{} but the machine has {} available (MemAvailable in "
                  "/proc/meminfo); make the network smaller{}, or run it from the command "
                  "line with --no-memory-check to try anyway",
                  what, one.describe(), runs, format_bytes(static_cast<double>(*available)),
                  at_once > 1 ? ", run fewer at once (--threads, threads=)" : ""))});
}

}  // namespace

void check_memory(const scenario::Scenario& spec, std::size_t at_once) {
  refuse_if_too_big(spec, estimate_run_memory(spec.values()), at_once, "run");
}

void check_sweep_memory(const SweepPlan& plan, const ModelRegistry& registry, std::size_t threads,
                        bool nested) {
  const std::size_t cores = std::max<std::size_t>(1, std::thread::hardware_concurrency());
  const std::size_t at_once =
      nested ? 1
             : std::min(threads > 0 ? threads : cores, std::max<std::size_t>(1, plan.runs.size()));
  const Run* largest = nullptr;
  std::shared_ptr<const scenario::Scenario> largest_spec;
  MemoryEstimate most;
  for (const auto& run : plan.runs) {
    if (run.replicate != 0) continue;  // replicates of a point share its network size
    auto spec = plan.scenario_for(run, registry);
    const MemoryEstimate e = estimate_run_memory(spec->values());
    if (largest == nullptr || e.bytes > most.bytes) {
      largest = &run;
      largest_spec = std::move(spec);
      most = e;
    }
  }
  if (largest_spec) refuse_if_too_big(*largest_spec, most, at_once, "sweep's largest run");
}

}  // namespace gs::experiments
