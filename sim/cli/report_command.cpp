// `groundswell report RUN_DIR... -o report.html`: one self-contained HTML page
// from run directories, for trainers to project (sim/report/report.hpp).
//
// Contract: accepts run directories and parent directories of variant runs
// (as `groundswell run` writes for a scenario with variants). Bad input (no
// summary.json, not a directory, a malformed CSV) is reported with the path and
// exits 3 before anything is written; the page is written atomically, so it is
// either complete or absent. Prints the page's path unless --quiet.
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/report/calibration_page.hpp"
#include "sim/report/report.hpp"

namespace gs::cli {
namespace {

struct ReportArgs {
  std::vector<std::string> inputs;
  std::string output = "report.html";
  std::string title;
  bool quiet = false;
};

void report_command(const ReportArgs& args) {
  report::Options options;
  if (!args.title.empty()) options.title = args.title;
  std::vector<std::filesystem::path> inputs(args.inputs.begin(), args.inputs.end());
  if (inputs.size() == 1 && report::is_calibration_dir(inputs.front()))
    report::write_calibration_report(inputs.front(), args.output, args.title);
  else
    report::write_report(inputs, args.output, options);
  if (!args.quiet) fmt::print("report written to {}\n", args.output);
}

}  // namespace

void add_report_command(CLI::App& app) {
  auto args = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand(
      "report",
      "Make one self-contained HTML page from run directories: the network animated by "
      "engagement (needs output.snapshots=true), runs side by side, the Table 1 traits, "
      "participation, fatalism and trust, and the groups.");
  cmd->add_option("run_dirs", args->inputs,
                  "Run directories, a directory holding one sub-directory per variant, or one "
                  "calibration directory (groundswell calibrate)")
      ->required();
  cmd->add_option("-o,--output", args->output, "The HTML file to write (default: report.html)");
  cmd->add_option("--title", args->title, "Page title");
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing on success");
  cmd->callback([args] { report_command(*args); });
}

}  // namespace gs::cli
