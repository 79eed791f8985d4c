// An exclusive, advisory OS lock on a file in a directory, held for as long as
// the object lives: what keeps two sweeps (or calibrations) from writing one
// directory at once.
//
// Contract: the constructor opens (creating if needed) `lock_file` and takes
// flock(2)'s exclusive lock on it. With Wait::no it fails at once when another
// process holds it, throwing DirectoryLocked with a message naming the holder
// (pid, host and start time, which the holder writes into the file after
// locking). The kernel releases the lock when the holder's descriptor closes,
// including when the process is killed (kill -9, a lost node's fencing), so a
// lock file left behind never blocks anyone: it is only a name. The file is
// never deleted (deleting a lock file races with a process that has just
// opened it and would let two holders in). flock locks are per open file
// description: two DirectoryLocks on one file in one process also exclude each
// other. On NFS, Linux emulates flock with fcntl byte-range locks, which the
// server arbitrates across machines.
#pragma once

#include <filesystem>
#include <string>

#include "sim/engine/output.hpp"

namespace gs::experiments {

// Another process holds the lock; what() names it.
class DirectoryLocked : public OutputDirNotEmpty {
 public:
  using OutputDirNotEmpty::OutputDirNotEmpty;
};

class DirectoryLock {
 public:
  enum class Wait { no, yes };
  // `purpose` completes "another ... is writing DIR", e.g. "sweep".
  DirectoryLock(const std::filesystem::path& lock_file, const std::string& purpose, Wait wait);
  ~DirectoryLock();
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace gs::experiments
