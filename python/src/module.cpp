// `groundswell._core`: the C++ engine seen from Python (pybind11).
//
// Contract: a thin, typed layer; python/groundswell/__init__.py turns its
// results into pandas DataFrames and is the documented API. Every function that
// runs the engine releases the GIL for the whole of its C++ work (resolving
// scenarios, running, summarising), so Python threads keep running; nothing here
// ever calls back into Python inside the tick loop (ARCHITECTURE.md). Errors
// are the classes of groundswell/_errors.py: bad input raises ScenarioError
// listing every diagnostic with file:line:column, exactly as `groundswell
// validate` does (overrides are labelled "overrides", not "--set"); a failed
// run or sweep raises RunError.
//
// Interrupts: the engine runs on a worker thread while the calling thread
// waits with the GIL released, waking every 100 ms to run Python's signal
// handlers (PyErr_CheckSignals: Ctrl-C, Jupyter's "interrupt kernel") and to
// report progress. On KeyboardInterrupt it raises the engine's stop flag,
// which every run polls after each tick (RunOptions::stop), waits for the
// worker and re-raises the KeyboardInterrupt unchanged. A sweep (sweep())
// runs on the resumable sweep executor (sweep_store.hpp): every finished run is
// journaled before it counts, so an interrupted sweep loses nothing and the
// same call finishes it.
//
// A batch (run_batch, sensitivity) resolves every job before running any, so a
// typo fails fast, then runs the jobs in parallel over TBB: a run's numbers are a
// pure function of (scenario, seed), never of thread count or scheduling, so a
// batch equals the same runs done one by one (tests/python checks this).
// Replicate seeds follow sim/experiments/design.hpp (replicate_seed), so Python
// and the `sweep`/`compare` commands give a run the same seed.
#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "calibrate.hpp"
#include "models/registry.hpp"
#include "sim/engine/output.hpp"
#include "sim/engine/runner.hpp"
#include "sim/experiments/design.hpp"
#include "sim/experiments/memory_check.hpp"
#include "sim/experiments/sensitivity.hpp"
#include "sim/experiments/sensitivity_report.hpp"
#include "sim/experiments/statistics.hpp"
#include "sim/experiments/sweep_executor.hpp"
#include "sim/experiments/sweep_plan.hpp"
#include "sim/experiments/sweep_spec.hpp"
#include "sim/experiments/sweep_store.hpp"
#include "sim/scenario/scenario.hpp"

namespace py = pybind11;
namespace fs = std::filesystem;
using nlohmann::json;

namespace gs::python {
namespace {

// Where a scenario comes from: a file, or YAML/JSON text (a Python dict) with
// an origin path that relative file names resolve against.
struct Source {
  bool is_file = true;
  std::string path;  // file, or origin for text
  std::string text;

