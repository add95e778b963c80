#!/usr/bin/env bash
# Regenerates data/default, the embedded sample world, from the real WIOD files with worldsys's own commands.
# Needs ../shared/data (WIOD 2013 and, beside it, the WIOD 2016 SEA; see data/SOURCE.md), PWT 9.1 (Debian
# r-cran-pwt9) and a built ./build/worldsys.
set -euo pipefail
cd "$(dirname "$0")/.."
wiod=${1:-../shared/data/mrio/wiod2013}
# The full table goes under build/ (not a temporary directory): the store's provenance keeps the commands as a
# user would type them.
./build/worldsys import wiod2013 "$wiod" --year 2011 --satellites sea --out build/wiod2011 --force
./build/worldsys aggregate build/wiod2011 --regions wiod-world10 --sectors wiod-sectors8 --out data/default --force
