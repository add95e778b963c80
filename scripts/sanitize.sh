#!/usr/bin/env bash
# Runs the whole test suite (the CLI and the Python tests' subprocesses included) built with clang, ASan + UBSan in
# ./build-san (scripts/sanitized-build.sh; the fuzzers of scripts/fuzz.sh share that build). Any report fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sanitized-build.sh
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp ctest --test-dir build-san --output-on-failure -j2
