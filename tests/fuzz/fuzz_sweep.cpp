// libFuzzer harness: the sweep file parser (sim/experiments/sweep_spec.cpp), on
// any bytes. Calibration files have no parser yet; they will share this one's
// YAML layer (sim/scenario/tree.cpp), which this harness and fuzz_scenario cover.
//
// Contract: the input is a sweep file's text, parsed as if it were
// tests/fuzz/corpus/sweep/fuzz.yaml (so `scenario: base.yaml` may name a real
// file beside it). Any outcome but a SweepSpec or a ScenarioError is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/experiments/sweep_spec.hpp"
#include "sim/scenario/scenario.hpp"

#ifndef GS_SOURCE_DIR
#define GS_SOURCE_DIR "."
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)gs::experiments::parse_sweep_spec(text, GS_SOURCE_DIR "/tests/fuzz/data/fuzz.yaml");
  } catch (const gs::scenario::ScenarioError&) {
  }
  return 0;
}
