// Corpus replay without libFuzzer: feeds every file under the given paths to
// the harness's LLVMFuzzerTestOneInput, in name order, so ctest checks every
// committed corpus input (including each reproducer of issue 11) on every run,
// in the ordinary g++ build and under ASan/UBSan.
//
// Contract: exits 0 when every input returns; fails (exit 1, naming the file)
// when one takes longer than --max-seconds (default 2: issue 11's bar is "a
// clear error within a second", doubled for a loaded or sanitized build) or
// when the process's peak resident memory exceeds --max-mb (default 1024; the
// reproducers needed several GB before the fix). A crash or sanitizer report
// fails the process itself. The same files seed libFuzzer (scripts/fuzz.sh).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

long peak_resident_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // Linux reports kilobytes
}

}  // namespace

int main(int argc, char** argv) {
  double max_seconds = 2.0;
  long max_mb = 1024;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--max-seconds" && i + 1 < argc) {
      max_seconds = std::atof(argv[++i]);
    } else if (arg == "--max-mb" && i + 1 < argc) {
      max_mb = std::atol(argv[++i]);
    } else if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(arg))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else {
      files.emplace_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::fprintf(stderr, "replay: no corpus files given\n");
    return 1;
  }
  double slowest = 0.0;
  std::string slowest_file;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto start = std::chrono::steady_clock::now();
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds > slowest) {
      slowest = seconds;
      slowest_file = file.filename().string();
    }
    if (seconds > max_seconds) {
      std::fprintf(stderr, "replay: %s took %.2f s (limit %.2f s)\n", file.c_str(), seconds,
                   max_seconds);
      return 1;
    }
    if (peak_resident_mb() > max_mb) {
      std::fprintf(stderr, "replay: after %s the peak resident memory is %ld MB (limit %ld MB)\n",
                   file.c_str(), peak_resident_mb(), max_mb);
      return 1;
    }
  }
  std::printf("replay: %zu inputs, the slowest %.3f s (%s); peak resident memory %ld MB\n",
              files.size(), slowest, slowest_file.c_str(), peak_resident_mb());
  return 0;
}
