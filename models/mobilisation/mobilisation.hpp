// The mobilisation model's registry entry (MODEL.md; NLGN "Community
// Mobilisation", shared/seeds/003_...).
//
// Contract: make_mobilisation_entry() returns the entry named "mobilisation":
// `declare` adds the model's sections (params.hpp), `create` builds the
// network (social_network.builder), residents, groups and strategies from a
// resolved scenario and the run's seed.
#pragma once

#include "sim/engine/model.hpp"

namespace gs {

ModelEntry make_mobilisation_entry();

}  // namespace gs
