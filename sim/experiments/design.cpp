// Experimental designs: inverse-CDF factor mapping, grid, Latin hypercube, Sobol',
// Saltelli and Morris designs, and replicate seeding. Contract and references in
// design.hpp (McKay et al. 1979; Sobol' 1967 with Joe & Kuo 2008 directions;
// Saltelli 2002 and Saltelli et al. 2010; Morris 1991; Campolongo et al. 2007).
#include "sim/experiments/design.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "sim/core/rng.hpp"

namespace gs::experiments {
namespace {

using nlohmann::json;

// Stream words separating the random draws of different designs under one seed.
constexpr std::uint32_t latin_hypercube_stream = 0;
constexpr std::uint32_t morris_stream = 1;

// Integer bounds are stored as doubles; keep them exactly representable.
constexpr double max_exact_integer = 9007199254740992.0;  // 2^53

// Smallest probability an untruncated normal is evaluated at (keeps quantiles finite).
constexpr double smallest_probability = 0x1.0p-53;
// Tail probability cut from an untruncated normal on a Morris grid.
constexpr double morris_normal_tail = 0.005;

[[noreturn]] void fail(const std::string& key, const std::string& message) {
  throw std::invalid_argument(fmt::format("factor '{}': {}", key, message));
}

double clamp_unit(double u) {
  if (std::isnan(u)) throw std::invalid_argument("unit coordinate is NaN");
  return std::clamp(u, 0.0, 1.0);
}

// Index in [0, count) of the equal-width cell of [0, 1] holding u (u = 1 -> last).
std::size_t equal_cell(double u, std::size_t count) {
  const auto cell = static_cast<std::size_t>(std::floor(u * static_cast<double>(count)));
  return std::min(cell, count - 1);
}

// Converts a Sobol' engine output (a 64-bit binary fraction) to a double in (0, 1).
double sobol_fraction(std::uint64_t word) {
  return std::ldexp(static_cast<double>(word), -64);
}

// n points of the dimension-d Sobol' sequence after skipping `skip` (row-major n x d).
std::vector<double> sobol_points(std::size_t dimension, std::size_t n, std::size_t skip) {
  boost::random::sobol engine(dimension);
  if (skip > 0) engine.discard(static_cast<boost::uintmax_t>(skip) * dimension);
  std::vector<double> coordinates(n * dimension);
  for (double& x : coordinates) x = sobol_fraction(engine());
  return coordinates;
}

void require_factors(const ParameterSpace& space, const char* design) {
  if (space.empty()) throw std::invalid_argument(fmt::format("{}: no factors", design));
}

DesignPoint make_point(const ParameterSpace& space, std::size_t index, std::vector<double> unit) {
  DesignPoint point;
  point.index = index;
  point.values = space.values_at(unit);
  point.unit = std::move(unit);
  return point;
}

double number_of(const json& spec, const char* field, const std::string& key) {
  if (!spec.is_number()) fail(key, fmt::format("'{}' must be a number", field));
  return spec.get<double>();
}

std::pair<double, double> bounds_of(const json& spec, const char* field, const std::string& key) {
  const json& range = spec.at(field);
  if (!range.is_array() || range.size() != 2)
    fail(key, fmt::format("'{}' must be a [lower, upper] pair", field));
  return {number_of(range[0], field, key), number_of(range[1], field, key)};
}

}  // namespace

// ---------------------------------------------------------------------------
// Factor

Factor Factor::values(std::string key, std::vector<json> values) {
  Factor factor(std::move(key), FactorKind::values);
  factor.options_ = std::move(values);
  factor.validate();
  return factor;
}

Factor Factor::uniform_real(std::string key, double lower, double upper, std::size_t levels) {
  Factor factor(std::move(key), FactorKind::uniform_real);
  factor.lower_ = lower;
  factor.upper_ = upper;
  factor.levels_ = levels;
  factor.validate();
  return factor;
}

Factor Factor::uniform_integer(std::string key, std::int64_t lower, std::int64_t upper,
                               std::size_t levels) {
  Factor factor(std::move(key), FactorKind::uniform_integer);
  factor.lower_ = static_cast<double>(lower);
  factor.upper_ = static_cast<double>(upper);
  factor.levels_ = levels;
  factor.validate();
  return factor;
}

Factor Factor::log_uniform(std::string key, double lower, double upper, std::size_t levels) {
  Factor factor(std::move(key), FactorKind::log_uniform);
  factor.lower_ = lower;
  factor.upper_ = upper;
  factor.levels_ = levels;
  factor.validate();
  return factor;
}

Factor Factor::normal(std::string key, double mean, double sd, std::size_t levels) {
  Factor factor(std::move(key), FactorKind::normal);
  factor.mean_ = mean;
  factor.sd_ = sd;
  factor.lower_ = -std::numeric_limits<double>::infinity();
  factor.upper_ = std::numeric_limits<double>::infinity();
  factor.levels_ = levels;
  factor.validate();
  return factor;
}

Factor Factor::truncated_normal(std::string key, double mean, double sd, double lower, double upper,
                                std::size_t levels) {
  Factor factor(std::move(key), FactorKind::normal);
  factor.mean_ = mean;
  factor.sd_ = sd;
  factor.lower_ = lower;
  factor.upper_ = upper;
  factor.truncated_ = true;
  factor.levels_ = levels;
  factor.validate();
  return factor;
}

Factor Factor::choice(std::string key, std::vector<json> options, std::vector<double> weights) {
  Factor factor(std::move(key), FactorKind::choice);
  if (weights.empty()) weights.assign(options.size(), 1.0);
  if (weights.size() != options.size())
    fail(factor.key_, fmt::format("{} weights for {} options", weights.size(), options.size()));
  double total = 0.0;
  for (double w : weights) {
    if (!(w >= 0.0) || !std::isfinite(w)) fail(factor.key_, "weights must be finite and >= 0");
    total += w;
  }
  if (!(total > 0.0)) fail(factor.key_, "weights must not all be zero");
  factor.weights_.resize(weights.size());
  double cumulative = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    cumulative += weights[i];
    factor.weights_[i] = cumulative / total;
  }
  factor.weights_.back() = 1.0;
  factor.options_ = std::move(options);
  factor.validate();
  return factor;
}

