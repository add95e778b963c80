// Opening a float64 store memory-maps its matrices (issue 5): same values, private copy-on-write pages, and
// the old mapping survives the store being replaced.
#include <fstream>
#include <iterator>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/npy.hpp"
#include "worldsys/io/store.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Whether this process has `p` memory-mapped (Linux /proc/self/maps names the file of each mapping).
bool is_mapped(const fs::path& p) {
  std::ifstream maps("/proc/self/maps");
  const std::string name = fs::canonical(p).string();
  for (std::string line; std::getline(maps, line);)
    if (line.size() >= name.size() && line.compare(line.size() - name.size(), name.size(), name) == 0) return true;
  return false;
}

}  // namespace

TEST(NpyMapped, StoreOpensMappedWithTheSameValues) {
  test::TempDir tmp;
  const Mrio m = test::tiny_mrio();
  io::write_store(m, tmp / "s", false);
  const Mrio back = io::read_store(tmp / "s");
  EXPECT_TRUE(is_mapped(tmp / "s" / "Z.npy"));
  EXPECT_TRUE(is_mapped(tmp / "s" / "F_Y.npy"));
  EXPECT_EQ(back.Z, m.Z);
  EXPECT_EQ(back.Y, m.Y);
  EXPECT_EQ(back.F, m.F);
  EXPECT_EQ(back.F_Y, m.F_Y);
  EXPECT_EQ(back.x, m.x);
  // The same as reading the file into memory.
  EXPECT_EQ(back.Z, io::read_npy_matrix(tmp / "s" / "Z.npy"));
}

TEST(NpyMapped, WritesGoToPrivatePagesNeverTheFile) {
  test::TempDir tmp;
  const Mrio m = test::tiny_mrio();
  io::write_store(m, tmp / "s", false);
  const std::string before = bytes_of(tmp / "s" / "Z.npy");
  {
    Mrio open = io::read_store(tmp / "s");
    for (size_t i = 0; i < open.Z.size(); ++i) open.Z.data()[i] = -1.0;
    EXPECT_EQ(open.Z(0, 0), -1.0);
    // A second opening while the first is modified sees the file, not the first one's pages.
    EXPECT_EQ(io::read_store(tmp / "s").Z, m.Z);
  }
  EXPECT_EQ(bytes_of(tmp / "s" / "Z.npy"), before);
  EXPECT_EQ(io::read_store(tmp / "s").Z, m.Z);
}

TEST(NpyMapped, TruncatedFileIsAnInputErrorNamingIt) {
  test::TempDir tmp;
  io::write_store(test::tiny_mrio(), tmp / "s", false);
  const fs::path y = tmp / "s" / "Y.npy";
  fs::resize_file(y, fs::file_size(y) - 1);
  try {
    io::read_npy_mapped(y);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_NE(std::string(e.what()).find(y.string() + ": holds"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  }
  EXPECT_THROW(io::read_store(tmp / "s"), Error);
}

TEST(NpyMapped, CopyIsIndependentOfTheMapping) {
  test::TempDir tmp;
  const Mrio m = test::tiny_mrio();
  io::write_store(m, tmp / "s", false);
  Matrix mapped = io::read_npy_mapped(tmp / "s" / "Z.npy");
  Matrix copy = mapped;
  EXPECT_NE(copy.data(), mapped.data());
  EXPECT_EQ(copy, mapped);
  copy(0, 1) = 1e9;
  EXPECT_EQ(mapped(0, 1), m.Z(0, 1));
  mapped(1, 0) = -7;
  EXPECT_EQ(copy(1, 0), m.Z(1, 0));
  // Copy-assignment and moves keep value semantics too.
  Matrix assigned(1, 1);
  assigned = mapped;
  mapped(1, 0) = 3;
  EXPECT_EQ(assigned(1, 0), -7);
  Matrix moved = std::move(mapped);
  EXPECT_EQ(moved(1, 0), 3);
  EXPECT_TRUE(mapped.empty());  // NOLINT(bugprone-use-after-move): a moved-from matrix is empty, as a vector
}

TEST(NpyMapped, OldMrioStaysReadableAfterTheStoreIsReplaced) {
  test::TempDir tmp;
  const Mrio m = test::tiny_mrio();
  io::write_store(m, tmp / "s", false);
  const Mrio old = io::read_store(tmp / "s");
  Mrio next = m;
  for (size_t i = 0; i < next.Z.size(); ++i) next.Z.data()[i] *= 2;
  io::write_store(next, tmp / "s", true);  // a new import renamed over the store; the old files are unlinked
  EXPECT_EQ(old.Z, m.Z);
  EXPECT_EQ(old.F_Y, m.F_Y);
  EXPECT_EQ(io::read_store(tmp / "s").Z, next.Z);
}

TEST(NpyMapped, OtherLayoutsFallBackToReading) {
  test::TempDir tmp;
  const Mrio m = test::tiny_mrio();
  io::write_store(m, tmp / "s32", false, io::StoreDtype::float32);
  const Matrix z = io::read_npy_mapped(tmp / "s32" / "Z.npy");
  EXPECT_FALSE(is_mapped(tmp / "s32" / "Z.npy"));
  ASSERT_EQ(z.rows(), m.Z.rows());
  for (size_t i = 0; i < z.size(); ++i) EXPECT_EQ(z.data()[i], double(float(m.Z.data()[i])));
}
