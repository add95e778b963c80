// The verbs at EXIOBASE scale (issue 20) on a `worldsys synthetic` table of 49 regions x S sectors and 1,100
// stressors (n = 4,900 or 9,800), each as a ratio to the floor measured in the same run: one dgetrf of I - A and
// the solves the verb needs (X = L Y: regions + 1 right-hand sides; M = S L: one per stressor). Each verb is timed
// whole (accounts, table, CSV written to a file under /tmp) and without the writing. Minutes at n = 9,800:
//   ./build/worldsys_bench --benchmark_filter=VerbsSynthetic
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "worldsys/accounts/leontief.hpp"
#include "worldsys/accounts/synthetic.hpp"
#include "worldsys/accounts/tables.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/io/arrays.hpp"
#include "worldsys/io/table_writer.hpp"

using namespace worldsys;

namespace {

double seconds(const std::function<void()>& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void BM_VerbsSynthetic(benchmark::State& state) {
  const size_t sectors = size_t(state.range(0));
  static std::map<size_t, Mrio> tables;
  if (!tables.count(sectors)) tables.emplace(sectors, synthetic_mrio({49, sectors, 7, 1100, 1}));
  const Mrio& m = tables.at(sectors);
  const size_t n = m.n();
  const auto dir = std::filesystem::temp_directory_path() / "worldsys-bench-verbs";
  std::filesystem::create_directories(dir);

  // The floor: the factorization, and the solves by themselves.
  std::optional<Leontief> leo;
  const double getrf = seconds([&] { leo.emplace(m); });
  const Matrix Yr = m.Y_by_region();
  const double solve_X = seconds([&] { benchmark::DoNotOptimize(leo->solve(Yr).data()); });
  const Matrix S = intensities(m.F, m.x);
  const double solve_M = seconds([&] { benchmark::DoNotOptimize(leo->multipliers(S).data()); });
  leo.reset();

  std::map<std::string, double> total, compute;
  auto csv = [&](const std::string& name, const api::FootprintArgs& a) {
    total[name] = seconds([&] {
      std::ofstream out(dir / (name + ".csv"), std::ios::binary);
      io::TableStream s(out, io::TableFormat::csv);
      api::footprint(m, a, [&](const Table& t) { s.write(t); });
      s.finish();
    });
    compute[name] = seconds([&] { api::footprint(m, a, [](const Table&) {}); });  // the rows made, not written
  };
  api::FootprintArgs region, by_sector, multipliers;
  by_sector.by = "sector";
  multipliers.multipliers = true;
  for (auto _ : state) {
    csv("footprint", region);
    csv("by_sector", by_sector);
    csv("multipliers", multipliers);
    total["by_sector_npy"] = seconds([&] { io::write_arrays(dir / "by_sector_npy", api::footprint_arrays(m, by_sector), "bench"); });
    total["multipliers_npy"] = seconds([&] { io::write_arrays(dir / "multipliers_npy", api::footprint_arrays(m, multipliers), "bench"); });
  }
  const double floor_x = getrf + solve_X, floor_m = getrf + solve_M;
  state.SetLabel(fmt::format("n={}", n));
  state.counters["getrf_s"] = getrf;
  state.counters["solve_X_s"] = solve_X;
  state.counters["solve_M_s"] = solve_M;
  for (const auto& [name, t] : total) {
    const double fl = name.starts_with("multipliers") ? floor_m : floor_x;
    state.counters[name + "_s"] = t;
    state.counters[name + "_per_floor"] = t / fl;
    if (compute.count(name)) {
      state.counters[name + "_unwritten_per_floor"] = compute[name] / fl;
      const auto bytes = std::filesystem::file_size(dir / (name + ".csv"));
      state.counters[name + "_csv_MB"] = double(bytes) / 1e6;
      state.counters[name + "_csv_MB_per_s"] = double(bytes) / 1e6 / std::max(t - compute[name], 1e-9);
    }
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_VerbsSynthetic)->Arg(100)->Arg(200)->Iterations(1)->Unit(benchmark::kSecond);

// CSV formatting alone (into a stream that discards): a million rows shaped like footprint --by sector's, numbers
// at full precision (the slowest case for shortest round-trip formatting). Bytes per second of one core.
void BM_CsvWrite(benchmark::State& state) {
  struct Null : std::streambuf {
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
    int overflow(int c) override { return c; }
  } null;
  std::ostream out(&null);
  TableBuilder b({"region", "sector", "sector_name", "stressor", "unit", "cba", "pba", "imp", "exp", "imbalance"},
                 {false, false, false, false, false, true, true, true, true, true});
  double v = 0.1234567890123;
  for (size_t i = 0; i < 1'000'000; ++i) {
    b.text(0, "R07"), b.text(1, "p042"), b.text(2, "Manufacture of basic iron and steel"), b.text(3, "stressor_0042");
    b.text(4, "kg");
    for (size_t c = 5; c < 10; ++c) b.num(c, v = v * 1.000123 + 17.3);
    b.end_row();
  }
  const Table t = b.finish();
  std::ostringstream sample;
  io::write_table(sample, t, io::TableFormat::csv);
  for (auto _ : state) io::write_table(out, t, io::TableFormat::csv);
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(sample.str().size()));
}
BENCHMARK(BM_CsvWrite)->Unit(benchmark::kMillisecond);

}  // namespace
