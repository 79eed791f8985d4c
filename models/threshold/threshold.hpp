// The linear threshold model of collective behaviour (Granovetter 1978,
// "Threshold models of collective behavior"; Watts 2002, "A simple model of
// global cascades on random networks").
//
// Contract: each agent is inactive or active. Initial adopters are active at
// tick 0. In each tick an inactive agent activates when its active neighbours
// reach its threshold: a share of its degree (`fractional`, Watts) or a count
// of others (`absolute`, Granovetter, usually on a complete graph). A
// threshold of 0 activates unconditionally (Granovetter's instigator).
// Activation is permanent, so the run reaches a fixed point. Tie weights are
// ignored: the model counts neighbours.
//
// Observables: active_count, active_share, newly_active.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/network/network.hpp"

namespace gs {

ModelEntry make_threshold_entry();

namespace threshold {

// Each agent's threshold, as the `threshold` section prescribes.
std::vector<double> assign_thresholds(const nlohmann::json& section, const Network& network,
                                      std::uint64_t seed);
// Initial adopters (sorted agent ids), as `threshold.seeds` prescribes.
std::vector<AgentId> choose_initial_adopters(const nlohmann::json& seeds_section,
                                             const Network& network, std::uint64_t seed);

}  // namespace threshold
}  // namespace gs
