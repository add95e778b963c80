// Text parsing at full EXIOBASE size: the pxp A.txt (9800 x 9800, %.12g, ~1.5 GB) read into a column-major
// matrix, on 1 thread and on all cores. The file is made by bench/exiobase_import.sh (which also measures the
// whole `worldsys import` with /usr/bin/time); without WORLDSYS_BENCH_EXIO_A the benchmark is skipped.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "worldsys/io/bundle.hpp"
#include "worldsys/io/text_table.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

void BM_ParseExiobaseA(benchmark::State& state) {
  const char* path = std::getenv("WORLDSYS_BENCH_EXIO_A");
  if (!path || !fs::exists(path)) {
    state.SkipWithError("set WORLDSYS_BENCH_EXIO_A to a full-size A.txt (bench/exiobase_import.sh makes one)");
    return;
  }
  io::TableSpec spec;
  spec.header_lines = 2;
  spec.index_cols = 2;
  spec.square = true;
  spec.threads = unsigned(state.range(0));
  for (auto _ : state) {
    auto src = io::open_file(path);
    auto t = io::read_table(*src, spec);
    // Check the result, not only the time: a square table with every row labelled.
    if (t.rows() != t.cols() || t.row_labels[1].back().empty()) state.SkipWithError("wrong result");
    benchmark::DoNotOptimize(t.values.data());
  }
  const double bytes = double(fs::file_size(path));
  state.SetBytesProcessed(int64_t(bytes) * state.iterations());
  state.counters["threads"] = double(spec.threads);
}
BENCHMARK(BM_ParseExiobaseA)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
