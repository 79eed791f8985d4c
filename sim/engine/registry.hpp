// The registry of models, selected by name from a scenario's `model:` key.
//
// Contract: a ModelRegistry is filled once by register_all_models() (one
// explicit list in models/registry.hpp) and is then read-only. It is also the
// scenario layer's SchemaCatalogue: the schema for a model is the engine's own
// sections (name, description, model, seed, run, network, output) plus the
// model's declared sections.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs {

class ModelRegistry : public scenario::SchemaCatalogue {
 public:
  void add(ModelEntry entry);
  const ModelEntry* find(const std::string& name) const;
  const ModelEntry& at(const std::string& name) const;  // throws std::out_of_range
  std::vector<std::string> model_names() const override;
  const scenario::Schema* schema_for(const std::string& model) const override;
  // The engine's sections alone (for `groundswell describe` with no model).
  static scenario::Schema engine_schema(const std::vector<std::string>& model_names);

 private:
  struct Registered {
    ModelEntry entry;
    scenario::Schema schema;
  };
  std::map<std::string, Registered> models_;
};

}  // namespace gs
