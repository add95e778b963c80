#!/usr/bin/env bash
# Configures and builds ./build-san: clang with AddressSanitizer + UndefinedBehaviorSanitizer, the test suite and the
# libFuzzer targets in one build (sourced by scripts/sanitize.sh and scripts/fuzz.sh, so CI compiles it once).
# The Python module is left out: an ASan-instrumented extension cannot load into the uninstrumented python3.
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
if [ ! -f build-san/build.ninja ]; then
  cmake -S . -B build-san -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only $san -fsanitize=fuzzer-no-link" \
    -DCMAKE_EXE_LINKER_FLAGS="$san" -DWORLDSYS_FUZZ=ON -DWORLDSYS_TESTS=ON -DWORLDSYS_BENCH=OFF -DWORLDSYS_PYTHON=OFF \
    -DPython3_EXECUTABLE=/usr/bin/python3 >/dev/null
fi
cmake --build build-san ${BUILD_JOBS:+-j "$BUILD_JOBS"}
