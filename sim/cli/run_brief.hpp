// What `groundswell run` prints by default for a room, not a spreadsheet: the
// settings side by side (one column per variant), verdict, mobilisation index,
// share taking part and each trait of the model's summary with its meaning in
// plain words, every number rounded to what a reader can compare (indices to
// two decimals, shares to whole percent). An undefined value (NaN, or null in
// the summary) prints as "n/a", never as 0.
//
// Contract: has_brief(run) says whether the run's model summary carries a
// verdict and traits (the mobilisation model's summary, models/mobilisation/
// observables.cpp); other models keep the full listing. Traits the table below
// does not know (a model that gains one) still print, under their own name.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/engine/runner.hpp"

namespace gs::cli {

bool has_brief(const RunResult& run);

// `columns` names each run (variant names, or the scenario's name for one run).
std::string brief_summary(const std::vector<std::string>& columns,
                          const std::vector<RunResult>& runs);

}  // namespace gs::cli
