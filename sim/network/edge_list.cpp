// Edge-list loading (SNAP style: `u v [weight]` per line, `#` comments).
//
// Contract: read_edge_list reads the whole file at once, parses fixed chunks of
// lines in parallel with std::from_chars, renumbers ids to 0..n-1 in increasing
// id order (the identity, with external_ids left empty, when the file's ids are
// exactly 0..n-1) and freezes the ties with Graph::from_ties, which drops and
// counts self-loops and repeated ties in either orientation. Fields are split by
// spaces or tabs; blank lines, `#` lines, CRLF endings and a leading UTF-8
// byte-order mark are accepted. Every problem is a NetworkError naming the file
// and the 1-based line: a token that is not a non-negative integer (quoted by
// at most a 40-byte prefix, so error text stays bounded), a negative id, an id beyond 64 bits,
// a missing second id, a weight that is not a number, underflows a double
// (reported as such) or is not in [0, 1], a
// fourth field, a file mixing weighted and unweighted lines, and more distinct
// ids than agents can be numbered (2^32 - 1, or options.max_agents). An empty or comments-only file
// gives an empty network whose provenance says so. Format: SNAP datasets
// (Leskovec & Krevl 2014, https://snap.stanford.edu/data/), e.g.
// facebook_combined.txt; remapping after gapbs `BuilderBase::SquishGraph`.
#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <limits>
#include <optional>
#include <string_view>

#include "sim/network/detail.hpp"
#include "sim/scenario/text.hpp"

namespace gs {
namespace network_detail {
namespace {

constexpr std::uint64_t max_distinct_ids = std::numeric_limits<AgentId>::max();

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// One line without its end-of-line characters.
std::string_view trim_line_end(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  return line;
}

// Splits off the next blank-separated field; empty when none is left.
std::string_view next_field(std::string_view& rest) {
  std::size_t begin = 0;
  while (begin < rest.size() && is_blank(rest[begin])) ++begin;
  std::size_t end = begin;
  while (end < rest.size() && !is_blank(rest[end])) ++end;
  const std::string_view field = rest.substr(begin, end - begin);
  rest.remove_prefix(end);
  return field;
}

bool is_tie_line(std::string_view line) {
  std::string_view rest = line;
  const std::string_view first = next_field(rest);
  return !first.empty() && first.front() != '#';
}

struct ParsedLine {
  std::uint64_t u = 0, v = 0;
  std::optional<float> weight;
};

// A token as an error message quotes it: at most a short prefix, so a 2 GB
// token costs one line of stderr.
std::string quoted(std::string_view field) {
  return scenario::detail::quoted_prefix(field);
}

std::uint64_t parse_id(std::string_view field) {
  if (field.front() == '-' && field.size() > 1 &&
      std::isdigit(static_cast<unsigned char>(field[1]))) {
    throw std::invalid_argument(fmt::format("negative id {}", quoted(field)));
  }
  std::uint64_t id = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), id);
  if (error == std::errc::result_out_of_range) {
    throw std::invalid_argument(fmt::format("id {} does not fit in 64 bits", quoted(field)));
  }
  if (error != std::errc() || end != field.data() + field.size()) {
    throw std::invalid_argument(
        fmt::format("{} is not an id (a non-negative integer)", quoted(field)));
  }
  return id;
}

// For a decimal number that from_chars found out of a double's range: whether
// it is too small (underflow) rather than too large, from its decimal
// exponent: the position of the first significant digit plus any `e` part.
bool underflows(std::string_view number) {
  if (!number.empty() && (number.front() == '+' || number.front() == '-')) number.remove_prefix(1);
  const std::size_t e = number.find_first_of("eE");
  std::int64_t exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view digits = number.substr(e + 1);
    const bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '+' || digits.front() == '-'))
      digits.remove_prefix(1);
    const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
    if (parsed.ec == std::errc::result_out_of_range) return negative;
    if (negative) exponent = -exponent;
  }
  const std::string_view mantissa = number.substr(0, e);
  const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
  const std::size_t first = mantissa.find_first_of("123456789");
  if (first == std::string_view::npos) return true;
  const auto position = first < point ? static_cast<std::int64_t>(point - first) - 1
                                      : -static_cast<std::int64_t>(first - point);
  return position + exponent < 0;
}

