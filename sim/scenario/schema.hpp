// The parameter schema: what a scenario file may contain, with types, defaults,
// ranges and meanings. Models and engine layers declare their parameters here;
// validation, defaults, `--set` and `groundswell describe` all read this one
// declaration, so a parameter cannot exist without documentation.
//
// Declaring (a model's parameters, for example):
//   void declare(Section root) {
//     auto t = root.section("threshold", "Linear threshold model (Granovetter 1978; Watts 2002).");
//     t.choice("kind", "fractional", {"fractional", "absolute"}, "Share of neighbours or count.");
//     t.real("value", 0.18, "Fixed threshold.", {0.0, 1e9});
//     auto e = root.list("events", "Scheduled events, one map each.");   // list of sections
//     e.integer("tick", 0, "When it fires.", {0, 1e9});
//   }
// References to declared parameters stay valid while more are added.
#pragma once

#include <cstdint>
#include <list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gs::scenario {

enum class Kind {
  integer,       // int64
  real,          // double
  boolean,       // true/false
  text,          // any string
  choice,        // one string of `choices`
  path,          // a file that must exist; relative paths resolve against the scenario's folder
  real_list,     // sequence of reals (each within bounds)
  integer_list,  // sequence of integers (each within bounds)
  section,       // map of `fields`
  list,          // sequence of maps, each with `fields` (the element's schema)
};

// Inclusive bounds for numbers (and for each element of a numeric list).
struct Bounds {
  std::optional<double> min;
  std::optional<double> max;
};

// A default set by a calibration: the interval the calibration left for the
// parameter (for example a posterior's 90% interval) and which calibration
// file fitted it. `groundswell describe` prints both under the parameter.
struct Fit {
  double lower = 0.0;
  double upper = 0.0;
  std::string interval;     // what the interval is, e.g. "90% of the non-implausible points"
  std::string calibration;  // the calibration file, from the repository root
};

struct Param {
  std::string name;
  Kind kind = Kind::section;
  std::string doc;
  nlohmann::json default_value;  // typed default; null for section and list
  Bounds bounds;
  std::vector<std::string> choices;
  std::list<Param> fields;   // section: its keys; list: the keys of each element
  bool required = false;     // must be written; the default only fills the type
  std::optional<Fit> fit{};  // the default came from a calibration
};

// The parameter at a dotted path below `section` (spelled as for
// Schema::find), or nullptr: for annotating a declared schema.
Param* find_field(Param& section, std::string_view dotted_path);

// A builder over one section (or list element) of the schema.
class Section {
 public:
  explicit Section(Param& param) : param_(&param) {}

  Section& integer(std::string name, std::int64_t def, std::string doc, Bounds bounds = {});
  Section& real(std::string name, double def, std::string doc, Bounds bounds = {});
  Section& boolean(std::string name, bool def, std::string doc);
  Section& text(std::string name, std::string def, std::string doc);
  Section& choice(std::string name, std::string def, std::vector<std::string> choices,
                  std::string doc);
  // An optional input file: default "" means none. Stored resolved to an absolute path.
  Section& path(std::string name, std::string doc);
  Section& reals(std::string name, std::vector<double> def, std::string doc, Bounds bounds = {});
  Section& integers(std::string name, std::vector<std::int64_t> def, std::string doc,
                    Bounds bounds = {});
  // Nested map; returns its builder. Calling again with the same name returns the same section.
  Section section(std::string name, std::string doc);
  // Sequence of maps (default: empty); returns the builder of one element.
  Section list(std::string name, std::string doc);

  // Marks the most recently declared parameter of this section as required.
  Section& required();

  Param& param() { return *param_; }

 private:
  Param* param_;
};

class Schema {
 public:
  Schema() {
    root_.name = "";
    root_.kind = Kind::section;
  }
  Section root() { return Section(root_); }
  const Param& root_param() const { return root_; }
  // The parameter at a dotted path ("network.generator"); list elements are addressed
  // by the list's name ("strategies.staff"). nullptr if none.
  const Param* find(std::string_view dotted_path) const;

 private:
  Param root_;
};

// Text for `groundswell describe`: every parameter with its type, default, range and meaning.
std::string describe(const Schema& schema, std::string_view title);

}  // namespace gs::scenario
