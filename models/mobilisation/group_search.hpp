// Looking for a group (MODEL.md tick step 3; groups.cpp states the rules):
// the two steps of the group phase that visit the ties of every unaffiliated
// participant, as parallel kernels next to the plain serial definitions they
// are tested against (ARCHITECTURE.md 7; tests/models/mobilisation/
// test_group_search.cpp).
//
// Contract. Both steps are defined serially, in resident id order, and both
// kernels leave the community exactly as the definition does (same groups,
// members in the same order, same group ids, same draws), whatever the thread
// count:
// - joining: each unaffiliated participant a, in id order, joins the group on
//   their issue to whose member they have the most trust (first maximum of
//   (trust, then lowest group id) over a's ties in visiting order), among
//   groups below groups.max_size, across a division only through a tie of
//   trust >= stranger_trust / (1 - tension); a resident who joined counts as a
//   member for those after them;
// - founding: unaffiliated participants sharing an issue and connected by
//   ties form circles; each circle of at least groups.min_size, in order of
//   its lowest id, split into runs of groups.max_size by id, founds a group
//   (of the circle's lowest id's patch) with probability found_rate x
//   emergence x the run's most latent leadership, drawn from
//   RandomStream(seed, found, tick, run's first id).
// The kernels find in parallel what depends only on the start of the step (a
// participant's best group among those at the start; the circles, by a
// lock-free union-find linking larger roots under smaller ones, so every root
// is its circle's lowest id) and settle serially, in id order, only what the
// step itself changes: a participant with a neighbour who joined before them,
// or whose best group filled up meanwhile, is looked at again by the
// definition.
#pragma once

#include "models/mobilisation/community.hpp"

namespace gs::mobilisation {

void join_through_ties(Community& c);            // parallel kernel
void reference_join_through_ties(Community& c);  // serial definition

void found_groups(Community& c);            // parallel kernel
void reference_found_groups(Community& c);  // serial definition

}  // namespace gs::mobilisation
