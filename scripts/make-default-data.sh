#!/usr/bin/env bash
# Regenerates data/default, the embedded sample world, from the real WIOD files with worldsys's own commands.
# Needs ../shared/data (see data/SOURCE.md) and a built ./build/worldsys.
set -euo pipefail
cd "$(dirname "$0")/.."
wiod=${1:-../shared/data/mrio/wiod2013}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./build/worldsys import wiod2013 "$wiod" --year 2011 --out "$tmp/wiod2011"
./build/worldsys aggregate "$tmp/wiod2011" --regions wiod-world10 --sectors wiod-sectors8 --out data/default --force
