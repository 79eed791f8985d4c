// The perturbation kernel: see perturbation_kernel.hpp for the contract.
#include "sim/experiments/perturbation_kernel.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "sim/core/rng.hpp"

namespace gs::experiments {
namespace {

bool in_cube(std::span<const double> u) {
  return std::all_of(u.begin(), u.end(), [](double x) { return x > 0.0 && x < 1.0; });
}

}  // namespace

PerturbationKernel::PerturbationKernel(std::vector<UnitPoint> particles,
                                       std::vector<double> weights)
    : particles_(std::move(particles)), weights_(std::move(weights)) {
  if (particles_.empty() || particles_.size() != weights_.size())
    throw std::invalid_argument("a perturbation kernel needs particles with one weight each");
  const std::size_t n = particles_.size();
  const auto dims = static_cast<Eigen::Index>(particles_.front().size());
  double total = 0.0;
  for (double w : weights_) total += w;
  if (!(total > 0.0)) throw std::invalid_argument("the particles' weights sum to zero");
  cumulative_.resize(n);
  double running = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    weights_[i] /= total;
    running += weights_[i];
    cumulative_[i] = running;
  }
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(dims);
  for (std::size_t i = 0; i < n; ++i)
    mean += weights_[i] * Eigen::Map<const Eigen::VectorXd>(particles_[i].data(), dims);
  covariance_ = Eigen::MatrixXd::Zero(dims, dims);
  for (std::size_t i = 0; i < n; ++i) {
    const Eigen::VectorXd d = Eigen::Map<const Eigen::VectorXd>(particles_[i].data(), dims) - mean;
    covariance_ += weights_[i] * d * d.transpose();
  }
  covariance_ *= 2.0;
  // A population that is (nearly) flat along some direction, such as two
  // particles, or a collapsed one, would give a singular kernel that never
  // proposes off that line again. Eigenvalues are floored at 1% of the
  // largest (a tenth of its spread) and at (1e-4)^2 on the unit scale.
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(covariance_);
  Eigen::VectorXd values = eigen.eigenvalues();
  const double floor = std::max(1e-8, 1e-2 * values.maxCoeff());
  for (Eigen::Index d = 0; d < dims; ++d) values(d) = std::max(values(d), floor);
  covariance_ = eigen.eigenvectors() * values.asDiagonal() * eigen.eigenvectors().transpose();
  covariance_ = 0.5 * (covariance_ + covariance_.transpose());
  const Eigen::LLT<Eigen::MatrixXd> llt(covariance_);
  if (llt.info() != Eigen::Success)
    throw std::runtime_error("the perturbation kernel's covariance is not positive definite");
  cholesky_ = llt.matrixL();
}

UnitPoint PerturbationKernel::propose(std::uint64_t seed, std::uint32_t stream_word,
                                      std::uint32_t index, const InsideSupport& inside,
                                      std::size_t max_attempts) const {
  RandomStream stream(seed, purpose::design, stream_word, index);
  const auto dims = static_cast<Eigen::Index>(particles_.front().size());
  for (std::size_t attempt = 0; attempt < max_attempts; ++attempt) {
    const double u = stream.uniform();
    const auto parent = static_cast<std::size_t>(
        std::upper_bound(cumulative_.begin(), cumulative_.end() - 1, u) - cumulative_.begin());
    Eigen::VectorXd z(dims);
    for (Eigen::Index d = 0; d < dims; ++d) z(d) = stream.normal();
    const Eigen::VectorXd step = cholesky_ * z;
    UnitPoint point(particles_[parent]);
    for (Eigen::Index d = 0; d < dims; ++d) point[static_cast<std::size_t>(d)] += step(d);
    if (in_cube(point) && (!inside || inside(point))) return point;
  }
  throw std::runtime_error("no proposal fell inside the priors' support in " +
                           std::to_string(max_attempts) +
                           " attempts: the scenarios refuse almost every value the priors allow; "
                           "narrow the priors to the parameters' ranges");
}

double PerturbationKernel::density(std::span<const double> point) const {
  const auto dims = static_cast<Eigen::Index>(point.size());
  const Eigen::Map<const Eigen::VectorXd> x(point.data(), dims);
  double sum = 0.0;
  for (std::size_t j = 0; j < particles_.size(); ++j) {
    const Eigen::VectorXd d = x - Eigen::Map<const Eigen::VectorXd>(particles_[j].data(), dims);
    const Eigen::VectorXd s = cholesky_.triangularView<Eigen::Lower>().solve(d);
    sum += weights_[j] * std::exp(-0.5 * s.squaredNorm());
  }
  // The Gaussian's normalising constant: (2 pi)^(-k/2) / det(L).
  double log_det = 0.0;
  for (Eigen::Index d = 0; d < dims; ++d) log_det += std::log(cholesky_(d, d));
  return sum *
         std::exp(-0.5 * static_cast<double>(dims) * std::log(2.0 * std::numbers::pi) - log_det);
}

UnitPoint draw_from_prior(std::uint64_t seed, std::uint32_t stream_word, std::uint32_t index,
                          std::size_t dims, const InsideSupport& inside, std::size_t max_attempts) {
  RandomStream stream(seed, purpose::design, stream_word, index);
  UnitPoint point(dims);
  for (std::size_t attempt = 0; attempt < max_attempts; ++attempt) {
    for (auto& x : point) {
      do {
        x = stream.uniform();
      } while (x <= 0.0);
    }
    if (!inside || inside(point)) return point;
  }
  throw std::runtime_error("no prior draw fell inside the scenarios' ranges in " +
                           std::to_string(max_attempts) + " attempts; narrow the priors");
}

double effective_sample_size(std::span<const double> weights) {
  double sum = 0.0;
  double squares = 0.0;
  for (double w : weights) {
    sum += w;
    squares += w * w;
  }
  return squares > 0.0 ? sum * sum / squares : 0.0;
}

}  // namespace gs::experiments
