// The parameter schema: builder, lookup and the `groundswell describe` text.
//
// Contract (see schema.hpp): declaring a leaf twice, giving a default outside
// its own bounds or choices, or a name that cannot be written as a dotted path
// segment is a programming error and throws std::logic_error at declaration
// time, so a broken schema never reaches a user. section() and list() with an
// existing name return the existing builder, so the engine and a model can
// both add to one section.
#include "sim/scenario/schema.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <string_view>

#include "sim/scenario/text.hpp"

namespace gs::scenario {
namespace {

std::string type_name(Kind kind) {
  switch (kind) {
    case Kind::integer:
      return "integer";
    case Kind::real:
      return "real";
    case Kind::boolean:
      return "boolean";
    case Kind::text:
      return "text";
    case Kind::choice:
      return "choice";
    case Kind::path:
      return "file path";
    case Kind::real_list:
      return "list of reals";
    case Kind::integer_list:
      return "list of integers";
    case Kind::section:
      return "section";
    case Kind::list:
      return "list of maps";
  }
  return "?";
}

Param* field_named(Param& parent, std::string_view name) {
  for (auto& field : parent.fields)
    if (field.name == name) return &field;
  return nullptr;
}

const Param* field_named(const Param& parent, std::string_view name) {
  for (const auto& field : parent.fields)
    if (field.name == name) return &field;
  return nullptr;
}

std::string where(const Param& parent, std::string_view name) {
  return parent.name.empty() ? std::string(name) : fmt::format("{}.{}", parent.name, name);
}

void check_name(const Param& parent, const std::string& name) {
  // Names are dotted-path segments in `--set` and messages; a digit-only name
  // would be read as a list index there.
  const bool all_digits = name.find_first_not_of("0123456789") == std::string::npos;
  if (name.empty() || all_digits || name.find_first_of(".=[] \t\n") != std::string::npos)
    throw std::logic_error(fmt::format("schema: invalid parameter name '{}' in '{}'", name,
                                       parent.name.empty() ? "<root>" : parent.name));
}

bool within(double value, const Bounds& bounds) {
  return !(bounds.min && value < *bounds.min) && !(bounds.max && value > *bounds.max);
}

void check_default_within(const Param& parent, const std::string& name, double value,
                          const Bounds& bounds) {
  if (!within(value, bounds))
    throw std::logic_error(fmt::format("schema: default {} of '{}' is outside its bounds", value,
                                       where(parent, name)));
}

Section& add_leaf(Section& builder, Param leaf) {
  Param& parent = builder.param();
  check_name(parent, leaf.name);
  if (field_named(parent, leaf.name) != nullptr)
    throw std::logic_error(
        fmt::format("schema: parameter '{}' declared twice", where(parent, leaf.name)));
  parent.fields.push_back(std::move(leaf));
  return builder;
}

Param& nested(Param& parent, std::string name, std::string doc, Kind kind) {
  check_name(parent, name);
  if (Param* existing = field_named(parent, name)) {
    if (existing->kind != kind)
      throw std::logic_error(fmt::format("schema: '{}' declared both as a {} and as a {}",
                                         where(parent, name), type_name(existing->kind),
                                         type_name(kind)));
    if (existing->doc.empty()) existing->doc = std::move(doc);
    return *existing;
  }
  Param param;
  param.name = std::move(name);
  param.kind = kind;
  param.doc = std::move(doc);
  parent.fields.push_back(std::move(param));
  return parent.fields.back();
}

}  // namespace

Section& Section::integer(std::string name, std::int64_t def, std::string doc, Bounds bounds) {
  check_default_within(*param_, name, static_cast<double>(def), bounds);
  return add_leaf(*this,
                  Param{std::move(name), Kind::integer, std::move(doc), def, bounds, {}, {}});
}

Section& Section::real(std::string name, double def, std::string doc, Bounds bounds) {
  check_default_within(*param_, name, def, bounds);
  return add_leaf(*this, Param{std::move(name), Kind::real, std::move(doc), def, bounds, {}, {}});
}

Section& Section::boolean(std::string name, bool def, std::string doc) {
  return add_leaf(*this, Param{std::move(name), Kind::boolean, std::move(doc), def, {}, {}, {}});
}

Section& Section::text(std::string name, std::string def, std::string doc) {
  return add_leaf(*this,
                  Param{std::move(name), Kind::text, std::move(doc), std::move(def), {}, {}, {}});
}

Section& Section::required() {
  if (param_->fields.empty()) throw std::logic_error("schema: required() before any parameter");
  param_->fields.back().required = true;
  return *this;
}

Section& Section::choice(std::string name, std::string def, std::vector<std::string> choices,
                         std::string doc) {
  bool known = false;
  for (const auto& c : choices) known = known || c == def;
  if (!known)
    throw std::logic_error(fmt::format("schema: default '{}' of '{}' is not one of its choices",
                                       def, where(*param_, name)));
  return add_leaf(*this, Param{std::move(name),
                               Kind::choice,
                               std::move(doc),
                               std::move(def),
                               {},
                               std::move(choices),
                               {}});
}

Section& Section::path(std::string name, std::string doc) {
  return add_leaf(*this, Param{std::move(name), Kind::path, std::move(doc), "", {}, {}, {}});
}

Section& Section::reals(std::string name, std::vector<double> def, std::string doc, Bounds bounds) {
  for (double value : def) check_default_within(*param_, name, value, bounds);
  return add_leaf(*this,
                  Param{std::move(name), Kind::real_list, std::move(doc), def, bounds, {}, {}});
}

Section& Section::integers(std::string name, std::vector<std::int64_t> def, std::string doc,
                           Bounds bounds) {
  for (auto value : def) check_default_within(*param_, name, static_cast<double>(value), bounds);
  return add_leaf(*this,
                  Param{std::move(name), Kind::integer_list, std::move(doc), def, bounds, {}, {}});
}

Section Section::section(std::string name, std::string doc) {
  return Section(nested(*param_, std::move(name), std::move(doc), Kind::section));
}

Section Section::list(std::string name, std::string doc) {
  return Section(nested(*param_, std::move(name), std::move(doc), Kind::list));
}

namespace {

// Param or const Param: the walk of Schema::find and find_field.
template <class P>
P* find_below(P& section, std::string_view dotted_path) {
  P* current = &section;
  while (!dotted_path.empty()) {
    const auto dot = dotted_path.find('.');
    const std::string_view segment = dotted_path.substr(0, dot);
    dotted_path = dot == std::string_view::npos ? std::string_view{} : dotted_path.substr(dot + 1);
    // "strategies.0.staff" (the `--set` spelling) names the same parameter as "strategies.staff".
    const bool index =
        !segment.empty() && segment.find_first_not_of("0123456789") == std::string_view::npos;
    if (index && current->kind == Kind::list) continue;
    if (current->kind != Kind::section && current->kind != Kind::list) return nullptr;
    current = field_named(*current, segment);
    if (current == nullptr) return nullptr;
  }
  return current;
}

}  // namespace

const Param* Schema::find(std::string_view dotted_path) const {
  return find_below(root_, dotted_path);
}

Param* find_field(Param& section, std::string_view dotted_path) {
  return find_below(section, dotted_path);
}

// ---------------------------------------------------------------------------
// describe()

namespace {

std::string default_text(const Param& p) {
  const auto& def = p.default_value;
  switch (p.kind) {
    case Kind::real:
      return detail::format_number(def.get<double>());
    case Kind::text:
      return def.dump();  // quoted, so an empty default is visible
    case Kind::choice:
      return def.get<std::string>();
    case Kind::path:
      return def.get<std::string>().empty() ? "none" : def.get<std::string>();
    case Kind::real_list:
    case Kind::integer_list: {
      std::string out = "[";
      for (const auto& element : def) {
        if (out.size() > 1) out += ", ";
        out += element.is_number_float() ? detail::format_number(element.get<double>())
                                         : element.dump();
      }
      return out + "]";
    }
    default:
      return def.dump();
  }
}

void describe_fields(std::string& out, const Param& parent, const std::string& prefix,
                     std::size_t depth);

void describe_param(std::string& out, const Param& p, const std::string& path, std::size_t depth) {
  const std::size_t indent = 2 * depth;
  const std::size_t body = indent + 4;
  std::string heading = fmt::format("{}{}  ({}", std::string(indent, ' '), path, type_name(p.kind));
  if (p.kind == Kind::list) {
    heading += ", default: empty";
  } else if (p.required) {
    heading += ", required";
  } else if (p.kind != Kind::section) {
    heading += ", default: " + default_text(p);
  }
  if (p.kind == Kind::integer || p.kind == Kind::real || p.kind == Kind::real_list ||
      p.kind == Kind::integer_list) {
    const bool per_element = p.kind == Kind::real_list || p.kind == Kind::integer_list;
    const std::string range = detail::format_bounds(p.bounds);
    if (!range.empty()) heading += (per_element ? ", each " : ", ") + range;
  }
  out += heading + ")\n";
  if (p.kind == Kind::choice) {
    std::string choices = "one of:";
    for (std::size_t i = 0; i < p.choices.size(); ++i)
      choices += (i == 0 ? " " : ", ") + p.choices[i];
    out += detail::wrap(choices, body);
  }
  if (!p.doc.empty()) out += detail::wrap(p.doc, body);
  if (p.fit)
    out += detail::wrap(
        fmt::format("Fitted by {}; {}: [{}, {}].", p.fit->calibration, p.fit->interval,
                    detail::format_number(p.fit->lower), detail::format_number(p.fit->upper)),
        body);
  if (p.kind == Kind::section) {
    out += '\n';
    describe_fields(out, p, path + ".", depth + 1);
    return;
  }
  if (p.kind == Kind::list) {
    out += detail::wrap(fmt::format("Each element is a map with the keys below; with --set, "
                                    "address one element as {}.0.<key>.",
                                    path),
                        body);
    out += '\n';
    describe_fields(out, p, path + "[].", depth + 1);
    return;
  }
  out += '\n';
}

void describe_fields(std::string& out, const Param& parent, const std::string& prefix,
                     std::size_t depth) {
  // Leaves first, then nested sections, so each section's own values sit under its heading.
  for (const auto& field : parent.fields)
    if (field.kind != Kind::section && field.kind != Kind::list)
      describe_param(out, field, prefix + field.name, depth);
  for (const auto& field : parent.fields)
    if (field.kind == Kind::section || field.kind == Kind::list)
      describe_param(out, field, prefix + field.name, depth);
}

}  // namespace

std::string describe(const Schema& schema, std::string_view title) {
  std::string out;
  if (!title.empty()) out += fmt::format("{}\n{}\n\n", title, std::string(title.size(), '='));
  out += detail::wrap(
      "Every parameter a scenario file may set, by dotted path (as used with "
      "--set path=value), with its type, default, allowed range and meaning.",
      0);
  out += '\n';
  describe_fields(out, schema.root_param(), "", 0);
  while (out.size() >= 2 && out.ends_with("\n\n")) out.pop_back();
  return out;
}

}  // namespace gs::scenario
