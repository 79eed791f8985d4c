#!/usr/bin/env bash
# Installs whatever Groundswell needs from Debian's packages (only what is
# missing; safe to run again), then configures and builds it in ./build.
# Usage: scripts/setup.sh            (as root, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config ccache
  libboost-graph-dev libeigen3-dev libtbb-dev libyaml-cpp-dev libyaml-dev
  libbenchmark-dev catch2 libcli11-dev librandom123-dev libfmt-dev nlohmann-json3-dev
  # Fuzzing the parsers (scripts/fuzz.sh: clang's libFuzzer, ASan, UBSan)
  clang libclang-rt-14-dev
  # Sweeps across machines
  libopenmpi-dev openmpi-bin
  # Python module, notebooks and the report's browser test
  python3-dev pybind11-dev python3-pybind11 python3-numpy python3-pandas python3-matplotlib python3-scipy
  python3-nbformat python3-nbclient python3-nbconvert python3-ipykernel chromium
  # Progress bars of the Python module (gs.run, gs.sweep... in notebooks and terminals)
  python3-tqdm
  # The report page's in-browser model (WebAssembly)
  emscripten
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --parallel "$(nproc)"
