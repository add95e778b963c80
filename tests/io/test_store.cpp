#include "support.hpp"
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
