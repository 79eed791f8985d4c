// `groundswell._core`: the C++ engine seen from Python (pybind11).
//
// Contract: a thin, typed layer; python/groundswell/__init__.py turns its
// results into pandas DataFrames and is the documented API. Every function that
// runs the engine releases the GIL for the whole of its C++ work (resolving
// scenarios, running, summarising), so Python threads keep running; nothing here
// ever calls back into Python inside the tick loop (ARCHITECTURE.md). Scenario
// problems raise groundswell.ScenarioError (a ValueError) listing every
// diagnostic with file:line:column, exactly as `groundswell validate` does.
//
// A batch (run_batch, sensitivity) resolves every job before running any, so a
// typo fails fast, then runs the jobs in parallel over TBB: a run's numbers are a
// pure function of (scenario, seed), never of thread count or scheduling, so a
// batch equals the same runs done one by one (tests/python checks this).
// Replicate seeds follow sim/experiments/design.hpp (replicate_seed), so Python
// and the `sweep`/`compare` commands give a run the same seed.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <tbb/parallel_for.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calibrate.hpp"
#include "models/registry.hpp"
#include "sim/engine/output.hpp"
#include "sim/engine/runner.hpp"
#include "sim/experiments/design.hpp"
#include "sim/experiments/sensitivity.hpp"
#include "sim/experiments/statistics.hpp"
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

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string diagnostics_text(const scenario::ScenarioError& e) {
  std::string text;
  for (const auto& d : e.diagnostics()) text += d.str() + "\n";
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

std::vector<Final> run_jobs(const std::vector<Source>& sources, const std::vector<Job>& jobs) {
  const auto resolved = resolve_all(sources, jobs);
  const auto& registry = builtin_models();
  std::vector<Final> finals(jobs.size());
  // A run's numbers never depend on the thread count, so runs may share the pool.
  tbb::parallel_for(std::size_t{0}, jobs.size(), [&](std::size_t i) {
    RunOptions options = options_for(jobs[i], 0);
    const RunResult r = run(resolved[i], registry, options);
    finals[i] = {r.observables, r.final_values(), r.seed, r.model_summary.dump()};
  });
  return finals;
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
  static py::exception<Error> error(m, "EngineError", PyExc_RuntimeError);
  static py::exception<gs::scenario::ScenarioError> scenario_error(m, "ScenarioError",
                                                                   PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const gs::scenario::ScenarioError& e) {
      PyErr_SetString(scenario_error.ptr(), diagnostics_text(e).c_str());
    } catch (const gs::scenario::InputFileError& e) {  // an edge list or other input file
      PyErr_SetString(scenario_error.ptr(), e.what());
    } catch (const gs::scenario::ParameterError& e) {  // a value the model cannot use
      PyErr_SetString(scenario_error.ptr(), e.what());
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
  register_calibration(m);

  m.def(
      "describe",
      [](const std::string& model) {
        const auto* schema = gs::builtin_models().schema_for(model);
        if (schema == nullptr) throw py::value_error("no model named '" + model + "'");
        py::list out;
        flatten(schema->root_param(), "", out);
        return out;
      },
      py::arg("model"));

  m.def(
      "variants",
      [](const Source& source) {
        py::gil_scoped_release release;
        return source.read().variant_names();
      },
      py::arg("source"));

  m.def(
      "run",
      [](const Source& source, const Job& job, std::size_t threads) {
        std::optional<gs::RunResult> result;
        {
          py::gil_scoped_release release;
          const auto resolved =
              resolve_all({source}, {Job{0, job.variant, job.overrides, job.seed}});
          result = gs::run(resolved.front(), gs::builtin_models(), options_for(job, threads));
        }
        return to_python(*result);
      },
      py::arg("source"), py::arg("job"), py::arg("threads") = 0,
      "Run one scenario; returns series, snapshots, network sample, tables and summary.");

  m.def(
      "run_batch",
      [](const std::vector<Source>& sources, const std::vector<Job>& jobs) {
        std::vector<Final> finals;
        {
          py::gil_scoped_release release;
          finals = run_jobs(sources, jobs);
        }
        return finals_to_python(finals);
      },
      py::arg("sources"), py::arg("jobs"),
      "Run many jobs in parallel; returns each run's final values and model summary.");

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
        throw py::value_error("design must be grid, lhs or sobol, not '" + kind + "'");
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
         std::uint64_t master_seed, const std::vector<std::string>& outputs) {
        json result;
        {
          py::gil_scoped_release release;
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
          const auto finals = run_jobs({source}, jobs);
          result["factors"] = space.keys();
          result["points"] = points_json(*points);
          result["runs"] = jobs.size();
          for (const auto& output : outputs) {
            const auto& names = finals.front().observables;
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
            }
            result["outputs"][output] = {{"point_means", means}, {"indices", indices}};
          }
        }
        // NaN (e.g. sigma from one trajectory) is written as null by nlohmann.
        return result.dump();
      },
      py::arg("source"), py::arg("base"), py::arg("factors_json"), py::arg("method"),
      py::arg("size"), py::arg("levels"), py::arg("replicates"), py::arg("master_seed"),
      py::arg("outputs"), "Morris or Sobol' sensitivity of final observables; JSON result.");
}
