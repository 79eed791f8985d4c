// One writer per sweep directory (issue 11): the store's lock refuses a second
// store at once, naming the holder; a killed holder never blocks; shards of one
// sweep share a directory; a damaged journal header is rebuilt, not fatal.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/registry.hpp"
#include "sim/engine/csv.hpp"
#include "sim/experiments/directory_lock.hpp"
#include "sim/experiments/sweep_plan.hpp"
#include "sim/experiments/sweep_spec.hpp"
#include "sim/experiments/sweep_store.hpp"

namespace gx = gs::experiments;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = fs::path(GS_SOURCE_DIR) / "tests/sim/cli/data";

gx::SweepPlan small_plan() {
  return gx::plan_sweep(
      gx::parse_sweep_spec("scenario: base.yaml\nfactors:\n  - {key: threshold.value, values: "
                           "[0.1, 0.2]}\ndesign: grid\nreplicates: 2\n",
                           data_dir / "lock_test.yaml"),
      gs::builtin_models());
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("a second store on a directory is refused at once, naming the holder", "[lock]") {
  const auto plan = small_plan();
  const auto dir = fresh_dir("gs_lock_second");
  {
    gx::SweepStore first(dir, plan, {});
    try {
      gx::SweepStore second(dir, plan, {});
      FAIL("a second store was let in");
    } catch (const gx::DirectoryLocked& e) {
      const std::string what = e.what();
      CHECK(what.find("being written by another sweep (pid " + std::to_string(::getpid()) +
                      " on host ") != std::string::npos);
    }
    // Shards own different journals: they may share the directory at once.
    gx::SweepStore shard0(dir, plan, gx::Shard::parse("0/2"));
    gx::SweepStore shard1(dir, plan, gx::Shard::parse("1/2"));
    CHECK(shard0.shard_runs() + shard1.shard_runs() == plan.runs.size());
  }
  gx::SweepStore again(dir, plan, {});  // released with its holder
  CHECK(again.pending().size() == plan.runs.size());
  fs::remove_all(dir);
}

TEST_CASE("a holder killed with SIGKILL leaves a lock file that blocks no one", "[lock]") {
  const auto dir = fresh_dir("gs_lock_killed");
  fs::create_directories(dir);
  const fs::path file = dir / ".journal.lock";
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const gx::DirectoryLock held(file, "sweep", gx::DirectoryLock::Wait::no);
    (void)!::write(ready[1], "x", 1);
    ::pause();
    ::_exit(0);
  }
  char byte = 0;
  REQUIRE(::read(ready[0], &byte, 1) == 1);
  try {
    gx::DirectoryLock mine(file, "sweep", gx::DirectoryLock::Wait::no);
    FAIL("the lock was taken while its holder lives");
  } catch (const gx::DirectoryLocked& e) {
    CHECK(std::string(e.what()).find("pid " + std::to_string(child) + " on host") !=
          std::string::npos);
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(fs::exists(file));
  CHECK_NOTHROW(gx::DirectoryLock(file, "sweep", gx::DirectoryLock::Wait::no));
  ::close(ready[0]);
  ::close(ready[1]);
  fs::remove_all(dir);
}

TEST_CASE("a damaged or lost journal header is rebuilt; no synced run is lost", "[lock]") {
  const auto& registry = gs::builtin_models();
  const auto plan = small_plan();
  const auto dir = fresh_dir("gs_lock_header");
  {
    gx::SweepStore store(dir, plan, {});
    for (const auto& run : plan.runs)
      store.record(run.run_id, gs::join_csv_line(plan.row(run, plan.execute(run, registry))), "");
  }
  const std::string journal = read_all(dir / "journal.csv");
  const auto newline = journal.find('\n');
  std::string flipped = journal;
  flipped[3] = static_cast<char>(flipped[3] ^ 0x20);  // one flipped bit in the header
  for (const std::string& damaged : {flipped, journal.substr(newline + 1)}) {
    std::ofstream(dir / "journal.csv", std::ios::binary | std::ios::trunc) << damaged;
    gx::SweepStore store(dir, plan, {});
    CHECK(store.header_repaired());
    CHECK(store.discarded() == 0);
    CHECK(store.completed() == plan.runs.size());
    CHECK(read_all(dir / "journal.csv") == journal);
  }
  fs::remove_all(dir);
}
