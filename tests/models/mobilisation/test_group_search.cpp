// The group search kernels (joining through ties, founding circles) against
// their serial definitions (group_search.hpp): on community states taken from
// real runs (many unaffiliated participants, small groups that fill up while
// residents join, patches, divisions with tension), the kernel leaves the
// community exactly as the definition does, for 1, 2 and 4 threads.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "models/mobilisation/group_search.hpp"
#include "sim/core/parallel.hpp"

using namespace gs;
using namespace gs::mobtest;
using gs::mobilisation::Community;

namespace {

void require_same(const Community& a, const Community& b) {
  REQUIRE(a.r.group == b.r.group);
  REQUIRE(a.r.engagement == b.r.engagement);
  REQUIRE(a.r.last_dialogue == b.r.last_dialogue);
  REQUIRE(a.changed == b.changed);
  REQUIRE(a.c.groups_formed == b.c.groups_formed);
  REQUIRE(a.groups.size() == b.groups.size());
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    REQUIRE(a.groups[g].members == b.groups[g].members);
    REQUIRE(a.groups[g].issue == b.groups[g].issue);
    REQUIRE(a.groups[g].patch == b.groups[g].patch);
    REQUIRE(a.groups[g].peak_size == b.groups[g].peak_size);
  }
}

std::size_t members(const Community& c) {
  std::size_t m = 0;
  for (const auto& g : c.groups) m += g.members.size();
  return m;
}

}  // namespace

TEST_CASE(
    "group search kernels equal their serial definitions (joining, founding; patches, tension, "
    "groups filling up; 1/2/4 threads)",
    "[mobilisation][groups]") {
  std::size_t joined = 0, founded = 0, full = 0;
  const std::vector<std::string> settings[] = {
      {"groups.found_rate=1"},
      {"groups.found_rate=1", "scale.patches=6", "divisions.segments=3", "divisions.tension=0.5",
       "groups.max_size=6", "groups.min_size=3"},
      {"groups.max_size=8", "groups.found_rate=1", "residents.issues=2"},
      {"groups.max_size=4", "groups.min_size=2", "groups.found_rate=0.2", "residents.issues=1",
       "groups.dissolve_size=1"},
  };
  for (const auto& sets : settings) {
    auto sc = resolve(
        "model: mobilisation\nseed: 5\nnetwork: {generator: watts_strogatz, n: 4000, k: 10, "
        "beta: 0.2}\nfatalism: {mean: 0.3}\n",
        sets);
    auto m = create(sc, 5);
    for (std::uint32_t t = 1; t <= 20; ++t) {
      m->step(t);
      Community ref = mob(m).community();
      ref.tick = t + 1;
      ref.changed = false;
      const Community start = ref;
      mobilisation::reference_join_through_ties(ref);
      const Community after_join = ref;
      mobilisation::reference_found_groups(ref);
      joined += members(after_join) - members(start);
      founded += ref.groups.size() - after_join.groups.size();
      for (const auto& g : after_join.groups) {
        full += g.members.size() >= static_cast<std::size_t>(ref.p.max_group_size) ? 1 : 0;
      }
      for (const std::size_t threads : {1u, 2u, 4u}) {
        ThreadLimit limit(threads);
        INFO("settings " << sets.size() << " tick " << t << " threads " << threads);
        Community par = start;
        mobilisation::join_through_ties(par);
        require_same(par, after_join);
        mobilisation::found_groups(par);
        require_same(par, ref);
      }
    }
  }
  // Not vacuous: residents joined, groups were founded and groups were full.
  CHECK(joined > 20);
  CHECK(founded > 30);
  CHECK(full > 100);
}
