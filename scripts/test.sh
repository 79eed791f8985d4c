#!/usr/bin/env bash
# The whole test suite: set up, build, and run every test through ctest; then
# the C++ tests again, built with AddressSanitizer and UndefinedBehaviorSanitizer
# in build-asan (no benchmarks, Python module, notebooks or browser test, to
# keep CI within its budget). Arguments go to the first ctest run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)" "$@"

echo "test.sh: the C++ tests under ASan + UBSan (build-asan)"
# -O1 -g1: quick to compile, fast enough to run, function names in reports.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -g1" \
  -DGS_SANITIZE=address,undefined -DGS_BUILD_BENCH=OFF -DGS_BUILD_PYTHON=OFF >/dev/null
# ccache ignores the build directory, so every clone and worktree on the machine
# shares the sanitized objects (by default -g makes the directory part of the key).
CCACHE_NOHASHDIR=true cmake --build build-asan --parallel "$(nproc)"
# detect_leaks=0: TBB's worker threads keep allocations until exit, by design.
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure --parallel "$(nproc)" -LE 'notebook|browser|slow'
