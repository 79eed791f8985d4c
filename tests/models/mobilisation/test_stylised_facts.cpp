// The eleven stylised facts of MODEL.md, each over replicates with fixed
// seeds (helpers.hpp mean_over: seeds 100..100+reps-1). Each test names its
// statistic and margin. Populations are small (1,000-2,400) so the whole file
// runs in seconds.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace gs;
using namespace gs::mobtest;

namespace {

const std::string base = R"(
model: mobilisation
seed: 1
network: {generator: watts_strogatz, n: 1500, k: 10, mean_degree: 10, beta: 0.1}
residents: {issue_concentration: 0.4, salience: {mean: 0.6}, threshold: {mean: 0.45, sd: 0.12}}
fatalism: {mean: 0.35}
)";

double m(const std::vector<std::string>& sets, const char* obs, std::uint32_t ticks = 78,
         int reps = 3, const std::string& yaml = base) {
  return mean_over(resolve(yaml, sets), obs, ticks, reps);
}

}  // namespace

TEST_CASE(
    "fact 1: atomised variant stays atomised (verdict 0, index < 0.2) and mobilised "
    "variant crosses the mobilised cut-off (verdict 2), 3 seeds each",
    "[mobilisation][facts]") {
  const std::string f = GS_SOURCE_DIR "/scenarios/mobilised_vs_atomised.yaml";
  for (std::uint64_t s = 1; s <= 3; ++s) {
    auto a = run(load_variant(f, "atomised"), s, 104);
    auto b = run(load_variant(f, "mobilised"), s, 104);
    CHECK(observable(*a, "verdict_code") == 0);
    CHECK(observable(*a, "mobilisation_index") < 0.2);
    CHECK(observable(*b, "verdict_code") == 2);
  }
}

TEST_CASE(
    "fact 2: more leadership, more mobilisation: participation(influence 2, latent 0.5) "
    "exceeds participation(influence 0.2, latent 0.1) by >= 0.02",
    "[mobilisation][facts]") {
  const double lo =
      m({"fatalism.mean=0.4", "leadership.influence=0.2", "leadership.latent.mean=0.1"},
        "participation");
  const double hi = m({"fatalism.mean=0.4", "leadership.influence=2", "leadership.latent.mean=0.5"},
                      "participation");
  INFO(lo << " " << hi);
  CHECK(hi >= lo + 0.02);
}

TEST_CASE(
    "fact 3: scale is an inverted U: assets at patches of 200 exceed "
    "both patches of 10 and one community of 2,400 by >= 20%",
    "[mobilisation][facts]") {
  auto assets = [](int patches) {
    return m({"social_network.builder=patches", "network.n=2400",
              "scale.patches=" + std::to_string(patches), "scale.radius=0.2", "fatalism.mean=0.25"},
             "assets", 104, 3);
  };
  const double tiny = assets(240), mid = assets(12), one = assets(1);
  INFO("tiny " << tiny << " mid " << mid << " one " << one);
  CHECK(mid >= 1.2 * tiny);
  CHECK(mid >= 1.2 * one);
}

TEST_CASE(
    "fact 4: fatalism suppresses participation (0.7 vs 0.2: participation lower by >= "
    "0.1); publicised quick wins lower mean fatalism (by >= 0.02) and raise participation",
    "[mobilisation][facts]") {
  CHECK(m({"fatalism.mean=0.7"}, "participation") + 0.1 <=
        m({"fatalism.mean=0.2"}, "participation"));
  const std::vector<std::string> edge = {"fatalism.mean=0.35"};
  auto with = edge, without = edge;
  with.push_back("communication.channels=[{name: chat, reach: [0.9], tailoring: 1}]");
  with.push_back("communication.publicity.fatalism=0.15");
  without.push_back("communication.publicity.fatalism=0");
  without.push_back("communication.publicity.confidence=0");
  without.push_back("communication.publicity.trust=0");
  without.push_back("communication.publicity.salience=0");
  CHECK(m(with, "mean_fatalism") + 0.02 <= m(without, "mean_fatalism"));
  CHECK(m(with, "participation") > m(without, "participation"));
}

TEST_CASE(
    "fact 5: low institutional trust blunts mobiliser contact (participation gain of a "
    "coordinator at trust 0.1 < half the gain at trust 0.7); listening raises mean trust "
    "by >= 0.03",
    "[mobilisation][facts]") {
  const std::string strat = "strategies=[{type: individuals, staff: 3, contacts_per_week: 20}]";
  auto gain = [&](const char* trust) {
    const std::vector<std::string> b = {
        "fatalism.mean=0.5", std::string("trust_and_confidence.inst_trust.mean=") + trust};
    auto s = b;
    s.push_back(strat);
    return m(s, "participation") - m(b, "participation");
  };
  const double low = gain("0.1"), high = gain("0.7");
  INFO("low " << low << " high " << high);
  CHECK(high > 0.0);
  CHECK(low < 0.5 * high);
  const std::vector<std::string> b = {"trust_and_confidence.inst_trust.mean=0.2"};
  auto l = b;
  l.push_back("strategies=[{type: groups, staff: 2, contacts_per_week: 30}]");
  CHECK(m(l, "mean_inst_trust") >= m(b, "mean_inst_trust") + 0.03);
}