float parse_weight(std::string_view field) {
  double weight = 0.0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), weight);
  if (error == std::errc::result_out_of_range && end == field.data() + field.size()) {
    throw std::invalid_argument(
        underflows(field)
            ? fmt::format("weight {} underflows: it is too small to represent (write 0 for no "
                          "weight, or a number of at least 1e-300)",
                          quoted(field))
            : fmt::format("weight {} is not in [0, 1]", quoted(field)));
  }
  if (error != std::errc() || end != field.data() + field.size()) {
    throw std::invalid_argument(fmt::format("weight {} is not a number", quoted(field)));
  }
  if (!(weight >= 0.0 && weight <= 1.0)) {
    throw std::invalid_argument(fmt::format("weight {} is not in [0, 1]", quoted(field)));
  }
  return static_cast<float>(weight);
}

// Parses a tie line (is_tie_line must hold); throws std::invalid_argument.
ParsedLine parse_tie(std::string_view line, bool read_weights) {
  std::string_view rest = line;
  ParsedLine parsed;
  parsed.u = parse_id(next_field(rest));
  const std::string_view second = next_field(rest);
  if (second.empty()) throw std::invalid_argument("missing second id");
  parsed.v = parse_id(second);
  if (!read_weights) return parsed;
  const std::string_view third = next_field(rest);
  if (third.empty()) return parsed;
  parsed.weight = parse_weight(third);
  const std::string_view fourth = next_field(rest);
  if (!fourth.empty()) {
    throw std::invalid_argument(fmt::format(
        "unexpected fourth field {} (expected `u v [weight]`; set read_weights to false to "
        "ignore extra columns)",
        quoted(fourth)));
  }
  return parsed;
}

struct Chunk {
  std::string_view text;
  std::vector<std::uint64_t> ids;  // u0, v0, u1, v1, ...
  std::vector<float> weights;      // one per weighted tie line
  std::uint64_t lines = 0;
  std::uint64_t max_id = 0;
  std::int64_t first_weighted = -1;  // local tie index
  std::int64_t first_unweighted = -1;
  std::uint64_t error_line = 0;  // local, 1-based; 0 = none
  std::string error;

  std::uint64_t ties() const { return ids.size() / 2; }
};

void parse_chunk(Chunk& chunk, bool read_weights) {
  std::string_view rest = chunk.text;
  while (!rest.empty()) {
    const std::size_t newline = rest.find('\n');
    const std::string_view raw = rest.substr(0, newline);
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
    ++chunk.lines;
    const std::string_view line = trim_line_end(raw);
    if (!is_tie_line(line)) continue;
    try {
      const ParsedLine parsed = parse_tie(line, read_weights);
      const auto tie_index = static_cast<std::int64_t>(chunk.ties());
      if (parsed.weight) {
        if (chunk.first_weighted < 0) chunk.first_weighted = tie_index;
        chunk.weights.push_back(*parsed.weight);
      } else if (chunk.first_unweighted < 0) {
        chunk.first_unweighted = tie_index;
      }
      chunk.ids.push_back(parsed.u);
      chunk.ids.push_back(parsed.v);
      chunk.max_id = std::max({chunk.max_id, parsed.u, parsed.v});
    } catch (const std::invalid_argument& problem) {
      chunk.error_line = chunk.lines;
      chunk.error = problem.what();
      return;
    }
  }
}

// 1-based line of the tie with the given index (error paths only).
std::uint64_t line_of_tie(std::string_view text, std::uint64_t tie_index) {
  std::uint64_t line = 0;
  std::uint64_t ties = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view raw = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line;
    if (is_tie_line(trim_line_end(raw)) && ties++ == tie_index) return line;
  }
  return 0;
}

std::string read_whole_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw NetworkError(file.string(), 0,
                       fmt::format("cannot open the edge list: {}", std::strerror(errno)));
  }
  std::error_code size_error;
  const auto size = std::filesystem::file_size(file, size_error);
  if (size_error) {
    throw NetworkError(file.string(), 0,
                       fmt::format("cannot read the edge list: {}", size_error.message()));
  }
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size) {
    throw NetworkError(file.string(), 0, "cannot read the edge list: short read");
  }
  return text;
}

