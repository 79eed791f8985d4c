// Shards from job-array variables: see job_array.hpp for the contract.
#include "sim/cli/job_array.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>

namespace gs::cli {
namespace {

using Lookup = std::function<std::optional<std::string>(const char*)>;

std::optional<std::int64_t> number(const Lookup& env, const char* name) {
  const auto text = env(name);
  if (!text || text->empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size())
    throw std::invalid_argument(
        fmt::format("--shard auto: {}='{}' is not a whole number", name, *text));
  return value;
}

std::int64_t required(const Lookup& env, const char* name, const char* scheduler) {
  const auto value = number(env, name);
  if (!value)
    throw std::invalid_argument(fmt::format(
        "--shard auto: {} is set but {} is not: cannot tell the array's size", scheduler, name));
  return *value;
}

}  // namespace

experiments::Shard shard_from_environment(const std::string& spec, const Lookup& getenv) {
  const Lookup env = getenv ? getenv : [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
  std::optional<std::int64_t> given_count;
  if (spec != "auto") {
    const std::string prefix = "auto/";
    std::int64_t n = 0;
    const char* begin = spec.data() + prefix.size();
    const char* end = spec.data() + spec.size();
    if (spec.rfind(prefix, 0) != 0 || std::from_chars(begin, end, n).ptr != end || n < 1)
      throw std::invalid_argument("--shard: expected I/N, auto or auto/N, got '" + spec + "'");
    given_count = n;
  }
  std::int64_t index = 0;
  std::int64_t count = 0;
  std::string source;
  if (const auto id = number(env, "SLURM_ARRAY_TASK_ID")) {
    if (const auto step = number(env, "SLURM_ARRAY_TASK_STEP"); step && *step != 1)
      throw std::invalid_argument(fmt::format(
          "--shard auto: the Slurm array has step {}; use a contiguous array (--array=0-N)",
          *step));
    const auto min = number(env, "SLURM_ARRAY_TASK_MIN").value_or(0);
    index = *id - min;
    count = given_count ? *given_count : required(env, "SLURM_ARRAY_TASK_COUNT", "Slurm");
    source = "SLURM_ARRAY_TASK_ID";
  } else if (const auto sge = number(env, "SGE_TASK_ID")) {
    const auto first = required(env, "SGE_TASK_FIRST", "SGE");
    const auto last = required(env, "SGE_TASK_LAST", "SGE");
    const auto step = number(env, "SGE_TASK_STEPSIZE").value_or(1);
    if (step < 1) throw std::invalid_argument("--shard auto: SGE_TASK_STEPSIZE must be >= 1");
    index = (*sge - first) / step;
    count = given_count ? *given_count : (last - first) / step + 1;
    source = "SGE_TASK_ID";
  } else if (auto pbs = number(env, "PBS_ARRAY_INDEX"); pbs || number(env, "PBS_ARRAYID")) {
    index = pbs ? *pbs : *number(env, "PBS_ARRAYID");
    if (!given_count)
      throw std::invalid_argument(
          "--shard auto: PBS does not say how many tasks the array has; give it: --shard "
          "auto/N");
    count = *given_count;
    source = pbs ? "PBS_ARRAY_INDEX" : "PBS_ARRAYID";
  } else {
    throw std::invalid_argument(
        "--shard auto: not inside a job array (none of SLURM_ARRAY_TASK_ID, SGE_TASK_ID, "
        "PBS_ARRAY_INDEX, PBS_ARRAYID is set); give the shard as I/N");
  }
  if (count < 1 || index < 0 || index >= count)
    throw std::invalid_argument(fmt::format("--shard auto: {} gives shard {} of {}, outside 0..{}",
                                            source, index, count, count - 1));
  return experiments::Shard{static_cast<std::uint64_t>(index), static_cast<std::uint64_t>(count)};
}

}  // namespace gs::cli
