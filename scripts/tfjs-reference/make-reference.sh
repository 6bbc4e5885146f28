#!/usr/bin/env bash
# Regenerates the TF.js reference outputs that tests/GenreBlazor.Vision.Tests compares the converted ONNX model with.
#   scripts/tfjs-reference/make-reference.sh             synthetic inputs -> tests/GenreBlazor.Vision.Tests/Fixtures
#   scripts/tfjs-reference/make-reference.sh --posters N  also N posters from ../shared/data/posters -> .cache/tfjs-reference/posters
# Installs @tensorflow/tfjs (pure JavaScript CPU backend) and jpeg-js into the ignored .cache/tfjs-reference.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/.cache/tfjs-reference"
mkdir -p "$work"
if [ ! -d "$work/node_modules/@tensorflow/tfjs" ] || ! cmp -s "$here/package.json" "$work/package.json"; then
  cp "$here/package.json" "$work/package.json"
  (cd "$work" && npm install --silent --no-audit --no-fund --no-package-lock --ignore-scripts)
fi
package=$("$root/scripts/fetch-npm-package.sh" nsfwjs 4.3.0)
args=(--model "$package/dist/models/mobilenet_v2_mid" --out "$root/tests/GenreBlazor.Vision.Tests/Fixtures")
if [ "${1:-}" = "--posters" ]; then
  args+=(--posters "${POSTERS_DIR:-$root/../shared/data/posters}" --poster-count "${2:-3}" --poster-out "$work/posters")
fi
NODE_PATH="$work/node_modules" node "$here/reference.cjs" "${args[@]}"