Factor Factor::from_json(const json& spec) {
  if (!spec.is_object() || !spec.contains("key") || !spec["key"].is_string())
    throw std::invalid_argument("factor specification needs a string \"key\"");
  std::string key = spec["key"].get<std::string>();
  std::size_t levels = 0;
  if (spec.contains("levels")) {
    if (!spec["levels"].is_number_unsigned()) fail(key, "'levels' must be a non-negative integer");
    levels = spec["levels"].get<std::size_t>();
  }
  const auto list_of = [&](const char* field) {
    const json& list = spec.at(field);
    if (!list.is_array()) fail(key, fmt::format("'{}' must be an array", field));
    return std::vector<json>(list.begin(), list.end());
  };
  if (spec.contains("values")) return values(key, list_of("values"));
  if (spec.contains("choice")) {
    std::vector<double> weights;
    if (spec.contains("weights")) {
      if (!spec["weights"].is_array()) fail(key, "'weights' must be an array");
      for (const json& w : spec["weights"]) weights.push_back(number_of(w, "weights", key));
    }
    return choice(key, list_of("choice"), std::move(weights));
  }
  if (spec.contains("uniform")) {
    const auto [lower, upper] = bounds_of(spec, "uniform", key);
    return uniform_real(key, lower, upper, levels);
  }
  if (spec.contains("integer")) {
    const json& range = spec["integer"];
    if (!range.is_array() || range.size() != 2 || !range[0].is_number_integer() ||
        !range[1].is_number_integer())
      fail(key, "'integer' must be a [lower, upper] pair of integers");
    return uniform_integer(key, range[0].get<std::int64_t>(), range[1].get<std::int64_t>(), levels);
  }
  if (spec.contains("log_uniform")) {
    const auto [lower, upper] = bounds_of(spec, "log_uniform", key);
    return log_uniform(key, lower, upper, levels);
  }
  if (spec.contains("normal")) {
    const json& normal_spec = spec["normal"];
    if (!normal_spec.is_object() || !normal_spec.contains("mean") || !normal_spec.contains("sd"))
      fail(key, "'normal' needs \"mean\" and \"sd\"");
    const double mean = number_of(normal_spec["mean"], "mean", key);
    const double sd = number_of(normal_spec["sd"], "sd", key);
    if (!normal_spec.contains("lower") && !normal_spec.contains("upper"))
      return normal(key, mean, sd, levels);
    const double lower = normal_spec.contains("lower")
                             ? number_of(normal_spec["lower"], "lower", key)
                             : -std::numeric_limits<double>::infinity();
    const double upper = normal_spec.contains("upper")
                             ? number_of(normal_spec["upper"], "upper", key)
                             : std::numeric_limits<double>::infinity();
    return truncated_normal(key, mean, sd, lower, upper, levels);
  }
  fail(key, "needs one of values, choice, uniform, integer, log_uniform, normal");
}

