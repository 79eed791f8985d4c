// The eleven stylised facts of MODEL.md, each over replicates with fixed
// seeds (helpers.hpp variant_mean: seeds 100..100+reps-1, the scenario's own
// horizon). Every fact loads its scenario file in scenarios/mobilisation/
// (fact_NN_*.yaml), whose variants hold the contrast and whose header states
// the fact, the statistic and the expected direction; nothing is duplicated
// here. Each test names its statistic and margin. Populations are small
// (1,500-3,000) so the whole file runs in seconds.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace gs;
using namespace gs::mobtest;

namespace {

std::string fact(const char* file) {
  return std::string(GS_SOURCE_DIR "/scenarios/mobilisation/") + file;
}

}  // namespace

TEST_CASE(
    "fact 1: atomised variant stays atomised (verdict 0, index < 0.2) and mobilised "
    "variant crosses the mobilised cut-off (verdict 2) with 20-40% participating, most of "
    "them in groups with a plan; 3 seeds each (fact_01 and mobilised_vs_atomised)",
    "[mobilisation][facts]") {
  for (const std::string& f :
       {fact("fact_01_atomised_vs_mobilised.yaml"),
        std::string(GS_SOURCE_DIR "/scenarios/mobilised_vs_atomised.yaml")}) {
    for (std::uint64_t s = 1; s <= 3; ++s) {
      const auto sa = load_variant(f, "atomised"), sb = load_variant(f, "mobilised");
      auto a = run(sa, s, horizon(sa));
      auto b = run(sb, s, horizon(sb));
      INFO(f << " seed " << s << " atomised index " << observable(*a, "mobilisation_index")
             << " mobilised index " << observable(*b, "mobilisation_index") << " participation "
             << observable(*b, "participation") << " shared_agenda "
             << observable(*b, "shared_agenda"));
      CHECK(observable(*a, "verdict_code") == 0);
      CHECK(observable(*a, "mobilisation_index") < 0.2);
      CHECK(observable(*b, "verdict_code") == 2);
      CHECK(observable(*b, "participation") >= 0.2);
      CHECK(observable(*b, "participation") <= 0.4);
      CHECK(observable(*b, "shared_agenda") > 0.5);
    }
  }
}

TEST_CASE(
    "fact 2: more leadership, more mobilisation: participation(high) >= participation(low) "
    "+ 0.02 and mobilisation_index(high) >= index(low) + 0.05",
    "[mobilisation][facts]") {
  const auto f = fact("fact_02_leadership.yaml");
  const double lo = variant_mean(f, "low_leadership", "participation");
  const double hi = variant_mean(f, "high_leadership", "participation");
  const double ilo = variant_mean(f, "low_leadership", "mobilisation_index");
  const double ihi = variant_mean(f, "high_leadership", "mobilisation_index");
  INFO("participation " << lo << " -> " << hi << "; index " << ilo << " -> " << ihi);
  CHECK(hi >= lo + 0.02);
  CHECK(ihi >= ilo + 0.05);
}

TEST_CASE(
    "fact 3: scale is an inverted U: assets at patches of 200 exceed "
    "both patches of 10 and one community of 2,400 by >= 20%",
    "[mobilisation][facts]") {
  const auto f = fact("fact_03_scale.yaml");
  const double tiny = variant_mean(f, "tiny_patches", "assets");
  const double mid = variant_mean(f, "mid_patches", "assets");
  const double one = variant_mean(f, "one_community", "assets");
  INFO("tiny " << tiny << " mid " << mid << " one " << one);
  CHECK(mid >= 1.2 * tiny);
  CHECK(mid >= 1.2 * one);
}

TEST_CASE(
    "fact 4: fatalism suppresses participation (0.7 vs 0.2: participation lower by >= "
    "0.1); publicised quick wins lower mean fatalism (by >= 0.02) and raise participation",
    "[mobilisation][facts]") {
  const auto f = fact("fact_04_fatalism.yaml");
  const double hi = variant_mean(f, "high_fatalism", "participation");
  const double lo = variant_mean(f, "low_fatalism", "participation");
  const double fp = variant_mean(f, "publicised_wins", "mean_fatalism");
  const double fq = variant_mean(f, "quiet_wins", "mean_fatalism");
  const double pp = variant_mean(f, "publicised_wins", "participation");
  const double pq = variant_mean(f, "quiet_wins", "participation");
  INFO("participation high " << hi << " low " << lo << "; fatalism publicised " << fp << " quiet "
                             << fq << "; participation publicised " << pp << " quiet " << pq);
  CHECK(hi + 0.1 <= lo);
  CHECK(fp + 0.02 <= fq);
  CHECK(pp > pq);
}

