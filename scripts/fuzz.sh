#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (+ ASan, UBSan) into ./build-fuzz and runs each for a fixed number of
# inputs from a seed corpus of valid files. A crash fails the run and leaves the input in build-fuzz/crash-*.
#   bash scripts/fuzz.sh            # short, as in CI (RUNS=20000 each)
#   RUNS=5000000 bash scripts/fuzz.sh   # a longer campaign
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-20000}
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
if [ ! -f build-fuzz/build.ninja ]; then
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g $san -fsanitize=fuzzer-no-link" \
    -DCMAKE_EXE_LINKER_FLAGS="$san" -DWORLDSYS_FUZZ=ON -DWORLDSYS_TESTS=OFF -DWORLDSYS_BENCH=OFF >/dev/null
fi
cmake --build build-fuzz
seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds/csv" "$seeds/readers" "$seeds/text_table"
cp fuzz/corpus/*/* "$seeds/text_table/" 2>/dev/null || cp fuzz/corpus/* "$seeds/text_table/"
printf 'region,sector,A:c1\nA,c1,1.5e3\n"q ""x""",2\n' >"$seeds/csv/a"
cp data/groups/wiod-eu.csv "$seeds/csv/b"
# Reader seeds: selector byte + a valid file of that kind.
printf '\x00region,sector,A:c1,B:c1\nA,c1,1,2\nB,c1,3,4\n' >"$seeds/readers/z"
printf '\x01region,sector,output\nA,c1,20\nB,c1,30\n' >"$seeds/readers/x"
{ printf '\x02'; cat data/default/x.npy; } >"$seeds/readers/npy"
{ printf '\x03'; cat data/default/meta.json; } >"$seeds/readers/meta"
printf '\x04region,group\nA,North\n*,South\n' >"$seeds/readers/gcsv"
printf '\x05North: [A]\nSouth: ["*"]\n' >"$seeds/readers/gyaml"
{ printf '\x06'; cat fuzz/corpus/figaro/flatfile.csv; } >"$seeds/readers/figaro"
cd build-fuzz
for t in csv readers text_table; do
  echo "fuzz_$t: $runs inputs"
  ./fuzz_$t -runs="$runs" -max_len=4096 -print_final_stats=1 "seeds/$t" 2>&1 | grep -E "stat::number_of_executed_units|ERROR|SUMMARY" || true
  test "${PIPESTATUS[0]}" -eq 0
done
