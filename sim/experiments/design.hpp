// Experimental designs over a parameter space: which scenario values each run uses.
//
// Contract: a ParameterSpace is an ordered list of factors, each naming a dotted
// scenario key ("network.rewire_probability") and how its values are drawn. Every
// sampling design first places points in the unit hypercube [0,1]^k and then maps
// coordinate i to factor i's value through that factor's inverse CDF
// (Factor::value_at), so the designs are distribution-free and a factor's kind
// never changes how points are placed. Every design is a pure function of its
// arguments (and seed): the same call returns the same points, in the same order,
// on any machine and thread count; random draws come from gs::RandomStream keyed by
// (seed, purpose::design, design-specific word, factor or trajectory).
//
// Designs and the papers behind them:
// - full_factorial: cartesian product of each factor's grid values.
// - latin_hypercube: McKay, Beckman & Conover (1979), "A comparison of three methods
//   for selecting values of input variables in the analysis of output from a
//   computer code": one point per stratum 1/n of every factor, strata paired by
//   independent random permutations, a uniform jitter inside each stratum.
// - sobol_sequence: Sobol' (1967) low-discrepancy sequence with the Joe & Kuo (2008)
//   direction numbers shipped by boost::random::sobol. Skip convention: Boost never
//   emits the all-zero origin (it would map to -inf under an unbounded inverse CDF),
//   so the first point of dimension 2 is (0.5, 0.5); `skip` drops further points.
// - saltelli: Saltelli (2002), "Making best use of model evaluations to compute
//   sensitivity indices", and Saltelli et al. (2010), "Variance based sensitivity
//   analysis of model output. Design and estimator for the total sensitivity index":
//   base matrices A and B are the first and last k columns of one 2k-dimensional
//   Sobol' sequence; AB_i is A with column i taken from B.
// - morris: Morris (1991), "Factorial sampling plans for preliminary computational
//   experiments": r one-at-a-time trajectories of k+1 points on a p-level grid with
//   step delta = p / (2(p-1)).
//
// Replicates (expand_replicates): each design point is run `replicates` times. The
// seed of replicate r of point j is derive_seed(master_seed, (j << 32) | r) for
// independent streams, or derive_seed(master_seed, r) (the point-0 seed) for common
// random numbers, where replicate r of every point shares one seed. The seed never
// depends on the number of points, the number of replicates, or the order runs are
// executed in, so a resumed, extended or sharded sweep gives a run the same seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace gs::experiments {

enum class FactorKind {
  values,           // explicit ordered list, equally likely
  uniform_real,     // continuous uniform on [lower, upper]
  uniform_integer,  // integers lower..upper inclusive, equally likely
  log_uniform,      // log(value) uniform on [log lower, log upper], 0 < lower
  normal,           // normal(mean, sd), optionally truncated to [lower, upper]
  choice,           // discrete choice among options with weights (default equal)
};

class Factor {
 public:
  static Factor values(std::string key, std::vector<nlohmann::json> values);
  // `levels` is the number of grid values a full factorial design uses; 0 means the
  // factor cannot appear in a grid (except uniform_integer, where 0 means every integer).
  static Factor uniform_real(std::string key, double lower, double upper, std::size_t levels = 0);
  static Factor uniform_integer(std::string key, std::int64_t lower, std::int64_t upper,
                                std::size_t levels = 0);
  static Factor log_uniform(std::string key, double lower, double upper, std::size_t levels = 0);
  static Factor normal(std::string key, double mean, double sd, std::size_t levels = 0);
  static Factor truncated_normal(std::string key, double mean, double sd, double lower,
                                 double upper, std::size_t levels = 0);
  static Factor choice(std::string key, std::vector<nlohmann::json> options,
                       std::vector<double> weights = {});

  // Parses one factor specification (throws std::invalid_argument with the key on error):
  //   {"key": "a.b", "values": [1, "x", ...]}
  //   {"key": "a.b", "uniform": [lo, hi], "levels": n}
  //   {"key": "a.b", "integer": [lo, hi], "levels": n}
  //   {"key": "a.b", "log_uniform": [lo, hi], "levels": n}
  //   {"key": "a.b", "normal": {"mean": m, "sd": s, "lower": lo, "upper": hi}, "levels": n}
  //   {"key": "a.b", "choice": [...], "weights": [...]}
  // "levels", "weights", "lower" and "upper" are optional.
  static Factor from_json(const nlohmann::json& spec);

  const std::string& key() const { return key_; }
  FactorKind kind() const { return kind_; }
  double lower() const { return lower_; }
  double upper() const { return upper_; }
  double mean() const { return mean_; }
  double sd() const { return sd_; }
  bool truncated() const { return truncated_; }
  std::size_t levels() const { return levels_; }
  const std::vector<nlohmann::json>& options() const { return options_; }
  const std::vector<double>& weights() const { return weights_; }

  // Inverse CDF: the value whose cumulative probability is u, for u in [0, 1]
  // (clamped). Lists and choices pick the option whose cumulative weight interval
  // holds u; integer ranges give each integer an equal share of [0, 1]; an
  // untruncated normal clamps u to [2^-53, 1 - 2^-53] so its value stays finite.
  nlohmann::json value_at(double u) const;

  // The values a full factorial design enumerates: every option of a list or
  // choice; `levels` evenly spaced values of a range, endpoints included (geometric
  // spacing for log_uniform, rounded and deduplicated for integers, every integer
  // when levels is 0); for a normal, the medians of `levels` equal-probability
  // strata, value_at((j + 0.5) / levels). A single level is the median.
  // Throws std::invalid_argument for a continuous factor without levels.
  std::vector<nlohmann::json> grid_values() const;

