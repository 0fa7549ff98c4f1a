#!/usr/bin/env bash
# Installs the Debian 12 packages that research/ needs on top of scripts/setup.sh's: liblinear (the trainers of
# the committed claims model and crossref ranker) and WordNet (the claims word-class experiment).
# --with-xgboost adds XGBoost for the stacked-trees experiment (`--trees 1`); it pulls database client libraries,
# which is why it is not installed by default. Then configure with -DFACTPIPE_BUILD_RESEARCH=ON.
set -euo pipefail

packages=(liblinear-dev wordnet-base)
if [ "${1:-}" = "--with-xgboost" ]; then packages+=(libxgboost-dev); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "research setup: all ${#packages[@]} packages present"
else
  echo "research setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
