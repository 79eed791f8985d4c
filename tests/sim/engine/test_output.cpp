// Run outputs: nothing a user produced is lost, nothing is half-written, and
// numbers read back bit for bit.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "models/registry.hpp"
#include "sim/engine/csv.hpp"
#include "sim/engine/output.hpp"

namespace {

using namespace gs;
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("gs_output_" + name);
  fs::remove_all(dir);
  return dir;
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

RunResult riot(const std::vector<std::string>& sets = {}) {
  std::vector<scenario::Override> overrides;
  for (const auto& s : sets) overrides.push_back(scenario::Override::parse(s));
  return run(scenario::load(fs::path(GS_SOURCE_DIR) / "scenarios/granovetter_riot.yaml", overrides,
                            builtin_models()),
             builtin_models());
}

}  // namespace

TEST_CASE("a non-empty output directory is refused without force", "[output]") {
  const fs::path dir = fresh_dir("refuse");
  prepare_output_dir(dir, false);  // checked, not created: a failed run leaves nothing
  CHECK_FALSE(fs::exists(dir));
  fs::create_directories(dir);
  prepare_output_dir(dir, false);  // empty: fine
  std::ofstream(dir / "notes.txt") << "my notes";
  CHECK_THROWS_AS(prepare_output_dir(dir, false), OutputDirNotEmpty);
  CHECK_NOTHROW(prepare_output_dir(dir, true));
  std::ofstream(fresh_dir("a_file")) << "x";
  CHECK_THROWS_AS(prepare_output_dir(fs::temp_directory_path() / "gs_output_a_file", true),
                  OutputError);
}

TEST_CASE("writing a run with force keeps files the run does not own", "[output]") {
  const fs::path dir = fresh_dir("force");
  fs::create_directories(dir);
  std::ofstream(dir / "notes.txt") << "my notes";
  std::ofstream(dir / "series.csv") << "stale";
  write_run(riot(), dir);
  CHECK(slurp(dir / "notes.txt") == "my notes");
  CHECK(slurp(dir / "series.csv").rfind("tick,active_count,active_share,newly_active\n", 0) == 0);
  // No temporary file is left behind.
  for (const auto& entry : fs::directory_iterator(dir)) {
    CHECK(entry.path().extension() != ".tmp");
  }
}

TEST_CASE("a failed write leaves the previous file whole", "[output]") {
  const fs::path dir = fresh_dir("atomic");
  fs::create_directories(dir);
  write_atomically(dir / "data.csv", "old\n");
  CHECK_THROWS_AS(write_atomically(dir / "missing_folder" / "data.csv", "new\n"), OutputError);
  CHECK(slurp(dir / "data.csv") == "old\n");
}

TEST_CASE("numbers are written in shortest round-trip form", "[output]") {
  for (double x : {0.1, 1.0 / 3.0, 2.5e-300, 123456789.123456789, -0.0, 1e21}) {
    CHECK(std::strtod(format_number(x).c_str(), nullptr) == x);
  }
  CHECK(format_number(0.5) == "0.5");
  CHECK(format_number(100) == "100");
}

TEST_CASE("the summary records what is needed to reproduce the run", "[output]") {
  const auto result = riot({"seed=99"});
  const auto summary = summary_json(result);
  CHECK(summary["seed"] == 99);
  CHECK(summary["model"] == "threshold");
  CHECK(summary["groundswell_version"] == version_string);
  CHECK(summary["scenario"]["overrides"] == nlohmann::json::array({"seed=99"}));
  CHECK(summary["scenario"]["resolved"]["network"]["n"] == 100);
  CHECK(summary["final"]["active_count"] == 100.0);
  CHECK(summary["stop_reason"] == "fixed_point");
}

TEST_CASE("tables quote cells that need it", "[output]") {
  Table t{"groups", {"id", "issue"}, {{1, "housing, damp"}, {2, "say \"no\""}, {3, nullptr}}};
  CHECK(table_csv(t) == "id,issue\n1,\"housing, damp\"\n2,\"say \"\"no\"\"\"\n3,\n");
}

TEST_CASE("CSV lines round-trip, and an unterminated quote is an error", "[csv]") {
  const std::vector<std::string> fields{"plain", "with,comma", "with \"quote\"", "", "cr\rhere"};
  CHECK(split_csv_line(join_csv_line(fields)) == fields);
  CHECK_THROWS_AS(split_csv_line("\"open"), std::invalid_argument);
  CHECK(cell_text(nlohmann::json(nullptr)).empty());
  CHECK(cell_text(nlohmann::json(0.1)) == "0.1");
  CHECK(cell_text(nlohmann::json(true)) == "true");
}