void Factor::validate() const {
  if (key_.empty()) throw std::invalid_argument("factor key must not be empty");
  switch (kind_) {
    case FactorKind::values:
    case FactorKind::choice:
      if (options_.empty()) fail(key_, "needs at least one value");
      break;
    case FactorKind::uniform_real:
      if (!std::isfinite(lower_) || !std::isfinite(upper_) || lower_ > upper_)
        fail(key_, fmt::format("invalid range [{}, {}]", lower_, upper_));
      break;
    case FactorKind::uniform_integer:
      if (lower_ > upper_ || std::fabs(lower_) > max_exact_integer ||
          std::fabs(upper_) > max_exact_integer)
        fail(key_, fmt::format("invalid integer range [{}, {}]", lower_, upper_));
      break;
    case FactorKind::log_uniform:
      if (!std::isfinite(lower_) || !std::isfinite(upper_) || !(lower_ > 0.0) || lower_ > upper_)
        fail(key_,
             fmt::format("log-uniform range [{}, {}] needs 0 < lower <= upper", lower_, upper_));
      break;
    case FactorKind::normal: {
      if (!std::isfinite(mean_) || !std::isfinite(sd_) || !(sd_ > 0.0))
        fail(key_, "normal needs a finite mean and sd > 0");
      if (truncated_) {
        if (std::isnan(lower_) || std::isnan(upper_) || !(lower_ < upper_))
          fail(key_, fmt::format("truncation bounds [{}, {}] need lower < upper", lower_, upper_));
        const boost::math::normal_distribution<double> standard;
        const double mass = boost::math::cdf(standard, (upper_ - mean_) / sd_) -
                            boost::math::cdf(standard, (lower_ - mean_) / sd_);
        if (!(mass > 0.0)) fail(key_, "truncation bounds hold no probability mass");
      }
      break;
    }
  }
}

json Factor::value_at(double u) const {
  u = clamp_unit(u);
  switch (kind_) {
    case FactorKind::values:
      return options_[equal_cell(u, options_.size())];
    case FactorKind::choice: {
      const auto it = std::upper_bound(weights_.begin(), weights_.end(), u);
      const auto index =
          std::min(static_cast<std::size_t>(it - weights_.begin()), options_.size() - 1);
      return options_[index];
    }
    case FactorKind::uniform_real:
      return std::min(lower_ + u * (upper_ - lower_), upper_);
    case FactorKind::uniform_integer: {
      const auto count = static_cast<std::size_t>(upper_ - lower_) + 1;
      return static_cast<std::int64_t>(lower_) + static_cast<std::int64_t>(equal_cell(u, count));
    }
    case FactorKind::log_uniform: {
      const double log_lower = std::log(lower_);
      const double value = std::exp(log_lower + u * (std::log(upper_) - log_lower));
      return std::clamp(value, lower_, upper_);
    }
    case FactorKind::normal: {
      const boost::math::normal_distribution<double> standard;
      double probability = u;
      if (truncated_) {
        const double below = boost::math::cdf(standard, (lower_ - mean_) / sd_);
        const double above = boost::math::cdf(standard, (upper_ - mean_) / sd_);
        probability = below + u * (above - below);
      }
      probability = std::clamp(probability, smallest_probability, 1.0 - smallest_probability);
      const double value = mean_ + sd_ * boost::math::quantile(standard, probability);
      return truncated_ ? std::clamp(value, lower_, upper_) : value;
    }
  }
  return nullptr;  // unreachable: every kind returns above
}

