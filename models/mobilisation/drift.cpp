// Slow drifts and the week's accounting (MODEL.md tick step 6).
//
// Contract (parallel, each resident writes only their own row):
// - fatalism, institutional trust, confidence and salience revert toward
//   their baselines at drifts.* a week, so only sustained activity changes a
//   community; baselines move only through experience (action.cpp,
//   drifts.baseline_learning);
// - contact and threat exposure decay geometrically (engagement.contact_decay,
//   opposition.exposure_decay) and are zeroed below engagement.exposure_floor;
// - organisers and leaders grow their latent leadership by practice
//   (drifts.leadership_practice x leadership.emergence x (1 - leadership))
//   (Community Organisers: latent leadership grown by practice);
// - tie trust grows between co-members; each end updates its own row with the
//   same rule, so weights stay symmetric;
// - each resident's hours grow by hours_per_level[level] x weeks per tick,
//   and the run's volunteer_hours by their sum (a deterministic sum);
//   programme_hours sums those given in groups a strategy formed (what a
//   programme's evaluation counts).
#include <algorithm>
#include <vector>

#include "models/mobilisation/phases.hpp"
#include "sim/core/parallel.hpp"

namespace gs::mobilisation {

namespace {
// The week's hours: all, and those given in groups a strategy formed.
struct Hours {
  double all = 0.0, programme = 0.0;
  Hours& operator+=(const Hours& o) {
    all += o.all;
    programme += o.programme;
    return *this;
  }
};

float toward(float value, float baseline, double rate) {
  return static_cast<float>(std::clamp(value + rate * (baseline - value), 0.0, 1.0));
}
}  // namespace

void drift(Community& c) {
  const Params& p = c.p;
  Residents& r = c.r;
  const double weeks = p.weeks_per_tick();
  // Most residents sit at their baselines with no exposure, where every update below gives
  // back the value it read: such values are not stored again, so their cache lines stay clean
  // and are not written back (the pass is bound by memory traffic).
  const auto settle = [](float& value, float next) {
    if (next != value) value = next;
  };
  // Which groups a strategy formed, looked up once a tick rather than per member.
  std::vector<std::uint8_t> programme(c.groups.size());
  for (std::size_t k = 0; k < programme.size(); ++k) {
    programme[k] = c.groups[k].formed_by_strategy() ? 1 : 0;
  }
  const Hours week = deterministic_sum<Hours>(r.size(), [&](std::size_t i) -> Hours {
    settle(r.fatalism[i], toward(r.fatalism[i], r.base_fatalism[i], p.fatalism_drift));
    settle(r.inst_trust[i], toward(r.inst_trust[i], r.base_trust[i], p.trust_drift));
    settle(r.confidence[i], toward(r.confidence[i], r.base_confidence[i], p.confidence_drift));
    settle(r.salience[i], toward(r.salience[i], r.base_salience[i], p.salience_drift));
    if (r.threat[i] != 0.0f) {
      const double th = r.threat[i] * (1.0 - p.opposition_exposure_decay);
      r.threat[i] = th < p.exposure_floor ? 0.0f : static_cast<float>(th);
    }
    if (r.contact[i] != 0.0f) {
      const double co = r.contact[i] * (1.0 - p.contact_decay);
      r.contact[i] = co < p.exposure_floor ? 0.0f : static_cast<float>(co);
    }
    if (r.engagement[i] >= organiser) {
      r.leadership[i] = static_cast<float>(
          std::clamp(r.leadership[i] +
                         p.leadership_practice * p.leadership_emergence * (1.0 - r.leadership[i]),
                     0.0, 1.0));
    }
    const std::uint32_t g = r.group[i];
    if (g != no_group && p.co_member_trust_growth > 0.0) {
      const auto u = static_cast<AgentId>(i);
      const auto nb = c.ties.base_neighbours(u);
      auto w = c.ties.base_weights(u);
      for (std::size_t j = 0; j < nb.size(); ++j) {
        if (r.group[nb[j]] == g) w[j] = toward(w[j], 1.0f, p.co_member_trust_growth);
      }
      for (auto& pt : c.ties.pending(u)) {
        if (r.group[pt.v] == g) pt.w = toward(pt.w, 1.0f, p.co_member_trust_growth);
      }
    }
    const double given = weeks * p.hours_per_level[r.engagement[i]];
    if (given != 0.0) r.hours[i] += static_cast<float>(given);
    const bool in_programme = g != no_group && programme[g] != 0;
    return {given, in_programme ? given : 0.0};
  });
  c.c.volunteer_hours += week.all;
  c.c.programme_hours += week.programme;
}

}  // namespace gs::mobilisation
