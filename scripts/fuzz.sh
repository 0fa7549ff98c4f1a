#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang-14 into build-fuzz/ and runs each from its seeds in
# fuzz/corpus/<target>/. `bash scripts/fuzz.sh --ci` runs each 12,000 times from seed 1 (CI); `bash scripts/fuzz.sh SECONDS`
# for longer. New inputs go to build-fuzz/corpus/<target>/; a crash leaves build-fuzz/crash-* and fails
# the script. See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# --ci: a fixed seed and a fixed number of runs per target, so that a CI run is the same on every machine
# (a time limit would let a faster machine reach further and fail where a slower one passed).
seconds=15
limit=(-max_total_time="$seconds")
ci=0
if [ "${1:-}" = "--ci" ]; then ci=1; limit=(-runs=12000 -seed=1);
elif [ "${1:-}" != "" ]; then seconds="$1"; limit=(-max_total_time="$seconds"); fi
targets=(document_json pipeline_yaml source_formats pipeline)

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  "${launcher[@]}" -DFACTPIPE_FUZZ=ON -DFACTPIPE_BUILD_TESTS=OFF -DFACTPIPE_BUILD_BENCH=OFF \
  -DFACTPIPE_BUILD_PYTHON=OFF -DFACTPIPE_WERROR=OFF >/dev/null
cmake --build build-fuzz --target "${targets[@]/#/fuzz_}" -j "$(nproc)"

for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t"
  # -artifact_prefix: a crash input lands in build-fuzz/, not the working directory.
  # fuzz_pipeline runs every stage on each input (~8 inputs/s instrumented, not thousands): fewer runs in CI, and
  # inputs of at most 4 KB, the size of a post or a short article.
  run_limit=("${limit[@]}") max_len=65536
  if [ "$t" = pipeline ]; then
    max_len=4096
    if [ "$ci" = 1 ]; then run_limit=(-runs=500 -seed=1); fi
  fi
  echo "== fuzz_$t ${run_limit[*]}"
  "build-fuzz/bin/fuzz_$t" "${run_limit[@]}" -max_len="$max_len" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix=build-fuzz/ "build-fuzz/corpus/$t" "fuzz/corpus/$t"
done