std::vector<json> Factor::grid_values() const {
  if (kind_ == FactorKind::values || kind_ == FactorKind::choice) return options_;
  if (kind_ == FactorKind::uniform_integer && levels_ == 0) {
    std::vector<json> all;
    for (auto v = static_cast<std::int64_t>(lower_); v <= static_cast<std::int64_t>(upper_); ++v)
      all.emplace_back(v);
    return all;
  }
  if (levels_ == 0)
    fail(key_, "a continuous factor needs 'levels' to appear in a full factorial grid");

  std::vector<json> grid;
  grid.reserve(levels_);
  const double steps = static_cast<double>(levels_ - 1);
  for (std::size_t j = 0; j < levels_; ++j) {
    const double fraction = levels_ == 1 ? 0.5 : static_cast<double>(j) / steps;
    switch (kind_) {
      case FactorKind::uniform_real:
        grid.emplace_back(std::min(lower_ + fraction * (upper_ - lower_), upper_));
        break;
      case FactorKind::uniform_integer: {
        const auto value =
            static_cast<std::int64_t>(std::llround(lower_ + fraction * (upper_ - lower_)));
        if (grid.empty() || grid.back().get<std::int64_t>() != value) grid.emplace_back(value);
        break;
      }
      case FactorKind::log_uniform:
        grid.emplace_back(value_at(fraction));
        break;
      case FactorKind::normal:
        grid.emplace_back(value_at((static_cast<double>(j) + 0.5) / static_cast<double>(levels_)));
        break;
      case FactorKind::values:
      case FactorKind::choice:
        break;  // handled above
    }
  }
  return grid;
}

double Factor::morris_probability(double x) const {
  x = clamp_unit(x);
  if (kind_ == FactorKind::normal && !truncated_)
    return morris_normal_tail + x * (1.0 - 2.0 * morris_normal_tail);
  return x;
}

// ---------------------------------------------------------------------------
// ParameterSpace

ParameterSpace::ParameterSpace(std::vector<Factor> factors) {
  for (Factor& factor : factors) add(std::move(factor));
}

ParameterSpace ParameterSpace::from_json(const json& spec) {
  if (!spec.is_array()) throw std::invalid_argument("parameter space must be an array of factors");
  ParameterSpace space;
  for (const json& factor : spec) space.add(Factor::from_json(factor));
  return space;
}

void ParameterSpace::add(Factor factor) {
  for (const Factor& existing : factors_)
    if (existing.key() == factor.key()) fail(factor.key(), "appears twice in the parameter space");
  factors_.push_back(std::move(factor));
}

std::vector<std::string> ParameterSpace::keys() const {
  std::vector<std::string> keys;
  keys.reserve(factors_.size());
  for (const Factor& factor : factors_) keys.push_back(factor.key());
  return keys;
}

std::vector<json> ParameterSpace::values_at(std::span<const double> unit) const {
  if (unit.size() != factors_.size())
    throw std::invalid_argument(
        fmt::format("{} unit coordinates for {} factors", unit.size(), factors_.size()));
  std::vector<json> values;
  values.reserve(unit.size());
  for (std::size_t i = 0; i < unit.size(); ++i) values.push_back(factors_[i].value_at(unit[i]));
  return values;
}

// ---------------------------------------------------------------------------
// Designs

