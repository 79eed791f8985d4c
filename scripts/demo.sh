#!/usr/bin/env bash
# The main job: set up, build, and run the demonstration scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec build/groundswell run scenarios/mobilised_vs_atomised.yaml "$@"
