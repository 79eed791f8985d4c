#include "models/registry.hpp"

#include "models/mobilisation/mobilisation.hpp"
#include "models/threshold/threshold.hpp"

namespace gs {

void register_all_models(ModelRegistry& registry) {
  registry.add(make_mobilisation_entry());
  registry.add(make_threshold_entry());
}

const ModelRegistry& builtin_models() {
  static const ModelRegistry registry = [] {
    ModelRegistry r;
    register_all_models(r);
    return r;
  }();
  return registry;
}

}  // namespace gs
