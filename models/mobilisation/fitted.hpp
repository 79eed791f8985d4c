// Which defaults of the mobilisation model were fitted, and how tightly.
//
// Contract: fitted_parameters() lists the behavioural parameters that the
// joint calibration scenarios/calibration/mobilisation_joint.yaml frees (issue
// 9: national survey levels and the five case studies of MODEL.md, one shared
// parameter set, only place-specific inputs differing). Each default in
// params.hpp is the median of that calibration's non-implausible points
// (history matching, second wave; its first fit, before the coordinators'
// placement change: docs/ODD.md 7.10), to two significant figures; the
// interval is their 5-95% range. annotate_fitted() writes the intervals into the
// declared schema, so `groundswell describe mobilisation` prints them under
// each parameter. A test checks that every default lies in its interval and
// that the calibration file frees exactly these parameters; refit and update
// both together (docs/ODD.md, section 7.10).
#pragma once

#include <span>

#include "sim/scenario/schema.hpp"

namespace gs::mobilisation {

struct FittedParameter {
  const char* path;  // dotted, as in scenario files
  double lower;      // 5% of the non-implausible points
  double upper;      // 95%
};

// The calibration file that fitted them, from the repository root.
inline constexpr const char* kFittingCalibration = "scenarios/calibration/mobilisation_joint.yaml";

std::span<const FittedParameter> fitted_parameters();

// Marks each fitted parameter of a declared mobilisation schema (throws
// std::logic_error if one is not declared: the table and params.cpp drifted).
void annotate_fitted(scenario::Param& root);

}  // namespace gs::mobilisation
