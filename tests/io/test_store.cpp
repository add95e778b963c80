#include <cmath>

#include "support.hpp"
#include "worldsys/accounts/accounts.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/npy.hpp"
#include "worldsys/io/store.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

TEST(Store, RoundTripIsBitIdentical) {
  test::TempDir tmp;
  Mrio m = test::tiny_mrio();
  m.provenance.year = 2011;
  m.provenance.command = "worldsys test";
  io::write_store(m, tmp / "s", false);
  const Mrio back = io::read_store(tmp / "s");
  EXPECT_EQ(back.regions, m.regions);
  EXPECT_EQ(back.sectors, m.sectors);
  EXPECT_EQ(back.sector_names, m.sector_names);
  EXPECT_EQ(back.categories, m.categories);
  EXPECT_EQ(back.Z, m.Z);
  EXPECT_EQ(back.Y, m.Y);
  EXPECT_EQ(back.x, m.x);
  EXPECT_EQ(back.F, m.F);
  EXPECT_EQ(back.F_Y, m.F_Y);
  ASSERT_EQ(back.stressors.size(), m.stressors.size());
  EXPECT_EQ(back.stressors[1].unit, m.stressors[1].unit);
  EXPECT_EQ(back.provenance.year, 2011);
  // Nothing but the store itself is left in the parent directory.
  EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path), fs::directory_iterator()), 1);
}

TEST(Store, RefusesToOverwriteUnlessAsked) {
  test::TempDir tmp;
  const Mrio m = test::tiny_mrio();
  io::write_store(m, tmp / "s", false);
  EXPECT_THROW(io::write_store(m, tmp / "s", false), Error);
  EXPECT_NO_THROW(io::write_store(m, tmp / "s", true));
  EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path), fs::directory_iterator()), 1);
}

TEST(Store, FailedWriteLeavesNothingBehind) {
  test::TempDir tmp;
  Mrio m = test::tiny_mrio();
  m.x[1] = -1;  // invalid: refused before anything is written
  EXPECT_THROW(io::write_store(m, tmp / "s", false), Error);
  EXPECT_TRUE(fs::is_empty(tmp.path));
}

TEST(Store, MissingMatrixIsNamed) {
  test::TempDir tmp;
  io::write_store(test::tiny_mrio(), tmp / "s", false);
  fs::remove(tmp / "s" / "F_Y.npy");
  try {
    io::read_store(tmp / "s");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("F_Y.npy: missing"), std::string::npos) << e.what();
  }
}

TEST(Store, TruncatedMatrixIsRefused) {
  test::TempDir tmp;
  io::write_store(test::tiny_mrio(), tmp / "s", false);
  fs::resize_file(tmp / "s" / "Z.npy", fs::file_size(tmp / "s" / "Z.npy") - 8);
  try {
    io::read_store(tmp / "s");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  }
}

TEST(Store, MatrixOfWrongShapeIsRefused) {
  test::TempDir tmp;
  io::write_store(test::tiny_mrio(), tmp / "s", false);
  io::write_npy(tmp / "s" / "Y.npy", Matrix(4, 3));
  EXPECT_THROW(io::read_store(tmp / "s"), Error);
}

TEST(Store, ReadsCOrderAndFloat32NpyFromNumpy) {
  // A C-order float32 file, as numpy writes by default with astype(float32).
  test::TempDir tmp;
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
  header.append(64 - (10 + header.size() + 1) % 64, ' ');
  header += '\n';
  std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
  const uint16_t len = uint16_t(header.size());
  bytes.append(reinterpret_cast<const char*>(&len), 2);
  bytes += header;
  const float v[6] = {1, 2, 3, 4, 5, 6};
  bytes.append(reinterpret_cast<const char*>(v), sizeof v);
  test::write_file(tmp / "a.npy", bytes);
  const Matrix m = io::read_npy_matrix(tmp / "a.npy");
  ASSERT_EQ(m.rows(), 2u);
  EXPECT_EQ(m(0, 2), 3.0);
  EXPECT_EQ(m(1, 0), 4.0);
}

