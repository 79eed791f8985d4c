// Tests of sim/experiments/comparison.hpp: intervals that respect an
// observable's declared range, categories as shares, undefined values as
// missing, the economics against the first arm, numbers for people, and a
// terminal layout within 100 columns. Samples are fixed; the bootstrap uses a
// fixed seed, so every check is deterministic.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "sim/experiments/comparison.hpp"

namespace gx = gs::experiments;
using gs::ObservableInfo;
using gs::ObservableKind;

namespace {
constexpr double undefined = std::numeric_limits<double>::quiet_NaN();

gx::CompareArm arm(std::string label, std::vector<std::vector<double>> values) {
  return gx::CompareArm{std::move(label), std::move(values), {}};
}
}  // namespace

TEST_CASE("a share's interval stays inside [0, 1] where a t interval would not",
          "[experiments][comparison]") {
  // Mostly zeros and one small share: the t interval of the mean dips below 0.
  const std::vector<double> rare{0, 0, 0, 0, 0, 0, 0, 0.004};
  const std::vector<double> common{0.9, 1, 1, 1, 0.95, 1, 1, 1};
  const auto t = gx::summarise(rare);
  REQUIRE(t.ci.lower < 0.0);  // the failure the bounded interval exists for
  const auto c = gx::compare({arm("a", {rare}), arm("b", {common})}, {"share"},
                             {ObservableInfo{ObservableKind::share, {}}});
  for (std::size_t a = 0; a < 2; ++a) {
    const auto& m = c.summaries[0][a].mean;
    CHECK(m.method == "bootstrap");
    CHECK(m.ci.lower >= 0.0);
    CHECK(m.ci.upper <= 1.0);
    CHECK(m.ci.lower <= m.value);
    CHECK(m.value <= m.ci.upper);
  }
  // The paired difference lies within [-1, 1] and is a bootstrap too.
  const auto& d = c.summaries[0][1].difference;
  CHECK(d.method == "paired bootstrap");
  CHECK(d.ci.lower >= -1.0);
  CHECK(d.ci.upper <= 1.0);
  // Unbounded reals keep the Student-t interval.
  const auto r = gx::compare({arm("a", {rare}), arm("b", {common})}, {"x"}, {});
  CHECK(r.summaries[0][0].mean.method == "t");
  CHECK(r.summaries[0][0].mean.ci.lower == Approx(t.ci.lower));
}

TEST_CASE("a categorical output is reported as shares, never averaged",
          "[experiments][comparison]") {
  const ObservableInfo verdict{ObservableKind::categorical,
                               {"atomised", "mobilising", "mobilised"}};
  // 10 runs: arm a all atomised; arm b 3 mobilising and 7 mobilised.
  const std::vector<double> a(10, 0.0);
  const std::vector<double> b{1, 1, 1, 2, 2, 2, 2, 2, 2, 2};
  const auto c = gx::compare({arm("a", {a}), arm("b", {b})}, {"verdict_code"}, {verdict});
  const auto& s = c.summaries[0][1];
  REQUIRE(s.shares.size() == 3);
  CHECK(s.shares[0].estimate == 0.0);
  CHECK(s.shares[1].estimate == Approx(0.3));
  CHECK(s.shares[2].estimate == Approx(0.7));
  // Wilson (1927) for 7 of 10 at 95%: [0.3968, 0.8922].
  CHECK(s.shares[2].ci.lower == Approx(0.3968).margin(1e-4));
  CHECK(s.shares[2].ci.upper == Approx(0.8922).margin(1e-4));
  CHECK(std::isnan(s.mean.value));  // no mean of a code
  CHECK(s.share_differences[2].value == Approx(0.7));
  const auto text = gx::comparison_text(c);
  CHECK(text.find("70% [40, 89]") != std::string::npos);
  CHECK(text.find("1.7") == std::string::npos);  // the mean code (1.7) is never printed
}

