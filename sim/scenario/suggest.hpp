// Did-you-mean suggestions for misspelt keys, choices and model names.
//
// Contract: edit_distance() is the optimal-string-alignment form of the
// Damerau-Levenshtein distance (insertions, deletions, substitutions and
// swaps of adjacent characters each cost 1), compared case-insensitively so
// that `Watts_Strogatz` is one step from nothing but its own spelling.
// closest() returns the nearest candidate only when it is close enough to be a
// plausible typo, so a suggestion is never a wild guess.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gs::scenario::detail {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, if within a third of its length (at least 1, at most 3 edits).
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

}  // namespace gs::scenario::detail
