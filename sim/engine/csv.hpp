// The CSV dialect of every table Groundswell writes or reads back: run
// outputs, sweep tables and journals, comparison tables (RFC 4180): comma-separated,
// a field is quoted when it holds a comma, quote, CR or LF, quotes doubled.
//
// Contract: split_csv_line(join_csv_line(fields)) == fields for any fields
// that hold no line break (rows never do: numbers, seeds, factor values,
// verdicts, group issues). Numbers use gs::format_number's shortest round-trip
// form, so a table read back gives the same doubles, bit for bit.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace gs {

std::string csv_field(std::string_view text);
std::string join_csv_line(const std::vector<std::string>& fields);
// Splits one line (no trailing newline); throws std::invalid_argument on an
// unterminated quote.
std::vector<std::string> split_csv_line(std::string_view line);

// A JSON value as a table cell: numbers in shortest round-trip form, strings
// as themselves, booleans as true/false, anything else as its JSON text.
std::string cell_text(const nlohmann::json& value);

}  // namespace gs
