#!/usr/bin/env bash
# The whole test suite: set up, build, and run every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec ctest --test-dir build --output-on-failure --parallel "$(nproc)" "$@"
