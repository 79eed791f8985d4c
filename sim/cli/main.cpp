// `groundswell`: the command-line entry point. Parses the command line,
// dispatches to a subcommand and turns failures into clear messages on stderr
// and the documented exit codes.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <exception>

#include "sim/cli/commands.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/engine/output.hpp"
#include "sim/network/network.hpp"
#include "sim/scenario/scenario.hpp"

int main(int argc, char** argv) {
  using namespace gs::cli;
  CLI::App app{"Groundswell: a parallel agent-based simulator of community mobilisation."};
  app.footer(exit_code_help);
  app.set_version_flag("--version", std::string("groundswell ") + gs::version_string);
  app.require_subcommand(1);
  add_run_command(app);
  add_validate_command(app);
  add_describe_command(app);
  add_sweep_command(app);
  add_compare_command(app);
  add_sensitivity_command(app);
  add_report_command(app);
  add_calibrate_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_usage;
  } catch (const gs::scenario::ScenarioError& e) {
    for (const auto& d : e.diagnostics()) fmt::print(stderr, "{}\n", d.str());
    fmt::print(stderr, "{} problem{} found; nothing was run.\n", e.diagnostics().size(),
               e.diagnostics().size() == 1 ? "" : "s");
    return exit_invalid_input;
  } catch (const gs::scenario::InputFileError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return exit_invalid_input;
  } catch (const gs::scenario::ParameterError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return exit_invalid_input;
  } catch (const gs::OutputDirNotEmpty& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return exit_output_refused;
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return exit_failure;
  }
  return exit_ok;
}
