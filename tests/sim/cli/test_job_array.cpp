// Tests of sim/cli/job_array.hpp (--shard auto) with made-up environments, and
// of the progress line's rate (sim/cli/progress.hpp): only this session's work
// counts. The end-to-end test with the shipped Slurm script is the ctest
// cli_sweep_slurm.
#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "sim/cli/job_array.hpp"
#include "sim/cli/progress.hpp"

namespace {

gs::experiments::Shard shard(const std::map<std::string, std::string>& env,
                             const std::string& spec = "auto") {
  return gs::cli::shard_from_environment(spec, [&](const char* name) -> std::optional<std::string> {
    const auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  });
}

}  // namespace

TEST_CASE("--shard auto reads Slurm, SGE and PBS arrays", "[cli][job_array]") {
  auto s = shard({{"SLURM_ARRAY_TASK_ID", "3"}, {"SLURM_ARRAY_TASK_COUNT", "4"}});
  CHECK(s.index == 3);
  CHECK(s.count == 4);
  s = shard({{"SLURM_ARRAY_TASK_ID", "1"},
             {"SLURM_ARRAY_TASK_MIN", "1"},
             {"SLURM_ARRAY_TASK_COUNT", "4"}});
  CHECK(s.index == 0);  // --array=1-4 starts at 1
  s = shard({{"SGE_TASK_ID", "5"},
             {"SGE_TASK_FIRST", "1"},
             {"SGE_TASK_LAST", "9"},
             {"SGE_TASK_STEPSIZE", "2"}});
  CHECK(s.index == 2);
  CHECK(s.count == 5);
  s = shard({{"PBS_ARRAY_INDEX", "2"}}, "auto/3");
  CHECK(s.index == 2);
  CHECK(s.count == 3);
}

TEST_CASE("--shard auto refuses rather than guess", "[cli][job_array]") {
  CHECK_THROWS_WITH(shard({}), Catch::Contains("not inside a job array"));
  CHECK_THROWS_WITH(shard({{"SLURM_ARRAY_TASK_ID", "2"}}),
                    Catch::Contains("SLURM_ARRAY_TASK_COUNT"));
  CHECK_THROWS_WITH(shard({{"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_TASK_COUNT", "4"}}),
                    Catch::Contains("outside 0..3"));
  CHECK_THROWS_WITH(shard({{"SLURM_ARRAY_TASK_ID", "x"}, {"SLURM_ARRAY_TASK_COUNT", "4"}}),
                    Catch::Contains("not a whole number"));
  CHECK_THROWS_WITH(shard({{"SLURM_ARRAY_TASK_ID", "0"},
                           {"SLURM_ARRAY_TASK_COUNT", "4"},
                           {"SLURM_ARRAY_TASK_STEP", "2"}}),
                    Catch::Contains("step 2"));
  CHECK_THROWS_WITH(shard({{"PBS_ARRAY_INDEX", "0"}}), Catch::Contains("auto/N"));
  CHECK_THROWS_AS(shard({}, "auto/zero"), std::invalid_argument);
}

TEST_CASE("progress: rate and ETA from this session's work only", "[cli][progress]") {
  // 100 runs done before a resume, 10 more in 2 s: 5 runs/s, 90 left: ETA 18 s.
  const auto line = gs::cli::Progress::line("sweep", "runs", 110, 200, 100, 2.0);
  CHECK(line.find("110/200 runs 5.0/s ETA 18s") != std::string::npos);
  // Counting the earlier 100 would have claimed 55/s and 2 s.
  CHECK(gs::cli::Progress::line("sweep", "runs", 200, 200, 100, 2.0).find("done") !=
        std::string::npos);
  CHECK(gs::cli::Progress::line("sweep", "runs", 100, 200, 100, 0.5).find("ETA --") !=
        std::string::npos);
}
