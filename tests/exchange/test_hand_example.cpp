// A 3-region world small enough to work every method out by hand; each expected figure below is derived in the
// comments from the table, not read off the code.
#include <cmath>

#include "support.hpp"
#include "worldsys/accounts/accounts.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/exchange/drain.hpp"
#include "worldsys/exchange/panel.hpp"

using namespace worldsys;
using namespace worldsys::exchange;

namespace {

// Regions N, S1, S2 with one sector each and one final-demand category.
//   Z: S1 sells 10 to N's industry, nothing else is intermediate.
//   Y (rows = producer, columns = consumer N, S1, S2):  N: 60 10 10   S1: 20 30 0   S2: 10 0 30
//   x = Z 1 + Y 1:  N 80, S1 60, S2 40
//   A has one entry a(S1,N) = 10/80 = 0.125 and A^2 = 0, so L = I + A.
//   X = L Y:  consumer N:  [60, 20 + 0.125*60, 10] = [60, 27.5, 10]
//             consumer S1: [10, 30 + 0.125*10, 0]  = [10, 31.25, 0]
//             consumer S2: [10, 0 + 0.125*10, 30]  = [10, 1.25, 30]
//   hours F: N 40, S1 120, S2 80  -> per unit output 0.5, 2, 2
//   value added = x - column sums of Z: N 70, S1 60, S2 40 -> per unit output 0.875, 1, 1
//   wages: N 56, S1 24, S2 16 (N 1.4 per hour, S 0.2 per hour)
Mrio hand_world() {
  Mrio m;
  m.regions = {"N", "S1", "S2"};
  m.sectors = {"s"};
  m.sector_names = {"all"};
  m.categories = {"fd"};
  m.unit = "M USD";
  m.Z = Matrix(3, 3);
  m.Z(1, 0) = 10;
  m.Y = Matrix(3, 3);
  const double y[3][3] = {{60, 10, 10}, {20, 30, 0}, {10, 0, 30}};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) m.Y(i, j) = y[i][j];
  m.x = {80, 60, 40};
  m.stressors = {{"labour_hours", "M h", "", {}}, {"labour_compensation", "M USD", "", {}}};
  m.F = Matrix(2, 3);
  m.F(0, 0) = 40, m.F(0, 1) = 120, m.F(0, 2) = 80;
  m.F(1, 0) = 56, m.F(1, 1) = 24, m.F(1, 2) = 16;
  m.F_Y = Matrix(2, 3);
  m.provenance.year = 2011;
  add_value_added(m);
  return m;
}

Partition north_south(const Mrio&) { return make_partition(Concordance{"hand", {"North", "South"}, {0, 1, 1}}); }

Drain run(const Mrio& m, Valuation v, Definition d = Definition::net_quantity, const PriceLevels* pl = nullptr,
          bool world = false) {
  DrainOptions o;
  o.valuation = v;
  o.definition = d;
  o.prices = pl;
  o.erdi_world_reference = world;
  return compute_drain(m, compute_accounts(m), north_south(m), o);
}

}  // namespace

TEST(DrainHandExample, EmbodiedFlowsPricesAndRatios) {
  const Mrio m = hand_world();
  const Drain d = run(m, Valuation::northern_prices);
  // Hours flows T[o,d] = intensity x X: N row 0.5*[60,10,10] = [30,5,5]; S1 row 2*[27.5,31.25,1.25] = [55,62.5,2.5];
  // S2 row 2*[10,0,30] = [20,0,60].  E(S->N) = 55 + 20 = 75; E(N->S) = 5 + 5 = 10; net = 65.
  EXPECT_NEAR(d.E_SN, 75, 1e-12);
  EXPECT_NEAR(d.E_NS, 10, 1e-12);
  EXPECT_NEAR(d.net(), 65, 1e-12);
  // Value added flows: N row 0.875*[60,10,10]; S1 row [27.5,31.25,1.25]; S2 row [10,0,30].
  // V(S->N) = 27.5 + 10 = 37.5; V(N->S) = 8.75 + 8.75 = 17.5.
  EXPECT_NEAR(d.V_SN, 37.5, 1e-12);
  EXPECT_NEAR(d.V_NS, 17.5, 1e-12);
  // p_N = 17.5/10 = 1.75; p_S = 37.5/75 = 0.5; p_G = 55/85; exchange ratio p_N/p_S = 3.5.
  EXPECT_NEAR(d.p_N, 1.75, 1e-12);
  EXPECT_NEAR(d.p_S, 0.5, 1e-12);
  EXPECT_NEAR(d.p_G, 55.0 / 85.0, 1e-12);
  // Per region: S1 sends 55 h to N and receives 5 h from N.
  EXPECT_NEAR(d.regions[1].out, 55, 1e-12);
  EXPECT_NEAR(d.regions[1].in, 5, 1e-12);
  // By origin sector (one sector): the same net 65.
  EXPECT_NEAR(d.net_by_sector[0], 65, 1e-12);
}

