#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang-14 into build-fuzz/ and runs each from its seeds in
# fuzz/corpus/<target>/. `bash scripts/fuzz.sh --ci` runs each for 15 s (CI); `bash scripts/fuzz.sh SECONDS`
# for longer. New inputs go to build-fuzz/corpus/<target>/; a crash leaves build-fuzz/crash-* and fails
# the script. See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=15
if [ "${1:-}" != "" ] && [ "$1" != "--ci" ]; then seconds="$1"; fi
targets=(document_json pipeline_yaml source_formats)

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  "${launcher[@]}" -DFACTPIPE_FUZZ=ON -DFACTPIPE_BUILD_TESTS=OFF -DFACTPIPE_BUILD_BENCH=OFF \
  -DFACTPIPE_BUILD_PYTHON=OFF -DFACTPIPE_WERROR=OFF >/dev/null
cmake --build build-fuzz --target "${targets[@]/#/fuzz_}" -j "$(nproc)"

for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t"
  echo "== fuzz_$t for ${seconds}s"
  # -artifact_prefix: a crash input lands in build-fuzz/, not the working directory.
  "build-fuzz/bin/fuzz_$t" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix=build-fuzz/ "build-fuzz/corpus/$t" "fuzz/corpus/$t"
done
