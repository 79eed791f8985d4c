// Validation: a document tree checked against the schema, becoming typed JSON.
//
// Contract: resolve_values() walks the schema and the tree together and
// returns a JSON object holding every key of the schema, typed (int64 for
// integers, double for reals even when written `1`, bool, string, absolute
// path strings, arrays; sections as objects, lists as arrays of objects with
// each element's defaults filled). Keys absent from the tree take their
// defaults; unknown keys never appear. Every problem found is appended to
// `problems` and the walk goes on, so one run reports them all; the returned
// JSON is meaningful only when no problem was added.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "sim/scenario/schema.hpp"
#include "sim/scenario/tree.hpp"

namespace gs::scenario::detail {

// `base_dir` is where relative paths start: the scenario file's folder.
nlohmann::json resolve_values(const Param& root, const Node& tree,
                              const std::filesystem::path& base_dir,
                              std::vector<Problem>& problems);

}  // namespace gs::scenario::detail
