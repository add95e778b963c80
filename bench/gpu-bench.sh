#!/usr/bin/env bash
# The GPU figures of docs/BENCHMARKS.md, in two steps (issue 6: the 9800 system's full accounts in under 1 s).
#
#   bash bench/gpu-bench.sh pack   # here (Debian 12, CUDA toolkit, no GPU needed): build with -DWORLDSYS_CUDA=ON
#                                  # into build-cuda and pack the binaries and the Debian libraries they need
#                                  # into build-gpu/ (ignored by git; a few MB, xz)
#   bash bench/gpu-bench.sh run    # on the GPU machine (it has the CUDA 13 runtime libraries but none of the
#                                  # project's Debian packages, and no network): unpack, run the GPU tests, the
#                                  # benchmarks and the CLI on an EXIOBASE-size synthetic table; logs in $OUT
#                                  # (or build-gpu/results)
# With the session's `run` tool: command "bash bench/gpu-bench.sh run", carry ["build-gpu"].
# SMOKE=1 bash bench/gpu-bench.sh run: the same steps on a small table and only the GPU benchmarks (a check of the
# script itself on a machine without a GPU).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
pack=build-gpu

case "${1:-}" in
pack)
  [ -f /work/ccache.env ] && source /work/ccache.env
  cmake -S . -B build-cuda -G Ninja -DCMAKE_BUILD_TYPE=Release -DWORLDSYS_CUDA=ON \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache >/dev/null
  cmake --build build-cuda
  rm -rf "$pack" && mkdir -p "$pack/stage/lib"
  bins="build-cuda/worldsys build-cuda/worldsys_bench build-cuda/tests/worldsys_tests"
  # Every shared library the binaries use except the C library and CUDA's own (the GPU machine has CUDA 13).
  for lib in $(ldd $bins | awk '/=> \//{print $3}' | sort -u); do
    case "$(basename "$lib")" in
      libc.so*|libm.so*|libdl.so*|libpthread.so*|librt.so*|ld-linux*|libcuda.so*|libcudart*|libcublas*|libcusolver*|libcusparse*|libnvJitLink*) ;;
      *) cp -L "$lib" "$pack/stage/lib/" ;;
    esac
  done
  mkdir -p "$pack/stage/build-cuda/tests"
  for b in $bins; do cp "$b" "$pack/stage/$b"; done
  echo "$root" >"$pack/stage/source-dir"  # paths compiled into the binaries (data, the test's worldsys)
  git rev-parse --short HEAD >"$pack/stage/commit"
  tar -C "$pack/stage" -cJf "$pack/bundle.tar.xz" . && rm -rf "$pack/stage"
  du -h "$pack/bundle.tar.xz"
  ;;
run)
  out=${OUT:-$root/$pack/results}
  mkdir -p "$out"
  w=$(mktemp -d)
  trap 'rm -rf "$w"' EXIT
  tar -C $w -xJf "$pack/bundle.tar.xz"
  # The binaries look for data and for each other under the directory they were built in: point it here.
  src=$(cat $w/source-dir)
  if [ "$src" != "$root" ]; then
    if [ -e "$src" ]; then echo "the binaries look under $src, which is not this checkout: pack here instead" >&2; exit 2; fi
    mkdir -p "$(dirname "$src")" && ln -s "$root" "$src"
  fi
  if [ ! -x build-cuda/worldsys ]; then  # the GPU machine starts bare; where it was packed, build-cuda is there
    mkdir -p build-cuda/tests
    cp $w/build-cuda/worldsys $w/build-cuda/worldsys_bench build-cuda/
    cp $w/build-cuda/tests/worldsys_tests build-cuda/tests/
  fi
  cuda_lib=$(dirname "$(ldconfig -p | awk '/libcusolver.so/{print $NF; exit}')" 2>/dev/null || true)
  for d in /usr/local/cuda/lib64 /usr/local/cuda/lib $cuda_lib \
    $(python3 -c 'import nvidia, os; print(" ".join(os.path.join(p, d, "lib") for p in nvidia.__path__ for d in os.listdir(p)))' 2>/dev/null); do
    [ -d "$d" ] && export LD_LIBRARY_PATH=${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$d
  done
  # A newer system libstdc++ (GCC 12's symbols, GLIBCXX_3.4.30, included) serves the CUDA libraries better
  # than the packed Debian one.
  sys_cxx=$(ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/{print $NF; exit}')
  if [ -n "$sys_cxx" ] && grep -q GLIBCXX_3.4.30 "$sys_cxx"; then rm -f $w/lib/libstdc++.so.6 $w/lib/libgcc_s.so.1; fi
  export LD_LIBRARY_PATH=$w/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  filter=Exio shape=
  [ -n "${SMOKE:-}" ] && filter=Gpu shape="--regions 6 --sectors 20 --stressors 30"
  {
    echo "commit $(cat $w/commit), $(date -u +%F)"
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
    nproc; free -g | head -2
    ldd build-cuda/worldsys | grep -E "cusolver|cublas|cudart|openblas|not found"
  } 2>&1 | tee "$out/machine.txt"
  set +e
  ./build-cuda/tests/worldsys_tests --gtest_filter='Gpu*:Cli.DeviceGpu*:Leontief*' 2>&1 | tee "$out/tests.txt"
  ./build-cuda/worldsys_bench --benchmark_filter="$filter" --benchmark_repetitions=3 \
    --benchmark_report_aggregates_only=true 2>&1 | tee "$out/bench.txt"
  ./build-cuda/worldsys synthetic $shape --force --out $w/exio >/dev/null
  for device in gpu cpu; do  # whole process: read the 1.3 GB store, accounts without M, CSV
    start=$EPOCHREALTIME
    ./build-cuda/worldsys footprint $w/exio --device $device --format csv --out $w/fp-$device.csv 2>&1
    echo "footprint --device $device: exit $?, $(awk "BEGIN{print $EPOCHREALTIME - $start}") s wall"
  done 2>&1 | tee "$out/cli.txt"
  if cmp -s $w/fp-gpu.csv $w/fp-cpu.csv; then echo "footprint CSVs identical on gpu and cpu"
  else echo "footprint CSVs differ (printed digits? the tests compare the numbers to 1e-10):"; cmp $w/fp-gpu.csv $w/fp-cpu.csv
  fi 2>&1 | tee -a "$out/cli.txt"
  ;;
*)
  sed -n '2,12p' "$0"
  exit 2
  ;;
esac