  scenario::Document read() const {
    return is_file ? scenario::Document::read(path) : scenario::Document::parse(text, path);
  }
};

// One run: a source, its variant, overrides (key, YAML value) and seed.
struct Job {
  std::size_t source = 0;
  std::string variant;
  std::vector<std::pair<std::string, std::string>> overrides;
  std::optional<std::uint64_t> seed;
};

struct Error : std::runtime_error {  // bad input from Python: raised as ScenarioError
  using std::runtime_error::runtime_error;
};

// Work done on a worker thread: it may poll `stop` and report progress.
struct Control {
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0};
  std::atomic<std::uint64_t> total{0};
  std::string note;  // set by the work before it returns: printed if interrupted
};

// Engine threads that a KeyboardInterrupt left behind: they stop at their
// next tick; join_abandoned() waits for them (at interpreter exit).
struct Abandoned {
  std::mutex mutex;
  std::condition_variable idle;
  std::size_t running = 0;
};
Abandoned& abandoned() {
  static auto* a = new Abandoned;  // never destroyed: threads may outlive statics
  return *a;
}

// Runs work(control) on its own thread; see the header comment. `progress`
// is None or a callable (done, total) called from this thread with the GIL,
// once the work has set total.
// `work` owns what it uses (captured by value): when interrupted, a run whose
// set-up (network generation) cannot poll the flag is left to end on its own,
// and this returns at once; `wait_when_interrupted` (a sweep, which must not
// leave a writer behind in its directory) waits for it instead.
// Must be called with the GIL held.
template <class Work>
auto interruptible(Work work, const py::object& progress, bool wait_when_interrupted = false) {
  using Result = decltype(work(std::declval<Control&>()));
  auto control = std::make_shared<Control>();
  auto task = std::make_shared<std::packaged_task<Result()>>(
      [control, work = std::move(work)]() mutable { return work(*control); });
  auto future = task->get_future();
  {
    std::lock_guard lock(abandoned().mutex);
    ++abandoned().running;
  }
  std::thread([task] {
    (*task)();
    std::lock_guard lock(abandoned().mutex);
    if (--abandoned().running == 0) abandoned().idle.notify_all();
  }).detach();
  std::uint64_t reported = ~std::uint64_t{0};
  for (;;) {
    bool ready = false;
    {
      py::gil_scoped_release release;
      ready = future.wait_for(std::chrono::milliseconds(100)) == std::future_status::ready;
    }
    bool failed = PyErr_CheckSignals() != 0;
    // Nothing is reported before the work has set its total (a loaded machine can
    // poll before the worker starts: (0, 0) would be a wrong total); the work sets
    // total before done, so reading total first gives a consistent pair.
    const std::uint64_t total = control->total.load();
    const std::uint64_t done = control->done.load();
    if (!failed && !progress.is_none() && total != 0 && done != reported) {
      reported = done;
      try {
        progress(reported, total);
      } catch (py::error_already_set& e) {
        e.restore();
        failed = true;
      }
    }
    if (failed) {  // KeyboardInterrupt, or an exception from a handler or the callback
      control->stop = true;
      if (wait_when_interrupted) {
        {
          py::gil_scoped_release release;
          future.wait();
        }
        try {
          (void)future.get();
        } catch (...) {  // the run's own end (cancelled) is not the news
        }
        if (!control->note.empty()) PySys_WriteStderr("%s\n", control->note.c_str());
      }
      throw py::error_already_set();
    }
    if (ready) return future.get();
  }
}

void join_abandoned() {
  py::gil_scoped_release release;
  std::unique_lock lock(abandoned().mutex);
  abandoned().idle.wait(lock, [] { return abandoned().running == 0; });
}

std::string diagnostics_text(const scenario::ScenarioError& e) {
  std::string text;
  for (auto d : e.diagnostics()) {
    if (d.file == "--set") d.file = "overrides";
    text += d.str() + "\n";
  }
  text += std::to_string(e.diagnostics().size()) +
          (e.diagnostics().size() == 1 ? " problem found" : " problems found");
  return text;
}

std::vector<std::shared_ptr<const scenario::Scenario>> resolve_all(
    const std::vector<Source>& sources, const std::vector<Job>& jobs) {
  std::vector<std::optional<scenario::Document>> documents(sources.size());
  std::vector<std::shared_ptr<const scenario::Scenario>> resolved;
  resolved.reserve(jobs.size());
  const auto& registry = builtin_models();
  for (const Job& job : jobs) {
    if (job.source >= sources.size()) throw Error("job names source " + std::to_string(job.source));
    auto& document = documents[job.source];
    if (!document) document = sources[job.source].read();
    std::vector<scenario::Override> overrides;
    for (const auto& [key, value] : job.overrides) overrides.push_back({key, value});
    resolved.push_back(document->resolve(overrides, registry, job.variant));
  }
  return resolved;
}

RunOptions options_for(const Job& job, std::size_t threads) {
  RunOptions options;
  options.seed = job.seed;
  options.threads = threads;
  return options;
}

// Full result of one run, as Python objects (called with the GIL held).
py::dict to_python(const RunResult& r) {
  py::dict out;
  out["model"] = r.model;
  out["seed"] = r.seed;
  out["variant"] = r.scenario->variant();
  out["observables"] = r.observables;
  out["ticks"] =
      py::array_t<std::uint32_t>(static_cast<py::ssize_t>(r.ticks.size()), r.ticks.data());
  const auto rows = static_cast<py::ssize_t>(r.series.size());
  const auto cols = static_cast<py::ssize_t>(r.observables.size());
  py::array_t<double> series({rows, cols});
  auto s = series.mutable_unchecked<2>();
  for (py::ssize_t i = 0; i < rows; ++i)
    for (py::ssize_t j = 0; j < cols; ++j)
      s(i, j) = r.series[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
  out["series"] = series;
  if (!r.snapshots.empty()) {
    const auto agents = static_cast<py::ssize_t>(r.snapshots.front().size());
    py::array_t<std::uint8_t> snaps({static_cast<py::ssize_t>(r.snapshots.size()), agents});
    auto m = snaps.mutable_unchecked<2>();
    for (py::ssize_t i = 0; i < m.shape(0); ++i)
      for (py::ssize_t j = 0; j < agents; ++j)
        m(i, j) = r.snapshots[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
    out["snapshots"] = snaps;
  }
  if (!r.network.agents.empty()) {
    std::vector<std::pair<AgentId, AgentId>> ties;
    for (const Tie& t : r.network.ties) ties.emplace_back(t.u, t.v);
    out["network"] = py::dict(py::arg("agents_total") = r.network.agents_total,
                              py::arg("agents") = r.network.agents, py::arg("ties") = ties);
  }
  json tables = json::array();
  for (const auto& t : r.tables)
    tables.push_back({{"name", t.name}, {"columns", t.columns}, {"rows", t.rows}});
  // JSON text: Python's json module turns it into plain dicts and lists.
  out["tables_json"] = tables.dump();
  out["summary_json"] = summary_json(r).dump();
  return out;
}

// What a batch keeps of a run: final values and the model's summary.
struct Final {
  std::vector<std::string> observables;
  std::vector<double> values;
  std::uint64_t seed = 0;
  std::string model_summary;
};

std::vector<Final> run_jobs(const std::vector<Source>& sources, const std::vector<Job>& jobs,
                            Control& control) {
  const auto resolved = resolve_all(sources, jobs);
  const auto& registry = builtin_models();
  std::vector<Final> finals(jobs.size());
  control.total = jobs.size();
  // A run's numbers never depend on the thread count, so runs may share the pool.
  tbb::parallel_for(std::size_t{0}, jobs.size(), [&](std::size_t i) {
    RunOptions options = options_for(jobs[i], 0);
    options.stop = &control.stop;
    const RunResult r = run(resolved[i], registry, options);
    finals[i] = {r.observables, r.final_values(), r.seed, r.model_summary.dump()};
    ++control.done;
  });
  return finals;
}

// One sweep brought as far as it goes in its directory, as `groundswell sweep`
// does on one machine (sim/cli/sweep_session.cpp): same plan, store and table.
struct SweepOutcome {
  std::string dir;
  std::string table;
  std::size_t runs = 0;
  std::size_t completed = 0;
  std::size_t ran_now = 0;
  bool finished = false;
};

SweepOutcome run_sweep(const std::string& text, const std::string& origin, bool is_file,
                       const std::optional<Source>& base_text, const std::string& out,
                       const std::string& runs_root, std::size_t threads, Control& control) {
  const auto& registry = builtin_models();
  std::vector<scenario::Diagnostic> problems;
  experiments::SweepSpec spec =
      is_file ? experiments::read_sweep_spec(origin, problems)
              : experiments::parse_sweep_spec(text, origin, problems, !base_text.has_value());
  std::optional<scenario::Document> base;
  if (base_text) base = base_text->read();
  const auto plan =
      experiments::plan_sweep(spec, registry, std::move(problems), base ? &*base : nullptr);
  experiments::check_sweep_memory(plan, registry, threads);
  fs::path dir = out;
  if (dir.empty())
    dir = is_file ? fs::path(runs_root) / fs::path(origin).stem()
                  : fs::path(runs_root) / (plan.spec.name + "-" + plan.hash.substr(0, 8));
  experiments::SweepStore store(dir, plan, experiments::Shard{});
  const auto pending = store.pending();
  control.total = store.shard_runs();
  control.done = store.completed();
  SweepOutcome outcome;
  outcome.dir = dir.string();
  outcome.table = store.results_file().string();
  outcome.runs = store.shard_runs();
  if (!pending.empty()) {
    experiments::ExecuteOptions execute;
    execute.threads = threads;
    execute.stop = &control.stop;
    execute.on_recorded = [&] { control.done = store.completed(); };
    (void)experiments::execute_runs(plan, registry, pending, store, execute);
  }
  outcome.completed = store.completed();
  outcome.ran_now = outcome.completed - (store.shard_runs() - pending.size());
  if (outcome.completed == outcome.runs) {
    if (!pending.empty() || !store.results_written()) store.write_results();
    outcome.finished = true;
  } else {
    control.note = fmt::format(
        "interrupted: {} of {} runs are saved in {}; call gs.sweep() again with the same "
        "arguments to finish the remaining {}.",
        outcome.completed, outcome.runs, outcome.dir, outcome.runs - outcome.completed);
  }
  return outcome;
}

py::list finals_to_python(const std::vector<Final>& finals) {
  py::list out;
  for (const auto& f : finals) {
    out.append(py::dict(py::arg("observables") = f.observables, py::arg("values") = f.values,
                        py::arg("seed") = f.seed, py::arg("model_summary_json") = f.model_summary));
  }
  return out;
}

experiments::SeedPolicy policy_named(const std::string& name) {
  if (name == "common") return experiments::SeedPolicy::common_random_numbers;
  if (name == "independent") return experiments::SeedPolicy::independent;
  throw Error("seed policy must be 'common' or 'independent', not '" + name + "'");
}

json points_json(const std::vector<experiments::DesignPoint>& points) {
  json out = json::array();
  for (const auto& p : points) out.push_back(p.values);
  return out;
}

// Parameters of the schema, depth first, as flat records.
void flatten(const scenario::Param& p, const std::string& prefix, py::list& out) {
  using scenario::Kind;
  static const std::map<Kind, const char*> kind_names = {
      {Kind::integer, "integer"},         {Kind::real, "real"},
      {Kind::boolean, "boolean"},         {Kind::text, "text"},
      {Kind::choice, "choice"},           {Kind::path, "file path"},
      {Kind::real_list, "list of reals"}, {Kind::integer_list, "list of integers"},
      {Kind::section, "section"},         {Kind::list, "list of maps"}};
  for (const auto& f : p.fields) {
    const std::string key = prefix.empty() ? f.name : prefix + "." + f.name;
    py::dict row;
    row["key"] = key;
    row["kind"] = kind_names.at(f.kind);
    row["default"] = f.default_value.is_null() ? std::string() : f.default_value.dump();
    row["min"] = f.bounds.min ? py::cast(*f.bounds.min) : py::none();
    row["max"] = f.bounds.max ? py::cast(*f.bounds.max) : py::none();
    row["choices"] = f.choices;
    row["meaning"] = f.doc;
    out.append(row);
    if (f.kind == Kind::section || f.kind == Kind::list) flatten(f, key, out);
  }
}

}  // namespace
}  // namespace gs::python

PYBIND11_MODULE(_core, m) {
  using namespace gs::python;
  namespace ex = gs::experiments;
  m.doc() = "Groundswell engine bindings (use the `groundswell` package, not this module).";
  m.attr("version") = gs::version_string;
  // The classes live in groundswell/_errors.py (one hierarchy, multiple bases).
  py::register_exception_translator([](std::exception_ptr p) {
    const auto raise = [](const char* name, const std::string& text) {
      const auto errors = py::module_::import("groundswell._errors");
      PyErr_SetString(errors.attr(name).ptr(), text.c_str());
    };
    try {
      if (p) std::rethrow_exception(p);
    } catch (const py::builtin_exception&) {
      throw;  // pybind11's own (TypeError for a wrong argument type...)
    } catch (const gs::scenario::ScenarioError& e) {
      raise("ScenarioError", diagnostics_text(e));
    } catch (const gs::scenario::InputFileError& e) {  // an edge list or other input file
      raise("ScenarioError", e.what());
    } catch (const gs::scenario::ParameterError& e) {  // a value the model cannot use
      raise("ScenarioError", e.what());
    } catch (const Error& e) {  // a bad argument from Python
      raise("ScenarioError", e.what());
    } catch (const std::invalid_argument& e) {  // a factor or design the library refuses
      raise("ScenarioError", e.what());
    } catch (const std::exception& e) {
      raise("RunError", e.what());
    }
  });

  py::class_<Source>(m, "Source")
      .def(py::init([](bool is_file, std::string path, std::string text) {
             return Source{is_file, std::move(path), std::move(text)};
           }),
           py::arg("is_file"), py::arg("path"), py::arg("text") = "");
  py::class_<Job>(m, "Job").def(
      py::init([](std::size_t source, std::string variant,
                  std::vector<std::pair<std::string, std::string>> overrides,
                  std::optional<std::uint64_t> seed) {
        return Job{source, std::move(variant), std::move(overrides), seed};
      }),
      py::arg("source"), py::arg("variant") = "", py::arg("overrides") = py::list(),
      py::arg("seed") = py::none());

  m.def("models", [] { return gs::builtin_models().model_names(); });
  m.def("join_abandoned", &join_abandoned,
        "Wait for engine threads an interrupt left to finish their tick (at exit).");
  register_calibration(m);

  m.def(
      "describe",
      [](const std::string& model) {
        const auto* schema = gs::builtin_models().schema_for(model);
        if (schema == nullptr) throw Error("no model named '" + model + "'");
        py::list out;
        flatten(schema->root_param(), "", out);
        return out;
      },
      py::arg("model"));

  m.def(
      "sweep_keys",
      [] {
        py::list out;
        const auto add = [&out](const std::vector<ex::KeyDoc>& keys, const std::string& prefix) {
          for (const auto& k : keys)
            out.append(py::dict(py::arg("key") = prefix + k.key, py::arg("kind") = k.type,
                                py::arg("default") = k.default_value,
                                py::arg("meaning") = k.meaning));
        };
        add(ex::sweep_file_keys(), "");
        add(ex::sweep_factor_keys(), "factors[].");
        return out;
      },
      "The sweep file's keys (as `groundswell describe sweep`).");

  m.def(
      "variants",
      [](const Source& source) {
        py::gil_scoped_release release;
        return source.read().variant_names();
      },
      py::arg("source"));

  m.def(
      "run",
      [](const Source& source, const Job& job, std::size_t threads, const py::object& progress) {
        auto result = interruptible(
            [source, job, threads](Control& control) {
              const auto resolved =
                  resolve_all({source}, {Job{0, job.variant, job.overrides, job.seed}});
              gs::experiments::check_memory(*resolved.front());
              gs::RunOptions options = options_for(job, threads);
              options.stop = &control.stop;
              options.on_tick = [&control](std::uint32_t tick, std::uint32_t max_ticks) {
                control.total = max_ticks;
                control.done = tick;
              };
              return gs::run(resolved.front(), gs::builtin_models(), options);
            },
            progress);
        return to_python(result);
      },
      py::arg("source"), py::arg("job"), py::arg("threads") = 0, py::arg("progress") = py::none(),
      "Run one scenario; returns series, snapshots, network sample, tables and summary.");

  m.def(
      "run_batch",
      [](const std::vector<Source>& sources, const std::vector<Job>& jobs,
         const py::object& progress) {
        const auto finals = interruptible(
            [sources, jobs](Control& control) { return run_jobs(sources, jobs, control); },
            progress);
        return finals_to_python(finals);
      },
      py::arg("sources"), py::arg("jobs"), py::arg("progress") = py::none(),
      "Run many jobs in parallel; returns each run's final values and model summary.");

  m.def(
      "scenario_seed",
      [](const Source& source, const Job& job) {
        py::gil_scoped_release release;
        return resolve_all({source}, {Job{0, job.variant, job.overrides, job.seed}})
            .front()
            ->seed();
      },
      py::arg("source"), py::arg("job"), "The seed a resolved scenario runs with.");

  m.def(
      "sweep",
      [](const std::string& text, const std::string& origin, bool is_file,
         std::optional<Source> base, const std::string& out, const std::string& runs_root,
         std::size_t threads, const py::object& progress) {
        const auto o = interruptible(
            [&](Control& control) {
              return run_sweep(text, origin, is_file, base, out, runs_root, threads, control);
            },
            progress, /*wait_when_interrupted=*/true);
        return py::dict(py::arg("dir") = o.dir, py::arg("table") = o.table,
                        py::arg("runs") = o.runs, py::arg("completed") = o.completed,
                        py::arg("ran_now") = o.ran_now, py::arg("finished") = o.finished);
      },
      py::arg("text"), py::arg("origin"), py::arg("is_file"), py::arg("base"), py::arg("out"),
      py::arg("runs_root") = "runs", py::arg("threads") = 0, py::arg("progress") = py::none(),
      "Run a sweep (a file, or sweep-file text with an optional in-memory base scenario) on "
      "the resumable sweep executor; returns its directory, table and counts.");

  m.def(
      "replicate_seed",
      [](std::uint64_t master, std::size_t point, std::uint32_t replicate,
         const std::string& policy) {
        return ex::replicate_seed(master, point, replicate, policy_named(policy));
      },
      py::arg("master"), py::arg("point"), py::arg("replicate"), py::arg("policy") = "common");

  m.def(
      "design",
      [](const std::string& factors_json, const std::string& kind, std::size_t n,
         std::uint64_t seed) {
        const auto space = ex::ParameterSpace::from_json(json::parse(factors_json));
        if (kind == "grid") return points_json(ex::full_factorial(space)).dump();
        if (kind == "lhs") return points_json(ex::latin_hypercube(space, n, seed)).dump();
        if (kind == "sobol") return points_json(ex::sobol_sequence(space, n)).dump();
        throw Error("design must be grid, lhs or sobol, not '" + kind + "'");
      },
      py::arg("factors_json"), py::arg("kind"), py::arg("n") = 0, py::arg("seed") = 0,
      "Design points (JSON list of value lists) over factors given as JSON specs.");

  m.def(
      "summarise",
      [](const std::vector<double>& values, double level) {
        const auto s = ex::summarise(values, level);
        return py::dict(py::arg("n") = s.n, py::arg("mean") = s.mean, py::arg("sd") = s.sd,
                        py::arg("lower") = s.ci.lower, py::arg("upper") = s.ci.upper);
      },
      py::arg("values"), py::arg("level") = 0.95, "Mean with a Student-t interval.");

  m.def(
      "sensitivity",
      [](const Source& source, const Job& base, const std::string& factors_json,
         const std::string& method, std::size_t size, std::size_t levels, std::uint32_t replicates,
         std::uint64_t master_seed, const std::vector<std::string>& outputs,
         const py::object& progress) {
        const json answer = interruptible(
            [=](Control& control) {
              json result;
              const auto space = ex::ParameterSpace::from_json(json::parse(factors_json));
              std::optional<ex::MorrisDesign> morris;
              std::optional<ex::SaltelliDesign> saltelli;
              const std::vector<ex::DesignPoint>* points = nullptr;
              if (method == "morris") {
                morris = ex::morris(space, size, levels, master_seed);
                points = &morris->points;
              } else if (method == "sobol") {
                saltelli = ex::saltelli(space, size);
                points = &saltelli->points;
              } else {
                throw Error("method must be 'morris' or 'sobol', not '" + method + "'");
              }
              std::vector<Job> jobs;
              for (const auto& p : *points) {
                for (std::uint32_t r = 0; r < replicates; ++r) {
                  Job job = base;
                  job.source = 0;
                  for (std::size_t f = 0; f < space.size(); ++f)
                    job.overrides.emplace_back(space[f].key(), p.values[f].dump());
                  job.seed = ex::replicate_seed(master_seed, p.index, r,
                                                ex::SeedPolicy::common_random_numbers);
                  jobs.push_back(std::move(job));
                }
              }
              const auto finals = run_jobs({source}, jobs, control);
              result["factors"] = space.keys();
              result["points"] = points_json(*points);
              result["runs"] = jobs.size();
              const auto& names = finals.front().observables;
              for (const auto& output : outputs.empty() ? names : outputs) {
                const auto it = std::find(names.begin(), names.end(), output);
                if (it == names.end()) throw Error("no observable named '" + output + "'");
                const auto column = static_cast<std::size_t>(it - names.begin());
                std::vector<double> means(points->size(), 0.0);
                for (std::size_t j = 0; j < jobs.size(); ++j)
                  means[j / replicates] += finals[j].values[column] / replicates;
                json indices;
                if (morris) {
                  const auto mi = ex::morris_indices(*morris, means);
                  indices = {{"mu", mi.mu}, {"mu_star", mi.mu_star}, {"sigma", mi.sigma}};
                } else {
                  const auto si = ex::sobol_indices(
                      *saltelli, means, {.resamples = 500, .level = 0.95, .seed = master_seed});
                  auto bounds = [](const std::vector<ex::Interval>& v, bool upper) {
                    std::vector<double> out;
                    for (const auto& i : v) out.push_back(upper ? i.upper : i.lower);
                    return out;
                  };
                  indices = {{"first_order", si.first_order},
                             {"first_order_lower", bounds(si.first_order_ci, false)},
                             {"first_order_upper", bounds(si.first_order_ci, true)},
                             {"total_order", si.total_order},
                             {"total_order_lower", bounds(si.total_order_ci, false)},
                             {"total_order_upper", bounds(si.total_order_ci, true)}};
                  if (si.zero_variance) {
                    result["warnings"].push_back(output +
                                                 ": constant over the design (no "
                                                 "variance to apportion)");
                  } else {
                    for (const auto& w : ex::sobol_warnings(space.keys(), output, si, 0.1))
                      result["warnings"].push_back(w);
                  }
                }
                result["outputs"][output] = {{"point_means", means}, {"indices", indices}};
              }
              return result;
            },
            progress);
        // NaN (e.g. sigma from one trajectory) is written as null by nlohmann.
        return answer.dump();
      },
      py::arg("source"), py::arg("base"), py::arg("factors_json"), py::arg("method"),
      py::arg("size"), py::arg("levels"), py::arg("replicates"), py::arg("master_seed"),
      py::arg("outputs"), py::arg("progress") = py::none(),
      "Morris or Sobol' sensitivity of final observables; JSON result.");
}