TEST_CASE("undefined values are missing, and an observable defined nowhere says so",
          "[experiments][comparison]") {
  const std::vector<double> some{1, undefined, 3, undefined};
  const std::vector<double> none(4, undefined);
  const auto c =
      gx::compare({arm("a", {some, none}), arm("b", {{2, 2, 4, 4}, none})}, {"x", "inclusion"}, {});
  CHECK(c.summaries[0][0].defined == 2);
  CHECK(c.summaries[0][0].mean.value == Approx(2.0));
  CHECK(c.summaries[0][1].difference.value == Approx(1.0));  // pairs 0 and 2 only
  CHECK(c.summaries[1][0].defined == 0);
  const auto text = gx::comparison_text(c);
  CHECK(text.find("defined in 2 of 4 runs") != std::string::npos);
  CHECK(text.find("cannot be read in these scenarios: inclusion") != std::string::npos);
  const auto csv = gx::comparison_csv(c);
  CHECK(csv.find("a,x,2,2,") != std::string::npos);
}

TEST_CASE("economics against the first arm, n/a without extra spend or participants",
          "[experiments][comparison]") {
  // Per replicate: spend, value, participants.
  const gx::CompareArm base = arm("none", {{0, 0, 0, 0}, {100, 120, 80, 100}, {10, 12, 8, 10}});
  const gx::CompareArm paid =
      arm("paid", {{1000, 1000, 1000, 1000}, {3100, 3120, 3080, 3100}, {20, 22, 18, 20}});
  const gx::CompareArm free = arm("free", {{0, 0, 0, 0}, {100, 120, 80, 100}, {10, 12, 8, 10}});
  const auto c =
      gx::compare({base, paid, free}, {"spend", "outcome_value", "people_participated"}, {});
  REQUIRE(c.economics.size() == 3);
  const auto& net = c.economics[0].per_arm;
  const auto& roi = c.economics[1].per_arm;
  const auto& per = c.economics[2].per_arm;
  // Every replicate gains 3000 in value for 1000 in spend and 10 participants:
  // the estimates and their (degenerate) bootstrap intervals are exact.
  CHECK(net[1].value == Approx(2000.0));
  CHECK(net[1].ci.lower == Approx(2000.0));
  CHECK(roi[1].value == Approx(3.0));
  CHECK(roi[1].ci.upper == Approx(3.0));
  CHECK(per[1].value == Approx(100.0));
  CHECK(net[2].value == 0.0);
  CHECK(std::isnan(roi[2].value));  // no extra spend
  CHECK(std::isnan(per[2].value));  // no additional participant
  // Absent observables: no economics at all.
  const auto without = gx::compare({arm("a", {{1, 2}}), arm("b", {{2, 3}})}, {"x"}, {});
  CHECK(without.economics.empty());
}

TEST_CASE("numbers for people", "[experiments][comparison]") {
  CHECK(gx::human_number(80000) == "80,000");
  CHECK(gx::human_number(-1234567.4) == "-1,234,567");
  CHECK(gx::human_number(0.123456) == "0.1235");
  CHECK(gx::human_number(0.000091234) == "0.000091");
  CHECK(gx::human_number(12.5) == "12.5");
  CHECK(gx::human_number(0) == "0");
  CHECK(gx::human_number(undefined) == "n/a");
}

TEST_CASE("the terminal layout fits 100 columns, one row per scenario",
          "[experiments][comparison]") {
  std::vector<gx::CompareArm> arms;
  for (const char* label : {"none", "engagement", "individuals", "groups", "places", "services"})
    arms.push_back(arm(label, {{12345.678, 23456.789, 34567.891}, {0.1, 0.2, 0.3}}));
  arms[3].values[1] = {0.5, 0.6, 0.7};
  const auto c = gx::compare(
      arms, {"volunteer_hours", "participation"},
      {ObservableInfo{ObservableKind::count, {}}, ObservableInfo{ObservableKind::share, {}}});
  std::istringstream text(gx::comparison_text(c));
  std::size_t rows = 0;
  for (std::string line; std::getline(text, line);) {
    CHECK(line.size() <= 100);
    if (line.rfind("  groups ", 0) == 0) ++rows;
  }
  CHECK(rows == 1);  // participation differs; volunteer_hours is the same everywhere
  CHECK(gx::comparison_text(c).find("the same in every scenario, run by run: volunteer_hours") !=
        std::string::npos);
}
