// A sweep's directory: see sweep_store.hpp for the contract.
#include "sim/experiments/sweep_store.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>

#include "sim/engine/csv.hpp"
#include "sim/experiments/directory_lock.hpp"

namespace gs::experiments {
namespace fs = std::filesystem;
namespace {

constexpr const char* kFormat = "groundswell-sweep/1";

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw OutputError(file.string() + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    (void)::fsync(fd);
    ::close(fd);
  }
}

void write_all(int fd, const std::string& text, const fs::path& file) {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw OutputError(file.string() + ": cannot write: " + std::strerror(errno));
    written += static_cast<std::size_t>(n);
  }
}

// Temporary file, fsync, rename, fsync of the folder: the old file or the new one, durably.
void durable_write(const fs::path& file, const std::string& content) {
  const fs::path temporary =
      file.parent_path() / fmt::format(".{}.{}.tmp", file.filename().string(), ::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw OutputError(file.string() + ": cannot write: " + std::strerror(errno));
  try {
    write_all(fd, content, file);
    if (::fdatasync(fd) != 0) throw OutputError(file.string() + ": cannot sync");
  } catch (...) {
    ::close(fd);
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
  ::close(fd);
  std::error_code ec;
  fs::rename(temporary, file, ec);
  if (ec) {
    fs::remove(temporary, ec);
    throw OutputError(file.string() + ": cannot move into place");
  }
  sync_directory(file.parent_path());
}

nlohmann::json manifest_json(const SweepPlan& plan) {
  nlohmann::json m;
  m["format"] = kFormat;
  m["hash"] = plan.hash;
  m["groundswell_version"] = version_string;
  m["sweep"] = plan.spec.canonical_json();
  m["base_scenario"] = plan.spec.base_scenario.string();
  m["columns"] = plan.columns;
  m["points"] = plan.design.points.size();
  m["runs"] = plan.runs.size();
  return m;
}

std::string journal_line(const std::string& row_text) {
  return row_text + "," + fnv1a_hex(row_text) + "\n";
}

// Throws SweepMismatch unless `manifest` describes `plan`'s sweep.
void check_manifest(const fs::path& dir, const fs::path& manifest, const SweepPlan& plan) {
  nlohmann::json existing;
  try {
    existing = nlohmann::json::parse(read_text(manifest));
  } catch (const nlohmann::json::exception&) {
    throw SweepMismatch(manifest.string() + ": not a sweep manifest; choose another --out");
  }
  if (existing.value("format", "") != kFormat || existing.value("hash", "") != plan.hash)
    throw SweepMismatch(fmt::format(
        "{} holds a different sweep (definition hash {}, this sweep {}): the sweep file, its "
        "base scenario or its settings changed since it ran there. Results of different "
        "sweeps are never mixed: choose another --out, or delete the directory to start over",
        dir.string(), existing.value("hash", "?"), plan.hash));
}

// Lock files (directory_lock.hpp) and temporary files (.NAME.PID.tmp) are a
// sweep's own: a directory holding only them is empty. (Another shard that is
// creating the directory leaves both there before its manifest is in place.)
bool is_lock_or_temporary(const fs::path& file) {
  const std::string name = file.filename().string();
  return name.size() > 5 && name.front() == '.' &&
         (name.ends_with(".lock") || name.ends_with(".tmp"));
}

bool empty_but_locks(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (!is_lock_or_temporary(entry.path())) return false;
  return true;
}

// Refuses a path that cannot become this sweep's directory without writing
// anything into it (not even a lock file): a file, a folder of other things, or
// another sweep's directory (checked again under the lock by claim_directory).
void check_claimable(const fs::path& dir, const SweepPlan& plan) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return;
  if (fs::exists(dir / "manifest.json", ec)) {
    check_manifest(dir, dir / "manifest.json", plan);
    return;
  }
  if (!fs::is_directory(dir, ec))
    throw OutputError(dir.string() + ": exists and is not a directory");
  if (!empty_but_locks(dir))
    throw SweepMismatch(dir.string() +
                        ": not empty and not a sweep directory (no manifest.json); choose "
                        "another --out");
}

// Checks the manifest of `dir` against the plan, creating it when the directory is new.
void claim_directory(const fs::path& dir, const SweepPlan& plan) {
  std::error_code ec;
  const fs::path manifest = dir / "manifest.json";
  if (fs::exists(manifest, ec)) {
    check_manifest(dir, manifest, plan);
    return;
  }
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec))
      throw OutputError(dir.string() + ": exists and is not a directory");
    if (!empty_but_locks(dir))
      throw SweepMismatch(dir.string() +
                          ": not empty and not a sweep directory (no manifest.json); choose "
                          "another --out");
  }
  fs::create_directories(dir, ec);
  if (ec) throw OutputError(dir.string() + ": cannot create directory: " + ec.message());
  durable_write(manifest, manifest_json(plan).dump(2) + "\n");
}