std::vector<DesignPoint> full_factorial(const ParameterSpace& space) {
  require_factors(space, "full factorial");
  std::vector<std::vector<json>> grids;
  std::size_t total = 1;
  for (const Factor& factor : space.factors()) {
    grids.push_back(factor.grid_values());
    if (total > std::numeric_limits<std::size_t>::max() / grids.back().size())
      throw std::invalid_argument("full factorial: too many points");
    total *= grids.back().size();
  }
  std::vector<DesignPoint> points(total);
  std::vector<std::size_t> digit(grids.size(), 0);  // mixed-radix counter, last fastest
  for (std::size_t p = 0; p < total; ++p) {
    points[p].index = p;
    points[p].values.reserve(grids.size());
    for (std::size_t i = 0; i < grids.size(); ++i) points[p].values.push_back(grids[i][digit[i]]);
    for (std::size_t i = grids.size(); i-- > 0;) {
      if (++digit[i] < grids[i].size()) break;
      digit[i] = 0;
    }
  }
  return points;
}

std::vector<DesignPoint> latin_hypercube(const ParameterSpace& space, std::size_t n,
                                         std::uint64_t seed) {
  require_factors(space, "Latin hypercube");
  if (n == 0) return {};
  if (n > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("Latin hypercube: at most 2^32 - 1 points");
  const std::size_t k = space.size();
  const double width = 1.0 / static_cast<double>(n);
  std::vector<std::vector<double>> unit(n, std::vector<double>(k));
  std::vector<std::uint32_t> stratum(n);
  for (std::size_t i = 0; i < k; ++i) {
    RandomStream stream(seed, purpose::design, latin_hypercube_stream,
                        static_cast<std::uint32_t>(i));
    std::iota(stratum.begin(), stratum.end(), 0u);
    for (std::size_t j = n; j > 1; --j)  // Fisher-Yates
      std::swap(stratum[j - 1], stratum[stream.below(static_cast<std::uint32_t>(j))]);
    for (std::size_t j = 0; j < n; ++j) {
      const double lower = static_cast<double>(stratum[j]) * width;
      const double upper = static_cast<double>(stratum[j] + 1u) * width;
      // Jittered inside the stratum; kept strictly below its upper edge despite rounding.
      unit[j][i] = std::min(lower + stream.uniform() * width, std::nextafter(upper, 0.0));
    }
  }
  std::vector<DesignPoint> points;
  points.reserve(n);
  for (std::size_t j = 0; j < n; ++j) points.push_back(make_point(space, j, std::move(unit[j])));
  return points;
}

std::vector<DesignPoint> sobol_sequence(const ParameterSpace& space, std::size_t n,
                                        std::size_t skip) {
  require_factors(space, "Sobol' sequence");
  const std::size_t k = space.size();
  const std::vector<double> coordinates = sobol_points(k, n, skip);
  std::vector<DesignPoint> points;
  points.reserve(n);
  for (std::size_t j = 0; j < n; ++j) {
    std::vector<double> unit(coordinates.begin() + static_cast<std::ptrdiff_t>(j * k),
                             coordinates.begin() + static_cast<std::ptrdiff_t>((j + 1) * k));
    points.push_back(make_point(space, j, std::move(unit)));
  }
  return points;
}

SaltelliDesign saltelli(const ParameterSpace& space, std::size_t base_samples, std::size_t skip) {
  require_factors(space, "Saltelli");
  const std::size_t k = space.size();
  const std::vector<double> coordinates = sobol_points(2 * k, base_samples, skip);
  SaltelliDesign design;
  design.num_factors = k;
  design.base_samples = base_samples;
  design.points.resize(base_samples * design.block_size());
  for (std::size_t j = 0; j < base_samples; ++j) {
    const double* row = coordinates.data() + j * 2 * k;
    const std::vector<double> a(row, row + k);
    const std::vector<double> b(row + k, row + 2 * k);
    const auto place = [&](std::size_t index, std::vector<double> unit) {
      design.points[index] = make_point(space, index, std::move(unit));
    };
    place(design.row_a(j), a);
    for (std::size_t i = 0; i < k; ++i) {
      std::vector<double> ab = a;
      ab[i] = b[i];
      place(design.row_ab(i, j), std::move(ab));
    }
    place(design.row_b(j), b);
  }
  return design;
}

MorrisDesign morris(const ParameterSpace& space, std::size_t trajectories, std::size_t grid_levels,
                    std::uint64_t seed) {
  require_factors(space, "Morris");
  if (grid_levels < 2 || grid_levels % 2 != 0)
    throw std::invalid_argument(
        fmt::format("Morris: grid levels must be even and >= 2, got {}", grid_levels));
  if (trajectories > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("Morris: at most 2^32 - 1 trajectories");
  const std::size_t k = space.size();
  const double spacing = 1.0 / static_cast<double>(grid_levels - 1);
  const auto half = static_cast<std::uint32_t>(grid_levels / 2);

  MorrisDesign design;
  design.num_factors = k;
  design.trajectories = trajectories;
  design.grid_levels = grid_levels;
  design.delta = static_cast<double>(grid_levels) / (2.0 * static_cast<double>(grid_levels - 1));
  // delta is (p/2) grid steps: moving up from the lower half of the levels (or down
  // from the upper half) always lands on another level.
  const std::size_t rows = trajectories * (k + 1);
  design.points.reserve(rows);
  design.moved_factor.assign(rows, MorrisDesign::no_factor);
  design.direction.assign(rows, 0);

  std::vector<std::uint32_t> level(k);  // current grid level of every factor
  std::vector<int> sign(k);
  std::vector<std::size_t> order(k);
  const auto emit = [&](std::size_t row) {
    std::vector<double> grid(k);
    std::vector<double> probability(k);
    for (std::size_t i = 0; i < k; ++i) {
      grid[i] = std::min(static_cast<double>(level[i]) * spacing, 1.0);
      probability[i] = space[i].morris_probability(grid[i]);
    }
    DesignPoint point;
    point.index = row;
    point.values = space.values_at(probability);
    point.unit = std::move(grid);
    design.points.push_back(std::move(point));
  };

  for (std::size_t t = 0; t < trajectories; ++t) {
    RandomStream stream(seed, purpose::design, morris_stream, static_cast<std::uint32_t>(t));
    for (std::size_t i = 0; i < k; ++i) {
      const std::uint32_t base = stream.below(half);  // a lower-half level
      sign[i] = stream.bernoulli(0.5) ? 1 : -1;
      level[i] = sign[i] > 0 ? base : base + half;
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t j = k; j > 1; --j)
      std::swap(order[j - 1], order[stream.below(static_cast<std::uint32_t>(j))]);

    emit(design.row(t, 0));
    for (std::size_t step = 1; step <= k; ++step) {
      const std::size_t factor = order[step - 1];
      level[factor] = sign[factor] > 0 ? level[factor] + half : level[factor] - half;
      const std::size_t row = design.row(t, step);
      design.moved_factor[row] = factor;
      design.direction[row] = sign[factor];
      emit(row);
    }
  }
  return design;
}

// ---------------------------------------------------------------------------
// Replicates

std::uint64_t replicate_seed(std::uint64_t master_seed, std::size_t point_index,
                             std::uint32_t replicate, SeedPolicy policy) {
  if (policy == SeedPolicy::common_random_numbers) return derive_seed(master_seed, replicate);
  if (point_index > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("replicate_seed: point index must be < 2^32");
  return derive_seed(master_seed, (static_cast<std::uint64_t>(point_index) << 32) | replicate);
}

std::vector<Run> expand_replicates(std::size_t num_points, std::uint32_t replicates,
                                   std::uint64_t master_seed, SeedPolicy policy) {
  std::vector<Run> runs;
  runs.reserve(num_points * replicates);
  for (std::size_t point = 0; point < num_points; ++point) {
    for (std::uint32_t r = 0; r < replicates; ++r) {
      Run run;
      run.run_id = static_cast<std::uint64_t>(point) * replicates + r;
      run.point_index = point;
      run.replicate = r;
      run.seed = replicate_seed(master_seed, point, r, policy);
      runs.push_back(run);
    }
  }
  return runs;
}

}  // namespace gs::experiments
