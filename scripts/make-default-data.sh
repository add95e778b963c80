#!/usr/bin/env bash
# Regenerates data/default, the embedded sample world, from the real WIOD files with worldsys's own commands.
# Needs ../shared/data (WIOD 2013 and, beside it, the WIOD 2016 SEA; see data/SOURCE.md), PWT 9.1 (Debian
# r-cran-pwt9) and a built ./build/worldsys.
set -euo pipefail
cd "$(dirname "$0")/.."
wiod=${1:-../shared/data/mrio/wiod2013}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./build/worldsys import wiod2013 "$wiod" --year 2011 --satellites sea --out "$tmp/wiod2011"
./build/worldsys aggregate "$tmp/wiod2011" --regions wiod-world10 --sectors wiod-sectors8 --out data/default --force
