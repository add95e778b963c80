#!/usr/bin/env bash
# Builds worldsys with AddressSanitizer + UndefinedBehaviorSanitizer into ./build-asan and runs the whole test
# suite there (the CLI and the Python tests' subprocesses included). Any report fails the run.
# The Python module is left out: an ASan-instrumented extension cannot load into the uninstrumented python3.
set -euo pipefail
cd "$(dirname "$0")/.."
flags="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -Wno-maybe-uninitialized"
if [ ! -f build-asan/build.ninja ]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" -DWORLDSYS_BENCH=OFF -DWORLDSYS_PYTHON=OFF \
    -DPython3_EXECUTABLE=/usr/bin/python3 >/dev/null
fi
cmake --build build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp ctest --test-dir build-asan --output-on-failure -j2
