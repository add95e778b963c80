// Generalized Pareto interpolation on the WID extract: fitted on the deciles only (thresholds P10..P90 and the
// decile means), it must predict the top 1 % (its share and the P99 threshold) that WID publishes beside them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/pareto.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/text.hpp"

using namespace worldsys;
using namespace worldsys::distrib;

TEST(WidPareto, DecilesPredictTheTopPercent) {
  const char* rel = "poverty/wid/wid_pretax.csv";
  WORLDSYS_REQUIRE_DATA(rel);
  const auto path = test::shared_data() / rel;
  io::CsvReader r(io::read_text(path), path.string());
  r.next();
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < r.size(); ++i) col[std::string(r.field(i))] = i;
  auto at = [&](const std::string& name) { return col.at(name); };
  std::vector<size_t> thr, avg;
  for (int k = 1; k <= 9; ++k) {
    const std::string p = "P" + std::to_string(10 * k);
    thr.push_back(at(k == 5 ? "P50 - income threshold (median)" : k == 9 ? "P90 - income threshold of the top 10%"
                                                                         : p + " - income threshold"));
    avg.push_back(at(k == 9 ? "P90-P100 - mean income of the top 10%" : p + "-P" + std::to_string(10 * k + 10) + " - mean income"));
  }
  const size_t mean = at("Mean income"), top1 = at("P99-P100 - share of the top 1%"),
               p99 = at("P99 - income threshold of the top 1%");
  std::vector<double> share_err, thr_err;
  size_t refused = 0;
  while (r.next()) {
    bool complete = !r.field(mean).empty() && !r.field(top1).empty() && !r.field(p99).empty();
    for (size_t k = 0; k < 9 && complete; ++k) complete = !r.field(thr[k]).empty() && !r.field(avg[k]).empty();
    if (!complete) continue;
    Tabulation t;
    t.mean = r.number(mean);
    for (size_t k = 0; k < 9; ++k) {
      t.p.push_back(0.1 * (k + 1));
      t.threshold.push_back(r.number(thr[k]));
      t.bracket_average.push_back(r.number(avg[k]));
    }
    try {
      const ParetoInterpolation g(t);
      share_err.push_back(std::abs(g.top_share(0.99) * 100 / r.number(top1) - 1));
      thr_err.push_back(std::abs(g.quantile(0.99) / r.number(p99) - 1));
    } catch (const Error&) {
      ++refused;  // rounded published figures that are not a consistent tabulation (e.g. a mean outside its bracket)
    }
  }
  ASSERT_GT(share_err.size(), 2000u);
  std::sort(share_err.begin(), share_err.end());
  std::sort(thr_err.begin(), thr_err.end());
  auto q = [](const std::vector<double>& v, double f) { return v[size_t(f * (v.size() - 1))]; };
  std::printf("WID pre-tax, %zu country-years (%zu refused): top 1%% share from deciles, relative error median %.4f "
              "p90 %.4f; P99 threshold median %.4f p90 %.4f\n",
              share_err.size(), refused, q(share_err, 0.5), q(share_err, 0.9), q(thr_err, 0.5), q(thr_err, 0.9));
  EXPECT_LT(q(share_err, 0.5), 0.10);
  EXPECT_LT(q(thr_err, 0.5), 0.10);
  EXPECT_LT(refused, share_err.size() / 10);
}