TEST(DrainHandExample, EveryValuation) {
  const Mrio m = hand_world();
  // Northern prices: 65 x 1.75 = 113.75; as under-payment: 75 x 1.75 - 37.5 = 93.75 (the two differ by
  // V(S->N) - V(N->S) = 20).
  EXPECT_NEAR(run(m, Valuation::northern_prices).value, 113.75, 1e-10);
  EXPECT_NEAR(run(m, Valuation::northern_prices, Definition::underpayment).value, 93.75, 1e-10);
  // Global prices: 65 x 55/85 = 3575/85.
  EXPECT_NEAR(run(m, Valuation::global_prices).value, 3575.0 / 85.0, 1e-10);
  // Wage gap: w_N = 56/40 = 1.4, w_S = 40/200 = 0.2 -> 65 x 1.4 = 91. Under-payment: wages paid on S->N chains
  // are 0.4 per unit output of S1 x 27.5 + 0.4 x 10 (S2) = 15 -> 75 x 1.4 - 15 = 90.
  const Drain w = run(m, Valuation::wage_gap);
  EXPECT_NEAR(w.w_N, 1.4, 1e-12);
  EXPECT_NEAR(w.w_S, 0.2, 1e-12);
  EXPECT_NEAR(w.value, 91, 1e-10);
  EXPECT_NEAR(run(m, Valuation::wage_gap, Definition::underpayment).value, 90, 1e-10);
  // ERDI with price levels N 1.0, S1 0.5, S2 0.25 (weights 100, 50, 40). Gross exports to N: S1 10 (Z) + 20 (Y)
  // = 30, S2 10. Northern prices: 30 (1/0.5 - 1) + 10 (1/0.25 - 1) = 30 + 30 = 60.
  PriceLevels pl{"pl_da", "hand", {1.0, 0.5, 0.25}, {100, 50, 40}, {"", "", ""}};
  const Drain e = run(m, Valuation::erdi, Definition::net_quantity, &pl);
  EXPECT_NEAR(e.X_SN, 40, 1e-12);
  EXPECT_NEAR(e.value, 60, 1e-10);
  EXPECT_NEAR(e.regions[1].transfer, 30, 1e-10);  // S1: 30 x (1/0.5 - 1)
  EXPECT_NEAR(e.regions[2].exports, 10, 1e-12);
  // World reference: PL_W = (100 + 25 + 10)/190 = 135/190 -> 30 (40/95) + 10 (350/190) = 5900/190.
  EXPECT_NEAR(run(m, Valuation::erdi, Definition::net_quantity, &pl, true).value, 5900.0 / 190.0, 1e-10);
}

TEST(DrainHandExample, SwappingSidesNegatesTheNetFlow) {
  const Mrio m = hand_world();
  Concordance c{"hand", {"North", "South"}, {0, 1, 1}};
  const Accounts a = compute_accounts(m);
  DrainOptions o;
  const Drain d = compute_drain(m, a, make_partition(c), o);
  const Drain r = compute_drain(m, a, make_partition(c, "South", "North"), o);
  EXPECT_DOUBLE_EQ(r.E_SN, d.E_NS);
  EXPECT_DOUBLE_EQ(r.E_NS, d.E_SN);
  EXPECT_DOUBLE_EQ(r.net(), -d.net());
}

