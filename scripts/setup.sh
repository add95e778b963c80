#!/usr/bin/env bash
# Installs the Debian 12 packages worldsys needs, only those missing. Idempotent; silent when all are present.
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config
  libopenblas-dev libeigen3-dev libfast-float-dev zlib1g-dev libzstd-dev libzip-dev libarchive-dev
  libexpat1-dev libcurl4-openssl-dev libssl-dev
  libcli11-dev libfmt-dev nlohmann-json3-dev libyaml-cpp-dev libreadstat-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  librdata-dev liblzma-dev r-cran-pwt9
  python3 python3-numpy python3-pandas python3-pytest python3-distributed pybind11-dev python3-dev
  chromium fonts-dejavu-core librsvg2-bin
  clang libclang-rt-14-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm fetches the report's map assets at build time (web/package.json); Debian's npm only when none is on PATH
# (a NodeSource node ships its own npm and conflicts with Debian's package).
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "worldsys setup: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
