#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (+ ASan, UBSan) into ./build-san (scripts/sanitized-build.sh) and runs
# each for a fixed number of inputs from a seed corpus of valid files. A crash fails the run and leaves the input
# in build-san/crash-*.
#   bash scripts/fuzz.sh            # short, as in CI (RUNS=20000 each; fuzz_formats, ~10x slower per input, 10000)
#   RUNS=5000000 bash scripts/fuzz.sh   # a longer campaign (fuzz_formats: RUNS/2 unless FORMATS_RUNS is set)
#   TARGETS="readers" MAX_TIME=300 bash scripts/fuzz.sh   # some targets, each for 300 s
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-20000}
formats_runs=${FORMATS_RUNS:-$((runs / 2))}
targets=${TARGETS:-csv readers text_table formats}
time_limit=${MAX_TIME:+-max_total_time=$MAX_TIME}
# librdata leaks 4 bytes per parse (Debian's build); suppressed as in scripts/sanitize.sh.
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp
# A huge allocation returns NULL, as it does outside ASan: libraries that check it (librdata) report an error.
# Allocations we make are bounded by the file's size before they happen (the .npy and R index checks).
# Above 1 GiB already (no 4 KiB input needs that much): librdata mallocs a damaged R vector length (13 GB seen), and
# ASan, unlike the kernel, writes the shadow of every byte on free: 1.7 GB resident and 10 s for one input.
export ASAN_OPTIONS=allocator_may_return_null=1:max_allocation_size_mb=1024
source scripts/sanitized-build.sh
# Seed corpora: fuzz_formats and fuzz_readers write theirs from the fixture generators (valid files of every
# kind, behind their selector byte); the text-table seeds are small real-layout snippets in fuzz/corpus.
seeds=build-san/seeds
# Fixture zips stamped with a fixed time: the same seeds, byte for byte, in every run (see FUZZ_SEED below).
export SOURCE_DATE_EPOCH=946684800
rm -rf "$seeds" && mkdir -p "$seeds/csv" "$seeds/text_table"
cp fuzz/corpus/* "$seeds/text_table/"
printf 'region,sector,A:c1\nA,c1,1.5e3\n"q ""x""",2\n' >"$seeds/csv/a"
cp data/groups/wiod-eu.csv "$seeds/csv/b"
WORLDSYS_FUZZ_SEEDS="$seeds/readers" build-san/fuzz_readers
WORLDSYS_FUZZ_SEEDS="$seeds/formats" build-san/fuzz_formats
cd build-san
for t in $targets; do
  n=$runs
  [ "$t" = formats ] && n=$formats_runs
  echo "fuzz_$t: $n inputs ${MAX_TIME:+or $MAX_TIME s}"
  start=$SECONDS
  rc=0
  # A fixed seed by default: a run is reproducible for one commit (any change to the code changes the instrumented
  # binary and so the path the fuzzer takes: a red CI run may be an old bug found, not the change's doing);
  # FUZZ_SEED=0 lets libFuzzer pick one, for the long exploratory runs of docs/RELIABILITY.md. The large-allocation
  # cases are capped by ASan above; libFuzzer's own single-malloc limit is lifted so that only RSS is limited.
  ./fuzz_$t -runs="$n" -seed="${FUZZ_SEED:-1}" $time_limit -max_len=4096 -malloc_limit_mb=65536 -print_final_stats=1 "seeds/$t" >"fuzz_$t.log" 2>&1 || rc=$?
  grep -E "stat::number_of_executed_units|stat::new_units_added|DONE|ERROR|SUMMARY|Test unit written" "fuzz_$t.log" || true
  if [ "$rc" -ne 0 ]; then
    tail -60 "fuzz_$t.log"
    echo "fuzz_$t: failed (exit $rc); the input is in build-san/crash-* (or oom-*, timeout-*)"
    exit 1
  fi
  echo "fuzz_$t: $((SECONDS - start)) s"
done
