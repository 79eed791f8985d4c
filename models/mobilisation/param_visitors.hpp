// The two visitors that make a parameter "declared once, bound where it is
// declared" (ARCHITECTURE.md 17; the archive idea of Boost.Serialization and
// cereal): one function walks a settings struct, calling
//   v.real("key", field, "meaning", bounds)   (and integer, boolean, text,
//   choice, path, reals, integers, section, list),
// and the visitor decides what that means:
// - SchemaDeclarer adds the key to the scenario schema with the field's
//   current value as its default (walk a default-constructed struct);
// - ValueReader assigns the key's value from a resolved scenario (every key
//   present and typed by validation) to the field.
// So a key cannot be declared under one name and read under another.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/scenario/schema.hpp"

namespace gs::mobilisation {

class SchemaDeclarer {
 public:
  explicit SchemaDeclarer(scenario::Section s) : s_(s) {}
  SchemaDeclarer section(const char* key, const std::string& doc) {
    return SchemaDeclarer(s_.section(key, doc));
  }
  void real(const char* key, double& f, const std::string& doc, scenario::Bounds b = {}) {
    s_.real(key, f, doc, b);
  }
  void integer(const char* key, std::int64_t& f, const std::string& doc, scenario::Bounds b = {}) {
    s_.integer(key, f, doc, b);
  }
  void boolean(const char* key, bool& f, const std::string& doc) { s_.boolean(key, f, doc); }
  void text(const char* key, std::string& f, const std::string& doc) { s_.text(key, f, doc); }
  void choice(const char* key, std::string& f, std::vector<std::string> options,
              const std::string& doc) {
    s_.choice(key, f, std::move(options), doc);
  }
  void path(const char* key, std::string&, const std::string& doc) { s_.path(key, doc); }
  void reals(const char* key, std::vector<double>& f, const std::string& doc,
             scenario::Bounds b = {}) {
    s_.reals(key, f, doc, b);
  }
  void integers(const char* key, std::vector<std::int64_t>& f, const std::string& doc,
                scenario::Bounds b = {}) {
    s_.integers(key, f, doc, b);
  }
  // A list of maps: the element's keys are declared from a default element.
  template <class T, class Visit>
  void list(const char* key, const std::string& doc, std::vector<T>&, Visit&& visit_item) {
    SchemaDeclarer element(s_.list(key, doc));
    T prototype{};
    visit_item(element, prototype);
  }
  scenario::Section& schema_section() { return s_; }

 private:
  scenario::Section s_;
};

class ValueReader {
 public:
  explicit ValueReader(const nlohmann::json& j) : j_(&j) {}
  ValueReader section(const char* key, const std::string&) { return ValueReader(j_->at(key)); }
  void real(const char* key, double& f, const std::string&, scenario::Bounds = {}) {
    f = j_->at(key).get<double>();
  }
  void integer(const char* key, std::int64_t& f, const std::string&, scenario::Bounds = {}) {
    f = j_->at(key).get<std::int64_t>();
  }
  void boolean(const char* key, bool& f, const std::string&) { f = j_->at(key).get<bool>(); }
  void text(const char* key, std::string& f, const std::string&) {
    f = j_->at(key).get<std::string>();
  }
  void choice(const char* key, std::string& f, const std::vector<std::string>&,
              const std::string&) {
    f = j_->at(key).get<std::string>();
  }
  void path(const char* key, std::string& f, const std::string&) {
    f = j_->at(key).get<std::string>();
  }
  void reals(const char* key, std::vector<double>& f, const std::string&, scenario::Bounds = {}) {
    f = j_->at(key).get<std::vector<double>>();
  }
  void integers(const char* key, std::vector<std::int64_t>& f, const std::string&,
                scenario::Bounds = {}) {
    f = j_->at(key).get<std::vector<std::int64_t>>();
  }
  template <class T, class Visit>
  void list(const char* key, const std::string&, std::vector<T>& items, Visit&& visit_item) {
    items.clear();
    for (const auto& element : j_->at(key)) {
      T item{};
      ValueReader r(element);
      visit_item(r, item);
      items.push_back(std::move(item));
    }
  }
  const nlohmann::json& values() const { return *j_; }

 private:
  const nlohmann::json* j_;
};

}  // namespace gs::mobilisation
