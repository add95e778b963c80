// `worldsys inequality --tabulation`: gpinter's generate_tabulation on the US 2010 labour-income sample, against the
// reference results of shared note 05 and against the tabulation itself.
#include <gtest/gtest.h>

#include <sstream>

#include "support.hpp"
#include "worldsys/io/csv.hpp"

using namespace worldsys;

TEST(TabulationCli, FractilesGiveGpintersTopSharesAndTheFileBack) {
  const char* rel = "poverty/tabulations/us2010_labour_income.csv";
  WORLDSYS_REQUIRE_DATA(rel);
  const std::string file = (test::shared_data() / rel).string();
  auto r = test::run_cli({"inequality", "--tabulation", file, "--fractiles", "0.1,0.5,0.9,0.99,0.999", "--format", "csv"});
  ASSERT_EQ(r.rc, 0) << r.err;
  io::CsvReader csv(r.out, "out");
  ASSERT_TRUE(csv.next());  // the header
  const io::CsvHeader h(csv);
  std::vector<std::vector<double>> rows;
  while (csv.next()) {
    rows.emplace_back();
    for (const char* c : {"p", "threshold", "top_share", "bottom_share", "bracket_average", "top_average", "inverted_pareto"})
      rows.back().push_back(csv.number(h[c]));
  }
  ASSERT_EQ(rows.size(), 5u);
  // Note 05 (gpinter's R results): top shares at 0.5, 0.9, 0.99 and Q(0.999).
  EXPECT_NEAR(rows[1][2], 0.8607676, 1e-6);
  EXPECT_NEAR(rows[2][2], 0.3887401, 1e-6);
  EXPECT_NEAR(rows[3][2], 0.1267101, 1e-6);
  EXPECT_NEAR(rows[4][1], 720856.3, 1);
  // The interpolation passes through the data: thresholds at the file's ranks, and the bracket averages where the
  // brackets are the file's (0.1-0.5, 0.5-0.9).
  EXPECT_NEAR(rows[0][1], 4130, 1e-6);
  EXPECT_NEAR(rows[2][1], 76252, 1e-6);
  EXPECT_NEAR(rows[0][4], 12643, 1e-6);
  EXPECT_NEAR(rows[1][4], 43908, 1e-6);
  for (const auto& row : rows) {
    EXPECT_NEAR(row[2] + row[3], 1, 1e-12);
    EXPECT_NEAR(row[5], row[2] * 37208 / (1 - row[0]), 1e-6 * row[5]);  // top average = top share · mean / (1 - p)
    EXPECT_NEAR(row[6], row[5] / row[1], 1e-9 * row[6]);                 // b(p) = top average / threshold
  }
  // Fractiles must rise within [0, 1).
  r = test::run_cli({"inequality", "--tabulation", file, "--fractiles", "0.9,0.5"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("--fractiles"), std::string::npos) << r.err;
  r = test::run_cli({"inequality", "pip2021", "--fractiles", "0.5"});
  EXPECT_EQ(r.rc, 2);
}
