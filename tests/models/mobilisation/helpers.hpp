// Test helpers for the mobilisation model: resolve YAML text against a local
// registry (mobilisation + threshold), build models, run them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "models/mobilisation/mobilisation.hpp"
#include "models/mobilisation/model.hpp"
#include "models/threshold/threshold.hpp"
#include "sim/engine/registry.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::mobtest {

inline const ModelRegistry& registry() {
  static const ModelRegistry r = [] {
    ModelRegistry x;
    x.add(make_mobilisation_entry());
    x.add(make_threshold_entry());
    return x;
  }();
  return r;
}

inline std::shared_ptr<const scenario::Scenario> resolve(const std::string& yaml,
                                                         const std::vector<std::string>& sets = {},
                                                         const std::string& origin = GS_SOURCE_DIR
                                                         "/scenarios/test.yaml") {
  std::vector<scenario::Override> ov;
  for (const auto& s : sets) ov.push_back(scenario::Override::parse(s));
  return scenario::Document::parse(yaml, origin).resolve(ov, registry());
}

inline std::shared_ptr<const scenario::Scenario> load(const std::string& file,
                                                      const std::vector<std::string>& sets = {}) {
  std::vector<scenario::Override> ov;
  for (const auto& s : sets) ov.push_back(scenario::Override::parse(s));
  return scenario::load(file, ov, registry());
}

inline std::unique_ptr<Model> create(const std::shared_ptr<const scenario::Scenario>& sc,
                                     std::uint64_t seed) {
  return registry().at(sc->model()).create(ModelContext{sc, seed});
}

inline mobilisation::MobilisationModel& mob(std::unique_ptr<Model>& m) {
  return dynamic_cast<mobilisation::MobilisationModel&>(*m);
}

// Runs ticks 1..ticks; returns the model.
inline std::unique_ptr<Model> run(const std::shared_ptr<const scenario::Scenario>& sc,
                                  std::uint64_t seed, std::uint32_t ticks) {
  auto m = create(sc, seed);
  for (std::uint32_t t = 1; t <= ticks; ++t) m->step(t);
  return m;
}

inline double observable(const Model& m, const std::string& name) {
  std::vector<double> out(m.observable_names().size());
  m.observe(out);
  const auto& n = m.observable_names();
  const auto it = std::find(n.begin(), n.end(), name);
  if (it == n.end()) throw std::out_of_range(name);
  return out[static_cast<std::size_t>(it - n.begin())];
}

// Every observable's mean at the end of `ticks` over replicates seeded
// base..base+reps-1: one run per replicate, whatever is read from it.
inline std::map<std::string, double> observable_means(
    const std::shared_ptr<const scenario::Scenario>& sc, std::uint32_t ticks, int reps,
    std::uint64_t base = 100) {
  std::map<std::string, double> means;
  for (int k = 0; k < reps; ++k) {
    const auto m = run(sc, base + static_cast<std::uint64_t>(k), ticks);
    std::vector<double> values(m->observable_names().size());
    m->observe(values);
    for (std::size_t i = 0; i < values.size(); ++i) means[m->observable_names()[i]] += values[i];
  }
  for (auto& [name, sum] : means) sum /= reps;
  return means;
}

// Mean of one observable at the end of `ticks` over replicates seeded base..base+reps-1.
inline double mean_over(const std::shared_ptr<const scenario::Scenario>& sc,
                        const std::string& name, std::uint32_t ticks, int reps,
                        std::uint64_t base = 100) {
  return observable_means(sc, ticks, reps, base).at(name);
}

}  // namespace gs::mobtest

namespace gs::mobtest {

// A scenario file with `variants:`: resolves it for one variant through
// scenario::Document (the same path as `groundswell run --variant`), with
// `extra` dotted overrides applied after the variant's settings.
inline std::shared_ptr<const scenario::Scenario> load_variant(const std::string& file,
                                                              const std::string& variant,
                                                              std::vector<std::string> extra = {}) {
  std::vector<scenario::Override> ov;
  for (const auto& e : extra) ov.push_back(scenario::Override::parse(e));
  return scenario::Document::read(file).resolve(ov, registry(), variant);
}

// The scenario's own horizon (run.max_ticks).
inline std::uint32_t horizon(const std::shared_ptr<const scenario::Scenario>& sc) {
  return static_cast<std::uint32_t>(sc->values().at("run").at("max_ticks").get<std::int64_t>());
}

// Means of every observable at the scenario's horizon over seeds
// base..base+reps-1. Runs are deterministic, so each (file, variant, reps,
// base) is run once and shared by every observable a test asks about.
inline const std::map<std::string, double>& variant_means(const std::string& file,
                                                          const std::string& variant, int reps,
                                                          std::uint64_t base) {
  using Key = std::tuple<std::string, std::string, int, std::uint64_t>;
  static std::map<Key, std::map<std::string, double>> cache;
  const Key key{file, variant, reps, base};
  if (const auto it = cache.find(key); it != cache.end()) return it->second;
  const auto sc = load_variant(file, variant);
  auto means = observable_means(sc, horizon(sc), reps, base);
  return cache.emplace(key, std::move(means)).first->second;
}

// Mean of an observable at the scenario's horizon over seeds base..base+reps-1.
inline double variant_mean(const std::string& file, const std::string& variant,
                           const std::string& name, int reps = 3, std::uint64_t base = 100) {
  return variant_means(file, variant, reps, base).at(name);
}

}  // namespace gs::mobtest
