// Factor satellites and unequal-exchange accounting on the real WIOD 2011 table (skips without ../shared/data or
// Debian's r-cran-pwt9).
#include <cmath>
#include <map>
#include <sstream>

#include "support.hpp"
#include "worldsys/accounts/accounts.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/exchange/drain.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/pwt.hpp"
#include "worldsys/io/wiod2013.hpp"
#include "worldsys/io/wiod_sea.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

#define REQUIRE_SEA_INPUTS()                                             \
  WORLDSYS_REQUIRE_DATA("mrio/wiod2013");                                \
  WORLDSYS_REQUIRE_DATA("mrio/wiod2016");                                \
  if (!fs::exists(fs::path(io::kPwt91DebianDir) / "data" / "Rdata.rdx")) \
  GTEST_SKIP() << "PWT 9.1 not found at " << io::kPwt91DebianDir << " (apt-get install r-cran-pwt9)"

struct World {
  io::Sea sea;
  io::Pwt pwt;
  Mrio m;
};

const World& wiod2011() {
  static World w = [] {
    World w{io::read_sea(test::shared_data() / "mrio/wiod2016"), io::read_pwt91(io::kPwt91DebianDir), {}};
    w.m = io::read_wiod2013(test::shared_data() / "mrio/wiod2013", 2011);
    io::add_sea_satellites(w.m, w.sea, w.pwt, {});
    return w;
  }();
  return w;
}

double region_total(const Mrio& m, const std::string& stressor, size_t r) {
  const size_t k = m.stressor_index(stressor), NS = m.sectors.size();
  double s = 0;
  for (size_t j = 0; j < NS; ++j) s += m.F(k, r * NS + j);
  return s;
}

}  // namespace

// The concordance only regroups and splits industries, so every country's satellite must equal its SEA total
// (the concordance file states 1e-9 relative). Hours: sum over the 56 industries of H_EMPE x EMP / EMPE.
TEST(SeaSatellites, CountryTotalsEqualTheSea) {
  REQUIRE_SEA_INPUTS();
  const World& w = wiod2011();
  const Mrio& m = w.m;
  double worst_hours = 0, worst_emp = 0, worst_comp = 0;
  for (size_t r = 0; r < m.regions.size(); ++r) {
    if (m.regions[r] == "RoW") continue;
    const auto& cells = w.sea.values.at(io::sea_code(m.regions[r])).at(2011);
    double hours = 0, emp = 0, lab = 0, xr = NAN;
    for (const auto& [ind, c] : cells) {
      emp += c.at("EMP");
      lab += c.at("LAB");
      if (c.count("NOMEXCH")) xr = c.at("NOMEXCH");
      if (c.count("H_EMPE") && c.at("EMPE") > 0) hours += c.at("H_EMPE") * c.at("EMP") / c.at("EMPE");
    }
    if (m.regions[r] == "CHN") hours = emp * *w.pwt.get("CHN", 2011, "avh") / 1000.0;  // the stated gap fill
    if (m.regions[r] == "TWN") xr = *w.pwt.get("TWN", 2011, "xr");
    worst_hours = std::max(worst_hours, std::abs(region_total(m, "labour_hours", r) / hours - 1));
    worst_emp = std::max(worst_emp, std::abs(region_total(m, "employment", r) / emp - 1));
    worst_comp = std::max(worst_comp, std::abs(region_total(m, "labour_compensation", r) / (lab / xr) - 1));
  }
  EXPECT_LT(worst_hours, 1e-9);
  EXPECT_LT(worst_emp, 1e-9);
  EXPECT_LT(worst_comp, 1e-9);
  std::ostringstream os;
  os << worst_hours << " " << worst_emp << " " << worst_comp;
  RecordProperty("worst_relative_diff_hours_emp_comp", os.str());
}

