// Small text helpers shared by validation messages and `groundswell describe`,
// so a number or a range reads the same in an error as in the documentation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/schema.hpp"

namespace gs::scenario::detail {

// "a, b, c".
std::string join(const std::vector<std::string>& words, std::string_view separator = ", ");

// Numbers as a person writes them: 1000000 rather than 1e+06, 0.25, inf.
std::string format_number(double value);

// "range [0, 1]", "at least 0", "at most 1", or "" when unbounded.
std::string format_bounds(const Bounds& bounds);

// `text` in single quotes for an error message, bounded: at most `limit`
// bytes (cut at a UTF-8 character boundary) followed by "... (N bytes)", with
// control characters shown as '?', so a 2 GB token costs a line, not 2 GB.
std::string quoted_prefix(std::string_view text, std::size_t limit = 40);

// `text` word-wrapped at `width` columns, each line indented by `indent`
// spaces and ending in a newline; newlines in `text` are kept.
std::string wrap(std::string_view text, std::size_t indent, std::size_t width = 80);

}  // namespace gs::scenario::detail
