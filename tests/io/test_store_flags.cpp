#include "support.hpp"
#include "worldsys/io/store.hpp"

using namespace worldsys;

// Imputation flags travel with the table: written to meta.json and read back unchanged.
TEST(StoreFlags, ImputedCellsSurviveARoundTrip) {
  Mrio m = test::tiny_mrio();
  m.stressors[0].imputed = {{"S", "filled from a donor"}, {"N/manu", "moved from a sector without output"}};
  test::TempDir t;
  io::write_store(m, t / "s", false);
  const Mrio back = io::read_store(t / "s");
  ASSERT_EQ(back.stressors[0].imputed.size(), 2u);
  EXPECT_EQ(back.stressors[0].imputed[0].cells, "S");
  EXPECT_EQ(back.stressors[0].imputed[1].method, "moved from a sector without output");
  EXPECT_TRUE(back.stressors[1].imputed.empty());  // value_added: observed
}