TEST(SeaSatellites, GapsAreFlaggedAndRowMatchesPwt) {
  REQUIRE_SEA_INPUTS();
  const World& w = wiod2011();
  const Mrio& m = w.m;
  auto flagged = [&](const std::string& stressor, const std::string& cells) {
    for (const auto& i : m.stressors[m.stressor_index(stressor)].imputed)
      if (i.cells == cells) return true;
    return false;
  };
  EXPECT_TRUE(flagged("labour_hours", "CHN"));
  EXPECT_TRUE(flagged("labour_hours", "RoW"));
  EXPECT_TRUE(flagged("employment", "RoW"));
  EXPECT_TRUE(flagged("labour_compensation", "TWN"));
  EXPECT_TRUE(flagged("labour_compensation", "RoW"));
  EXPECT_FALSE(flagged("labour_hours", "USA"));
  // RoW employment = PWT emp summed over every country outside the 40 WIOD countries.
  double emp = 0;
  for (const auto& iso : w.pwt.countries("emp")) {
    bool wiod = false;
    for (const auto& r : m.regions) wiod = wiod || io::sea_code(r) == iso;
    if (auto e = w.pwt.get(iso, 2011, "emp"); e && !wiod) emp += *e * 1000;
  }
  const size_t row = m.regions.size() - 1;
  ASSERT_EQ(m.regions[row], "RoW");
  EXPECT_NEAR(region_total(m, "employment", row), emp, 1e-9 * emp);
  // No hours left in industries without output (they could not be embodied in any flow).
  const size_t k = m.stressor_index("labour_hours");
  for (size_t i = 0; i < m.n(); ++i) {
    if (m.x[i] <= 0) {
      EXPECT_EQ(m.F(k, i), 0) << m.label(i);
    }
  }
}

// Footprint accounting: flows summed over origins give the consumption-based account exactly; summed over
// destinations they give the production-based account less the published table's own imbalance, computed here
// independently as sum_i s_i (x_i - sum_d (L y_d)_i) (WIOD's x is rounded, so x != L y).
TEST(ExchangeWiod2011, BilateralFactorFlowsAddUpToTheAccounts) {
  REQUIRE_SEA_INPUTS();
  const Mrio& m = wiod2011().m;
  const size_t k = m.stressor_index("labour_hours"), NS = m.sectors.size();
  const Accounts a = compute_accounts(m, {{k}, false});
  const Matrix& T = a.flows[0];
  double worst_pba = 0;
  std::string worst;
  for (size_t r = 0; r < m.regions.size(); ++r) {
    double col = 0, row = 0, own_imbalance = 0;
    for (size_t o = 0; o < m.regions.size(); ++o) col += T(o, r), row += T(r, o);
    for (size_t j = 0; j < NS; ++j) {
      const size_t i = r * NS + j;
      if (m.x[i] <= 0) continue;
      double lx = 0;
      for (size_t d = 0; d < m.regions.size(); ++d) lx += a.X(i, d);
      own_imbalance += m.F(k, i) / m.x[i] * (m.x[i] - lx);
    }
    EXPECT_NEAR(col, a.cba(0, r), 1e-9 * a.cba(0, r)) << m.regions[r];
    EXPECT_NEAR(row, a.pba(0, r) - own_imbalance, 1e-9 * a.pba(0, r)) << m.regions[r];
    if (std::abs(row / a.pba(0, r) - 1) > worst_pba) worst_pba = std::abs(row / a.pba(0, r) - 1), worst = m.regions[r];
  }
  RecordProperty("worst_flow_vs_pba", std::to_string(worst_pba) + " " + worst);
}

TEST(ExchangeWiod2011, NetFlowsAreAntisymmetricAndAddUpByRegion) {
  REQUIRE_SEA_INPUTS();
  const Mrio& m = wiod2011().m;
  const Concordance g = io::load_concordance("wiod-north-south", m.regions, "region");
  const Accounts a = compute_accounts(m, {{m.stressor_index("labour_hours"), m.stressor_index("value_added")}, false});
  const auto d = exchange::compute_drain(m, a, exchange::make_partition(g), {});
  const auto r = exchange::compute_drain(m, a, exchange::make_partition(g, "South", "North"), {});
  EXPECT_DOUBLE_EQ(r.net(), -d.net());
  EXPECT_DOUBLE_EQ(r.V_SN, d.V_NS);
  // Per-region net outflows of the South add up to the group's net appropriation, and the North's to minus it.
  double south = 0, north = 0, sectors = 0;
  for (const auto& x : d.regions) {
    if (x.side == exchange::Side::south) south += x.out - x.in;
    if (x.side == exchange::Side::north) north += x.out - x.in;
  }
  for (double s : d.net_by_sector) sectors += s;
  EXPECT_NEAR(south, d.net(), 1e-9 * d.E_SN);
  EXPECT_NEAR(north, -d.net(), 1e-9 * d.E_SN);
  EXPECT_NEAR(sectors, d.net(), 1e-9 * d.E_SN);
  // Two-group identity: net = footprint(N) - flows produced in N (Net = cba(N) - territorial(N) with flows).
  double cba_n = 0, prod_n = 0;
  const Matrix& T = a.flows[0];
  for (size_t o = 0; o < m.regions.size(); ++o)
    for (size_t s = 0; s < m.regions.size(); ++s) {
      if (d.regions[s].side == exchange::Side::north) cba_n += T(o, s);
      if (d.regions[o].side == exchange::Side::north) prod_n += T(o, s);
    }
  EXPECT_NEAR(d.net(), cba_n - prod_n, 1e-9 * cba_n);
}