// Chunks of about `bytes` that end just after a newline.
std::vector<Chunk> split_into_chunks(std::string_view text, std::size_t bytes) {
  std::vector<Chunk> chunks;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = std::min(text.size(), begin + bytes);
    if (end < text.size()) {
      const std::size_t newline = text.find('\n', end);
      end = newline == std::string_view::npos ? text.size() : newline + 1;
    }
    chunks.emplace_back().text = text.substr(begin, end - begin);
    begin = end;
  }
  return chunks;
}

// The residents are declared (EdgeListOptions::population or ::residents):
// every id in the file must be one of them, and each resident is an agent
// whether or not a tie names it. Agents are the residents in increasing id
// order, as for renumbered ids.
Draft draft_declared(std::string_view text, const std::string& name, const EdgeListOptions& options,
                     const std::vector<Chunk>& chunks, const std::vector<std::uint64_t>& tie_start,
                     std::uint64_t tie_count, std::uint64_t lines, bool weighted) {
  const std::uint64_t population = options.population;
  const auto& residents = options.residents;
  const std::uint64_t agents = population > 0 ? population : residents.size();
  const std::uint64_t limit = std::min(options.max_agents, max_distinct_ids);
  if (agents > limit)
    throw NetworkError(
        name, 0,
        fmt::format("{} residents declared; at most {} agents can be numbered", agents, limit));
  const auto is_resident = [&](std::uint64_t id) {
    return population > 0 ? id < population
                          : std::binary_search(residents.begin(), residents.end(), id);
  };
  std::uint64_t tie_index = 0;
  for (const Chunk& chunk : chunks) {
    const auto it = std::find_if(chunk.ids.begin(), chunk.ids.end(),
                                 [&](std::uint64_t id) { return !is_resident(id); });
    if (it != chunk.ids.end()) {
      tie_index += static_cast<std::uint64_t>(it - chunk.ids.begin()) / 2;
      throw NetworkError(
          name, line_of_tie(text, tie_index),
          population > 0
              ? fmt::format("id {} is not a resident: network.population is {} (ids 0 to {})", *it,
                            population, population - 1)
              : fmt::format("id {} is not a resident: it is not in the residents file", *it));
    }
    tie_index += chunk.ties();
  }
  Draft draft;
  draft.agents = static_cast<AgentId>(agents);
  draft.ties.resize(tie_count);
  if (weighted) draft.weights.resize(tie_count);
  const bool identity = population > 0 || residents.back() == residents.size() - 1;
  tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t c) {
    const Chunk& chunk = chunks[c];
    const auto agent_of = [&](std::uint64_t id) {
      if (identity) return static_cast<AgentId>(id);
      return static_cast<AgentId>(std::lower_bound(residents.begin(), residents.end(), id) -
                                  residents.begin());
    };
    for (std::uint64_t i = 0; i < chunk.ties(); ++i)
      draft.ties[tie_start[c] + i] = {agent_of(chunk.ids[2 * i]), agent_of(chunk.ids[2 * i + 1])};
    if (weighted)
      std::copy(chunk.weights.begin(), chunk.weights.end(),
                draft.weights.begin() + static_cast<std::ptrdiff_t>(tie_start[c]));
  });
  if (!identity) draft.network.external_ids = residents;
  auto& provenance = draft.network.provenance;
  provenance["generator"] = "edge_list";
  provenance["parameters"] = {{"file", name}, {"read_weights", options.read_weights}};
  provenance["lines"] = lines;
  provenance["ties_read"] = tie_count;
  provenance["ids_renumbered"] = !identity;
  provenance["residents_declared"] = agents;
  return draft;
}

}  // namespace

Draft draft_edge_list(const std::filesystem::path& file, const EdgeListOptions& options) {
  return draft_edge_list_text(read_whole_file(file), file.string(), options);
}

