#!/usr/bin/env bash
# The main job: set up, build, run the mobilised-vs-atomised demonstration and
# turn it into the trainer's report (one offline HTML page).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
out="runs/mobilised_vs_atomised-$(date +%Y%m%d-%H%M%S)"
build/groundswell run scenarios/mobilised_vs_atomised.yaml --set output.snapshots=true --out "$out" "$@"
build/groundswell report "$out" -o "$out/report.html"
echo "report: $out/report.html (open it in a browser; it works offline)"
