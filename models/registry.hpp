// The models that ship with Groundswell, registered from one explicit list
// (ARCHITECTURE.md: static self-registration can be dropped by a linker).
#pragma once

#include "sim/engine/registry.hpp"

namespace gs {

// Adds every shipped model to `registry`.
void register_all_models(ModelRegistry& registry);

// A registry holding every shipped model, built on first use; read-only after.
const ModelRegistry& builtin_models();

}  // namespace gs