TEST(ExchangeWiod2011, SwitchingValuationChangesOnlyTheValuation) {
  REQUIRE_SEA_INPUTS();
  const Mrio& m = wiod2011().m;
  const Concordance g = io::load_concordance("wiod-north-south", m.regions, "region");
  const auto p = exchange::make_partition(g);
  const Accounts a = compute_accounts(
      m, {{m.stressor_index("labour_hours"), m.stressor_index("value_added"), m.stressor_index("labour_compensation")},
          false});
  exchange::DrainOptions np, gp, wg;
  gp.valuation = exchange::Valuation::global_prices;
  wg.valuation = exchange::Valuation::wage_gap;
  const auto a1 = exchange::compute_drain(m, a, p, np), a2 = exchange::compute_drain(m, a, p, gp),
             a3 = exchange::compute_drain(m, a, p, wg);
  for (const auto* x : {&a2, &a3}) {
    EXPECT_EQ(x->E_SN, a1.E_SN);
    EXPECT_EQ(x->E_NS, a1.E_NS);
    EXPECT_EQ(x->V_SN, a1.V_SN);
    EXPECT_EQ(x->p_N, a1.p_N);
  }
  EXPECT_NE(a1.value, a2.value);
  EXPECT_NEAR(a1.value, a1.net() * a1.p_N, 1e-9 * std::abs(a1.value));
  EXPECT_NEAR(a2.value, a1.net() * a1.p_G, 1e-9 * std::abs(a2.value));
  EXPECT_NEAR(a3.value, a1.net() * a3.w_N, 1e-9 * std::abs(a3.value));
}

TEST(ExchangeWiod2011, SwitchingGroupsChangesOnlyTheGroupSums) {
  REQUIRE_SEA_INPUTS();
  const Mrio& m = wiod2011().m;
  const Accounts a = compute_accounts(m, {{m.stressor_index("labour_hours"), m.stressor_index("value_added")}, false});
  const Concordance g = io::load_concordance("wiod-north-south", m.regions, "region");
  auto p = exchange::make_partition(g);
  const auto base = exchange::compute_drain(m, a, p, {});
  // Moving RoW out of the South removes exactly RoW's flows with the North.
  const size_t row = m.regions.size() - 1;
  exchange::assign(p, m.regions, "RoW", exchange::Side::none);
  const auto moved = exchange::compute_drain(m, a, p, {});
  double row_to_n = 0, n_to_row = 0;
  for (size_t r = 0; r < m.regions.size(); ++r)
    if (base.regions[r].side == exchange::Side::north) {
      row_to_n += a.flows[0](row, r);
      n_to_row += a.flows[0](r, row);
    }
  EXPECT_NEAR(moved.E_SN, base.E_SN - row_to_n, 1e-9 * base.E_SN);
  EXPECT_NEAR(moved.E_NS, base.E_NS - n_to_row, 1e-9 * base.E_NS);
  // The flows of the countries that stayed put are untouched.
  for (size_t r = 0; r + 1 < m.regions.size(); ++r) {
    if (base.regions[r].side != exchange::Side::south) continue;
    EXPECT_DOUBLE_EQ(moved.regions[r].out, base.regions[r].out) << m.regions[r];
  }
}

