// libFuzzer harness: the scenario parser and validator, on any bytes.
//
// Contract: the input is a scenario file's text; it is parsed (libyaml,
// sim/scenario/tree.cpp) and resolved against the built-in models, and also
// used as the value of a `--set seed=...` override on a minimal scenario. Any
// outcome but a clean result or a ScenarioError is a finding: a crash, a
// sanitizer report, another exception escaping, or (under libFuzzer's -timeout
// and -rss_limit_mb) a hang or unbounded growth, the failures of issue 11.
#include <cstddef>
#include <cstdint>
#include <string>

#include "models/registry.hpp"
#include "sim/scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto& registry = gs::builtin_models();
  try {
    const auto document = gs::scenario::Document::parse(text, "fuzz.yaml");
    (void)document.resolve({}, registry);
    for (const auto& variant : document.variant_names())
      (void)document.resolve({}, registry, variant);
  } catch (const gs::scenario::ScenarioError&) {
  }
  try {
    const auto base = gs::scenario::Document::parse("model: threshold\n", "base.yaml");
    (void)base.resolve({gs::scenario::Override::parse("seed=" + text)}, registry);
  } catch (const gs::scenario::ScenarioError&) {
  }
  return 0;
}
