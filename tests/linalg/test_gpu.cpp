// The GPU backend (-DWORLDSYS_CUDA=ON): the same numbers as the CPU to 1e-10 where a device is present; skipped,
// with the reason, where it is not (CI, most machines). What runs everywhere: asking for the GPU without one
// gives a usage error that says how to fix it.
#include <cmath>
#include <random>

#include "support.hpp"
#include "worldsys/accounts/accounts.hpp"
#include "worldsys/accounts/synthetic.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/linalg/gpu.hpp"
#include "worldsys/linalg/lu.hpp"

using namespace worldsys;

namespace {

#define WORLDSYS_REQUIRE_GPU()                                                        \
  do {                                                                                \
    if (const std::string why = gpu_unavailable_reason(); !why.empty()) GTEST_SKIP() << why; \
  } while (0)

// max |a - b| / max |b| (0 when both are zero): "equal to 1e-10 relative" for a whole result matrix.
double rel_diff(const Matrix& a, const Matrix& b) {
  EXPECT_EQ(a.rows(), b.rows());
  EXPECT_EQ(a.cols(), b.cols());
  if (a.size() != b.size()) return INFINITY;
  double diff = 0, scale = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    diff = std::max(diff, std::fabs(a.data()[i] - b.data()[i]));
    scale = std::max(scale, std::fabs(b.data()[i]));
  }
  return scale > 0 ? diff / scale : diff;
}

void expect_same_accounts(const Accounts& gpu, const Accounts& cpu, double tol, const std::string& what) {
  EXPECT_EQ(gpu.stressors, cpu.stressors) << what;
  const std::pair<const char*, std::pair<const Matrix*, const Matrix*>> parts[] = {
      {"X", {&gpu.X, &cpu.X}},
      {"M", {&gpu.M, &cpu.M}},
      {"cba", {&gpu.cba, &cpu.cba}},
      {"pba", {&gpu.pba, &cpu.pba}},
      {"imp", {&gpu.imp, &cpu.imp}},
      {"exp", {&gpu.exp, &cpu.exp}},
      {"cba_sector", {&gpu.cba_sector, &cpu.cba_sector}},
      {"imp_sector", {&gpu.imp_sector, &cpu.imp_sector}},
      {"exp_sector", {&gpu.exp_sector, &cpu.exp_sector}},
      {"imbalance_bound", {&gpu.imbalance_bound, &cpu.imbalance_bound}}};
  for (const auto& [name, ab] : parts) EXPECT_LE(rel_diff(*ab.first, *ab.second), tol) << what << ": " << name;
  ASSERT_EQ(gpu.flows.size(), cpu.flows.size()) << what;
  for (size_t k = 0; k < cpu.flows.size(); ++k)
    EXPECT_LE(rel_diff(gpu.flows[k], cpu.flows[k]), tol) << what << ": flows of stressor " << k;
  // Every GPU solve reports its residual, computed in float64 on the device.
  EXPECT_LT(gpu.residual, 1e-12) << what;
  if (!cpu.M.empty()) {
    EXPECT_LT(gpu.residual_M, 1e-12) << what;
  }
  EXPECT_GT(gpu.rcond, cpu.rcond / 10) << what;  // both are estimates of the same number
  EXPECT_LT(gpu.rcond, cpu.rcond * 10) << what;
}

Matrix well_conditioned(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Matrix M(n, n);
  for (size_t j = 0; j < n; ++j)
    for (size_t i = 0; i < n; ++i) M(i, j) = u(rng) + (i == j ? double(n) / 4 : 0.0);
  return M;
}

}  // namespace

