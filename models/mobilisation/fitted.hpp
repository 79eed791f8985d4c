// Which defaults of the mobilisation model were fitted, and how tightly.
//
// Contract: fitted_parameters() lists the behavioural parameters that the
// joint calibration scenarios/calibration/mobilisation_joint.yaml frees (issue
// 9: national survey levels and the five case studies of MODEL.md, one shared
// parameter set, only place-specific inputs differing). The interval is the
// 5-95% range of the non-implausible points of that file's latest run
// (history matching, second wave). The defaults in params.hpp are the medians
// of its first fit, which freed five of the seven, to two significant
// figures, and two values set by hand (groups.event_helpers,
// groups.member_skills); docs/ODD.md 7.10. annotate_fitted() writes the intervals into the
// declared schema, so `groundswell describe mobilisation` prints them under
// each parameter. A test checks that every default lies in its interval and
// that the calibration file frees exactly these parameters; refit and update
// both together (docs/ODD.md, section 7.10).
#pragma once

#include <span>

#include "sim/scenario/schema.hpp"

namespace gs::mobilisation {

struct FittedParameter {
  const char* path;       // dotted, as in scenario files
  double lower;           // 5% of the non-implausible points
  double upper;           // 95%
  bool hand_set = false;  // the default was set by hand; the fit only checks it
};

// The calibration file that fitted them, from the repository root.
inline constexpr const char* kFittingCalibration = "scenarios/calibration/mobilisation_joint.yaml";

std::span<const FittedParameter> fitted_parameters();

// Marks each fitted parameter of a declared mobilisation schema (throws
// std::logic_error if one is not declared: the table and params.cpp drifted).
void annotate_fitted(scenario::Param& root);

}  // namespace gs::mobilisation
