// ABC-SMC in batches: see abc_smc.hpp for the algorithm and its sources.
#include "sim/experiments/abc_smc.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace gs::experiments {
namespace {

// Keeps the proposal streams of generation t apart from every other use of
// purpose::design under the same seed (sweep designs salt theirs likewise).
constexpr std::uint32_t kGenerationWord = 0xABC00000u;

double finite_or_inf(double d) {
  return std::isnan(d) ? std::numeric_limits<double>::infinity() : d;
}

}  // namespace

AbcSmc::AbcSmc(AbcSmcSettings settings, std::size_t dims, std::uint64_t seed,
               std::uint64_t max_points)
    : settings_(settings), dims_(dims), seed_(seed), max_points_(max_points) {
  if (dims_ == 0) throw std::invalid_argument("ABC-SMC needs at least one parameter");
}

std::size_t AbcSmc::first_batch_size() const {
  return static_cast<std::size_t>(
      std::ceil(static_cast<double>(settings_.particles) / settings_.alpha - 1e-9));
}

std::size_t AbcSmc::later_batch_size() const {
  return std::max<std::size_t>(1, first_batch_size() - settings_.particles);
}

std::string AbcSmc::next_name() const {
  return fmt::format("gen-{:03}", generation_);
}

std::optional<std::vector<UnitPoint>> AbcSmc::next_batch(const InsideSupport& inside) {
  if (!stop_reason_.empty()) return std::nullopt;
  const auto word = kGenerationWord + static_cast<std::uint32_t>(generation_);
  if (generation_ == 0) {
    const std::size_t n = first_batch_size();
    if (n > max_points_) {
      stop_reason_ = "the budget does not cover generation 0";
      return std::nullopt;
    }
    std::vector<UnitPoint> points(n);
    for (std::size_t i = 0; i < n; ++i)
      points[i] = draw_from_prior(seed_, word, static_cast<std::uint32_t>(i), dims_, inside);
    pending_weights_.assign(n, 1.0);
    return points;
  }
  if (generation_ >= settings_.generations) {
    stop_reason_ = fmt::format("reached {} generations", settings_.generations);
    return std::nullopt;
  }
  const std::size_t n = later_batch_size();
  if (points_used_ + n > max_points_) {
    stop_reason_ = "the budget of runs would be exceeded by another generation";
    return std::nullopt;
  }
  std::vector<UnitPoint> parents;
  std::vector<double> weights;
  for (const auto& p : population_) {
    parents.push_back(p.unit);
    weights.push_back(p.weight);
  }
  const PerturbationKernel kernel(parents, weights);
  std::vector<UnitPoint> points(n);
  pending_weights_.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    points[i] = kernel.propose(seed_, word, static_cast<std::uint32_t>(i), inside);
    // Prior density 1 on the unit cube: the weight is 1 / (proposal density).
    pending_weights_[i] = 1.0 / std::max(kernel.density(points[i]), 1e-300);
  }
  return points;
}

void AbcSmc::absorb(const std::vector<UnitPoint>& points, const std::vector<PointScore>& scores) {
  if (points.size() != scores.size() || points.size() != pending_weights_.size())
    throw std::logic_error("ABC-SMC absorbed a batch it did not propose");
  const std::size_t n = points.size();
  std::vector<Particle> pool = population_;
  // Every weight is prior / proposal density with both densities normalised
  // (generation 0: prior / prior = 1), so old and new weights share one scale
  // and the pool is normalised together (Lenormand et al. 2013, algorithm 2).
  // The proposal's truncation to the support is not renormalised, as there.
  std::size_t within_previous = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = finite_or_inf(scores[i].distance);
    if (generation_ > 0 && d < epsilon_) ++within_previous;
    const double w = pending_weights_[i];
    pool.push_back(Particle{points[i], w, d, generation_, i});
  }
  std::stable_sort(pool.begin(), pool.end(), [](const Particle& a, const Particle& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    if (a.generation != b.generation) return a.generation < b.generation;
    return a.index < b.index;
  });
  pool.resize(std::min(pool.size(), settings_.particles));
  population_ = std::move(pool);
  double total = 0.0;
  for (const auto& p : population_) total += p.weight;
  std::vector<double> weights;
  for (auto& p : population_) {
    p.weight /= total;
    weights.push_back(p.weight);
  }
  epsilon_ = population_.back().distance;
  points_used_ += n;

  BatchRecord record;
  record.name = next_name();
  record.points = n;
  record.threshold = epsilon_;
  record.accepted = 0;
  for (const auto& p : population_) record.accepted += p.generation == generation_ ? 1 : 0;
  const auto batch_size = static_cast<double>(n);
  record.acceptance = generation_ == 0 ? static_cast<double>(record.accepted) / batch_size
                                       : static_cast<double>(within_previous) / batch_size;
  record.ess = effective_sample_size(weights);
  records_.push_back(record);
  if (generation_ > 0 && record.acceptance <= settings_.min_acceptance)
    stop_reason_ = fmt::format("acceptance {:.3f} fell to min_acceptance {}", record.acceptance,
                               settings_.min_acceptance);
  if (!std::isfinite(epsilon_) && stop_reason_.empty() && generation_ + 1 >= settings_.generations)
    stop_reason_ = "no finite tolerance: targets undefined in kept particles";
  ++generation_;
  pending_weights_.clear();
}

Posterior AbcSmc::posterior() const {
  Posterior out;
  for (const auto& p : population_) {
    out.unit.push_back(p.unit);
    out.weight.push_back(p.weight);
    out.score.push_back(p.distance);
  }
  return out;
}

}  // namespace gs::experiments