TEST(DrainHandExample, MissingFactorIsAnErrorNotAZero) {
  Mrio m = hand_world();
  m.F(0, 2) = 0;  // S2 has output but no hours: missing data, not a workerless economy
  try {
    run(m, Valuation::northern_prices);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("S2"), std::string::npos) << e.what();
  }
  // Leaving S2 out of both sides is the stated alternative, and works.
  Partition p = north_south(m);
  assign(p, m.regions, "S2", Side::none);
  const Drain d = compute_drain(m, compute_accounts(m), p, {});
  EXPECT_NEAR(d.E_SN, 55, 1e-12);  // only S1 -> N
}

TEST(DrainHandExample, ErdiNeedsAPriceForEverySouthernRegion) {
  const Mrio m = hand_world();
  PriceLevels pl{"pl_da", "hand", {1.0, 0.5, NAN}, {100, 50, 40}, {"", "", ""}};
  EXPECT_THROW(run(m, Valuation::erdi, Definition::net_quantity, &pl), Error);
  EXPECT_THROW(run(m, Valuation::erdi), Error);  // no price levels at all
}

TEST(DrainHandExample, GroupsWithoutANorthAreAnError) {
  const Mrio m = hand_world();
  Concordance c{"hand", {"A", "B"}, {0, 1, 1}};
  EXPECT_THROW(make_partition(c), Error);
  Concordance all_south{"hand", {"North", "South"}, {1, 1, 1}};
  all_south.groups = {"North", "South"};
  EXPECT_THROW(compute_drain(m, compute_accounts(m), make_partition(all_south), {}), Error);
}

// Two regions x two sectors, no intermediate use (L = I, so flows follow final demand directly), to work out the
// within-sector wage valuation by hand.
//   Y (producer -> consumer N, S): N/a 10 2, N/b 10 0, S/a 6 10, S/b 4 10;  x = 12, 10, 16, 14
//   hours: N/a 12, N/b 20, S/a 32, S/b 56 (per unit output 1, 2, 2, 4)
//   wages: N/a 24, N/b 20 (2 and 1 per hour), S/a 3.2, S/b 5.6 (0.1 per hour)
//   N->S: sector a 1 x 2 = 2; S->N: a 2 x 6 = 12, b 4 x 4 = 16 -> E(S->N) 28, E(N->S) 2, net 26; by sector a 10, b 16
//   economy-wide: w_N = 44/32 = 1.375 -> 26 x 1.375 = 35.75
//   by sector: w_N,a = 2, w_N,b = 1 -> 10 x 2 + 16 x 1 = 36; under-payment 12 x 2 + 16 x 1 - (0.2 x 6 + 0.4 x 4) = 37.2
TEST(DrainHandExample, WageGapWithinSectors) {
  Mrio m;
  m.regions = {"N", "S"};
  m.sectors = {"a", "b"};
  m.sector_names = {"a", "b"};
  m.categories = {"fd"};
  m.unit = "M USD";
  m.Z = Matrix(4, 4);
  m.Y = Matrix(4, 2);
  const double y[4][2] = {{10, 2}, {10, 0}, {6, 10}, {4, 10}};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 2; ++j) m.Y(i, j) = y[i][j];
  m.x = {12, 10, 16, 14};
  m.stressors = {{"labour_hours", "M h", "", {}}, {"labour_compensation", "M USD", "", {}}};
  m.F = Matrix(2, 4);
  const double h[4] = {12, 20, 32, 56}, w[4] = {24, 20, 3.2, 5.6};
  for (int i = 0; i < 4; ++i) m.F(0, i) = h[i], m.F(1, i) = w[i];
  m.F_Y = Matrix(2, 2);
  add_value_added(m);
  const Accounts acc = compute_accounts(m);
  const Partition p = make_partition(Concordance{"hand", {"North", "South"}, {0, 1}});
  DrainOptions o;
  o.valuation = Valuation::wage_gap;
  const Drain economy = compute_drain(m, acc, p, o);
  EXPECT_NEAR(economy.net(), 26, 1e-12);
  EXPECT_NEAR(economy.net_by_sector[0], 10, 1e-12);
  EXPECT_NEAR(economy.net_by_sector[1], 16, 1e-12);
  EXPECT_NEAR(economy.value, 35.75, 1e-12);
  o.wage_by_sector = true;
  EXPECT_NEAR(compute_drain(m, acc, p, o).value, 36, 1e-12);
  o.definition = Definition::underpayment;
  EXPECT_NEAR(compute_drain(m, acc, p, o).value, 37.2, 1e-12);
}

