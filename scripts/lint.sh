#!/usr/bin/env bash
# clang-format and clang-tidy (.clang-format, .clang-tidy) on what a branch changed, not on the whole code base:
#   bash scripts/lint.sh                 the lines and files changed against the merge base with main
#                                        (FACTPIPE_LINT_BASE=REF for another base); without a merge base (a fresh
#                                        or shallow clone) nothing is linted
#   bash scripts/lint.sh FILE...         those files, whole
#   bash scripts/lint.sh --fix [FILE...] rewrite the changed lines (or the files given) as clang-format wants
# Both report on the changed lines only (a moved file's unchanged lines are not "changed"): clang-format, and
# clang-tidy on each changed .cpp that the build's compile_commands.json knows (FACTPIPE_LINT_BUILD, default
# build/: configure first), a changed header through its .cpp. Exit 1 when either reports something, 2 when it
# cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${FACTPIPE_LINT_BUILD:-build}"
tidy="$(command -v clang-tidy-14 || command -v clang-tidy || true)"
format="$(command -v clang-format-14 || command -v clang-format || true)"
if [ -z "$tidy" ] || [ -z "$format" ]; then
  echo "lint: clang-tidy and clang-format are needed (apt-get install clang-tidy-14 clang-format-14)" >&2
  exit 2
fi
fix=0
if [ "${1:-}" = "--fix" ]; then fix=1; shift; fi

base=""
if [ $# -gt 0 ]; then
  files=("$@")
else
  for ref in "${FACTPIPE_LINT_BASE:-}" origin/main main; do
    [ -n "$ref" ] || continue
    if base="$(git merge-base HEAD "$ref" 2>/dev/null)"; then break; fi
    base=""
  done
  if [ -z "$base" ]; then
    echo "lint: no merge base with main (fresh or shallow clone): nothing to lint; pass files to lint them"
    exit 0
  fi
  mapfile -t files < <(git diff -M --name-only --diff-filter=ACMR "$base" -- '*.cpp' '*.hpp' '*.h' '*.cc')
fi
sources=()
for f in "${files[@]}"; do
  case "$f" in
    tests/plugins_fixture/sdk-*/*) ;;  # a frozen copy of an older SDK's headers: kept as it was released
    *.cpp|*.cc|*.hpp|*.h) [ -f "$f" ] && sources+=("$f") ;;
  esac
done
if [ ${#sources[@]} -eq 0 ]; then
  echo "lint: no changed C++ files${base:+ since $(git rev-parse --short "$base")}"
  exit 0
fi
echo "lint: ${#sources[@]} C++ files${base:+ changed since $(git rev-parse --short "$base")}"
status=0

# clang-format: the lines each file gained against the base, as --lines ranges. One diff of all C++ files, so
# that a moved file is followed (its unchanged lines are not new).
declare -A ranges_of=()
if [ -n "$base" ]; then
  while read -r file range; do
    ranges_of["$file"]+="$range "
  done < <(git diff -M -U0 "$base" -- '*.cpp' '*.hpp' '*.h' '*.cc' | awk '
    /^\+\+\+ / { file = substr($2, 3); next }
    /^@@ / { split($3, a, ","); start = substr(a[1], 2); n = (a[2] == "") ? 1 : a[2];
             if (n > 0) printf "%s --lines=%d:%d\n", file, start, start + n - 1 }')
fi
for f in "${sources[@]}"; do
  ranges=()
  if [ -n "$base" ]; then
    read -r -a ranges <<<"${ranges_of[$f]:-}"
    [ ${#ranges[@]} -gt 0 ] || continue
  fi
  if [ $fix -eq 1 ]; then
    "$format" -i "${ranges[@]}" "$f"
  elif ! "$format" --dry-run --Werror "${ranges[@]}" "$f" 2>&1 | head -40; then
    status=1
  fi
done
[ $fix -eq 1 ] && { echo "lint: formatted the changed lines"; exit 0; }

# clang-tidy: .cpp files in the compile database; a changed header is checked through its .cpp (same stem).
db="$build/compile_commands.json"
if [ ! -f "$db" ]; then
  echo "lint: $db not found: configure first (cmake --preset default)" >&2
  exit 2
fi
declare -A units=()
headers=()
for f in "${sources[@]}"; do
  case "$f" in
    *.hpp|*.h)
      headers+=("$(basename "$f")")
      for ext in cpp cc; do [ -f "${f%.*}.$ext" ] && units["${f%.*}.$ext"]=1; done ;;
    *) units["$f"]=1 ;;
  esac
done
known=()
for u in "${!units[@]}"; do
  if grep -qF "\"file\": \"$(realpath "$u")\"" "$db"; then known+=("$u")
  else echo "lint: $u is not built in $build's configuration: clang-tidy skipped"; fi
done
filter='^$'
if [ ${#headers[@]} -gt 0 ]; then
  filter="/($(printf '%s\n' "${headers[@]}" | sed 's/[].[\*^$()+?{|]/\\&/g' | paste -sd'|'))\$"
fi
# Against a base, diagnostics on the changed lines only: --line-filter from the same ranges as clang-format.
line_filter=()
if [ -n "$base" ]; then
  json=""
  for f in "${!ranges_of[@]}"; do
    pairs="$(sed 's/--lines=\([0-9]*\):\([0-9]*\)/[\1,\2]/g; s/ *$//; s/ /,/g' <<<"${ranges_of[$f]}")"
    json+="${json:+,}{\"name\":\"$f\",\"lines\":[$pairs]}"
  done
  line_filter=(--line-filter="[${json}]")
fi
if [ ${#known[@]} -gt 0 ]; then
  # GCC's flags in the database: clang must not stop at a warning or optimisation option it does not know.
  if ! printf '%s\0' "${known[@]}" | xargs -0 -n 1 -P "$(nproc)" "$tidy" -p "$build" --quiet \
      --header-filter="$filter" "${line_filter[@]}" --extra-arg=-Wno-unknown-warning-option \
      --extra-arg=-Wno-ignored-optimization-argument 2> >(grep -v "warnings generated" >&2); then
    status=1
  fi
fi
[ $status -eq 0 ] && echo "lint: clean"
exit $status
