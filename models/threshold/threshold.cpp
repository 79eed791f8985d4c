// The threshold model: scenario parameters, set-up and the tick (see threshold.hpp).
#include "models/threshold/threshold.hpp"

#include <memory>

#include "models/threshold/cascade.hpp"

namespace gs {
namespace {

using threshold::CascadeState;

class ThresholdModel final : public Model {
 public:
  explicit ThresholdModel(const ModelContext& ctx)
      : network_(build_network(ctx.scenario->values().at("network"), ctx.seed)),
        state_(network_.graph, needed_per_agent(ctx), initial_adopters(ctx)) {
    for (std::uint8_t a : state_.active) active_count_ += a;
    initial_adopters_ = active_count_;
  }

  const std::vector<std::string>& observable_names() const override {
    static const std::vector<std::string> names{"active_count", "active_share", "newly_active"};
    return names;
  }

  std::vector<ObservableInfo> observable_info() const override {
    return {{ObservableKind::count, {}}, {ObservableKind::share, {}}, {ObservableKind::count, {}}};
  }

  void observe(std::span<double> out) const override {
    const AgentId n = network_.graph.num_agents();
    out[0] = static_cast<double>(active_count_);
    out[1] = n == 0 ? 0.0 : static_cast<double>(active_count_) / n;
    out[2] = static_cast<double>(newly_active_);
  }

  StepOutcome step(std::uint32_t /*tick*/) override {
    newly_active_ = threshold::cascade_step(network_.graph, state_).size();
    active_count_ += newly_active_;
    return newly_active_ == 0 ? StepOutcome::fixed_point : StepOutcome::changed;
  }

  nlohmann::json summary() const override {
    return {{"agents", network_.graph.num_agents()},
            {"ties", network_.graph.num_ties()},
            {"initial_adopters", initial_adopters_},
            {"network", network_.provenance}};
  }

  std::vector<std::uint8_t> agent_snapshot() const override { return state_.active; }
  const Graph* network_graph() const override { return &network_.graph; }

 private:
  std::vector<std::uint32_t> needed_per_agent(const ModelContext& ctx) const {
    const auto& section = ctx.scenario->values().at("threshold");
    const bool fractional = section.at("kind").get<std::string>() == "fractional";
    const auto theta = threshold::assign_thresholds(section, network_, ctx.seed);
    std::vector<std::uint32_t> needed(theta.size());
    for (AgentId u = 0; u < network_.graph.num_agents(); ++u) {
      needed[u] = threshold::needed_count(theta[u], network_.graph.degree(u), fractional);
    }
    return needed;
  }

  std::vector<AgentId> initial_adopters(const ModelContext& ctx) const {
    return threshold::choose_initial_adopters(ctx.scenario->values().at("threshold").at("seeds"),
                                              network_, ctx.seed);
  }

  Network network_;
  CascadeState state_;
  std::uint64_t active_count_ = 0;
  std::uint64_t newly_active_ = 0;
  std::uint64_t initial_adopters_ = 0;
};

void declare_threshold(scenario::Section root) {
  auto t = root.section("threshold",
                        "Linear threshold model (Granovetter 1978; Watts 2002): an inactive agent "
                        "activates when its active neighbours reach its threshold.");
  t.choice("kind", "fractional", {"fractional", "absolute"},
           "fractional: threshold is a share of the agent's neighbours (Watts); absolute: a "
           "count of active neighbours (Granovetter, on a complete graph: of all others).");
  t.choice("distribution", "fixed", {"fixed", "uniform", "normal", "ladder", "list", "file"},
           "How thresholds are set: fixed (`value`), uniform in [min, max], normal(mean, sd) "
           "clipped to [min, max], ladder (start + step * agent index), list (`values`, one per "
           "agent), file (`file`).");
  t.real("value", 0.18, "The threshold for `fixed`, and for agents a threshold file omits.",
         {0.0, 1e12});
  t.real("min", 0.0, "Lower bound for `uniform`; clip for `normal`.", {0.0, 1e12});
  t.real("max", 1.0, "Upper bound for `uniform`; clip for `normal`.", {0.0, 1e12});
  t.real("mean", 0.25, "Mean for `normal`.", {-1e12, 1e12});
  t.real("sd", 0.1, "Standard deviation for `normal`.", {0.0, 1e12});
  t.real("start", 0.0, "First threshold of a `ladder` (agent 0).", {-1e12, 1e12});
  t.real("step", 1.0, "Increment per agent of a `ladder`.", {-1e12, 1e12});
  t.reals("values", {}, "Thresholds for `list`, one per agent in agent order.", {-1e12, 1e12});
  t.path("file", "For `file`: lines `id threshold` with the network's agent ids.");
  auto seeds = t.section("seeds", "Initial adopters, active at tick 0.");
  seeds.choice("rule", "random_fraction",
               {"none", "random_fraction", "count", "top_degree", "file"},
               "none; random_fraction (a uniform random subset of round(fraction * n)); count (a "
               "uniform random subset of `count`); top_degree (the `count` best-connected); file.");
  seeds.real("fraction", 0.001, "Share of agents for `random_fraction`.", {0.0, 1.0});
  seeds.integer("count", 1, "Number of agents for `count` and `top_degree`.", {0, 4.3e9});
  seeds.path("file", "For `file`: one agent id per line (the network's ids).");
}

}  // namespace

ModelEntry make_threshold_entry() {
  return {"threshold", "Linear threshold cascades (Granovetter 1978; Watts 2002).",
          declare_threshold, [](const ModelContext& ctx) -> std::unique_ptr<Model> {
            return std::make_unique<ThresholdModel>(ctx);
          }};
}

}  // namespace gs