TEST_CASE(
    "fact 6: philanthropy raises group survival and assets with diminishing returns: "
    "assets(20k) > assets(0); gain per pound 0->20k > gain per pound 20k->200k",
    "[mobilisation][facts]") {
  const std::vector<std::string> b = {"public_sector.receptiveness=0.4", "network.n=2400"};
  auto at = [&](const char* pool, const char* obs) {
    auto s = b;
    s.push_back(std::string("philanthropy.annual_pool=") + pool);
    return m(s, obs, 104, 4);
  };
  const double a0 = at("0", "assets"), a1 = at("20000", "assets"), a2 = at("200000", "assets");
  INFO(a0 << " " << a1 << " " << a2);
  CHECK(a1 > a0);
  CHECK((a1 - a0) / 20000.0 > (a2 - a1) / 180000.0);
  CHECK(at("20000", "groups_dissolved") <= at("0", "groups_dissolved"));
}

TEST_CASE(
    "fact 7: a hostile council breaks groups in an engaged community: receptiveness 0.05 "
    "vs 0.8 gives fewer assets (<= half) and more dissolved groups",
    "[mobilisation][facts]") {
  const std::vector<std::string> engaged = {"fatalism.mean=0.25", "residents.salience.mean=0.7"};
  auto h = engaged, o = engaged;
  h.push_back("public_sector.receptiveness=0.05");
  o.push_back("public_sector.receptiveness=0.8");
  CHECK(m(h, "assets") <= 0.5 * m(o, "assets"));
  CHECK(m(h, "groups_dissolved") > m(o, "groups_dissolved"));
}

TEST_CASE(
    "fact 8: a threat event produces a burst of mobilisation around its issue: "
    "participation on issue 3 ten ticks after the event >= 2x the same tick without it",
    "[mobilisation][facts]") {
  const std::vector<std::string> b = {"fatalism.mean=0.5"};
  auto t = b;
  t.push_back("opposition.events=[{tick: 20, issue: 3, strength: 0.9, duration: 8}]");
  const double with = m(t, "participation_issue_3", 30),
               without = m(b, "participation_issue_3", 30);
  INFO(with << " vs " << without);
  CHECK(with >= 2.0 * without + 0.01);
}

TEST_CASE(
    "fact 9: divisions lower inclusion (homophily 0.95 + tension 0.8 vs "
    "0.34 + 0); cross-segment ties from hubs restore inclusion (>= +0.05)",
    "[mobilisation][facts]") {
  const std::string seg = base +
                          "social_network: {builder: segments}\n"
                          "divisions: {segments: 3, marginalisation: [0, 0.4, 0.8]}\n";
  const std::vector<std::string> divided = {"divisions.homophily=0.95", "divisions.tension=0.8"};
  const std::vector<std::string> mixed = {"divisions.homophily=0.34", "divisions.tension=0"};
  CHECK(m(divided, "inclusion", 78, 3, seg) < m(mixed, "inclusion", 78, 3, seg));
  auto hubs = divided;
  hubs.push_back(
      "strategies=[{type: places, staff: 4, contacts_per_week: 15, hubs: 4, hub_radius: 0.3}]");
  CHECK(m(hubs, "inclusion", 78, 3, seg) >= m(divided, "inclusion", 78, 3, seg) + 0.05);
}

TEST_CASE(
    "fact 10: catalysing beats leading when the agenda is not the salient issue: "
    "participation and mean trust higher under catalyse (agenda issue 5, prevalence 2%)",
    "[mobilisation][facts]") {
  const std::vector<std::string> b = {"fatalism.mean=0.5",
                                      "residents.issue_weights=[10,10,10,10,10,1]"};
  auto c = b, l = b;
  c.push_back(
      "strategies=[{type: groups, mode: catalyse, staff: 2, contacts_per_week: 25, agenda_issue: "
      "5}]");
  l.push_back(
      "strategies=[{type: groups, mode: lead, staff: 2, contacts_per_week: 25, agenda_issue: 5}]");
  CHECK(m(c, "participation") > m(l, "participation"));
  CHECK(m(c, "mean_inst_trust") > m(l, "mean_inst_trust"));
}

TEST_CASE(
    "fact 11: shallow engagement reaches the usual suspects: its inclusion < 0.6 and "
    "below that of a coordinator (individuals) strategy by >= 0.1",
    "[mobilisation][facts]") {
  const std::string seg = base + "divisions: {segments: 2, marginalisation: [0, 1]}\n";
  const double shallow =
      m({"fatalism.mean=0.7", "strategies=[{type: engagement, staff: 1, contacts_per_week: 40}]"},
        "inclusion", 52, 3, seg);
  const double lac =
      m({"fatalism.mean=0.7", "strategies=[{type: individuals, staff: 1, contacts_per_week: 40}]"},
        "inclusion", 52, 3, seg);
  INFO(shallow << " vs " << lac);
  CHECK(shallow < 0.6);
  CHECK(lac >= shallow + 0.1);
}
