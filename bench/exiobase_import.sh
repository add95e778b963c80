#!/usr/bin/env bash
# EXIOBASE-pxp-size import benchmark: generates a full-size table (49 regions x 200 products: A.txt 9800 x 9800
# at pymrio's %.12g, ~1.5 GB; Y, x, unit, extensions) into /tmp, parses A.txt alone (bench_readers.cpp) and
# imports the whole table with `worldsys import` under /usr/bin/time -v, then deletes everything.
# Usage: bash bench/exiobase_import.sh [repetitions=3]
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-3}
work=$(mktemp -d /tmp/worldsys-bench-exio.XXXXXX)
trap 'rm -rf "$work"' EXIT
avail=$(df --output=avail -B1G /tmp | tail -1)
[ "$avail" -ge 6 ] || { echo "need 6 GB free in /tmp, have ${avail} GB" >&2; exit 1; }

./build/worldsys fixture exiobase3 --regions 49 --sectors 200 --variant 3.9a --precision 12 --unpacked \
  --out "$work" >/dev/null
table="$work/IOT_2022_pxp"
bytes=$(stat -c %s "$table/A.txt")
echo "A.txt: $bytes bytes; whole table: $(du -sb "$table" | cut -f1) bytes"

WORLDSYS_BENCH_EXIO_A="$table/A.txt" ./build/worldsys_bench --benchmark_filter=ParseExiobaseA \
  --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true

for threads in 1 2; do
  for r in $(seq "$reps"); do
    rm -rf "$work/store"
    /usr/bin/time -v ./build/worldsys import exiobase3 "$table" --threads "$threads" --out "$work/store" \
      2> "$work/time.txt"
    wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
    stored=$(du -sb "$work/store" | cut -f1)
    echo "import threads=$threads rep=$r wall=$wall peak_rss_kB=$rss store_bytes=$stored"
  done
done