TEST(DrainHandExample, ConstantPricesRescaleMoneyRowsOnly) {
  const Mrio m = hand_world();
  DrainOptions o;
  const Partition p = north_south(m);
  const Drain d = compute_drain(m, compute_accounts(m), p, o);
  const Table current = drain_table(m, d, p, o, false);
  Table constant = current;
  rescale_money(constant, "M USD", 2.0, "M USD (2011 prices)");
  const auto& unit = constant.column("unit").text;
  const auto& before = current.column("value").num;
  const auto& after = constant.column("value").num;
  size_t money = 0;
  for (size_t i = 0; i < constant.rows(); ++i) {
    if (unit[i].starts_with("M USD (2011 prices)")) {
      EXPECT_DOUBLE_EQ(after[i], 2 * before[i]) << unit[i];
      ++money;
    } else {
      EXPECT_DOUBLE_EQ(after[i], before[i]) << unit[i];  // hours and ratios untouched
    }
  }
  EXPECT_EQ(money, 6u);  // value S->N, N->S, three prices, drain
}

// EEBT on the 3-region world: multipliers m = s L. Hours: m_N = 0.5 + 2 x 0.125 = 0.75, m_S1 = m_S2 = 2. Value
// added: m_N = 0.875 + 1 x 0.125 = 1, m_S1 = m_S2 = 1 (every product's value-added multiplier is 1).
// Gross exports: N->S1 10, N->S2 10, S1->N 10 (Z) + 20 (Y) = 30, S2->N 10.
//   E(S->N) = 2 x 30 + 2 x 10 = 80, E(N->S) = 0.75 x 20 = 15, net 65; V(S->N) = 40, V(N->S) = 20
//   p_N = 20/15 -> Northern-price drain 65 x 4/3 = 260/3.
// Against the footprint (75 and 10): S1's 5 hours inside N's exports to the South are counted twice, once in
// S1->N and once in N->S.
TEST(DrainHandExample, EmbodiedInBilateralTrade) {
  const Mrio m = hand_world();
  AccountsOptions ao;
  ao.multipliers = true;
  DrainOptions o;
  o.attribution = Attribution::eebt;
  const Drain d = compute_drain(m, compute_accounts(m, ao), north_south(m), o);
  EXPECT_NEAR(d.E_SN, 80, 1e-12);
  EXPECT_NEAR(d.E_NS, 15, 1e-12);
  EXPECT_NEAR(d.V_SN, 40, 1e-12);
  EXPECT_NEAR(d.V_NS, 20, 1e-12);
  EXPECT_NEAR(d.value, 260.0 / 3.0, 1e-10);
  ao.multipliers = false;  // EEBT without multipliers is a usage error, not a silent footprint
  EXPECT_THROW(compute_drain(m, compute_accounts(m, ao), north_south(m), o), Error);
}

// ERDI switches on the 3-region world (price levels N 1, S1 0.5, S2 0.25 as above).
TEST(DrainHandExample, ErdiExportScopeAndClamp) {
  Mrio m = hand_world();
  m.Y(1, 2) = 5;  // S1 sells 5 to S2's final demand (ERDI reads only Z and Y)
  PriceLevels pl{"pl_da", "hand", {1.0, 0.5, 0.25}, {100, 50, 40}, {"", "", ""}};
  DrainOptions o;
  o.valuation = Valuation::erdi;
  o.prices = &pl;
  const Accounts a = compute_accounts(m);
  // To the North only: unchanged, 30 x 1 + 10 x 3 = 60. All exports: S1 35 x 1 + S2 10 x 3 = 65.
  EXPECT_NEAR(compute_drain(m, a, north_south(m), o).value, 60, 1e-10);
  o.erdi_all_exports = true;
  EXPECT_NEAR(compute_drain(m, a, north_south(m), o).value, 65, 1e-10);
  // S2 dearer than the North (level 2, d = 0.5): 30 x 1 + 10 x (-0.5) = 25, or 30 with the clamp.
  o.erdi_all_exports = false;
  pl.level[2] = 2.0;
  EXPECT_NEAR(compute_drain(m, a, north_south(m), o).value, 25, 1e-10);
  o.erdi_clamp = true;
  EXPECT_NEAR(compute_drain(m, a, north_south(m), o).value, 30, 1e-10);
}