Draft draft_edge_list_text(std::string_view text, const std::string& name,
                           const EdgeListOptions& options) {
  Draft draft;
  // A UTF-8 byte-order mark (Windows editors write one) is not part of the
  // first id. Skipping it keeps line numbers and byte offsets of later lines.
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (text.starts_with(bom)) text.remove_prefix(bom.size());
  std::vector<Chunk> chunks = split_into_chunks(text, std::size_t{1} << 20);
  tbb::parallel_for(std::size_t{0}, chunks.size(),
                    [&](std::size_t c) { parse_chunk(chunks[c], options.read_weights); });

  // First problem in file order; chunks before it were parsed to their end.
  std::uint64_t lines = 0;
  std::uint64_t tie_count = 0;
  std::vector<std::uint64_t> tie_start(chunks.size() + 1, 0);
  for (std::size_t c = 0; c < chunks.size(); ++c) {
    if (chunks[c].error_line != 0) {
      throw NetworkError(name, lines + chunks[c].error_line, chunks[c].error);
    }
    lines += chunks[c].lines;
    tie_count += chunks[c].ties();
    tie_start[c + 1] = tie_count;
  }

  // Weights: all tie lines or none.
  std::optional<std::uint64_t> first_weighted, first_unweighted;
  for (std::size_t c = 0; c < chunks.size(); ++c) {
    if (!first_weighted && chunks[c].first_weighted >= 0) {
      first_weighted = tie_start[c] + static_cast<std::uint64_t>(chunks[c].first_weighted);
    }
    if (!first_unweighted && chunks[c].first_unweighted >= 0) {
      first_unweighted = tie_start[c] + static_cast<std::uint64_t>(chunks[c].first_unweighted);
    }
  }
  if (first_weighted && first_unweighted) {
    const bool weighted_first = *first_weighted < *first_unweighted;
    const std::uint64_t first_line = line_of_tie(text, 0);
    throw NetworkError(name,
                       line_of_tie(text, weighted_first ? *first_unweighted : *first_weighted),
                       fmt::format("{}, but the first tie (line {}) {}",
                                   weighted_first ? "missing weight" : "unexpected weight",
                                   first_line, weighted_first ? "has one" : "has none"));
  }
  const bool weighted = first_weighted.has_value();

  if (options.population > 0 || !options.residents.empty()) {
    return draft_declared(text, name, options, chunks, tie_start, tie_count, lines, weighted);
  }

  // Renumber ids: a presence table when ids are dense enough, else sort + unique.
  std::uint64_t max_id = 0;
  for (const Chunk& chunk : chunks) max_id = std::max(max_id, chunk.max_id);
  const std::uint64_t limit = std::min(options.max_agents, max_distinct_ids);
  std::vector<std::uint64_t> distinct;  // sparse path: sorted distinct ids
  std::vector<AgentId> rank;            // dense path: agent of each present id
  std::uint64_t agents = 0;
  const bool dense = tie_count > 0 && max_id < max_distinct_ids &&
                     max_id < std::max<std::uint64_t>(std::uint64_t{1} << 20, 8 * tie_count);
  std::optional<std::uint64_t> first_excess_id;  // smallest id beyond the limit
  std::vector<std::uint8_t> present;             // dense path: 1 for each id in the file
  if (dense) {
    present.assign(max_id + 1, 0);
    tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t c) {
      for (const std::uint64_t id : chunks[c].ids) {
        std::atomic_ref<std::uint8_t>(present[id]).store(1, std::memory_order_relaxed);
      }
    });
    rank.resize(max_id + 1);
    for (std::uint64_t id = 0; id <= max_id; ++id) {
      rank[id] = static_cast<AgentId>(agents);
      if (present[id] != 0 && agents++ == limit) first_excess_id = id;
    }
  } else if (tie_count > 0) {
    distinct.resize(2 * tie_count);
    tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t c) {
      std::copy(chunks[c].ids.begin(), chunks[c].ids.end(),
                distinct.begin() + static_cast<std::ptrdiff_t>(2 * tie_start[c]));
    });
    tbb::parallel_sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    agents = distinct.size();
    if (agents > limit) first_excess_id = distinct[limit];
  }
  if (first_excess_id) {
    std::uint64_t tie_index = 0;
    for (const Chunk& chunk : chunks) {
      const auto it = std::find_if(chunk.ids.begin(), chunk.ids.end(),
                                   [&](std::uint64_t id) { return id >= *first_excess_id; });
      if (it != chunk.ids.end()) {
        tie_index += static_cast<std::uint64_t>(it - chunk.ids.begin()) / 2;
        break;
      }
      tie_index += chunk.ties();
    }
    throw NetworkError(name, line_of_tie(text, tie_index),
                       fmt::format("more than {} distinct agent ids (here id {} would be agent "
                                   "number {})",
                                   limit, *first_excess_id, limit + 1));
  }

  draft.agents = static_cast<AgentId>(agents);
  draft.ties.resize(tie_count);
  if (weighted) draft.weights.resize(tie_count);
  tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t c) {
    const Chunk& chunk = chunks[c];
    const auto agent_of = [&](std::uint64_t id) {
      if (dense) return rank[id];
      return static_cast<AgentId>(std::lower_bound(distinct.begin(), distinct.end(), id) -
                                  distinct.begin());
    };
    for (std::uint64_t i = 0; i < chunk.ties(); ++i) {
      draft.ties[tie_start[c] + i] = {agent_of(chunk.ids[2 * i]), agent_of(chunk.ids[2 * i + 1])};
    }
    if (weighted) {
      std::copy(chunk.weights.begin(), chunk.weights.end(),
                draft.weights.begin() + static_cast<std::ptrdiff_t>(tie_start[c]));
    }
  });
  const bool identity = tie_count == 0 || agents == max_id + 1;
  if (!identity) {
    if (dense) {
      draft.network.external_ids.reserve(agents);
      for (std::uint64_t id = 0; id <= max_id; ++id) {
        if (present[id] != 0) draft.network.external_ids.push_back(id);
      }
    } else {
      draft.network.external_ids = std::move(distinct);
    }
  }

  auto& provenance = draft.network.provenance;
  provenance["generator"] = "edge_list";
  provenance["parameters"] = {{"file", name}, {"read_weights", options.read_weights}};
  provenance["lines"] = lines;
  provenance["ties_read"] = tie_count;
  provenance["ids_renumbered"] = !identity;
  if (tie_count == 0) provenance["note"] = "no ties: the file is empty or holds only comments";
  return draft;
}

}  // namespace network_detail

