// The subcommands of `groundswell`, one file each. Each add_* function adds a
// subcommand whose callback does the work and throws on failure; main.cpp maps
// exceptions to the documented exit codes (exit_codes.hpp).
#pragma once

#include <CLI/CLI.hpp>

namespace gs::cli {

void add_run_command(CLI::App& app);
void add_validate_command(CLI::App& app);
void add_describe_command(CLI::App& app);
void add_sweep_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_sensitivity_command(CLI::App& app);
void add_report_command(CLI::App& app);
void add_calibrate_command(CLI::App& app);

}  // namespace gs::cli
