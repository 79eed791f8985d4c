// The plain-words summary of a run (contract in run_brief.hpp). Trait meanings
// follow NLGN "Community Mobilisation" Table 1 as MODEL.md measures each trait.
#include "sim/cli/run_brief.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace gs::cli {
namespace {

struct Meaning {
  const char* label;
  const char* meaning;
};

// Trait key -> plain label and meaning, in the order they are printed.
const std::vector<std::pair<std::string, Meaning>>& trait_meanings() {
  static const std::vector<std::pair<std::string, Meaning>> table = {
      {"dialogue", {"dialogue", "residents talking about local issues"}},
      {"priorities", {"clear priorities", "engaged residents agree what matters most"}},
      {"shared_agenda", {"shared agenda", "those taking part are in a group with a plan"}},
      {"accountable_leadership", {"accountable leaders", "groups led by a trusted local resident"}},
      {"assets_and_plan", {"assets and a plan", "how far groups' plans have got"}},
      {"networked", {"networked", "groups linked to the council, charities or funders"}},
  };
  return table;
}

std::string two_decimals(const nlohmann::json& value) {
  if (!value.is_number()) return "n/a";
  const double v = value.get<double>();
  return std::isfinite(v) ? fmt::format("{:.2f}", v) : "n/a";
}

std::string percent(double v) {
  return std::isfinite(v) ? fmt::format("{:.0f}%", 100.0 * v) : "n/a";
}

}  // namespace

bool has_brief(const RunResult& run) {
  return run.model_summary.is_object() && run.model_summary.contains("verdict") &&
         run.model_summary.contains("traits") && run.model_summary["traits"].is_object();
}

std::string brief_summary(const std::vector<std::string>& columns,
                          const std::vector<RunResult>& runs) {
  std::size_t width = 10;
  for (const auto& c : columns) width = std::max(width, c.size());
  std::string out;
  auto row = [&](const std::string& label, auto&& cell, const std::string& meaning) {
    out += fmt::format("  {:<20}", label);
    for (const auto& r : runs) out += fmt::format("  {:>{}}", cell(r), width);
    out += meaning.empty() ? "\n" : fmt::format("   {}\n", meaning);
  };
  out += fmt::format("  {:<20}", "");
  for (const auto& c : columns) out += fmt::format("  {:>{}}", c, width);
  out += '\n';
  row(
      "verdict", [](const RunResult& r) { return r.model_summary.value("verdict", "n/a"); }, "");
  row(
      "mobilisation index",
      [](const RunResult& r) {
        return two_decimals(r.model_summary.value("mobilisation_index", nlohmann::json()));
      },
      "0 atomised .. 1 mobilised");
  if (std::find(runs.front().observables.begin(), runs.front().observables.end(),
                "participation") != runs.front().observables.end()) {
    row(
        "taking part", [](const RunResult& r) { return percent(r.final_value("participation")); },
        "share of residents in projects or groups");
  }
  // Known traits in Table 1's order, then any the model adds.
  std::vector<std::string> keys;
  for (const auto& [key, meaning] : trait_meanings()) {
    if (runs.front().model_summary["traits"].contains(key)) keys.push_back(key);
  }
  for (const auto& [key, value] : runs.front().model_summary["traits"].items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  for (const auto& key : keys) {
    const auto known = std::find_if(trait_meanings().begin(), trait_meanings().end(),
                                    [&](const auto& entry) { return entry.first == key; });
    const bool is_known = known != trait_meanings().end();
    row(
        is_known ? known->second.label : key,
        [&](const RunResult& r) {
          const auto& traits = r.model_summary["traits"];
          return two_decimals(traits.contains(key) ? traits[key] : nlohmann::json());
        },
        is_known ? known->second.meaning : "");
  }
  return out;
}

}  // namespace gs::cli