  // Where a Morris grid coordinate x in [0, 1] lands in probability: x itself, except
  // for an untruncated normal, whose unbounded tails are cut at the 0.5% and 99.5%
  // quantiles (Campolongo et al. 2007 sample non-uniform factors through their
  // quantiles; a grid reaching u = 0 or 1 would otherwise sit 8 sd out).
  double morris_probability(double x) const;

 private:
  Factor(std::string key, FactorKind kind) : key_(std::move(key)), kind_(kind) {}
  void validate() const;

  std::string key_;
  FactorKind kind_;
  double lower_ = 0.0;
  double upper_ = 0.0;
  double mean_ = 0.0;
  double sd_ = 0.0;
  bool truncated_ = false;
  std::size_t levels_ = 0;
  std::vector<nlohmann::json> options_;
  std::vector<double> weights_;  // choice only: normalised cumulative weights
};

class ParameterSpace {
 public:
  ParameterSpace() = default;
  explicit ParameterSpace(std::vector<Factor> factors);  // keys must be unique

  // A JSON array of factor specifications (see Factor::from_json).
  static ParameterSpace from_json(const nlohmann::json& spec);

  void add(Factor factor);  // throws std::invalid_argument on a repeated key
  std::size_t size() const { return factors_.size(); }
  bool empty() const { return factors_.empty(); }
  const Factor& operator[](std::size_t i) const { return factors_[i]; }
  const std::vector<Factor>& factors() const { return factors_; }
  std::vector<std::string> keys() const;

  // Maps one unit-hypercube point (one coordinate per factor) to factor values.
  std::vector<nlohmann::json> values_at(std::span<const double> unit) const;

 private:
  std::vector<Factor> factors_;
};

struct DesignPoint {
  std::size_t index = 0;               // position in the design, 0-based
  std::vector<double> unit;            // unit-hypercube coordinates (empty for a grid)
  std::vector<nlohmann::json> values;  // one per factor, in ParameterSpace order
};

// Cartesian product of every factor's grid_values(); the last factor varies fastest.
std::vector<DesignPoint> full_factorial(const ParameterSpace& space);

// n points; for every factor, floor(unit * n) over the points is a permutation of 0..n-1.
std::vector<DesignPoint> latin_hypercube(const ParameterSpace& space, std::size_t n,
                                         std::uint64_t seed);

// Points skip+1 .. skip+n of the k-dimensional Sobol' sequence (origin never included).
std::vector<DesignPoint> sobol_sequence(const ParameterSpace& space, std::size_t n,
                                        std::size_t skip = 0);

// Saltelli design: N base rows, each expanded into k+2 consecutive rows
// [A_j, AB_1j, ..., AB_kj, B_j], so a prefix of whole blocks is itself a design.
struct SaltelliDesign {
  std::size_t num_factors = 0;
  std::size_t base_samples = 0;     // N
  std::vector<DesignPoint> points;  // N * (k + 2)

  std::size_t block_size() const { return num_factors + 2; }
  std::size_t row_a(std::size_t base) const { return base * block_size(); }
  std::size_t row_ab(std::size_t factor, std::size_t base) const {
    return base * block_size() + 1 + factor;
  }
  std::size_t row_b(std::size_t base) const { return base * block_size() + num_factors + 1; }
};

// Base matrices from points skip+1 .. skip+N of the 2k-dimensional Sobol' sequence
// (a power of two N keeps the sequence balanced).
SaltelliDesign saltelli(const ParameterSpace& space, std::size_t base_samples,
                        std::size_t skip = 0);

// Morris design: trajectory t occupies rows t*(k+1) .. t*(k+1)+k. Row t*(k+1) is a
// random grid point; each following row moves exactly one factor by +-delta in
// unit coordinates, every factor once, in a random order. A point's `unit` holds
// its grid coordinates; its values come from Factor::morris_probability of them.
struct MorrisDesign {
  static constexpr std::size_t no_factor = static_cast<std::size_t>(-1);

  std::size_t num_factors = 0;
  std::size_t trajectories = 0;
  std::size_t grid_levels = 0;  // p
  double delta = 0.0;           // p / (2 (p - 1)), in unit coordinates
  std::vector<DesignPoint> points;
  // Per row: the factor that moved from the previous row (no_factor for a
  // trajectory's first row) and the direction of the move (+1, -1, or 0).
  std::vector<std::size_t> moved_factor;
  std::vector<int> direction;

  std::size_t row(std::size_t trajectory, std::size_t step) const {
    return trajectory * (num_factors + 1) + step;
  }
};

// `grid_levels` p must be even and >= 2 (so +-delta maps grid levels onto grid levels).
MorrisDesign morris(const ParameterSpace& space, std::size_t trajectories, std::size_t grid_levels,
                    std::uint64_t seed);

// Replicated runs of a design.
enum class SeedPolicy {
  independent,            // every (point, replicate) has its own seed
  common_random_numbers,  // replicate r of every point shares one seed (paired comparisons)
};

struct Run {
  std::uint64_t run_id = 0;  // point_index * replicates + replicate
  std::size_t point_index = 0;
  std::uint32_t replicate = 0;
  std::uint64_t seed = 0;
};

// The seed rule documented at the top of this file. point_index must be < 2^32.
std::uint64_t replicate_seed(std::uint64_t master_seed, std::size_t point_index,
                             std::uint32_t replicate, SeedPolicy policy);

// num_points * replicates runs, point-major (all replicates of point 0 first).
std::vector<Run> expand_replicates(std::size_t num_points, std::uint32_t replicates,
                                   std::uint64_t master_seed, SeedPolicy policy);

}  // namespace gs::experiments