Network read_edge_list(const std::filesystem::path& file, const EdgeListOptions& options) {
  return network_detail::finish(network_detail::draft_edge_list(file, options));
}

Residents read_residents(const std::filesystem::path& file) {
  const std::string name = file.string();
  const std::string whole = network_detail::read_whole_file(file);
  std::string_view rest = whole;
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
  struct Row {
    std::uint64_t id;
    std::uint16_t segment;
    std::uint64_t line;
  };
  std::vector<Row> rows;
  std::optional<bool> with_segments;
  std::uint64_t line = 0;
  while (!rest.empty()) {
    const std::size_t newline = rest.find('\n');
    const std::string_view raw = rest.substr(0, newline);
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
    ++line;
    std::string_view fields = network_detail::trim_line_end(raw);
    const std::string_view first = network_detail::next_field(fields);
    if (first.empty() || first.front() == '#') continue;
    try {
      const std::uint64_t id = network_detail::parse_id(first);
      const std::string_view second = network_detail::next_field(fields);
      if (!network_detail::next_field(fields).empty())
        throw std::invalid_argument("expected `id [segment]`, found a third field");
      if (with_segments && *with_segments != !second.empty())
        throw std::invalid_argument(*with_segments
                                        ? "missing segment (earlier lines give one)"
                                        : "unexpected segment (earlier lines give none)");
      with_segments = !second.empty();
      std::uint16_t segment = 0;
      if (!second.empty()) {
        const auto [end, error] =
            std::from_chars(second.data(), second.data() + second.size(), segment);
        if (error != std::errc() || end != second.data() + second.size())
          throw std::invalid_argument(
              fmt::format("segment {} is not a whole number from 0 to 65535",
                          scenario::detail::quoted_prefix(second)));
      }
      rows.push_back({id, segment, line});
    } catch (const std::invalid_argument& problem) {
      throw NetworkError(name, line, problem.what());
    }
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.id < b.id; });
  Residents residents;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && rows[i].id == rows[i - 1].id)
      throw NetworkError(name, rows[i].line,
                         fmt::format("resident {} is listed twice (first at line {})", rows[i].id,
                                     rows[i - 1].line));
    residents.ids.push_back(rows[i].id);
    if (with_segments.value_or(false)) residents.segments.push_back(rows[i].segment);
  }
  return residents;
}

Network parse_edge_list(std::string_view text, const std::string& name,
                        const EdgeListOptions& options) {
  return network_detail::finish(network_detail::draft_edge_list_text(text, name, options));
}

}  // namespace gs
