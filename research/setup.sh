#!/usr/bin/env bash
# Installs the Debian 12 packages that research/ needs on top of scripts/setup.sh's: liblinear (the trainers of
# the committed claims model and crossref ranker) and WordNet (the claims word-class experiment).
# --with-xgboost adds XGBoost for the stacked-trees experiment (`--trees 1`); it pulls database client libraries,
# which is why it is not installed by default. Then configure with -DFACTPIPE_BUILD_RESEARCH=ON.
set -euo pipefail

packages=(liblinear-dev wordnet-base)
if [ "${1:-}" = "--with-xgboost" ]; then packages+=(libxgboost-dev); fi

"$(dirname "$0")/../scripts/apt-install.sh" "research setup" "${packages[@]}"