// Locks `dir` for `shard`'s journal (held by the caller for its whole run),
// creating the directory if needed, then checks or writes the manifest while
// holding the manifest lock, so that two sweeps never both claim one folder.
std::unique_ptr<DirectoryLock> lock_and_claim(const fs::path& dir, const SweepPlan& plan,
                                              const Shard& shard) {
  check_claimable(dir, plan);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw OutputError(dir.string() + ": cannot create directory: " + ec.message());
  auto journal_lock = std::make_unique<DirectoryLock>(dir / (".journal" + shard.suffix() + ".lock"),
                                                      "sweep", DirectoryLock::Wait::no);
  {
    const DirectoryLock manifest_lock(dir / ".manifest.lock", "sweep", DirectoryLock::Wait::yes);
    claim_directory(dir, plan);
  }
  return journal_lock;
}

}  // namespace

Shard Shard::parse(const std::string& text) {
  const auto slash = text.find('/');
  Shard shard;
  try {
    if (slash == std::string::npos) throw std::invalid_argument("");
    std::size_t used = 0;
    shard.index = std::stoull(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument("");
    shard.count = std::stoull(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1) throw std::invalid_argument("");
  } catch (const std::exception&) {
    throw std::invalid_argument("--shard expects I/N, such as 0/4, got '" + text + "'");
  }
  if (shard.count == 0 || shard.index >= shard.count)
    throw std::invalid_argument("--shard I/N needs 0 <= I < N, got '" + text + "'");
  return shard;
}

std::string Shard::suffix() const {
  return count == 1 ? std::string() : fmt::format("-{}-of-{}", index, count);
}

std::string table_header(const SweepPlan& plan) {
  return join_csv_line(plan.columns);
}

SweepStore::SweepStore(fs::path dir, const SweepPlan& plan, Shard shard)
    : dir_(std::move(dir)), plan_(plan), shard_(shard) {
  lock_ = lock_and_claim(dir_, plan_, shard_);
  // Temporary files of a writer that was killed (.NAME.PID.tmp); a live
  // shard's own temporaries are kept (remove_stale_temporaries checks the pid).
  remove_stale_temporaries(dir_);
  if (std::error_code ec; fs::is_directory(dir_ / "series", ec))
    remove_stale_temporaries(dir_ / "series");
  rows_.assign(plan_.runs.size(), std::string());
  done_.assign(plan_.runs.size(), false);
  for (const auto& run : plan_.runs) shard_runs_ += shard_.owns(run.run_id) ? 1 : 0;
  recover();
  fd_ = ::open(journal_file().c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd_ < 0)
    throw OutputError(journal_file().string() + ": cannot open: " + std::strerror(errno));
}

SweepStore::~SweepStore() {
  if (fd_ >= 0) ::close(fd_);
}

fs::path SweepStore::results_file() const {
  return dir_ / ("results" + shard_.suffix() + ".csv");
}
fs::path SweepStore::journal_file() const {
  return dir_ / ("journal" + shard_.suffix() + ".csv");
}

void SweepStore::recover() {
  const std::string header = table_header(plan_);
  std::error_code ec;
  if (!fs::exists(journal_file(), ec)) {
    durable_write(journal_file(), header + "\n");
    return;
  }
  const std::string text = read_text(journal_file());
  std::size_t pos = 0;
  bool header_ok = false;
  std::string kept = header + "\n";
  while (pos < text.size()) {
    const auto end = text.find('\n', pos);
    if (end == std::string::npos) {  // torn last line: never completed, never counted
      ++discarded_;
      break;
    }
    const std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    const bool first_line = !header_ok;
    if (first_line) {
      header_ok = true;
      if (line == header) continue;
      // The manifest matched this plan, so the header is known: a damaged one
      // (a flipped byte, a torn rewrite) is rebuilt, and the line is still
      // checked as a row below in case the header itself was lost.
      header_repaired_ = true;
    }
    const auto comma = line.rfind(',');
    bool good = comma != std::string_view::npos &&
                fnv1a_hex(line.substr(0, comma)) == line.substr(comma + 1);
    if (good) {
      const std::string row_text(line.substr(0, comma));
      try {
        const auto cells = split_csv_line(row_text);
        std::size_t used = 0;
        const auto id = std::stoull(cells.at(0), &used);
        good = cells.size() == plan_.columns.size() && used == cells[0].size() &&
               id < plan_.runs.size() && shard_.owns(id) && !done_[id];
        if (good) {
          done_[id] = true;
          rows_[id] = row_text;
          ++completed_;
          kept += std::string(line) + "\n";
        }
      } catch (const std::exception&) {
        good = false;
      }
    }
    if (!good && !first_line) ++discarded_;  // a damaged header is not a lost run
  }
  if (!header_ok || header_repaired_ || discarded_ > 0) durable_write(journal_file(), kept);
}

std::size_t SweepStore::completed() const {
  std::lock_guard lock(mutex_);
  return completed_;
}

bool SweepStore::is_done(std::uint64_t run_id) const {
  std::lock_guard lock(mutex_);
  return done_.at(run_id);
}

std::vector<Run> SweepStore::pending() const {
  std::lock_guard lock(mutex_);
  std::vector<Run> out;
  for (const auto& run : plan_.runs)
    if (shard_.owns(run.run_id) && !done_[run.run_id]) out.push_back(run);
  return out;
}

bool SweepStore::results_written() const {
  std::error_code ec;
  return fs::exists(results_file(), ec);
}

void SweepStore::record(std::uint64_t run_id, const std::string& row_text,
                        const std::string& series_text) {
  if (run_id >= done_.size() || !shard_.owns(run_id))
    throw std::logic_error(fmt::format("run {} is not this shard's", run_id));
  if (plan_.spec.series) {
    const fs::path folder = dir_ / "series";
    std::error_code ec;
    fs::create_directories(folder, ec);
    durable_write(folder / fmt::format("run-{}.csv", run_id), series_text);
  }
  std::lock_guard lock(mutex_);
  if (done_[run_id]) return;  // already recorded
  append_line(journal_line(row_text));
  done_[run_id] = true;
  rows_[run_id] = row_text;
  ++completed_;
}

void SweepStore::append_line(const std::string& line) {
  write_all(fd_, line, journal_file());
  if (::fdatasync(fd_) != 0)
    throw OutputError(journal_file().string() + ": cannot sync: " + std::strerror(errno));
}

void SweepStore::write_results() {
  std::lock_guard lock(mutex_);
  if (completed_ != shard_runs_)
    throw std::logic_error(fmt::format("{} of {} runs are journaled; the table is not complete",
                                       completed_, shard_runs_));
  std::string table = table_header(plan_) + "\n";
  for (std::size_t id = 0; id < rows_.size(); ++id)
    if (done_[id]) table += rows_[id] + "\n";
  durable_write(results_file(), table);
}

std::size_t SweepTable::column(const std::string& name) const {
  const auto it = std::find(columns.begin(), columns.end(), name);
  if (it == columns.end()) throw std::out_of_range("the sweep table has no column '" + name + "'");
  return static_cast<std::size_t>(it - columns.begin());
}

SweepTable read_sweep_table(const fs::path& csv_file) {
  std::istringstream in(read_text(csv_file));
  SweepTable table;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::vector<std::string> cells;
    try {
      cells = split_csv_line(line);
    } catch (const std::exception& e) {
      throw std::runtime_error(fmt::format("{}:{}: {}", csv_file.string(), number, e.what()));
    }
    if (number == 1) {
      table.columns = std::move(cells);
      continue;
    }
    if (cells.size() != table.columns.size())
      throw std::runtime_error(fmt::format("{}:{}: {} cells where the header has {}",
                                           csv_file.string(), number, cells.size(),
                                           table.columns.size()));
    table.rows.push_back(std::move(cells));
  }
  if (table.columns.empty()) throw std::runtime_error(csv_file.string() + ": empty table");
  return table;
}

