#!/usr/bin/env bash
# Fuzzes one parser with libFuzzer for a given time.
# Usage: scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags]
#   TARGET: scenario | sweep | edge_list (tests/fuzz/fuzz_TARGET.cpp)
# Builds build-fuzz with clang (ASan + UBSan + libFuzzer) on first use, then
# runs the fuzzer seeded from the committed corpus tests/fuzz/corpus/TARGET,
# keeping new interesting inputs in build-fuzz/corpus/TARGET (not committed:
# copy the ones worth keeping into the committed corpus) and any crash, hang
# (-timeout, seconds per input) or memory blow-up (-rss_limit_mb) in
# build-fuzz/findings/TARGET. Ends with libFuzzer's summary (exec count,
# coverage); the log is build-fuzz/fuzz-TARGET.log. Exit status: libFuzzer's
# (0 = nothing found).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
shift 2
case $target in scenario | sweep | edge_list) ;; *)
  echo "fuzz.sh: unknown target '$target' (scenario, sweep, edge_list)" >&2
  exit 2
  ;;
esac
if [[ ! -f build-fuzz/build.ninja ]]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DGS_FUZZ=ON -DGS_SANITIZE=address,undefined -DGS_BUILD_BENCH=OFF -DGS_BUILD_PYTHON=OFF \
    -DGS_WITH_MPI=OFF
fi
nice -n 10 cmake --build build-fuzz --target "fuzz_$target" --parallel 2
mkdir -p "build-fuzz/corpus/$target" "build-fuzz/findings/$target"
build-fuzz/tests/fuzz/"fuzz_$target" "build-fuzz/corpus/$target" "tests/fuzz/corpus/$target" \
  -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="build-fuzz/findings/$target/" "$@" 2>&1 | tee "build-fuzz/fuzz-$target.log"
