// The robustness matrix (issue 8, MODEL.md stylised facts 1-15):
// every fact's statistic over 10 common-random-number replicates (seeds
// 201..210) on six networks (Watts-Strogatz, Erdos-Renyi, Barabasi-Albert,
// stochastic-block, spatial patches, the real SNAP ego-Facebook network) and at
// a third and three times the population (Watts-Strogatz; as many more or
// fewer neighbourhoods of the same size). Each fact's
// scenario file (scenarios/mobilisation/fact_NN_*.yaml) holds its contrast as
// variants on the model's defaults; nothing is tuned here. A contrast "holds"
// when the paired 95% Student-t interval of the difference excludes zero in
// the documented direction (Paired::above_zero / below_zero). Fact 12 (smooth
// response) is judged on 9-point grids of four enablers, checks 12.1-12.8
// (fatalism, confidence, resources, institutional trust; participation then
// the index), by Student-t intervals on the grid's means (graded.hpp).
// Labelled `robustness`.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <iostream>
#include <map>
#include <set>

#include "graded.hpp"
#include "helpers.hpp"

using namespace gs;
using namespace gs::mobtest;

namespace {

struct Setting {
  std::string name;
  std::vector<std::string> sets;  // overrides applied after the variant's
  double size = 1.0;              // population multiplier (network.n)
};

const std::vector<Setting>& settings() {
  static const std::vector<Setting> s = {
      {"watts_strogatz", {}},
      {"erdos_renyi", {"network.generator=erdos_renyi"}},
      {"barabasi_albert", {"network.generator=barabasi_albert", "network.m=5"}},
      {"stochastic_block", {"social_network.builder=segments", "divisions.homophily=0.5"}},
      {"spatial", {"social_network.builder=patches", "scale.radius=0.1"}},
      {"facebook",
       {"network.generator=edge_list",
        "network.file=" GS_SHARED_DIR "/data/facebook_combined.txt"}},
      {"third_population", {}, 1.0 / 3.0},
      {"triple_population", {}, 3.0},
  };
  return s;
}

std::string fact(const char* file) {
  return std::string(GS_SOURCE_DIR "/scenarios/mobilisation/") + file;
}

// `extra`: overrides applied last (a grid point of fact 12).
std::shared_ptr<const scenario::Scenario> variant(const std::string& file, const std::string& v,
                                                  const Setting& s,
                                                  const std::vector<std::string>& extra = {}) {
  std::vector<std::string> sets = s.sets;
  if (s.size != 1.0) {
    // A place of a third or three times the population has a third or three
    // times as many neighbourhoods of the same size (scale.patches scales
    // too): fixed patch counts would make every patch three times larger,
    // which is a different question, the one fact 3 itself asks.
    const auto resolved = load_variant(file, v);
    const auto n = resolved->values().at("network").at("n").get<double>();
    const auto patches = resolved->values().at("scale").at("patches").get<double>();
    sets.push_back("network.n=" + std::to_string(std::lround(n * s.size)));
    sets.push_back("scale.patches=" + std::to_string(std::max(1L, std::lround(patches * s.size))));
  }
  sets.insert(sets.end(), extra.begin(), extra.end());
  return load_variant(file, v, sets);
}

const std::vector<std::uint64_t> seeds = seed_range(201, 10);

// Final observables per seed, run once per (file, variant, setting).
const std::vector<std::map<std::string, double>>& runs(const std::string& file,
                                                       const std::string& v, const Setting& s) {
  static std::map<std::string, std::vector<std::map<std::string, double>>> cache;
  const std::string key = file + "|" + v + "|" + s.name;
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  return cache.emplace(key, finals(variant(file, v, s), seeds)).first->second;
}

std::vector<double> obs(const std::string& file, const std::string& v, const Setting& s,
                        const std::string& name) {
  return column(runs(file, v, s), name);
}

// Difference b - a of one observable between two variants, paired by seed.
Paired contrast(const std::string& file, const std::string& a, const std::string& b,
                const Setting& s, const std::string& name) {
  return paired(obs(file, a, s, name), obs(file, b, s, name));
}

// Cells of the matrix where a fact does not hold yet: each listed (setting,
// check) is asserted to FAIL, so closing a gap fails the test until it is
// removed from this list (a ratchet), and nothing fails silently. The list
// and the reasons are in docs/ODD.md (section 8, "Robustness").
const std::set<std::string>& known_gaps() {
  static const std::set<std::string> gaps = {
#include "known_gaps.inc"
  };
  return gaps;
}

void expect(const Setting& s, const std::string& check, bool holds) {
  const bool gap = known_gaps().count(s.name + " " + check) > 0;
  INFO("check " << check << (gap ? " (a known gap: expected not to hold)" : ""));
  if (gap) {
    CHECK_FALSE(holds);
  } else {
    CHECK(holds);
  }
  if (!holds && !gap) std::cout << "not holding: \"" << s.name << " " << check << "\",\n";
}

}  // namespace