nlohmann::json read_manifest(const fs::path& dir) {
  const fs::path file = dir / "manifest.json";
  std::error_code ec;
  if (!fs::exists(file, ec))
    throw std::runtime_error(dir.string() + ": not a sweep directory (no manifest.json)");
  try {
    return nlohmann::json::parse(read_text(file));
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(file.string() + ": malformed manifest: " + e.what());
  }
}

void merge_sweep(const SweepPlan& plan, const std::vector<fs::path>& shard_dirs,
                 const fs::path& out) {
  const std::string header = table_header(plan);
  std::vector<std::string> rows(plan.runs.size());
  std::vector<std::string> origin(plan.runs.size());
  std::vector<fs::path> series_sources(plan.runs.size());
  for (const auto& dir : shard_dirs) {
    const auto manifest = read_manifest(dir);
    if (manifest.value("hash", "") != plan.hash)
      throw SweepMismatch(fmt::format("{} holds a different sweep (hash {}, this sweep {})",
                                      dir.string(), manifest.value("hash", "?"), plan.hash));
    std::vector<fs::path> tables;
    for (const auto& entry : fs::directory_iterator(dir)) {
      const auto name = entry.path().filename().string();
      if (name.rfind("results", 0) == 0 && entry.path().extension() == ".csv")
        tables.push_back(entry.path());
    }
    std::sort(tables.begin(), tables.end());
    if (tables.empty())
      throw std::runtime_error(dir.string() +
                               ": no finished shard (results*.csv); finish it with the same "
                               "`groundswell sweep FILE --shard I/N` command first");
    for (const auto& file : tables) {
      std::istringstream in(read_text(file));
      std::string line;
      std::getline(in, line);
      if (line != header)
        throw SweepMismatch(file.string() + ": its header does not match this sweep's columns");
      while (std::getline(in, line)) {
        const auto id = std::stoull(split_csv_line(line).at(0));
        if (id >= rows.size())
          throw std::runtime_error(
              fmt::format("{}: run {} is not in this sweep", file.string(), id));
        if (!rows[id].empty() && rows[id] != line)
          throw std::runtime_error(
              fmt::format("run {} differs between {} and {}", id, origin[id], file.string()));
        rows[id] = line;
        origin[id] = file.string();
        if (plan.spec.series) series_sources[id] = dir / "series" / fmt::format("run-{}.csv", id);
      }
    }
  }
  std::vector<std::uint64_t> missing;
  for (std::size_t id = 0; id < rows.size(); ++id)
    if (rows[id].empty()) missing.push_back(id);
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < std::min<std::size_t>(missing.size(), 10); ++i)
      list += (i ? ", " : "") + std::to_string(missing[i]);
    throw std::runtime_error(
        fmt::format("{} of {} runs are missing from the shards given (run "
                    "ids {}{}); is a shard missing or unfinished?",
                    missing.size(), rows.size(), list, missing.size() > 10 ? ", ..." : ""));
  }
  const auto lock = lock_and_claim(out, plan, Shard{});
  if (plan.spec.series) {
    std::error_code ec;
    fs::create_directories(out / "series", ec);
    for (std::size_t id = 0; id < rows.size(); ++id) {
      const fs::path target = out / "series" / fmt::format("run-{}.csv", id);
      if (fs::equivalent(series_sources[id].parent_path(), target.parent_path(), ec)) continue;
      durable_write(target, read_text(series_sources[id]));
    }
  }
  std::string journal = header + "\n";
  std::string table = header + "\n";
  for (const auto& row : rows) {
    journal += journal_line(row);
    table += row + "\n";
  }
  durable_write(out / "journal.csv", journal);
  durable_write(out / "results.csv", table);
}

}  // namespace gs::experiments
