#!/usr/bin/env bash
# Fetches one npm package as a tarball (npm pack, never npm install: no install scripts run)
# and unpacks it into the ignored cache folder .cache/npm/<name>-<version>/package.
# Prints the unpacked folder. Safe to run many times and from concurrent builds.
set -euo pipefail
name=${1:?usage: fetch-npm-package.sh NAME VERSION}
version=${2:?usage: fetch-npm-package.sh NAME VERSION}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest="$root/.cache/npm/$name-$version"
if [ -f "$dest/.complete" ]; then echo "$dest/package"; exit 0; fi
command -v npm >/dev/null || { echo "npm is needed to fetch $name@$version (install Node.js 20+)" >&2; exit 1; }
mkdir -p "$root/.cache/npm"
work=$(mktemp -d "$root/.cache/npm/.fetch-XXXXXX")
trap 'rm -rf "$work"' EXIT
( cd "$work" && npm pack --silent "$name@$version" >/dev/null 2>"$work/npm.log" ) \
  || { echo "npm pack $name@$version failed:" >&2; cat "$work/npm.log" >&2; exit 1; }
mkdir -p "$work/out"
tar -xzf "$work"/*.tgz -C "$work/out"
touch "$work/out/.complete"
# another build may have finished first; keep whichever landed
mv -T "$work/out" "$dest" 2>/dev/null || true
echo "$dest/package"
