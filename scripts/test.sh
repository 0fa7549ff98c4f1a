#!/usr/bin/env bash
# Sets up (Debian packages), builds and runs every test: `bash scripts/test.sh [--sanitize|--tsan] [--research]`.
# --sanitize builds the tests with AddressSanitizer and UBSan instead (preset "debug", no benchmarks).
# --tsan builds the host and service tests (and the plugins they load) with ThreadSanitizer and runs the parallel
# ones: the batch runner with several workers, the service's concurrent requests (preset "tsan").
# --research also builds research/ (trainers, experiments) and runs its tests (research/setup.sh's packages).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=default
research=OFF
for arg in "$@"; do
  case "$arg" in
    --sanitize) preset=debug ;;
    --tsan) preset=tsan ;;
    --research) research=ON ;;
    *) echo "usage: scripts/test.sh [--sanitize|--tsan] [--research]" >&2; exit 2 ;;
  esac
done

bash scripts/setup.sh
[ "$research" = ON ] && bash research/setup.sh
cmake --preset "$preset" -DFACTPIPE_BUILD_RESEARCH="$research" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset" -j "$(nproc)"
