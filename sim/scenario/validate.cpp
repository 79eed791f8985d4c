// Validation: see validate.hpp for the contract.
#include "sim/scenario/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <system_error>

#include "sim/scenario/suggest.hpp"
#include "sim/scenario/text.hpp"

namespace gs::scenario::detail {
namespace {

using nlohmann::json;

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// from_chars rejects a leading '+', which people (and YAML) allow.
std::string_view without_plus(std::string_view text) {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
  return text;
}

// A real as YAML and people write it: 0.25, 1e6, +3, .inf; NaN is not a parameter value.
std::optional<double> parse_real(std::string_view text) {
  const std::string folded = lower(text);
  if (folded == ".inf" || folded == "+.inf") return HUGE_VAL;
  if (folded == "-.inf") return -HUGE_VAL;
  text = without_plus(text);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || std::isnan(value))
    return std::nullopt;
  return value;
}

// "0,5" is a number in much of Europe; say so rather than leave the reader puzzled.
std::string decimal_comma_hint(const std::string& text) {
  std::string dotted = text;
  std::replace(dotted.begin(), dotted.end(), ',', '.');
  if (dotted == text || !parse_real(dotted)) return {};
  return fmt::format(" (write the decimal point as '.', as in {})", dotted);
}

enum class IntegerParse { ok, not_a_number, not_whole, too_large };

// Integers also in scientific notation (1e6) as long as the value is whole and fits int64.
IntegerParse parse_integer(std::string_view text, std::int64_t& out) {
  const std::string_view digits = without_plus(text);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  if (end == digits.data() + digits.size()) {
    if (error == std::errc{}) return IntegerParse::ok;
    if (error == std::errc::result_out_of_range) return IntegerParse::too_large;
  }
  const auto real = parse_real(text);
  if (!real) return IntegerParse::not_a_number;
  if (std::isinf(*real)) return IntegerParse::too_large;
  if (std::trunc(*real) != *real) return IntegerParse::not_whole;
  constexpr double kTwoTo63 = 9223372036854775808.0;
  if (*real >= kTwoTo63 || *real < -kTwoTo63) return IntegerParse::too_large;
  out = static_cast<std::int64_t>(*real);
  return IntegerParse::ok;
}

std::optional<bool> parse_boolean(std::string_view text) {
  const std::string folded = lower(text);
  if (folded == "true" || folded == "yes" || folded == "on") return true;
  if (folded == "false" || folded == "no" || folded == "off") return false;
  return std::nullopt;
}

bool within(double value, const Bounds& bounds) {
  return !(bounds.min && value < *bounds.min) && !(bounds.max && value > *bounds.max);
}

std::string out_of_range(std::string_view written, const Bounds& bounds) {
  if (bounds.min && bounds.max)
    return fmt::format("{} is out of {}", written, format_bounds(bounds));
  return fmt::format("{} is out of range: must be {}", written, format_bounds(bounds));
}

std::vector<std::string> field_names(const Param& section) {
  std::vector<std::string> names;
  for (const auto& field : section.fields) names.push_back(field.name);
  return names;
}

const Param* field_named(const Param& section, std::string_view name) {
  for (const auto& field : section.fields)
    if (field.name == name) return &field;
  return nullptr;
}

std::string join_key(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

class Resolver {
 public:
  Resolver(const std::filesystem::path& base_dir, std::vector<Problem>& problems)
      : base_dir_(base_dir), problems_(problems) {}

  // A section (or list element): `node` is null when the section was not written.
  json section(const Param& schema, const Node* node, const std::string& key) {
    const bool is_map = node != nullptr && node->shape == Node::Shape::map;
    if (node != nullptr && !is_map && node->shape != Node::Shape::null)
      report(node->place, key,
             fmt::format("expected a section of `key: value` lines, got {}", found(*node)));
    if (is_map)
      for (const auto& entry : node->entries)
        if (field_named(schema, entry.key) == nullptr) unknown_key(schema, entry, key);

    json out = json::object();
    for (const auto& field : schema.fields) {
      const Node* given = is_map ? node->find(field.name) : nullptr;
      const std::string field_key = join_key(key, field.name);
      if (given == nullptr && field.required) {
        report(node != nullptr ? node->place : Place{}, field_key, "missing; this key is required");
      }
      out[field.name] =
          given != nullptr ? value(field, *given, field_key) : default_of(field, field_key);
    }
    return out;
  }

 private:
  json default_of(const Param& field, const std::string& key) {
    if (field.kind == Kind::section) return section(field, nullptr, key);
    if (field.kind == Kind::list) return json::array();
    return field.default_value;
  }

  json value(const Param& field, const Node& node, const std::string& key) {
    switch (field.kind) {
      case Kind::section:
        return section(field, &node, key);
      case Kind::list:
        return list(field, node, key);
      case Kind::real_list:
        return numbers(field, Kind::real, node, key);
      case Kind::integer_list:
        return numbers(field, Kind::integer, node, key);
      default:
        return scalar(field, field.kind, node, key);
    }
  }

  json list(const Param& element, const Node& node, const std::string& key) {
    json out = json::array();
    if (node.shape == Node::Shape::null) return out;
    if (node.shape != Node::Shape::sequence) {
      report(node.place, key,
             fmt::format("expected a list of maps, one per element starting with '- ', got {}",
                         found(node)));
      return out;
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const Node& item = node.items[i];
      const std::string item_key = fmt::format("{}[{}]", key, i);
      if (item.shape == Node::Shape::map || item.shape == Node::Shape::null) {
        out.push_back(section(element, &item, item_key));
      } else {
        report(item.place, item_key,
               fmt::format("expected a map of `key: value` lines, got {}", found(item)));
      }
    }
    return out;
  }

  // A numeric list; a single number stands for a list of one.
  json numbers(const Param& field, Kind element, const Node& node, const std::string& key) {
    json out = json::array();
    switch (node.shape) {
      case Node::Shape::null:
        break;
      case Node::Shape::scalar:
        out.push_back(scalar(field, element, node, key));
        break;
      case Node::Shape::sequence:
        for (std::size_t i = 0; i < node.items.size(); ++i)
          out.push_back(scalar(field, element, node.items[i], fmt::format("{}[{}]", key, i)));
        break;
      case Node::Shape::map:
        report(node.place, key,
               fmt::format("expected a list of {}, such as [1, 2, 3], got a map",
                           element == Kind::integer ? "integers" : "real numbers"));
        break;
    }
    return out;
  }

  static std::string expected(const Param& field, Kind kind) {
    switch (kind) {
      case Kind::integer:
        return "an integer";
      case Kind::real:
        return "a real number";
      case Kind::boolean:
        return "true or false";
      case Kind::choice:
        return "one of: " + join(field.choices);
      case Kind::path:
        return "a file path";
      default:
        return "text";
    }
  }

  // A single value of a scalar kind (the parameter's own, or a list's element kind).
  json scalar(const Param& field, Kind kind, const Node& node, const std::string& key) {
    const bool empty_allowed = kind == Kind::text || kind == Kind::path;
    if (node.shape == Node::Shape::null && empty_allowed) return "";
    if (node.shape != Node::Shape::scalar) {
      report(node.place, key,
             fmt::format("expected {}, got {}", expected(field, kind), found(node)));
      return {};
    }
    const std::string& text = node.scalar;
    switch (kind) {
      case Kind::integer: {
        std::int64_t value = 0;
        switch (parse_integer(text, value)) {
          case IntegerParse::ok:
            if (!within(static_cast<double>(value), field.bounds))
              report(node.place, key, out_of_range(text, field.bounds));
            return value;
          case IntegerParse::not_whole:
            report(node.place, key,
                   fmt::format("expected an integer, got '{}' (not a whole number)", text));
            return {};
          case IntegerParse::too_large:
            report(node.place, key,
                   fmt::format("expected an integer, got '{}' (too large for a 64-bit integer)",
                               text));
            return {};
          case IntegerParse::not_a_number:
            break;
        }
        report(node.place, key, fmt::format("expected an integer, got '{}'", text));
        return {};
      }
      case Kind::real: {
        const auto value = parse_real(text);
        if (!value) {
          report(node.place, key,
                 fmt::format("expected a real number, got '{}'{}", text, decimal_comma_hint(text)));
          return {};
        }
        if (!within(*value, field.bounds))
          report(node.place, key, out_of_range(text, field.bounds));
        return *value;
      }
      case Kind::boolean: {
        const auto value = parse_boolean(text);
        if (!value)
          report(node.place, key,
                 fmt::format("expected true or false (or yes/no, on/off), got '{}'", text));
        return value.value_or(false);
      }
      case Kind::choice:
        return choice(field, node, key);
      case Kind::path:
        return path(node, key);
      default:
        return text;
    }
  }

  json choice(const Param& field, const Node& node, const std::string& key) {
    const std::string& text = node.scalar;
    if (std::find(field.choices.begin(), field.choices.end(), text) != field.choices.end())
      return text;
    const auto near = closest(text, field.choices);
    report(
        node.place, key,
        near ? fmt::format("unknown choice '{}'; did you mean '{}'? (one of: {})", text, *near,
                           join(field.choices))
             : fmt::format("unknown choice '{}'; expected one of: {}", text, join(field.choices)));
    return {};
  }

  json path(const Node& node, const std::string& key) {
    const std::string& text = node.scalar;
    if (text.empty()) return "";  // an optional input left out
    const std::filesystem::path given(text);
    const std::filesystem::path full =
        (given.is_absolute() ? given : base_dir_ / given).lexically_normal();
    std::error_code error;
    if (!std::filesystem::exists(full, error)) {
      report(node.place, key,
             given.is_absolute()
                 ? fmt::format("file not found: {}", full.string())
                 : fmt::format("file not found: {} ('{}' is taken relative to the scenario's "
                               "folder, {})",
                               full.string(), text, base_dir_.string()));
    }
    return full.string();
  }

  void unknown_key(const Param& schema, const Node::Entry& entry, const std::string& prefix) {
    const std::vector<std::string> names = field_names(schema);
    const std::string key = join_key(prefix, entry.key);
    if (const auto near = closest(entry.key, names)) {
      report(entry.key_place, key,
             fmt::format("unknown key '{}'; did you mean '{}'?", entry.key, *near));
    } else if (names.empty()) {
      report(entry.key_place, key,
             fmt::format("unknown key '{}'; this section takes no keys", entry.key));
    } else {
      report(entry.key_place, key,
             fmt::format("unknown key '{}'; valid keys here: {}", entry.key, join(names)));
    }
  }

  void report(const Place& place, const std::string& key, std::string message) {
    problems_.push_back({place, key, std::move(message)});
  }

  const std::filesystem::path& base_dir_;
  std::vector<Problem>& problems_;
};

}  // namespace

json resolve_values(const Param& root, const Node& tree, const std::filesystem::path& base_dir,
                    std::vector<Problem>& problems) {
  Resolver resolver(base_dir, problems);
  return resolver.section(root, &tree, "");
}

}  // namespace gs::scenario::detail