TEST_CASE(
    "fact 5: low institutional trust blunts mobiliser contact (participation gain of a "
    "coordinator at trust 0.1 < half the gain at trust 0.7); listening raises mean trust "
    "by >= 0.03",
    "[mobilisation][facts]") {
  const auto f = fact("fact_05_trust.yaml");
  const double low = variant_mean(f, "low_trust_coordinator", "participation") -
                     variant_mean(f, "low_trust_baseline", "participation");
  const double high = variant_mean(f, "high_trust_coordinator", "participation") -
                      variant_mean(f, "high_trust_baseline", "participation");
  const double tl = variant_mean(f, "listening", "mean_inst_trust");
  const double tb = variant_mean(f, "distrust_baseline", "mean_inst_trust");
  INFO("low " << low << " high " << high << "; trust listening " << tl << " distrust baseline "
              << tb);
  CHECK(high > 0.0);
  CHECK(low < 0.5 * high);
  CHECK(tl >= tb + 0.03);
}

TEST_CASE(
    "fact 6: philanthropy raises group survival and assets with diminishing returns: "
    "assets(20k) > assets(0); gain per pound 0->20k > gain per pound 20k->200k",
    "[mobilisation][facts]") {
  const auto f = fact("fact_06_philanthropy.yaml");
  const double a0 = variant_mean(f, "no_grants", "assets", 4);
  const double a1 = variant_mean(f, "small_pool", "assets", 4);
  const double a2 = variant_mean(f, "large_pool", "assets", 4);
  const double ds = variant_mean(f, "small_pool", "groups_dissolved", 4);
  const double dn = variant_mean(f, "no_grants", "groups_dissolved", 4);
  INFO("assets " << a0 << " " << a1 << " " << a2 << "; dissolved small " << ds << " none " << dn);
  CHECK(a1 > a0);
  CHECK((a1 - a0) / 20000.0 > (a2 - a1) / 180000.0);
  CHECK(ds <= dn);
}

TEST_CASE(
    "fact 7: a hostile council breaks groups in an engaged community: receptiveness 0.05 "
    "vs 0.8 gives fewer assets (<= half) and more dissolved groups",
    "[mobilisation][facts]") {
  const auto f = fact("fact_07_hostile_council.yaml");
  const double ah = variant_mean(f, "hostile", "assets"), ao = variant_mean(f, "open", "assets");
  const double dh = variant_mean(f, "hostile", "groups_dissolved");
  const double d_open = variant_mean(f, "open", "groups_dissolved");
  INFO("assets hostile " << ah << " open " << ao << "; dissolved hostile " << dh << " open "
                         << d_open);
  CHECK(ah <= 0.5 * ao);
  CHECK(dh > d_open);
}

TEST_CASE(
    "fact 8: a threat event produces a burst of mobilisation around its issue: "
    "participation on issue 3 ten ticks after the event >= 2x the same tick without it",
    "[mobilisation][facts]") {
  const auto f = fact("fact_08_threat.yaml");
  const double with = variant_mean(f, "threat", "participation_issue_3");
  const double without = variant_mean(f, "quiet", "participation_issue_3");
  INFO(with << " vs " << without);
  CHECK(with >= 2.0 * without + 0.01);
}