TEST(ExchangeWiod2011, BadGroupFilesAreClearErrors) {
  REQUIRE_SEA_INPUTS();
  const Mrio& m = wiod2011().m;
  test::TempDir t;
  test::write_file(t / "unknown.csv", "region,group\nUSA,North\nXYZ,South\n*,South\n");
  test::write_file(t / "overlap.csv", "region,group\nUSA,North\nUSA,South\n*,South\n");
  for (const char* f : {"unknown.csv", "overlap.csv"}) {
    try {
      io::load_concordance((t / f).string(), m.regions, "region");
      ADD_FAILURE() << f << " was accepted";
    } catch (const Error& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find(f), std::string::npos) << msg;  // names the file (and line)
      EXPECT_NE(msg.find(std::string(f) == "unknown.csv" ? "XYZ" : "overlap"), std::string::npos) << msg;
    }
  }
}

// A factor missing for one country must stop the computation with the country's name, never count as zero.
TEST(ExchangeWiod2011, FactorMissingForACountryIsAnError) {
  REQUIRE_SEA_INPUTS();
  Mrio m = wiod2011().m;
  const size_t k = m.stressor_index("labour_hours"), NS = m.sectors.size();
  const size_t chn = std::find(m.regions.begin(), m.regions.end(), "CHN") - m.regions.begin();
  for (size_t j = 0; j < NS; ++j) m.F(k, chn * NS + j) = 0;
  const Concordance g = io::load_concordance("wiod-north-south", m.regions, "region");
  const Accounts a = compute_accounts(m, {{k, m.stressor_index("value_added")}, false});
  try {
    exchange::compute_drain(m, a, exchange::make_partition(g), {});
    FAIL() << "accepted a country without labour";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("CHN"), std::string::npos) << e.what();
  }
}

// Swapping the RoW donor group changes RoW and nothing else: every WIOD country's cells come from the SEA.
// RoW's persons total comes from PWT alone; its hours total also uses the donors' hours per person for the PWT
// countries without avh, so only persons are checked for an unchanged total.
TEST(SeaSatellites, RowDonorsChangeOnlyRowsSectorMix) {
  REQUIRE_SEA_INPUTS();
  const World& w = wiod2011();
  Mrio other = io::read_wiod2013(test::shared_data() / "mrio/wiod2013", 2011);
  io::SeaOptions opt;
  opt.row_donors = {"MEX", "TUR"};
  io::add_sea_satellites(other, w.sea, w.pwt, opt);
  const Mrio& base = w.m;
  const size_t row = base.regions.size() - 1;
  for (const char* name : {"labour_hours", "employment"}) {
    const size_t k = base.stressor_index(name);
    double moved = 0;
    for (size_t i = 0; i < base.n(); ++i) {
      if (base.region_of(i) != row) {
        EXPECT_EQ(other.F(k, i), base.F(k, i)) << base.label(i);
      } else {
        moved += std::abs(other.F(k, i) - base.F(k, i));
      }
    }
    if (std::string(name) == "employment") {
      EXPECT_NEAR(region_total(other, name, row), region_total(base, name, row), 1e-9 * region_total(base, name, row));
    }
    EXPECT_GT(moved, 0) << name;  // the donors do shape the mix
  }
}

// The final-demand switch: footprint flows are linear in final demand, so the flows with every category equal the
// sum of the flows with one category at a time, and dropping categories never touches the satellite.
TEST(ExchangeWiod2011, FinalDemandCategoriesAddUp) {
  REQUIRE_SEA_INPUTS();
  const Mrio& m = wiod2011().m;
  const auto p = exchange::make_partition(io::load_concordance("wiod-north-south", m.regions, "region"));
  auto drain = [&](const Mrio& t) {
    return exchange::compute_drain(
        t, compute_accounts(t, {{t.stressor_index("labour_hours"), t.stressor_index("value_added")}, false}), p, {});
  };
  const auto all = drain(m);
  double sn = 0, ns = 0;
  for (const auto& c : m.categories) {
    const Mrio one = exchange::with_final_demand(m, {c});
    EXPECT_TRUE(one.F == m.F);
    const auto d = drain(one);
    sn += d.E_SN;
    ns += d.E_NS;
  }
  EXPECT_NEAR(sn, all.E_SN, 1e-9 * all.E_SN);
  EXPECT_NEAR(ns, all.E_NS, 1e-9 * all.E_NS);
  EXPECT_THROW(exchange::with_final_demand(m, {"CONS_x"}), Error);
}