// Found by fuzz_readers: a .npy header claiming a length beyond the file made us allocate gigabytes.
TEST(Store, RegressionNpyHeaderLongerThanFileIsRefused) {
  test::TempDir tmp;
  test::write_file(tmp / "a.npy", std::string("\x93NUMPY\x02\x00\xff\xff\xff\x7f{'descr'", 20));
  try {
    io::read_npy_matrix(tmp / "a.npy");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("exceeds the file"), std::string::npos) << e.what();
  }
  test::write_file(tmp / "b.npy", std::string("\x93NUMPY\x07\x00\x10\x00", 10));
  EXPECT_THROW(io::read_npy_matrix(tmp / "b.npy"), Error);
  // Also found by fuzzing: a shape with more digits than a 64-bit integer holds.
  std::string h = "{'descr': '<f8', 'fortran_order': True, 'shape': (99999999999999999999999, 1), }";
  h.append(64 - (10 + h.size() + 1) % 64, ' ');
  h += '\n';
  const uint16_t len = uint16_t(h.size());
  test::write_file(tmp / "c.npy", std::string("\x93NUMPY\x01\x00", 8) + std::string(reinterpret_cast<const char*>(&len), 2) + h);
  EXPECT_THROW(io::read_npy_matrix(tmp / "c.npy"), Error);
}

TEST(Store, RegressionMetaJsonOfWrongTypesIsAnInputError) {
  test::TempDir tmp;
  io::write_store(test::tiny_mrio(), tmp / "s", false);
  for (const char* meta : {"[1, 2]", "9999e99999e~9" /* found by fuzz_readers: number overflow */, R"({"format": "worldsys-store", "version": 1, "regions": "N"})",
                           R"({"format": 7})"}) {
    test::write_file(tmp / "s" / "meta.json", meta);
    try {
      io::read_store(tmp / "s");
      FAIL() << meta;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::input) << e.what();
    }
  }
}

// --float32: Z, Y, F, F_Y rounded to the nearest float (relative error <= 2^-24 per cell), x kept exact, the
// dtype recorded in meta.json, and every .npy of a matrix half the size.
TEST(Store, Float32RoundTripIsWithinFloatRounding) {
  test::TempDir tmp;
  const Mrio m = test::tiny_mrio();
  io::write_store(m, tmp / "d", false);
  io::write_store(m, tmp / "f", false, io::StoreDtype::float32);
  EXPECT_EQ(io::store_dtype(tmp / "d"), io::StoreDtype::float64);
  EXPECT_EQ(io::store_dtype(tmp / "f"), io::StoreDtype::float32);
  const Mrio back = io::read_store(tmp / "f");
  EXPECT_EQ(back.x, m.x);
  auto within = [](const Matrix& got, const Matrix& want, const char* what) {
    ASSERT_EQ(got.rows(), want.rows()) << what;
    ASSERT_EQ(got.cols(), want.cols()) << what;
    for (size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(got.data()[i], double(float(want.data()[i]))) << what << " " << i;
      EXPECT_LE(std::abs(got.data()[i] - want.data()[i]), std::ldexp(std::abs(want.data()[i]), -24)) << what << " " << i;
    }
  };
  within(back.Z, m.Z, "Z");
  within(back.Y, m.Y, "Y");
  within(back.F, m.F, "F");
  within(back.F_Y, m.F_Y, "F_Y");
  // Same header length, half the data bytes.
  EXPECT_EQ(fs::file_size(tmp / "f" / "Z.npy") - 4 * m.Z.size(), fs::file_size(tmp / "d" / "Z.npy") - 8 * m.Z.size());
}

TEST(Store, Float32RefusesValuesBeyondFloatRange) {
  test::TempDir tmp;
  Mrio m = test::tiny_mrio();
  m.F(0, 0) = 1e39;
  try {
    io::write_store(m, tmp / "f", false, io::StoreDtype::float32);
    FAIL() << "written";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("beyond float32's range"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fs::is_empty(tmp.path));
  EXPECT_NO_THROW(io::write_store(m, tmp / "d", false));  // float64 holds it
}

// The error float32 storage puts on footprints, on the embedded WIOD 2011 world (10 regions x 8 sectors):
// cba and pba of every stressor and region within 1e-6 relative of the float64 store's (measured: see
// docs/formats.md), far below the data's own precision.
TEST(Store, Float32FootprintsAreWithinAMillionth) {
  test::TempDir tmp;
  const Mrio m = io::read_store(io::default_store_path());
  io::write_store(m, tmp / "f", false, io::StoreDtype::float32);
  const Accounts a = compute_accounts(m), b = compute_accounts(io::read_store(tmp / "f"));
  double worst = 0;
  auto compare = [&](const Matrix& got, const Matrix& want) {
    for (size_t i = 0; i < want.size(); ++i)
      if (want.data()[i] != 0) worst = std::max(worst, std::abs(got.data()[i] / want.data()[i] - 1));
  };
  compare(b.cba, a.cba);
  compare(b.pba, a.pba);
  EXPECT_LT(worst, 1e-6);
  EXPECT_GT(worst, 0);  // the rounding is there: the comparison is not of a table with itself
  std::printf("float32 store: max relative error of cba/pba %.3g\n", worst);
}
