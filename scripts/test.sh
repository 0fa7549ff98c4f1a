#!/usr/bin/env bash
# Sets up (Debian packages), builds and runs every test: `bash scripts/test.sh [--sanitize]`.
# --sanitize builds the tests with AddressSanitizer and UBSan instead (preset "debug", no benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=default
[ "${1:-}" = "--sanitize" ] && preset=debug

bash scripts/setup.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset" -j "$(nproc)"
