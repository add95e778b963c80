#!/usr/bin/env bash
# Builds the text-parser fuzz target with clang (libFuzzer + AddressSanitizer + UBSan) and runs it for a fixed
# number of inputs (default 20000) from the seed corpus in fuzz/corpus. Usage: bash fuzz/run.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20000}
out=build/fuzz
mkdir -p "$out"
srcs="fuzz/fuzz_text_table.cpp src/io/text_table.cpp src/io/bundle.cpp src/core/error.cpp src/linalg/threads.cpp"
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -Iinclude -Isrc $srcs \
  -lfmt -lzip -lz -lopenblas -lpthread -o "$out/fuzz_text_table"
mkdir -p "$out/corpus"
cp fuzz/corpus/* "$out/corpus/" 2>/dev/null || true
"$out/fuzz_text_table" -runs="$runs" -max_len=4096 "$out/corpus" > "$out/log.txt" 2>&1 || { tail -40 "$out/log.txt"; exit 1; }
tail -1 "$out/log.txt"
