#!/usr/bin/env bash
# Regenerates data/default-distributions, the embedded income-distribution and GDP stores, from the real files in
# ../shared/data with worldsys's own `import` (a period with --years, tables gzip-compressed with --compress).
# Needs ../shared/data (or its path as $1) and a built ./build/worldsys. See data/SOURCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
out=data/default-distributions
mkdir -p "$out"
ws() { ./build/worldsys "$@"; }
ws import pip2021 "$data/poverty" --years 1990-2026 --compress --out "$out/pip2021" --force
ws import pip2011 "$data/poverty/pip_2011ppp" --years 1990-2019 --compress --out "$out/pip2011" --force
ws import owid-pip2017 "$data/poverty/owid_pip/pip_2017ppp_2022-10" --years 1990-2021 --compress --out "$out/owid-pip2017" --force
ws import wdi "$data/poverty/wdi_2021ppp" --years 1990-2024 --compress --out "$out/wdi" --force
ws import maddison "$data/gdp/maddison_2020_owid" --years 1950-2018 --compress --out "$out/maddison" --force
du -sh "$out"
