// Small text helpers: see text.hpp for the contract.
#include "sim/scenario/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace gs::scenario::detail {

std::string join(const std::vector<std::string>& words, std::string_view separator) {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += separator;
    out += word;
  }
  return out;
}

std::string quoted_prefix(std::string_view text, std::size_t limit) {
  std::size_t cut = std::min(text.size(), limit);
  // Step back over UTF-8 continuation bytes (10xxxxxx) so no character is split.
  if (cut < text.size())
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string out = "'";
  for (const char c : text.substr(0, cut))
    out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ? '?' : c;
  out += "'";
  if (cut < text.size()) out += fmt::format("... ({} bytes)", text.size());
  return out;
}

std::string format_number(double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  // Whole numbers below 1e15 are exact in a double and print without an exponent.
  if (std::trunc(value) == value && std::fabs(value) < 1e15)
    return fmt::format("{}", static_cast<std::int64_t>(value));
  return fmt::format("{}", value);
}

std::string format_bounds(const Bounds& bounds) {
  if (bounds.min && bounds.max)
    return fmt::format("range [{}, {}]", format_number(*bounds.min), format_number(*bounds.max));
  if (bounds.min) return "at least " + format_number(*bounds.min);
  if (bounds.max) return "at most " + format_number(*bounds.max);
  return {};
}

std::string wrap(std::string_view text, std::size_t indent, std::size_t width) {
  const std::string pad(indent, ' ');
  std::string out;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    std::string current = pad;
    std::size_t start = 0;
    while (start < line.size()) {
      const auto space = line.find(' ', start);
      const auto end = space == std::string_view::npos ? line.size() : space;
      const auto word = line.substr(start, end - start);
      start = end + 1;
      if (word.empty()) continue;
      const bool line_has_words = current.size() > pad.size();
      if (line_has_words && current.size() + 1 + word.size() > width) {
        out += current + '\n';
        current = pad;
      } else if (line_has_words) {
        current += ' ';
      }
      current += word;
    }
    out += current + '\n';
  }
  return out;
}

}  // namespace gs::scenario::detail
