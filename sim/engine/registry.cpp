// The model registry and the engine's own scenario sections.
#include "sim/engine/registry.hpp"

#include <stdexcept>
#include <utility>

#include "sim/network/network.hpp"

namespace gs {

scenario::Schema ModelRegistry::engine_schema(const std::vector<std::string>& model_names) {
  scenario::Schema schema;
  auto root = schema.root();
  root.text("name", "", "Short name of the scenario, used in outputs.");
  root.text("description", "", "What the scenario shows and where its numbers come from.");
  root.choice("model", model_names.empty() ? std::string{} : model_names.front(), model_names,
              "Which model runs (`groundswell describe MODEL` lists its parameters).")
      .required();
  root.integer("seed", 1, "Master random seed: the same seed gives the same results, bit for bit.",
               {0, 9.2e18});
  auto run = root.section("run", "How long to run and when to stop.");
  run.integer("max_ticks", 100, "Stop after this many ticks.", {0, 1e8});
  run.boolean("stop_at_fixed_point", true,
              "Stop early when the model reports that nothing can change any more.");
  run.choice("tick_unit", "week", {"day", "week", "month", "year"},
             "What one tick stands for (a label for outputs).");
  declare_network_schema(root);
  auto output = root.section("output", "What is recorded.");
  output.integer("series_every", 1, "Record the time series every N ticks (the last tick always).",
                 {1, 1e8});
  output.boolean("snapshots", false,
                 "Also record every agent's state code at each recorded tick (snapshots.csv), "
                 "for pictures of the network.");
  output.boolean("tables", true, "Write the model's per-entity tables (such as groups.csv).");
  return schema;
}

void ModelRegistry::add(ModelEntry entry) {
  if (models_.contains(entry.name)) {
    throw std::logic_error("model '" + entry.name + "' registered twice");
  }
  std::string name = entry.name;
  models_.emplace(std::move(name), Registered{std::move(entry), scenario::Schema{}});
  // Every model's schema lists every model name, so rebuild them all.
  const auto names = model_names();
  for (auto& [model_name, registered] : models_) {
    registered.schema = engine_schema(names);
    registered.entry.declare(registered.schema.root());
  }
}

const ModelEntry* ModelRegistry::find(const std::string& name) const {
  const auto it = models_.find(name);
  return it == models_.end() ? nullptr : &it->second.entry;
}

const ModelEntry& ModelRegistry::at(const std::string& name) const {
  const ModelEntry* entry = find(name);
  if (entry == nullptr) throw std::out_of_range("no model named '" + name + "'");
  return *entry;
}

std::vector<std::string> ModelRegistry::model_names() const {
  std::vector<std::string> names;
  names.reserve(models_.size());
  for (const auto& [name, registered] : models_) names.push_back(name);
  return names;
}

const scenario::Schema* ModelRegistry::schema_for(const std::string& model) const {
  const auto it = models_.find(model);
  return it == models_.end() ? nullptr : &it->second.schema;
}

}  // namespace gs
