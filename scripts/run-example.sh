#!/usr/bin/env bash
# Sets up, builds, and runs the default pipeline on the bundled example article; prints the report's path.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake --preset default -DFACTPIPE_BUILD_TESTS=OFF -DFACTPIPE_BUILD_BENCH=OFF >/dev/null
cmake --build --preset default -j "$(nproc)"
out=out/example
./build/bin/factpipe run -c config/default.yaml --format html,md,json,claimreview -o "$out" \
  examples/articles/harbor-bridge-2026.txt
echo "HTML report: $(pwd)/$out/harbor-bridge-2026.html"