// Lost growth: 10, 20, 30 with growth 10 % into year 2 and 20 % into year 3:
// 10 x 1.1 x 1.2 + 20 x 1.2 + 30 = 13.2 + 24 + 30 = 67.2.
TEST(DrainHandExample, LostGrowthCompoundsAtSouthernGrowth) {
  EXPECT_NEAR(lost_growth({10, 20, 30}, {0.5, 0.1, 0.2}), 67.2, 1e-12);  // growth[0] is not used
  EXPECT_THROW(lost_growth({10, 20}, {0.1}), Error);
}

// The panel run behind `worldsys drain --panel ... --constant-prices 2011 --lost-growth`, on the hand world in 2010
// and 2011, fed from memory: the exchange room asks its source for tables, groups and PWT figures only.
TEST(DrainHandExample, PanelInConstantPricesWithLostGrowth) {
  DrainSource src;
  src.tables = {"2010", "2011"};
  src.open = [](const std::string& name) {
    Mrio m = hand_world();
    m.provenance.year = std::stoi(name);
    return m;
  };
  src.groups = [](const std::string&, const Mrio&) { return Concordance{"hand", {"North", "South"}, {0, 1, 1}}; };
  DrainRequest req;
  // Current prices and no erdi: PWT is never asked (empty functions would throw).
  const Table current = drain_panel(src, req);
  EXPECT_EQ(current.column("year").num.front(), 2010);
  EXPECT_EQ(current.column("year").num.back(), 2011);
  EXPECT_EQ(current.column("measure").text.back(), "drain");
  EXPECT_NEAR(current.column("value").num.back(), 113.75, 1e-12);  // net 65 h x p_N 1.75

  src.us_deflator = [](int year) { return year == 2010 ? 0.8 : 1.0; };
  src.usd_per_unit = [](const std::string&, int, std::string& usd) { return usd = "M USD", 1.0; };  // in dollars
  src.real_growth = [](const Mrio& m, const std::vector<bool>& south) {
    EXPECT_EQ(south, (std::vector<bool>{false, true, true}));
    return *m.provenance.year == 2011 ? 0.1 : 99.0;  // growth into the first year is never used
  };
  src.price_levels = [](const Mrio&) { return PriceLevels{"pl", "test", {1, 0.5, 0.5}, {1, 1, 1}, {"", "", ""}}; };
  req.constant_prices = 2011;
  req.lost_growth = true;
  const Table t = drain_panel(src, req);
  std::vector<double> drain;
  for (size_t i = 0; i < t.rows(); ++i)
    if (t.column("measure").text[i] == "drain") drain.push_back(t.column("value").num[i]);
  // Each year: net 65 h x p_N 1.75 = 113.75 current US$; 2010 in 2011 prices: 113.75 / 0.8 = 142.1875.
  ASSERT_EQ(drain.size(), 2u);
  EXPECT_NEAR(drain[0], 142.1875, 1e-12);
  EXPECT_NEAR(drain[1], 113.75, 1e-12);
  // Lost growth to 2011: 142.1875 x 1.1 + 113.75 = 270.15625, the last row.
  EXPECT_EQ(t.column("measure").text.back(), "lost_growth_value");
  EXPECT_EQ(t.column("unit").text.back(), "M USD (2011 prices)");
  EXPECT_NEAR(t.column("value").num.back(), 270.15625, 1e-12);

  src.tables = {"2009", "2011"};  // compounding needs every year
  EXPECT_THROW(drain_panel(src, req), Error);
}
