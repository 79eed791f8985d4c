// `groundswell run FILE`: run one scenario and write its outputs.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <string>
#include <vector>

#include "models/registry.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/run_brief.hpp"
#include "sim/engine/memory_estimate.hpp"
#include "sim/engine/output.hpp"
#include "sim/engine/runner.hpp"
#include "sim/experiments/memory_check.hpp"

namespace gs::cli {
namespace fs = std::filesystem;
namespace {

struct RunArgs {
  std::string file;
  std::vector<std::string> sets;
  std::uint64_t seed = 0;
  bool seed_given = false;
  std::size_t threads = 0;
  std::string out;
  bool force = false;
  bool quiet = false;
  bool all = false;     // every observable, not the plain-words brief
  std::string variant;  // run only this variant of a file that has several
  bool no_memory_check = false;
};

// The default output directory: runs/<scenario stem>, or the first free runs/<stem>-N,
// so a run never lands on an earlier one.
fs::path default_out_dir(const std::string& scenario_file) {
  const fs::path base = fs::path("runs") / fs::path(scenario_file).stem();
  fs::path candidate = base;
  for (int n = 2; fs::exists(candidate) && !fs::is_empty(candidate); ++n) {
    candidate = base.string() + "-" + std::to_string(n);
  }
  return candidate;
}

void print_human_summary(const RunResult& result, const fs::path& out_dir) {
  const auto& values = result.scenario->values();
  const auto name = values.at("name").get<std::string>();
  fmt::print("{} (model {}, seed {})\n",
             name.empty() ? result.scenario->file().stem().string() : name, result.model,
             result.seed);
  fmt::print("  ran {} {}{} in {:.3f} s (set-up {:.3f} s); stopped at {}\n", result.ticks_run,
             values.at("run").at("tick_unit").get<std::string>(), result.ticks_run == 1 ? "" : "s",
             result.step_seconds, result.setup_seconds,
             result.stop_reason == "fixed_point" ? "a fixed point" : "the tick limit");
  std::size_t width = 0;
  for (const auto& o : result.observables) width = std::max(width, o.size());
  for (std::size_t i = 0; i < result.observables.size(); ++i) {
    fmt::print("  {:<{}}  {:.6g}\n", result.observables[i], width, result.final_values()[i]);
  }
  fmt::print("  outputs in {}\n", out_dir.string());
}

// Prints the variants side by side: verdict and the model's headline traits
// first (when its summary has them), then every observable.
void print_side_by_side(const std::vector<std::string>& names, const std::vector<RunResult>& runs,
                        const fs::path& out_dir) {
  std::size_t width = 12;
  for (const auto& o : runs.front().observables) width = std::max(width, o.size());
  auto row = [&](const std::string& label, auto&& cell) {
    fmt::print("  {:<{}}", label, width);
    for (std::size_t v = 0; v < runs.size(); ++v) fmt::print("  {:>14}", cell(runs[v]));
    fmt::print("\n");
  };
  fmt::print("{} variants, seed {}, {} ticks\n", runs.size(), runs.front().seed,
             runs.front().ticks_run);
  row("", [&](const RunResult& r) { return r.scenario->variant(); });
  const auto& first = runs.front().model_summary;
  if (first.contains("verdict")) {
    row("verdict", [](const RunResult& r) { return r.model_summary.value("verdict", ""); });
  }
  const auto& observables = runs.front().observables;
  auto is_trait = [&](const std::string& name) {
    return first.contains("traits") && first["traits"].is_object() &&
           first["traits"].contains(name);
  };
  auto print_observable = [&](std::size_t i) {
    row(observables[i],
        [i](const RunResult& r) { return fmt::format("{:.6g}", r.final_values()[i]); });
  };
  bool any_trait = false;
  for (std::size_t i = 0; i < observables.size(); ++i) {
    if (is_trait(observables[i])) {
      print_observable(i);
      any_trait = true;
    }
  }
  if (any_trait) fmt::print("  {}\n", std::string(width + runs.size() * 16, '-'));
  for (std::size_t i = 0; i < observables.size(); ++i) {
    if (!is_trait(observables[i])) print_observable(i);
  }
  fmt::print("  outputs in {}/{{{}}}\n", out_dir.string(), fmt::join(names, ","));
}

// comparison.csv: one row per observable, one column per variant (final values).
std::string comparison_csv(const std::vector<std::string>& names,
                           const std::vector<RunResult>& runs) {
  std::string out = "observable";
  for (const auto& name : names) out += "," + name;
  out += '\n';
  for (std::size_t i = 0; i < runs.front().observables.size(); ++i) {
    out += runs.front().observables[i];
    for (const auto& r : runs) out += "," + format_number(r.final_values()[i]);
    out += '\n';
  }
  return out;
}

void run_command(const RunArgs& args) {
  std::vector<scenario::Override> overrides;
  for (const auto& s : args.sets) overrides.push_back(scenario::Override::parse(s));
  const auto& registry = builtin_models();
  const auto document = scenario::Document::read(args.file);
  std::vector<std::string> variants = document.variant_names();
  if (!args.variant.empty()) variants = {args.variant};

  // Validate every variant before touching the disk.
  std::vector<std::shared_ptr<const scenario::Scenario>> specs;
  if (variants.empty()) {
    specs.push_back(document.resolve(overrides, registry));
  } else {
    std::vector<scenario::Diagnostic> problems;
    for (const auto& name : variants) {
      try {
        specs.push_back(document.resolve(overrides, registry, name));
      } catch (const scenario::ScenarioError& e) {
        problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
      }
    }
    if (!problems.empty()) throw scenario::ScenarioError(std::move(problems));
  }
  if (!args.no_memory_check)
    for (const auto& spec : specs) experiments::check_memory(*spec);
  const fs::path out_dir = args.out.empty() ? default_out_dir(args.file) : fs::path(args.out);
  prepare_output_dir(out_dir, args.force);

  RunOptions options;
  if (args.seed_given) options.seed = args.seed;
  options.threads = args.threads;
  std::vector<RunResult> results;
  bool marked = false;  // with variants: out_dir is incomplete until comparison.csv is in
  for (const auto& spec : specs) {
    const std::string label = spec->variant().empty() ? "running" : spec->variant();
    Progress progress(label, "ticks", !args.quiet);
    options.on_tick = [&](std::uint32_t tick, std::uint32_t max) { progress.update(tick, max); };
    try {
      results.push_back(run(spec, registry, options));
    } catch (const scenario::ParameterError& e) {
      throw scenario::ScenarioError({spec->locate(e.key(), e.message())});
    }
    progress.finish();
    const fs::path dir = spec->variant().empty() ? out_dir : out_dir / spec->variant();
    if (!spec->variant().empty() && !marked) {
      mark_incomplete(out_dir);
      marked = true;
    }
    write_run(results.back(), dir);
  }
  if (!variants.empty())
    write_atomically(out_dir / "comparison.csv", comparison_csv(variants, results));
  if (marked) mark_complete(out_dir);
  if (args.quiet) return;
  if (!args.all && has_brief(results.front())) {
    const auto& first = *results.front().scenario;
    const auto name = first.values().at("name").get<std::string>();
    fmt::print("{}: {} {}{}, seed {}\n", name.empty() ? first.file().stem().string() : name,
               results.front().ticks_run,
               first.values().at("run").at("tick_unit").get<std::string>(),
               results.front().ticks_run == 1 ? "" : "s", results.front().seed);
    fmt::print("{}", brief_summary(variants.empty() ? std::vector<std::string>{"result"} : variants,
                                   results));
    fmt::print("  outputs in {} (--all prints every observable)\n", out_dir.string());
    return;
  }
  if (variants.empty()) {
    print_human_summary(results.front(), out_dir);
    return;
  }
  print_side_by_side(variants, results, out_dir);
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run",
                                 "Run a scenario and write series.csv, summary.json and "
                                 "the model's tables to an output directory.");
  cmd->add_option("file", args->file, "Scenario YAML file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--set", args->sets, "Override a scenario key: path.to.key=value (repeatable)");
  cmd->add_option("--seed", args->seed, "Override the scenario's seed")
      ->each([args](const std::string&) { args->seed_given = true; });
  cmd->add_option("--threads", args->threads,
                  "Worker threads (0 = all cores); results do not "
                  "depend on it")
      ->check(thread_count());
  cmd->add_option("--out", args->out,
                  "Output directory (default: runs/<scenario name>[-N]); a file with variants "
                  "writes one sub-directory per variant and comparison.csv");
  cmd->add_flag("--force", args->force,
                "Write into a non-empty output directory (replaces only the files a run writes)");
  cmd->add_option("--variant", args->variant,
                  "Run only this variant (default: every variant the file defines)");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress bar and no summary on stdout");
  cmd->add_flag("--all", args->all,
                "Print every final observable (default: verdict, participation and traits in "
                "plain words, when the model reports them)");
  cmd->add_flag("--no-memory-check", args->no_memory_check,
                "Run even when the run's estimated memory exceeds the machine's available memory");
  cmd->callback([args] { run_command(*args); });
}

}  // namespace gs::cli
