// An exclusive lock on a sweep directory: see directory_lock.hpp for the contract.
#include "sim/experiments/directory_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace gs::experiments {
namespace {

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "?";
  return name;
}

// What the holder wrote into the lock file: one short line, read bounded.
std::string holder_of(int fd) {
  char text[512] = {};
  const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
  if (n <= 0) return "";
  std::string line(text, static_cast<std::size_t>(n));
  line = line.substr(0, line.find('\n'));
  for (char& c : line)
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  return line;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  ::gmtime_r(&now, &parts);
  char text[32] = {};
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace

DirectoryLock::DirectoryLock(const std::filesystem::path& lock_file, const std::string& purpose,
                             Wait wait) {
  fd_ = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw OutputError(
        fmt::format("{}: cannot open the lock file: {}", lock_file.string(), std::strerror(errno)));
  int status = 0;
  do {
    status = ::flock(fd_, LOCK_EX | (wait == Wait::no ? LOCK_NB : 0));
  } while (status != 0 && errno == EINTR);
  if (status != 0) {
    const int error = errno;
    const std::string holder = holder_of(fd_);
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK)
      throw DirectoryLocked(fmt::format(
          "{} is being written by another {} ({}); wait for it to finish, or choose another "
          "--out",
          lock_file.parent_path().string(), purpose,
          holder.empty() ? "a process that has just started" : holder));
    throw OutputError(fmt::format("{}: cannot lock: {}", lock_file.string(), std::strerror(error)));
  }
  // Ours now: say who holds it, for the message above. Best effort: the lock
  // itself, not this text, is what excludes.
  const std::string holder =
      fmt::format("pid {} on host {}, since {}\n", ::getpid(), host_name(), utc_now());
  if (::ftruncate(fd_, 0) == 0) (void)!::pwrite(fd_, holder.data(), holder.size(), 0);
}

DirectoryLock::~DirectoryLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace gs::experiments
