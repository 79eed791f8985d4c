#!/usr/bin/env bash
# The main job: set up, build, run the mobilised-vs-atomised demonstration and
# turn it into the trainer's report (one offline HTML page). Prints one line for
# the build (its log goes to build/setup.log), the two settings side by side in
# plain words, and where the page is.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
started=$SECONDS
if ! scripts/setup.sh >build/setup.log 2>&1; then
  tail -n 30 build/setup.log >&2
  echo "build: FAILED (full log: build/setup.log)" >&2
  exit 1
fi
echo "build: ok in $((SECONDS - started)) s (log: build/setup.log)"
out="runs/mobilised_vs_atomised-$(date +%Y%m%d-%H%M%S)"
build/groundswell run scenarios/mobilised_vs_atomised.yaml --set output.snapshots=true --out "$out" "$@"
build/groundswell report "$out" -o "$out/report.html" -q
echo "page: $out/report.html (open it in a browser; it works offline, keys: Space play, F full screen)"
