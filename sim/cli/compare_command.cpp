// `groundswell compare A.yaml B.yaml ... --replicates R`: every scenario (each
// variant of it) R times with common random numbers, side by side.
#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "models/registry.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/interrupt.hpp"
#include "sim/cli/progress.hpp"
#include "sim/core/parallel.hpp"
#include "sim/engine/csv.hpp"
#include "sim/engine/output.hpp"
#include "sim/engine/runner.hpp"
#include "sim/experiments/comparison.hpp"
#include "sim/experiments/design.hpp"
#include "sim/scenario/suggest.hpp"

namespace gs::cli {
namespace fs = std::filesystem;
namespace {

struct CompareArgs {
  std::vector<std::string> files;
  std::uint32_t replicates = 20;
  std::string out;
  std::uint64_t seed = 0;
  bool seed_given = false;
  std::size_t threads = 0;
  std::vector<std::string> sets;
  std::vector<std::string> observables;
  double level = 0.95;
  experiments::EconomicNames economics;
  std::vector<std::string> economics_given;  // flags the user set: their names must exist
  bool force = false;
  bool quiet = false;
};

struct Arm {
  std::string label;
  std::shared_ptr<const scenario::Scenario> scenario;
};

// Refuses names that are not observables of the model, with a suggestion
// (a misspelt --observables must not be dropped silently).
void check_names(const std::string& flag, const std::vector<std::string>& names,
                 const std::vector<std::string>& observables) {
  std::vector<std::string> problems;
  for (const auto& name : names) {
    if (std::find(observables.begin(), observables.end(), name) != observables.end()) continue;
    std::string message = fmt::format("'{}' is not an observable of this model", name);
    if (const auto near = scenario::detail::closest(name, observables))
      message += fmt::format(" (did you mean '{}'?)", *near);
    problems.push_back(message);
  }
  if (problems.empty()) return;
  std::string text;
  for (const auto& p : problems) text += (text.empty() ? "" : "; ") + p;
  std::string list;
  for (const auto& o : observables) list += (list.empty() ? "" : ", ") + o;
  throw CLI::ValidationError(flag, text + ". Observables: " + list);
}

// The observables the arms report, from a zero-tick run of the first (cheap:
// set-up only), so that names can be checked before anything long runs.
std::vector<std::string> probe_observables(const scenario::Document& document,
                                           const std::vector<scenario::Override>& overrides,
                                           const std::string& variant,
                                           const ModelRegistry& registry) {
  auto probe = overrides;
  probe.push_back({"run.max_ticks", "0"});
  probe.push_back({"output.snapshots", "false"});
  return run(document.resolve(probe, registry, variant), registry).observables;
}

fs::path default_out_dir(const std::string& first_file) {
  const fs::path base = fs::path("runs") / ("compare-" + fs::path(first_file).stem().string());
  fs::path candidate = base;
  for (int n = 2; fs::exists(candidate) && !fs::is_empty(candidate); ++n)
    candidate = base.string() + "-" + std::to_string(n);
  return candidate;
}

int compare_command(const CompareArgs& args) {
  const auto& registry = builtin_models();
  std::vector<scenario::Override> overrides;
  for (const auto& s : args.sets) overrides.push_back(scenario::Override::parse(s));
  // Resolve every arm before running anything: all problems at once.
  std::vector<Arm> arms;
  std::vector<scenario::Diagnostic> problems;
  std::vector<std::string> known_observables;
  for (const auto& file : args.files) {
    try {
      const auto document = scenario::Document::read(file);
      auto variants = document.variant_names();
      if (variants.empty()) variants.push_back("");
      const bool names_to_check = !args.observables.empty() || !args.economics_given.empty();
      if (names_to_check && known_observables.empty() && problems.empty())
        known_observables = probe_observables(document, overrides, variants.front(), registry);
      const auto stem = fs::path(file).stem().string();
      for (const auto& variant : variants)
        arms.push_back({variant.empty()          ? stem
                        : args.files.size() == 1 ? variant
                                                 : stem + ":" + variant,
                        document.resolve(overrides, registry, variant)});
    } catch (const scenario::ScenarioError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw scenario::ScenarioError(std::move(problems));
  check_names("--observables", args.observables, known_observables);
  for (const auto& flag : args.economics_given) {
    const auto& name = flag == "--cost"    ? args.economics.cost
                       : flag == "--value" ? args.economics.value
                                           : args.economics.participants;
    check_names(flag, {name}, known_observables);
  }
  const fs::path out = args.out.empty() ? default_out_dir(args.files.front()) : fs::path(args.out);
  prepare_output_dir(out, args.force);  // vets only: the folder is made once there are results

  const std::uint64_t master = args.seed_given ? args.seed : arms.front().scenario->seed();
  const std::size_t R = args.replicates;
  std::vector<RunResult> results(arms.size() * R);
  const std::size_t threads =
      args.threads == 0 ? static_cast<std::size_t>(tbb::this_task_arena::max_concurrency())
                        : args.threads;
  InterruptGuard guard;
  const auto& stop = InterruptGuard::requested();
  {
    ThreadLimit limit(threads);
    Progress progress("compare", "runs", !args.quiet);
    std::mutex mutex;
    std::size_t done = 0;
    tbb::parallel_for(
        std::size_t{0}, results.size(),
        [&](std::size_t i) {
          if (stop.load()) return;
          const std::size_t a = i / R;
          const auto r = static_cast<std::uint32_t>(i % R);
          RunOptions options;
          options.seed = experiments::replicate_seed(
              master, 0, r, experiments::SeedPolicy::common_random_numbers);
          options.threads = threads;
          options.stop = &stop;
          try {
            tbb::task_arena arena(1);
            results[i] = arena.execute([&] { return run(arms[a].scenario, registry, options); });
          } catch (const RunCancelled&) {
            return;
          }
          std::lock_guard lock(mutex);
          progress.update(++done, results.size());
        },
        tbb::simple_partitioner());
  }
  if (stop.load()) {
    fmt::print(stderr,
               "interrupted: nothing was written (a comparison is not resumable; it "
               "runs again from the start).\n");
    return exit_interrupted;
  }

  const auto observables = results.front().observables;
  std::vector<experiments::CompareArm> compare_arms;
  const bool verdict = results.front().model_summary.contains("verdict");
  std::string runs_csv = "arm,replicate,seed";
  for (const auto& o : observables) runs_csv += "," + gs::csv_field(o);
  runs_csv += verdict ? ",verdict\n" : "\n";
  for (std::size_t a = 0; a < arms.size(); ++a) {
    experiments::CompareArm arm;
    arm.label = arms[a].label;
    arm.values.assign(observables.size(), std::vector<double>(R));
    for (std::size_t r = 0; r < R; ++r) {
      const auto& result = results[a * R + r];
      if (result.observables != observables)
        throw std::runtime_error(arm.label + " reports other observables than " +
                                 arms.front().label + ": only scenarios of one model compare");
      std::vector<std::string> row{arm.label, std::to_string(r), std::to_string(result.seed)};
      for (std::size_t o = 0; o < observables.size(); ++o) {
        arm.values[o][r] = result.final_values()[o];
        row.push_back(format_number(result.final_values()[o]));
      }
      if (verdict) {
        const auto v = result.model_summary.value("verdict", std::string());
        arm.verdicts.push_back(v);
        row.push_back(v);
      }
      runs_csv += gs::join_csv_line(row) + "\n";
    }
    compare_arms.push_back(std::move(arm));
  }
  experiments::CompareOptions compare_options;
  compare_options.level = args.level;
  compare_options.bootstrap_seed = master;
  compare_options.economics = args.economics;
  const auto comparison = experiments::compare(compare_arms, observables,
                                               results.front().observable_info, compare_options);
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) throw OutputError(out.string() + ": cannot create directory: " + ec.message());
  write_atomically(out / "runs.csv", runs_csv);
  write_atomically(out / "compare.csv", experiments::comparison_csv(comparison));
  write_atomically(out / "compare.md", "# Comparison\n\n" + experiments::comparison_markdown(
                                                                comparison, args.observables));
  if (!args.quiet) {
    fmt::print("{}", experiments::comparison_text(comparison, args.observables));
    fmt::print("\nwritten: {}, {}, {}\n", (out / "compare.csv").string(),
               (out / "compare.md").string(), (out / "runs.csv").string());
  }
  return exit_ok;
}

}  // namespace

void add_compare_command(CLI::App& app) {
  auto args = std::make_shared<CompareArgs>();
  auto* cmd = app.add_subcommand(
      "compare",
      "Run scenarios (each variant of each) R times with common random numbers and compare "
      "their final observables: means with 95% intervals that respect each observable's "
      "range, paired differences from the first, shares of runs per category, and net "
      "benefit, return and cost per additional participant against the first.");
  cmd->add_option("files", args->files, "Scenario YAML files; the first is the reference")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-r,--replicates", args->replicates, "Runs per scenario (default 20)")
      ->check(CLI::Range(2u, 1000000u));
  cmd->add_option("--seed", args->seed,
                  "Master seed of the common replicate seeds (default: the first scenario's)")
      ->each([args](const std::string&) { args->seed_given = true; });
  cmd->add_option("--set", args->sets, "Override a key in every scenario: path.to.key=value");
  cmd->add_option("--observables", args->observables,
                  "Observables to print (default: all; the CSV always has all)")
      ->delimiter(',');
  // Economics against the first scenario: which observables hold cost, value, people.
  const auto economic = [&](const char* flag, std::string& name, const char* meaning) {
    cmd->add_option(flag, name, fmt::format("Observable with {} (default {})", meaning, name))
        ->each([args, flag](const std::string&) { args->economics_given.emplace_back(flag); });
  };
  economic("--cost", args->economics.cost, "the cost in pounds");
  economic("--value", args->economics.value, "the value of outcomes in pounds");
  economic("--participants", args->economics.participants, "the people taking part");
  cmd->add_option("--level", args->level, "Confidence level (default 0.95)")
      ->check(CLI::Range(0.5, 0.9999));
  cmd->add_option("--threads", args->threads, "Runs at once (0 = all cores)")
      ->check(thread_count());
  cmd->add_option("--out", args->out, "Output directory (default: runs/compare-<first stem>[-N])");
  cmd->add_flag("--force", args->force, "Write into a non-empty output directory");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress bar and no table on stdout");
  cmd->callback([args] {
    const int code = compare_command(*args);
    if (code != exit_ok) std::exit(code);
  });
}

}  // namespace gs::cli
