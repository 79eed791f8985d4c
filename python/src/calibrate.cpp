// `_core.calibrate(file, out, threads)`: runs (or resumes) a calibration file
// into `out` with the same driver, sweep store and executor as `groundswell
// calibrate` (sim/experiments/calibration.hpp), so the directory and the
// result are byte-identical to the command's for the same file. The GIL is
// released while runs execute. Returns calibration.json's text; the Python
// side (groundswell/_calibration.py) turns it into DataFrames. Ctrl-C in
// Python cannot stop it mid-batch; interrupting the process is safe (the
// journals keep every finished run, and calling again resumes).
#include "calibrate.hpp"

#include <pybind11/stl.h>

#include <filesystem>
#include <optional>
#include <string>

#include "models/registry.hpp"
#include "sim/experiments/calibration.hpp"
#include "sim/experiments/sweep_executor.hpp"

namespace gs::python {
namespace py = pybind11;
namespace fs = std::filesystem;
namespace ex = gs::experiments;

void register_calibration(py::module_& m) {
  m.def(
      "calibrate",
      [](const std::string& file, const std::string& out, std::size_t threads) {
        py::gil_scoped_release release;
        const auto& registry = builtin_models();
        const auto spec = ex::read_calibration_spec(file);
        const auto context = ex::prepare_calibration(spec, registry);
        const ex::BatchRunner runner = [&](const ex::SweepPlan& plan,
                                           const fs::path& dir) -> std::optional<ex::SweepTable> {
          ex::SweepStore store(dir, plan, ex::Shard{});
          const auto pending = store.pending();
          ex::ExecuteOptions options;
          options.threads = threads;
          (void)ex::execute_runs(plan, registry, pending, store, options);
          if (!store.results_written()) store.write_results();
          return ex::read_batch_table(dir, ex::Shard{});
        };
        const auto outcome = ex::run_calibration(context, registry, out, runner);
        return outcome.result.dump();
      },
      py::arg("file"), py::arg("out"), py::arg("threads") = 0);
}

}  // namespace gs::python