TEST_CASE(
    "fact 9: divisions lower inclusion and shared agenda (homophily 0.95 + tension 0.8 vs "
    "0.34 + 0); cross-segment ties from hub sessions restore both (>= +0.05 each)",
    "[mobilisation][facts]") {
  const auto f = fact("fact_09_divisions.yaml");
  const double inc_mixed = variant_mean(f, "mixed", "inclusion");
  const double inc_div = variant_mean(f, "divided", "inclusion");
  const double inc_hubs = variant_mean(f, "divided_with_hubs", "inclusion");
  const double sa_mixed = variant_mean(f, "mixed", "shared_agenda");
  const double sa_div = variant_mean(f, "divided", "shared_agenda");
  const double sa_hubs = variant_mean(f, "divided_with_hubs", "shared_agenda");
  INFO("inclusion mixed " << inc_mixed << " divided " << inc_div << " hubs " << inc_hubs
                          << "; shared agenda mixed " << sa_mixed << " divided " << sa_div
                          << " hubs " << sa_hubs);
  CHECK(inc_div < inc_mixed);
  CHECK(sa_div < sa_mixed);
  CHECK(inc_hubs >= inc_div + 0.05);
  CHECK(sa_hubs >= sa_div + 0.05);
}

TEST_CASE(
    "fact 10: catalysing beats leading when the agenda is not the salient issue: "
    "participation and mean trust higher under catalyse (agenda issue 5, prevalence 2%)",
    "[mobilisation][facts]") {
  const auto f = fact("fact_10_catalyse_not_lead.yaml");
  const double pc = variant_mean(f, "catalyse", "participation");
  const double pl = variant_mean(f, "lead", "participation");
  const double tc = variant_mean(f, "catalyse", "mean_inst_trust");
  const double tl = variant_mean(f, "lead", "mean_inst_trust");
  INFO("participation catalyse " << pc << " lead " << pl << "; trust catalyse " << tc << " lead "
                                 << tl);
  CHECK(pc > pl);
  CHECK(tc > tl);
}

TEST_CASE(
    "fact 11: shallow engagement reaches the usual suspects: its inclusion < 0.6 and "
    "below that of a coordinator (individuals) strategy by >= 0.1",
    "[mobilisation][facts]") {
  const auto f = fact("fact_11_shallow_engagement.yaml");
  const double shallow = variant_mean(f, "shallow", "inclusion");
  const double lac = variant_mean(f, "coordinator", "inclusion");
  INFO(shallow << " vs " << lac);
  CHECK(shallow < 0.6);
  CHECK(lac >= shallow + 0.1);
}

TEST_CASE(
    "fixed point: not reported while contact or threat exposure is still decaying; "
    "reported once it has gone (deterministic rule, no groups, strategy ended)",
    "[mobilisation][facts]") {
  // A coordinator works ticks 0..3 then stops; with noise 0, no groups and no
  // social terms (which can cycle under synchronous updating) the only thing
  // moving propensities afterwards is the decaying contact (no needs, so the
  // coordinator convenes no group; the contact leaves
  // confidence and trust untouched here, so their slow drifts play no part).
  const auto sc = resolve(R"(
model: mobilisation
network: {generator: watts_strogatz, n: 600, k: 8, mean_degree: 8, beta: 0.1}
engagement:
  noise: 0
  contact_decay: 0.5
  weights: {social: 0, same_issue: 0, leader: 0, dialogue: 0}
groups: {enabled: false}
residents: {need: {level_one: 0, level_two: 0}}
fatalism: {mean: 0.9}
strategies: [{type: individuals, staff: 2, contacts_per_week: 30, end_tick: 3, confidence_boost: 0,
               trust_gain: 0}]
)");
  auto m = create(sc, 7);
  std::uint32_t fixed_at = 0, last_exposed = 0;
  for (std::uint32_t t = 1; t <= 60 && fixed_at == 0; ++t) {
    const bool fixed = m->step(t) == StepOutcome::fixed_point;
    const auto& c = mob(m).residents().contact;
    const bool exposed = std::any_of(c.begin(), c.end(), [](float x) { return x > 0.0f; });
    if (exposed) last_exposed = t;
    INFO("tick " << t);
    CHECK_FALSE((fixed && exposed));
    if (fixed) fixed_at = t;
  }
  // Contact 1 halves each week after the coordinator stops (tick 3) and drops
  // below exposure_floor 1e-4 after 14 halvings; the fixed point follows within a
  // few ticks (the last changes of level as the contact fades).
  INFO("fixed at " << fixed_at << ", last exposed " << last_exposed);
  CHECK(last_exposed >= 14);
  CHECK(fixed_at > last_exposed);
  CHECK(fixed_at <= last_exposed + 5);
}
