// History matching in waves: see history_matching.hpp for the method and sources.
#include "sim/experiments/history_matching.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gs::experiments {
namespace {

constexpr std::uint32_t kWaveWord = 0x4A700000u;
constexpr std::size_t kPriorEvery = 10;

}  // namespace

HistoryMatching::HistoryMatching(HistoryMatchingSettings settings, std::size_t dims,
                                 std::uint64_t seed, std::uint64_t max_points)
    : settings_(settings), dims_(dims), seed_(seed), max_points_(max_points) {
  if (dims_ == 0) throw std::invalid_argument("history matching needs at least one parameter");
}

std::string HistoryMatching::next_name() const {
  return fmt::format("wave-{:03}", wave_ + 1);
}

std::optional<std::vector<UnitPoint>> HistoryMatching::next_batch(const InsideSupport& inside) {
  if (!stop_reason_.empty()) return std::nullopt;
  if (wave_ >= settings_.waves) {
    stop_reason_ = fmt::format("completed {} waves", settings_.waves);
    return std::nullopt;
  }
  if (points_used_ + settings_.points > max_points_) {
    stop_reason_ = "the budget of runs would be exceeded by another wave";
    return std::nullopt;
  }
  const auto word = kWaveWord + static_cast<std::uint32_t>(wave_);
  std::vector<UnitPoint> points(settings_.points);
  if (wave_ == 0) {
    for (std::size_t i = 0; i < points.size(); ++i)
      points[i] = draw_from_prior(seed_, word, static_cast<std::uint32_t>(i), dims_, inside);
  } else {
    const PerturbationKernel kernel(guides_, std::vector<double>(guides_.size(), 1.0));
    // Every tenth point comes from the prior (defensive sampling), so a
    // region that the previous wave missed can still be found.
    for (std::size_t i = 0; i < points.size(); ++i)
      points[i] = i % kPriorEvery == kPriorEvery - 1
                      ? draw_from_prior(seed_, word, static_cast<std::uint32_t>(i), dims_, inside)
                      : kernel.propose(seed_, word, static_cast<std::uint32_t>(i), inside);
  }
  return points;
}

void HistoryMatching::absorb(const std::vector<UnitPoint>& points,
                             const std::vector<PointScore>& scores) {
  if (points.size() != scores.size()) throw std::logic_error("scores do not match the wave");
  std::vector<UnitPoint> kept;
  std::vector<double> kept_scores;
  std::vector<std::size_t> ranked;  // finite implausibility, least implausible first
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double implausibility = scores[i].implausibility;
    if (std::isnan(implausibility)) continue;  // undefined: never "not implausible"
    ranked.push_back(i);
    if (implausibility <= settings_.cutoff) {
      kept.push_back(points[i]);
      kept_scores.push_back(implausibility);
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
    return scores[a].implausibility < scores[b].implausibility;
  });
  points_used_ += points.size();
  BatchRecord record;
  record.name = next_name();
  record.points = points.size();
  record.threshold = settings_.cutoff;
  record.accepted = kept.size();
  record.acceptance = static_cast<double>(kept.size()) / static_cast<double>(points.size());
  record.ess = static_cast<double>(kept.size());
  records_.push_back(record);
  ++wave_;
  // The next wave is drawn around the survivors; with fewer than dims + 1 of
  // them (too few to span the space), around the least implausible tenth of
  // the wave instead: a search heuristic that only guides where to look. The
  // answer is always the last wave's survivors alone.
  guides_ = kept;
  if (guides_.size() < dims_ + 1) {
    guides_.clear();
    const std::size_t count = std::max(dims_ + 1, points.size() / 10);
    for (std::size_t r = 0; r < ranked.size() && r < count; ++r)
      guides_.push_back(points[ranked[r]]);
  }
  kept_ = std::move(kept);
  kept_scores_ = std::move(kept_scores);
  if (guides_.empty()) {
    stop_reason_ = fmt::format("every point of wave {} has an undefined target", wave_);
  } else if (wave_ >= settings_.waves && kept_.empty()) {
    stop_reason_ = fmt::format(
        "wave {} ruled out every point: no parameter values found reproduce the targets within "
        "the cut-off (more points per wave, or check the targets, their uncertainty, or add "
        "model discrepancy)",
        wave_);
  }
}

Posterior HistoryMatching::posterior() const {
  Posterior out;
  out.unit = kept_;
  out.score = kept_scores_;
  out.weight.assign(kept_.size(), kept_.empty() ? 0.0 : 1.0 / static_cast<double>(kept_.size()));
  return out;
}

}  // namespace gs::experiments