TEST_CASE("robustness matrix: stylised facts on six networks and three sizes",
          "[mobilisation][robustness]") {
  for (const Setting& s : settings()) {
    SECTION(s.name) {
      INFO("network setting: " << s.name);
      {  // 1: atomised stays atomised, mobilised crosses the mobilised cut-off.
        const auto f = fact("fact_01_atomised_vs_mobilised.yaml");
        const auto resolved = load_variant(f, "atomised");
        const auto& verdict = resolved->values().at("verdict");
        const double mobilising = verdict.at("mobilising").get<double>();
        const double mobilised = verdict.at("mobilised").get<double>();
        const double at = mean_of(obs(f, "atomised", s, "mobilisation_index"));
        const double mob = mean_of(obs(f, "mobilised", s, "mobilisation_index"));
        INFO("fact 1: mean index atomised " << at << " (< " << mobilising << "), mobilised " << mob
                                            << " (>= " << mobilised << ")");
        expect(s, "1.1", at < mobilising);
        expect(s, "1.2", mob >= mobilised);
      }
      {  // 2: more leadership, more participation and a higher index.
        const auto f = fact("fact_02_leadership.yaml");
        const auto p = contrast(f, "low_leadership", "high_leadership", s, "participation");
        const auto i = contrast(f, "low_leadership", "high_leadership", s, "mobilisation_index");
        INFO("fact 2: participation high - low " << p << "; index " << i);
        expect(s, "2.1", p.above_zero());
        expect(s, "2.2", i.above_zero());
      }
      {  // 3: group success (quick wins) peaks at patches of intermediate size.
        const auto f = fact("fact_03_scale.yaml");
        const auto up = contrast(f, "tiny_patches", "mid_patches", s, "quick_wins");
        const auto down = contrast(f, "one_community", "mid_patches", s, "quick_wins");
        INFO("fact 3: quick wins mid - tiny " << up << "; mid - one community " << down);
        expect(s, "3.1", up.above_zero());
        expect(s, "3.2", down.above_zero());
      }
      {  // 4: fatalism suppresses participation; publicised wins lower it, raise participation.
        const auto f = fact("fact_04_fatalism.yaml");
        const auto p = contrast(f, "high_fatalism", "low_fatalism", s, "participation");
        const auto fat = contrast(f, "quiet_wins", "publicised_wins", s, "mean_fatalism");
        const auto pp = contrast(f, "quiet_wins", "publicised_wins", s, "participation");
        INFO("fact 4: participation low - high fatalism " << p << "; publicised - quiet: fatalism "
                                                          << fat << ", participation " << pp);
        expect(s, "4.1", p.above_zero());
        expect(s, "4.2", fat.below_zero());
        expect(s, "4.3", pp.above_zero());
      }
      {  // 5: low trust blunts mobiliser contact; listening builds trust.
        const auto f = fact("fact_05_trust.yaml");
        const auto reach = contrast(f, "low_trust", "high_trust", s, "programme_reach");
        const auto trust = contrast(f, "no_listening", "listening", s, "mean_inst_trust");
        INFO("fact 5: reach high - low trust " << reach << "; trust listening - none " << trust);
        expect(s, "5.1", reach.above_zero());
        expect(s, "5.2", trust.above_zero());
      }
      {  // 6: grants raise group survival and assets, with diminishing returns per pound.
        const auto f = fact("fact_06_philanthropy.yaml");
        const auto survival = contrast(f, "no_grants", "some_grants", s, "groups_dissolved");
        const auto assets = contrast(f, "no_grants", "many_grants", s, "assets");
        const auto first = contrast(f, "no_grants", "some_grants", s, "assets");
        const auto second = contrast(f, "some_grants", "many_grants", s, "assets");
        INFO("fact 6: dissolved some - none " << survival << "; assets many - none " << assets
                                              << "; per pound: first 15,000/yr " << first
                                              << ", next 45,000/yr " << second);
        expect(s, "6.1", survival.below_zero());
        expect(s, "6.2", assets.above_zero());
        expect(s, "6.3", second.estimate / 45000.0 < first.estimate / 15000.0);
      }
      {  // 7: a hostile council breaks groups even in an engaged community.
        const auto f = fact("fact_07_hostile_council.yaml");
        const auto broken = contrast(f, "open_council", "hostile_council", s, "groups_dissolved");
        const auto wins = contrast(f, "open_council", "hostile_council", s, "quick_wins");
        INFO("fact 7: dissolved hostile - open " << broken << "; wins " << wins);
        expect(s, "7.1", broken.above_zero());
        expect(s, "7.2", wins.below_zero());
      }
      {  // 8 and 13: a burst around the threat's issue, then decay to a higher floor.
        const auto f = fact("fact_08_threat.yaml");
        const auto th = series(variant(f, "threat", s), seeds, "participation_issue_3");
        const auto qu = series(variant(f, "quiet", s), seeds, "participation_issue_3");
        std::vector<double> before, peak, quiet_peak, end, quiet_end;
        for (std::size_t k = 0; k < seeds.size(); ++k) {
          before.push_back(th[k][29]);
          peak.push_back(*std::max_element(th[k].begin() + 30, th[k].begin() + 50));
          quiet_peak.push_back(*std::max_element(qu[k].begin() + 30, qu[k].begin() + 50));
          end.push_back(th[k].back());
          quiet_end.push_back(qu[k].back());
        }
        const auto burst = paired(quiet_peak, peak);
        const auto decay = paired(peak, end);
        const auto residue = paired(quiet_end, end);
        INFO("fact 8/13: peak threat - quiet " << burst << "; end - peak " << decay
                                               << "; end threat - quiet " << residue << "; before "
                                               << mean_of(before));
        expect(s, "8.1", burst.above_zero());
        expect(s, "8.2", decay.below_zero());
        expect(s, "8.3", residue.above_zero());
      }
      {  // 9: divisions lower inclusion and shared agenda; cross-segment ties restore them.
        const auto f = fact("fact_09_divisions.yaml");
        const auto inc = contrast(f, "united", "divided", s, "inclusion");
        const auto agenda = contrast(f, "united", "divided", s, "shared_agenda");
        const auto inc_back = contrast(f, "divided", "divided_bridged", s, "inclusion");
        const auto agenda_back = contrast(f, "divided", "divided_bridged", s, "shared_agenda");
        const auto part = contrast(f, "united", "divided", s, "participation");
        INFO("fact 9: divided - united: inclusion "
             << inc << ", shared agenda " << agenda << ", participation " << part
             << "; bridged - divided: inclusion " << inc_back << ", shared agenda " << agenda_back);
        expect(s, "9.1", inc.below_zero());
        expect(s, "9.2", agenda.below_zero());
        expect(s, "9.3", !part.above_zero());
        expect(s, "9.4", inc_back.above_zero());
        expect(s, "9.5", agenda_back.above_zero());
      }
      {  // 10: catalysing beats leading on uptake and trust.
        const auto f = fact("fact_10_catalyse_not_lead.yaml");
        const auto up = contrast(f, "lead", "catalyse", s, "programme_participants");
        const auto trust = contrast(f, "lead", "catalyse", s, "mean_inst_trust");
        INFO("fact 10: catalyse - lead: uptake " << up << ", trust " << trust);
        expect(s, "10.1", up.above_zero());
        expect(s, "10.2", trust.above_zero());
      }
      {  // 11: consultation reaches the usual suspects; mobilisation reaches more evenly.
        const auto f = fact("fact_11_shallow_engagement.yaml");
        const auto inc = contrast(f, "consultation", "mobilisation", s, "reach_inclusion");
        INFO("fact 11: reach inclusion mobilisation - consultation " << inc);
        expect(s, "11.1", inc.above_zero());
      }
      {  // 12: smooth response. Over each attitude enabler's range [0, 1], with the others at
         // the typical estate's values (levers.yaml), participation and the index change
         // gradually: they change over the range, and no step between neighbouring points of
         // a 9-point grid is shown to carry more than a third of the total change (issue 8;
         // the statistic and why: graded.hpp).
        const auto f = fact("levers.yaml");
        const char* keys[] = {"fatalism.mean", "trust_and_confidence.confidence.mean",
                              "time_and_resource.mean", "trust_and_confidence.inst_trust.mean"};
        int check = 0;
        for (const char* key : keys) {
          std::vector<std::vector<std::map<std::string, double>>> grid;  // finals per point
          for (int k = 0; k <= 8; ++k) {
            grid.push_back(finals(
                variant(f, "", s, {std::string(key) + "=" + std::to_string(k / 8.0)}), seeds));
          }
          for (const char* name : {"participation", "mobilisation_index"}) {
            std::vector<std::vector<double>> points;
            points.reserve(grid.size());
            for (const auto& at : grid) points.push_back(column(at, name));
            const auto g = graded_response(points);
            INFO("fact 12: " << key << " -> " << name << ": " << g);
            expect(s, "12." + std::to_string(++check), g.graded());
          }
        }
      }
      {  // 14: a civic core gives most of the hours.
        const auto f = fact("fact_14_civic_core.yaml");
        const double top = mean_of(obs(f, "typical", s, "hours_top10_share"));
        INFO("fact 14: share of hours given by the top 10% " << top << " (> 0.5)");
        expect(s, "14.1", top > 0.5);
      }
      {  // 15: marginalised residents take part less; a strategy that reaches them narrows it.
        const auto f = fact("fact_15_marginalisation.yaml");
        const auto gap = paired(obs(f, "no_strategy", s, "participation_others"),
                                obs(f, "no_strategy", s, "participation_marginalised"));
        auto ratio = [&](const std::string& v) {
          std::vector<double> r;
          const auto m = obs(f, v, s, "participation_marginalised");
          const auto o = obs(f, v, s, "participation_others");
          for (std::size_t k = 0; k < m.size(); ++k)
            r.push_back(o[k] > 0 ? m[k] / o[k] : m[k] - m[k]);
          return r;
        };
        const auto narrowed = paired(ratio("no_strategy"), ratio("coordination"));
        INFO("fact 15: marginalised - others " << gap << "; parity coordination - none "
                                               << narrowed);
        expect(s, "15.1", gap.below_zero());
        expect(s, "15.2", narrowed.above_zero());
      }
    }
  }
}
