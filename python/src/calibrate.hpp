// `_core.calibrate`: a calibration file run to completion from Python.
#pragma once

#include <pybind11/pybind11.h>

namespace gs::python {

void register_calibration(pybind11::module_& m);

}  // namespace gs::python