TEST(GpuBackend, WithoutADeviceTheAccountsSayHowToFixIt) {
  if (gpu_unavailable_reason().empty()) GTEST_SKIP() << "a GPU is present: " << gpu_description();
  const Mrio m = io::read_store(io::default_store_path());
  AccountsOptions opt;
  opt.device = Device::gpu;
  try {
    compute_accounts(m, opt);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_NE(std::string(e.what()).find("--device cpu"), std::string::npos) << e.what();
    if (!gpu_built()) {
      EXPECT_NE(std::string(e.what()).find("-DWORLDSYS_CUDA=ON"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(GpuLu(Matrix(2, 2, 1.0)), Error);
  EXPECT_EQ(parse_device("gpu"), Device::gpu);
  EXPECT_THROW(parse_device("tpu"), Error);
}

TEST(GpuBackend, CpuFactorizationRefusesTheGpuOption) {
  const Mrio m = test::tiny_mrio();
  const Leontief leo(m);
  AccountsOptions opt;
  opt.device = Device::gpu;
  EXPECT_THROW(compute_accounts(m, leo, opt), Error);
}

TEST(GpuLu, SolvesLikeLapack) {
  WORLDSYS_REQUIRE_GPU();
  const size_t n = 300;
  const Matrix M = well_conditioned(n, 7);
  Matrix B(n, 5);
  for (size_t i = 0; i < B.size(); ++i) B.data()[i] = std::sin(double(i));
  const LuFactor cpu(M);
  const GpuLu gpu(M);
  EXPECT_EQ(gpu.n(), n);
  EXPECT_FALSE(gpu.single());
  for (const bool transposed : {false, true}) {
    Matrix want = B, got = B;
    transposed ? cpu.solve_transposed(want) : cpu.solve(want);
    transposed ? gpu.solve_transposed(got) : gpu.solve(got);
    EXPECT_LE(rel_diff(got, want), 1e-12) << (transposed ? "transposed" : "plain");
  }
  EXPECT_LE(rel_diff(gpu.inverse(), cpu.inverse()), 1e-12);
  // Hager's estimate against LAPACK gecon's (the same method; estimates, so within a small factor).
  EXPECT_GT(gpu.rcond(), cpu.rcond() / 3);
  EXPECT_LT(gpu.rcond(), cpu.rcond() * 3);

  std::vector<float> M32(M.data(), M.data() + M.size());
  const GpuLu gpu32(M32, n);
  EXPECT_TRUE(gpu32.single());
  Matrix got = B, want = B;
  gpu32.solve(got);
  cpu.solve(want);
  EXPECT_LE(rel_diff(got, want), 1e-5);
}

TEST(GpuLu, SingularMatrixNamesTheColumn) {
  WORLDSYS_REQUIRE_GPU();
  Matrix M(3, 3);
  M(0, 0) = 1, M(1, 1) = 1;  // column 2 is zero
  try {
    GpuLu lu(M, [](size_t i) { return "s" + std::to_string(i); });
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::numeric);
    EXPECT_NE(std::string(e.what()).find("column 2 (s2)"), std::string::npos) << e.what();
  }
}

TEST(GpuAccounts, EqualCpuOnSyntheticTable) {
  WORLDSYS_REQUIRE_GPU();
  const Mrio m = synthetic_mrio(SyntheticShape{7, 30, 3, 40, 11});
  for (const Precision p : {Precision::float64, Precision::mixed}) {
    AccountsOptions opt;
    opt.precision = p;
    const Accounts cpu = compute_accounts(m, opt);
    opt.device = Device::gpu;
    expect_same_accounts(compute_accounts(m, opt), cpu, 1e-10, std::string("synthetic, ") + to_string(p));
  }
  // float32 carries single-precision error, on either device.
  AccountsOptions opt;
  const Accounts cpu = compute_accounts(m, opt);
  opt.precision = Precision::float32;
  opt.device = Device::gpu;
  const Accounts gpu = compute_accounts(m, opt);
  EXPECT_LE(rel_diff(gpu.cba, cpu.cba), 1e-5);
  EXPECT_LT(gpu.residual, 1e-5);
}

TEST(GpuAccounts, EqualCpuOnTheEmbeddedDefault) {
  WORLDSYS_REQUIRE_GPU();
  const Mrio m = io::read_store(io::default_store_path());
  AccountsOptions opt;
  const Accounts cpu = compute_accounts(m, opt);
  opt.device = Device::gpu;
  expect_same_accounts(compute_accounts(m, opt), cpu, 1e-10, "embedded default");
  opt.multipliers = false;  // footprints only: no M, no residual_M
  const Accounts gpu = compute_accounts(m, opt);
  EXPECT_TRUE(gpu.M.empty());
  EXPECT_LE(rel_diff(gpu.cba, cpu.cba), 1e-10);
}
