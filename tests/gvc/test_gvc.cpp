// The GVC measures against the peers' own expected values (../shared/data/gvc: decompr on "leather", exvatools on
// its ICIO-style test table) at their printed precision, and every identity on WIOD 2013.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/gvc/gvc.hpp"
#include "worldsys/io/wiod2013.hpp"

namespace worldsys {
namespace {

using Csv = std::vector<std::vector<std::string>>;

Csv read_csv(const std::filesystem::path& p) {
  std::ifstream in(p);
  Csv rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, ',')) {
      if (c.size() >= 2 && c.front() == '"') c = c.substr(1, c.size() - 2);
      cells.push_back(c);
    }
    rows.push_back(cells);
  }
  return rows;
}

nlohmann::json read_json(const std::filesystem::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}

// decompr's leather: 3 countries x 3 industries, one final-demand column per destination.
Mrio leather() {
  const auto dir = test::shared_data() / "gvc/decompr_leather";
  const Csv Z = read_csv(dir / "leather_Z.csv"), Y = read_csv(dir / "leather_Y.csv");
  Mrio m;
  m.regions = {"Argentina", "Turkey", "Germany"};
  m.sectors = {"Agriculture", "Textile_and_Leather", "Transport_Equipment"};
  m.sector_names = m.sectors;
  m.categories = {"FD"};
  m.unit = "USD";
  m.Z = Matrix(9, 9);
  m.Y = Matrix(9, 3);
  for (size_t i = 0; i < 9; ++i) {
    for (size_t j = 0; j < 9; ++j) m.Z(i, j) = std::stod(Z[i + 1][j + 1]);
    for (size_t j = 0; j < 3; ++j) m.Y(i, j) = std::stod(Y[i + 1][j + 1]);
  }
  m.x = m.Z.row_sums();
  for (size_t i = 0; i < 9; ++i) m.x[i] += m.Y(i, 0) + m.Y(i, 1) + m.Y(i, 2);
  m.F = Matrix(0, 9);
  m.F_Y = Matrix(0, 3);
  return m;
}

// exvatools' iciotest as shipped: 10 regions (MEX and CHN empty, their data in MX1/MX2 and CN1/CN2) x 3 sectors,
// final demand CONS and INVST of the 6 countries.
struct Icio {
  Mrio m;
  Concordance countries, nafta;
};
Icio iciotest() {
  const Csv raw = read_csv(test::shared_data() / "gvc/exvatools_iciotest/iciotest_data_raw_30x42.csv");
  Icio t;
  Mrio& m = t.m;
  m.regions = {"ESP", "FRA", "MEX", "USA", "CHN", "ROW", "MX1", "MX2", "CN1", "CN2"};
  m.sectors = {"D01T09", "D10T39", "D41T98"};
  m.sector_names = m.sectors;
  m.categories = {"CONS", "INVST"};
  m.unit = "USD_MM";
  m.Z = Matrix(30, 30);
  m.Y = Matrix(30, 20);
  for (size_t i = 0; i < 30; ++i) {
    for (size_t j = 0; j < 30; ++j) m.Z(i, j) = std::stod(raw[i + 1][j]);
    for (size_t j = 0; j < 12; ++j) m.Y(i, j) = std::stod(raw[i + 1][30 + j]);  // the first 6 regions' columns
  }
  m.x = m.Z.row_sums();
  const auto ysum = m.Y.row_sums();
  for (size_t i = 0; i < 30; ++i) m.x[i] += ysum[i];
  m.F = Matrix(0, 30);
  m.F_Y = Matrix(0, 20);
  t.countries = {"countries", {"ESP", "FRA", "MEX", "USA", "CHN", "ROW"}, {0, 1, 2, 3, 4, 5, 2, 2, 4, 4}};
  t.nafta = {"nafta", {"ESP", "FRA", "NAFTA", "CHN", "ROW"}, {0, 1, 2, 2, 3, 4, 2, 2, 3, 3}};
  return t;
}

// value of the row whose text columns equal `key` (in order) and whose term is `term`.
double cell(const Table& t, const std::vector<std::string>& key, const std::string& term) {
  const auto& cols = t.columns();
  for (size_t r = 0; r < t.rows(); ++r) {
    bool match = t.column("term").text[r] == term;
    for (size_t k = 0; match && k < key.size(); ++k) match = cols[k].text[r] == key[k];
    if (match) return t.column("value").num[r];
  }
  ADD_FAILURE() << "no row " << ::testing::PrintToString(key) << " " << term;
  return NAN;
}

// The coarsest level a measure takes (va-destination always has a destination).
gvc::By coarsest(const std::string& measure) {
  return measure == "va-destination" ? gvc::By::exporter_importer : gvc::By::exporter;
}

gvc::Options by(gvc::By b, const Concordance* countries = nullptr) {
  gvc::Options o;
  o.by = b;
  o.countries = countries;
  return o;
}

TEST(GvcLeather, ValueAddedInExportsByOriginIsDecomprsLeontiefMatrix) {
  WORLDSYS_REQUIRE_DATA("gvc/decompr_leather");
  const Mrio m = leather();
  gvc::Options o = by(gvc::By::exporter_sector);
  o.origin_sector = true;
  const Table t = gvc::va_origin(m, o);
  const Csv want = read_csv(test::shared_data() / "gvc/decompr_leather/expected_leontief_VAinExports.csv");
  for (size_t i = 0; i < 9; ++i)
    for (size_t j = 0; j < 9; ++j)
      EXPECT_NEAR(cell(t, {m.regions[j / 3], m.sectors[j % 3], m.regions[i / 3], m.sectors[i % 3]}, "EXGR_VA"),
                  std::stod(want[i + 1][j + 1]), 1e-7)
          << "VA from " << m.label(i) << " in exports of " << m.label(j);
}

TEST(GvcLeather, WwzSixteenTermsAreDecomprsForEveryRow) {
  WORLDSYS_REQUIRE_DATA("gvc/decompr_leather");
  const Mrio m = leather();
  const Table t = gvc::wwz(m, by(gvc::By::exporter_importer_sector));
  const Csv want = read_csv(test::shared_data() / "gvc/decompr_leather/expected_wwz16.csv");
  size_t checked = 0;
  for (size_t k = 0; k < 27; ++k) {
    const size_t s = k / 9, sec = (k / 3) % 3, r = k % 3;
    if (r == s) continue;  // decompr's own-country rows are zero; worldsys leaves them out
    for (size_t c = 1; c <= 16; ++c) {
      EXPECT_NEAR(cell(t, {m.regions[s], m.regions[r], m.sectors[sec]}, want[0][c]), std::stod(want[k + 1][c]), 5e-7)
          << want[k + 1][0] << " " << want[0][c];
      ++checked;
    }
    EXPECT_NEAR(cell(t, {m.regions[s], m.regions[r], m.sectors[sec]}, "EXGR"), std::stod(want[k + 1][17]), 1e-9);
  }
  EXPECT_EQ(checked, 18u * 16u);
}

TEST(GvcLeather, ParticipationIsWangWeiYuZhusAsMeasureGvcPrintsIt) {
  WORLDSYS_REQUIRE_DATA("gvc/decompr_leather");
  const Mrio m = leather();
  const Table t = gvc::participation(m, by(gvc::By::exporter_sector));
  const auto want = read_json(test::shared_data() / "gvc/decompr_leather/expected.json")["wwyz2017_participation_MeasureGVC"];
  for (size_t i = 0; i < 9; ++i) {
    const std::vector<std::string> key{m.regions[i / 3], m.sectors[i % 3]};
    EXPECT_NEAR(cell(t, key, "forward"), want["forward"][i].get<double>(), 5e-7) << m.label(i);
    EXPECT_NEAR(cell(t, key, "backward"), want["backward"][i].get<double>(), 5e-7) << m.label(i);
    EXPECT_NEAR(cell(t, key, "domestic_forward"), want["up_inner"][i].get<double>(), 5e-7) << m.label(i);
    EXPECT_NEAR(cell(t, key, "domestic_backward"), want["dw_inner"][i].get<double>(), 5e-7) << m.label(i);
  }
}

TEST(GvcLeather, GvcPackagesSpotValuesE2rI2eAndFinalDemand) {
  WORLDSYS_REQUIRE_DATA("gvc/decompr_leather");
  const Mrio m = leather();
  const auto want = read_json(test::shared_data() / "gvc/decompr_leather/expected.json");
  gvc::Options o = by(gvc::By::exporter_sector);
  o.origin_sector = true;
  const Table t = gvc::va_origin(m, o);
  // VAE(i, j): VA from row i in exports of row j. e2r: row i over other countries' exporters; i2e: column j over
  // other countries' origins (gvc package, tests/testthat).
  auto vae = [&](size_t i, size_t j) {
    return cell(t, {m.regions[j / 3], m.sectors[j % 3], m.regions[i / 3], m.sectors[i % 3]}, "EXGR_VA");
  };
  auto e2r = [&](size_t i) {
    double s = 0;
    for (size_t j = 0; j < 9; ++j)
      if (j / 3 != i / 3) s += vae(i, j);
    return s;
  };
  auto i2e = [&](size_t j) {
    double s = 0;
    for (size_t i = 0; i < 9; ++i)
      if (i / 3 != j / 3) s += vae(i, j);
    return s;
  };
  EXPECT_NEAR(e2r(0), want["gvc_e2r"]["e2r[1] ARG.Agri"].get<double>(), 5e-7);
  EXPECT_NEAR(e2r(8), want["gvc_e2r"]["e2r[9] GER.Transport"].get<double>(), 5e-7);
  EXPECT_NEAR(i2e(0), want["gvc_i2e"]["i2e[1] ARG.Agri"].get<double>(), 5e-7);
  EXPECT_NEAR(i2e(8), want["gvc_i2e"]["i2e[9] GER.Transport"].get<double>(), 5e-7);
  // NRCA on domestic VA in own exports d_i (row sums of the own-country block).
  auto nrca = [&](size_t i) {
    auto d = [&](size_t r) {
      double s = 0;
      for (size_t j = 0; j < 9; ++j)
        if (j / 3 == r / 3) s += vae(r, j);
      return s;
    };
    double country = 0, sector = 0, all = 0;
    for (size_t k = 0; k < 9; ++k) {
      all += d(k);
      if (k / 3 == i / 3) country += d(k);
      if (k % 3 == i % 3) sector += d(k);
    }
    return (d(i) / country) / (sector / all);
  };
  EXPECT_NEAR(nrca(0), want["gvc_nrca"]["nrca[1]"].get<double>(), 5e-7);
  EXPECT_NEAR(nrca(8), want["gvc_nrca"]["nrca[9]"].get<double>(), 5e-7);
  // decompr's leontief with post = output: diag(v) B diag(x), source-major (l[81] = GER.Transport in GER.Transport).
  EXPECT_NEAR(cell(t, {"Argentina", "Agriculture", "Argentina", "Agriculture"}, "PROD_VA"),
              want["leontief_output"]["l[1]"].get<double>(), 5e-7);
  EXPECT_NEAR(cell(t, {"Germany", "Transport_Equipment", "Germany", "Transport_Equipment"}, "PROD_VA"),
              want["leontief_output"]["l[81]"].get<double>(), 5e-7);
  // decompr's leontief with post = final demand: diag(v) B Y, source-major (l[20] = GER.Agri -> TUR).
  gvc::Options f = by(gvc::By::exporter);
  f.origin_sector = true;
  const Table fd = gvc::va_origin(m, f);
  EXPECT_NEAR(cell(fd, {"Argentina", "Argentina", "Agriculture"}, "FD_VA"),
              want["leontief_final_demand"]["l[1] (ARG.Agri -> ARG)"].get<double>(), 5e-7);
  EXPECT_NEAR(cell(fd, {"Turkey", "Germany", "Agriculture"}, "FD_VA"),
              want["leontief_final_demand"]["l[20] (GER.Agri -> TUR)"].get<double>(), 5e-7);
}

// decompr's structural WWZ tests: value added given as a row equals the default x - 1'Z; value added only in
// Argentina shows up as DVA_FIN in Argentina's rows only; only in Transport_Equipment, in every row (decompr's own-
// country rows, zero there, are not exports and not in worldsys's rows).
TEST(GvcLeather, WwzStructuralTestsOfDecompr) {
  WORLDSYS_REQUIRE_DATA("gvc/decompr_leather");
  Mrio m = leather();
  const std::vector<double> inputs = m.Z.col_sums();
  m.stressors = {{"va", "USD", ""}, {"va_argentina", "USD", ""}, {"va_transport", "USD", ""}};
  m.F = Matrix(3, 9);
  for (size_t j = 0; j < 9; ++j) {
    m.F(0, j) = m.x[j] - inputs[j];
    m.F(1, j) = j / 3 == 0 ? m.F(0, j) : 0.0;
    m.F(2, j) = j % 3 == 2 ? m.F(0, j) : 0.0;
  }
  m.F_Y = Matrix(3, 3);
  gvc::Options o = by(gvc::By::exporter_importer_sector);
  const Table base = gvc::wwz(m, o);
  o.factor = "va";
  const Table given = gvc::wwz(m, o);
  ASSERT_EQ(given.rows(), base.rows());
  for (size_t r = 0; r < base.rows(); ++r)
    EXPECT_NEAR(given.column("value").num[r], base.column("value").num[r], 1e-12 * (1 + std::fabs(base.column("value").num[r])));
  o.factor = "va_argentina";
  const Table arg = gvc::wwz(m, o);
  o.factor = "va_transport";
  const Table transport = gvc::wwz(m, o);
  for (size_t r = 0; r < arg.rows(); ++r) {
    if (arg.column("term").text[r] != "DVA_FIN") continue;
    const bool from_argentina = arg.column("exporter").text[r] == "Argentina";
    EXPECT_EQ(arg.column("value").num[r] > 0, from_argentina) << r;
    EXPECT_GT(transport.column("value").num[r], 0) << r;  // transport's value added is in every product's chain
  }
}

// exvatools' tests compare round(x, 2).
constexpr double cents = 0.0051;

TEST(GvcIciotest, BorinManciniSourceBasedIsExvatoolsForSpainChinaAndNaftaAsOneExporter) {
  WORLDSYS_REQUIRE_DATA("gvc/exvatools_iciotest");
  const Icio t = iciotest();
  const auto want = read_json(test::shared_data() / "gvc/exvatools_iciotest/expected.json")["tests"]["bm_src"];
  const Table bm = gvc::borin_mancini(t.m, by(gvc::By::exporter, &t.countries));
  const Table nafta = gvc::borin_mancini(t.m, by(gvc::By::exporter, &t.nafta));
  for (const std::string c : {"ESP", "CHN"})
    for (const auto& [term, value] : want[c].items()) EXPECT_NEAR(cell(bm, {c}, term), value.get<double>(), cents) << c << " " << term;
  for (const auto& [term, value] : want["NAFTA_as_one_exporter"].items())
    EXPECT_NEAR(cell(nafta, {"NAFTA"}, term), value.get<double>(), cents) << "NAFTA " << term;
  // Summing members' own results is a different number (intra-NAFTA trade counts as exports).
  for (const auto& [term, value] : want["MEX_plus_USA_rows_of_all_exporters_result"].items())
    EXPECT_NEAR(cell(bm, {"MEX"}, term) + cell(bm, {"USA"}, term), value.get<double>(), cents) << term;
}

TEST(GvcIciotest, BorinManciniBilateralSectorIsTheVignettesSpainServicesToUsa) {
  WORLDSYS_REQUIRE_DATA("gvc/exvatools_iciotest");
  const Icio t = iciotest();
  const auto want =
      read_json(test::shared_data() / "gvc/exvatools_iciotest/expected.json")["vignette"]["bm_src_ESP_sector_D41T98_to_USA"];
  const Table bm = gvc::borin_mancini(t.m, by(gvc::By::exporter_importer_sector, &t.countries));
  for (const auto& [term, value] : want.items())
    EXPECT_NEAR(cell(bm, {"ESP", "USA", "D41T98"}, term), value.get<double>(), cents) << term;
}

TEST(GvcIciotest, KwwAndWwzTotalsAreExvatoolsAndWwzTermsTheVignettes) {
  WORLDSYS_REQUIRE_DATA("gvc/exvatools_iciotest");
  const Icio t = iciotest();
  const auto json = read_json(test::shared_data() / "gvc/exvatools_iciotest/expected.json");
  const Table k = gvc::kww(t.m, by(gvc::By::exporter, &t.countries));
  const Table kn = gvc::kww(t.m, by(gvc::By::exporter, &t.nafta));
  auto check = [&](const Table& kt, const std::string& c, const nlohmann::json& w) {
    const auto v = [&](const char* term) { return cell(kt, {c}, term); };
    EXPECT_NEAR(v("DVA_FIN") + v("DVA_INT") + v("DVA_INTrex"), w["VAX"].get<double>(), cents) << c;
    EXPECT_NEAR(v("RDV_FIN") + v("RDV_INT"), w["REF"].get<double>(), cents) << c;
    EXPECT_NEAR(v("DDC"), w["DDC"].get<double>(), cents) << c;
    EXPECT_NEAR(v("FVA_FIN") + v("FVA_INT"), w["FVA"].get<double>(), cents) << c;
    EXPECT_NEAR(v("FDC"), w["FDC"].get<double>(), cents) << c;
    EXPECT_NEAR(v("EXGR"), w["EXGR"].get<double>(), cents) << c;
  };
  check(k, "ESP", json["tests"]["wwz"]["ESP"]);
  check(k, "CHN", json["tests"]["wwz"]["CHN"]);
  check(kn, "NAFTA", json["tests"]["wwz"]["NAFTA_as_one_exporter"]);

  const Table w = gvc::wwz(t.m, by(gvc::By::exporter_importer_sector, &t.countries));
  const auto& v = json["vignette"]["wwz_terms_USA_sector_D10T39_to_CHN"];
  const std::vector<std::pair<std::string, std::string>> names{
      {"T01_DVA_FIN", "DVA_FIN"},   {"T02_DVA_INT", "DVA_INT"},       {"T03_DVA_INTrex1", "DVA_INTrexI1"},
      {"T04_DVA_INTrex2", "DVA_INTrexF"}, {"T05_DVA_INTrex3", "DVA_INTrexI2"}, {"T06_RDV_FIN1", "RDV_FIN"},
      {"T07_RDV_FIN2", "RDV_FIN2"}, {"T08_RDV_INT", "RDV_INT"},       {"T09_DDC_FIN", "DDC_FIN"},
      {"T10_DDC_INT", "DDC_INT"},   {"T11_FVA_FIN1_partner", "MVA_FIN"}, {"T12_FVA_FIN2_third", "OVA_FIN"},
      {"T13_FVA_INT1_partner", "MVA_INT"}, {"T14_FVA_INT2_third", "OVA_INT"}, {"T15_MDC", "MDC"},
      {"T16_ODC", "ODC"},           {"EXGR", "EXGR"}};
  for (const auto& [theirs, ours] : names)
    EXPECT_NEAR(cell(w, {"USA", "CHN", "D10T39"}, ours), v[theirs].get<double>(), cents) << theirs;
}

TEST(GvcIciotest, TivaIndicatorsAreExvatoolsForSpain) {
  WORLDSYS_REQUIRE_DATA("gvc/exvatools_iciotest");
  const Icio t = iciotest();
  const auto want = read_json(test::shared_data() / "gvc/exvatools_iciotest/expected.json")["vignette"]["oecd_tiva_ESP"];
  const Table tv = gvc::tiva(t.m, by(gvc::By::exporter, &t.countries));
  for (const auto& [term, value] : want.items()) EXPECT_NEAR(cell(tv, {"ESP"}, term), value.get<double>(), cents) << term;
}

TEST(GvcIciotest, ValueAddedInFinalDemandIsTheVignettesVbyMatrix) {
  WORLDSYS_REQUIRE_DATA("gvc/exvatools_iciotest");
  const Icio t = iciotest();
  const auto want = read_json(test::shared_data() / "gvc/exvatools_iciotest/expected.json")["vignette"]
                        ["VBY_melded_rows_origin_region_sector_cols_final_destination"];
  gvc::Options o = by(gvc::By::exporter, &t.countries);
  o.origin_sector = true;
  const Table va = gvc::va_origin(t.m, o);
  size_t checked = 0;
  for (const auto& [row, values] : want["rows"].items()) {
    const std::string origin = row.substr(0, 3), sector = "D" + row.substr(4);
    for (size_t u = 0; u < 6; ++u, ++checked)
      EXPECT_NEAR(cell(va, {want["columns"][u].get<std::string>(), origin, sector}, "FD_VA"),
                  values[u].get<double>(), 5e-6)
          << row << " -> " << want["columns"][u];
  }
  EXPECT_EQ(checked, 108u);
}

TEST(GvcIciotest, VignetteSpotValuesAndSinkAndMiroudotYeAggregates) {
  WORLDSYS_REQUIRE_DATA("gvc/exvatools_iciotest");
  const Icio t = iciotest();
  const auto json = read_json(test::shared_data() / "gvc/exvatools_iciotest/expected.json");
  const auto& v = json["vignette"];
  // At the level of all exports, exvatools' sink-based and Miroudot-Ye numbers are the source-based ones.
  const Table bm = gvc::borin_mancini(t.m, by(gvc::By::exporter, &t.countries));
  const Table bmn = gvc::borin_mancini(t.m, by(gvc::By::exporter, &t.nafta));
  for (const char* method : {"bm_snk", "my"})
    for (const auto& [c, terms] : json["tests"][method].items())
      for (const auto& [term, value] : terms.items())
        EXPECT_NEAR(cell(c == "NAFTA_as_one_exporter" ? bmn : bm, {c == "NAFTA_as_one_exporter" ? "NAFTA" : c}, term),
                    value.get<double>(), cents)
            << method << " " << c << " " << term;
  // Shares of gross exports (the vignette's percentages).
  const double esp_exports = cell(bm, {"ESP"}, "EXGR");
  for (const auto& [term, pct] : v["bm_src_ESP_all"]["pct_of_EXGR"].items())
    EXPECT_NEAR(100 * cell(bm, {"ESP"}, term) / esp_exports, pct.get<double>(), cents) << term;
  // OECD's GVC participation = backward (EXGR_FVA) + forward (FEXDVAP).
  const Table tv = gvc::tiva(t.m, by(gvc::By::exporter, &t.countries));
  for (const std::string c : {"ESP", "CHN"})
    EXPECT_NEAR(cell(tv, {c}, "EXGR_FVA") + cell(tv, {c}, "FEXDVAP"), json["tests"]["oecd"][c]["GVC"].get<double>(), 0.011)
        << c;
  // The WWZ totals of MEX and USA, each as its own exporter, summed.
  const Table k = gvc::kww(t.m, by(gvc::By::exporter, &t.countries));
  const auto& mu = json["tests"]["wwz"]["MEX_plus_USA_rows_of_all_exporters_result"];
  auto both = [&](const char* term) { return cell(k, {"MEX"}, term) + cell(k, {"USA"}, term); };
  EXPECT_NEAR(both("DVA_FIN") + both("DVA_INT") + both("DVA_INTrex"), mu["VAX"].get<double>(), cents);
  EXPECT_NEAR(both("FVA_FIN") + both("FVA_INT"), mu["FVA"].get<double>(), cents);
  EXPECT_NEAR(both("FDC"), mu["FDC"].get<double>(), cents);

  // Foreign content of one sector's exports by origin and sector (get_va_exgr) and of Spain's exports by origin and
  // direct importer (exvadir: WLD, EU27 = FRA here, the rest), goods (D01T09, D10T39) and services (D41T98).
  gvc::Options os = by(gvc::By::exporter_sector, &t.countries);
  os.origin_sector = true;
  const Table vs = gvc::va_origin(t.m, os);
  EXPECT_NEAR(cell(vs, {"ESP", "D10T39", "USA", "D41T98"}, "EXGR_VA"),
              v["get_va_exgr_FC_from_USA_D41T98_in_ESP_D10T39_exports"].get<double>(), 5e-6);
  const Table vi = gvc::va_origin(t.m, by(gvc::By::exporter_importer_sector, &t.countries));
  const std::vector<std::string> importers{"FRA", "MEX", "USA", "CHN", "ROW"}, origins{"FRA", "MEX", "USA", "CHN", "ROW"};
  auto fc = [&](const std::vector<std::string>& from, const std::vector<std::string>& sectors, bool eu) {
    double s = 0;
    for (const auto& imp : importers)
      if ((imp == "FRA") == eu)
        for (const auto& sec : sectors)
          for (const auto& o : from) s += cell(vi, {"ESP", imp, sec, o}, "EXGR_VA");
    return s;
  };
  const std::vector<std::string> all{"D01T09", "D10T39", "D41T98"}, goods{"D01T09", "D10T39"}, services{"D41T98"};
  const auto& dir = v["exvadir_FC_in_ESP_exports"];
  for (const auto& [row, from, sectors] : {std::tuple{"WLD_TOTAL", origins, all}, std::tuple{"WLD_GOODSWU", origins, goods},
                                           std::tuple{"WLD_SRVWC", origins, services},
                                           std::tuple{"FRA_TOTAL", std::vector<std::string>{"FRA"}, all},
                                           std::tuple{"USA_TOTAL", std::vector<std::string>{"USA"}, all},
                                           std::tuple{"USA_SRVWC", std::vector<std::string>{"USA"}, services}}) {
    EXPECT_NEAR(fc(from, sectors, true), dir[row][1].get<double>(), 5e-5) << row << " EU27";
    EXPECT_NEAR(fc(from, sectors, false), dir[row][2].get<double>(), 5e-5) << row << " non-EU27";
    EXPECT_NEAR(fc(from, sectors, true) + fc(from, sectors, false), dir[row][0].get<double>(), 5e-5) << row;
  }
  // USA's value added in China's exports of manufactures that end in US final demand (get_va_exgry).
  const Table vd = gvc::va_destination(t.m, by(gvc::By::exporter_importer_sector, &t.countries));
  EXPECT_NEAR(cell(vd, {"CHN", "USA", "D10T39", "USA"}, "EXGR_VA"),
              v["get_va_exgry_USA_VA_in_CHN_D10T39_exports_absorbed_in_USA"].get<double>(), 5e-6);
  // CHN's value added in USA's final demand for manufactures (get_va_fd).
  const Table fd = gvc::va_origin(t.m, by(gvc::By::exporter_sector, &t.countries));
  EXPECT_NEAR(cell(fd, {"USA", "D10T39", "CHN"}, "FD_VA"),
              v["get_va_fd_CHN_VA_induced_by_USA_final_demand_for_D10T39_products"].get<double>(), 5e-4);
  // WWZ's DVA_INT of Spain and Mexico into the USA, and the exports of MEX + USA within and outside NAFTA.
  const Table w = gvc::wwz(t.m, by(gvc::By::exporter_importer_sector, &t.countries));
  const auto& dv = v["wwz_DVA_INT_from_ESP_plus_MEX_to_USA"];
  double total = 0;
  for (const auto& sec : all) total += cell(w, {"ESP", "USA", sec}, "DVA_INT") + cell(w, {"MEX", "USA", sec}, "DVA_INT");
  EXPECT_NEAR(total, dv["TOTAL"].get<double>(), 5e-5);
  for (const char* sec : {"D10T39", "D41T98"})
    EXPECT_NEAR(cell(w, {"ESP", "USA", sec}, "DVA_INT") + cell(w, {"MEX", "USA", sec}, "DVA_INT"), dv[sec].get<double>(), 5e-5)
        << sec;
  const Table ex = gvc::exports(t.m, by(gvc::By::exporter_importer_sector, &t.countries));
  auto exgr = [&](const std::vector<std::string>& sectors, bool inside) {
    double s = 0;
    for (const std::string from : {"MEX", "USA"})
      for (const std::string to : {"ESP", "FRA", "MEX", "USA", "CHN", "ROW"}) {
        if (to == from || (to == "MEX" || to == "USA") != inside) continue;
        for (const auto& sec : sectors) s += cell(ex, {from, to, sec}, "EXGR");
      }
    return s;
  };
  const auto& eg = v["EXGR_of_MEX_plus_USA"];
  EXPECT_NEAR(exgr(all, true) + exgr(all, false), eg["TOTAL"][0].get<double>(), 5e-3);
  EXPECT_NEAR(exgr(all, true), eg["TOTAL"][1].get<double>(), 5e-4);
  EXPECT_NEAR(exgr(services, true), eg["SRVWC"][1].get<double>(), 5e-4);
  EXPECT_NEAR(exgr(services, false), eg["SRVWC"][2].get<double>(), 5e-4);
}

TEST(GvcIdentities, HoldForEveryMeasureOnTheTinyTableAndBreakLoudly) {
  const Mrio m = test::tiny_mrio();
  for (const auto& name : gvc::measure_names()) {
    gvc::Options o;
    o.by = coarsest(name);
    EXPECT_NO_THROW(gvc::measure(name, m, o)) << name;
  }
  EXPECT_THROW(gvc::measure("nope", m, {}), Error);
  gvc::Options o;
  o.by = gvc::By::exporter_importer;
  EXPECT_THROW(gvc::participation(m, o), Error);
}

TEST(GvcWiod, EveryIdentityHoldsOnWiod2013AndVaBalancesEqualGrossBalances) {
  WORLDSYS_REQUIRE_DATA("mrio/wiod2013");
  const Mrio m = io::read_wiod2013(test::shared_data() / "mrio/wiod2013", 2011);
  gvc::Options o;
  o.by = gvc::By::exporter;
  for (const auto& name : gvc::measure_names()) {
    gvc::Options level = o;
    level.by = coarsest(name);
    EXPECT_NO_THROW(gvc::measure(name, m, level)) << name;
  }
  const Table b = gvc::va_balance(m, o);
  double world_vax = 0, world_exports = 0;
  const Table bm = gvc::borin_mancini(m, o);
  for (size_t r = 0; r < bm.rows(); ++r) {
    if (bm.column("term").text[r] == "VAX") world_vax += bm.column("value").num[r];
    if (bm.column("term").text[r] == "EXGR") world_exports += bm.column("value").num[r];
  }
  const Table v = gvc::vax(m, o);
  double jn = 0;
  for (size_t r = 0; r < v.rows(); ++r)
    if (v.column("term").text[r] == "VAX") jn += v.column("value").num[r];
  // World value-added exports (Johnson-Noguera) = world domestic value added absorbed abroad (Borin-Mancini).
  EXPECT_NEAR(jn, world_vax, 1e-9 * world_exports);
  EXPECT_LT(jn, world_exports);
  EXPECT_GT(jn / world_exports, 0.6);
}

TEST(GvcWiod, EveryIdentityHoldsInEveryYear) {
  WORLDSYS_REQUIRE_DATA("mrio/wiod2013");
  gvc::Options o;  // each measure checks its own identities and throws naming the exporter where one breaks
  for (int year = 1995; year <= 2011; ++year) {
    const Mrio m = io::read_wiod2013(test::shared_data() / "mrio/wiod2013", year);
    for (const auto& name : gvc::measure_names()) {
      o.by = coarsest(name);
      EXPECT_NO_THROW(gvc::measure(name, m, o)) << name << " " << year;
    }
  }
}

TEST(GvcCli, RowsAreTidyAndWrongLevelsAreUsageErrors) {
  const auto ok = test::run_cli("gvc --measure borin-mancini --by exporter-importer --format csv");
  ASSERT_EQ(ok.rc, 0) << ok.err;
  EXPECT_EQ(ok.out.substr(0, ok.out.find('\n')), "exporter,importer,term,value,unit");
  const auto bad = test::run_cli("gvc --measure participation --by exporter-importer");
  EXPECT_EQ(bad.rc, 2);
  EXPECT_NE(bad.err.find("participation is by country"), std::string::npos) << bad.err;
  const auto factor = test::run_cli("gvc --measure vax --factor nope");
  EXPECT_EQ(factor.rc, 2);
  EXPECT_NE(factor.err.find("nope"), std::string::npos) << factor.err;
}

// OECD ICIO's China split kept as rows (import --keep-splits) is one country for gvc: the same exporters and, on the
// fixture (whose CN1 and CN2 share CHN's technology), the same numbers as the table with the splits added in.
TEST(GvcCli, OecdSplitsKeptAreOneCountry) {
  test::TempDir tmp;
  const std::string dir = tmp.path.string();
  ASSERT_EQ(test::run_cli("fixture oecd-icio --variant 2021 --out " + dir + "/fx").rc, 0);
  const std::string zip = dir + "/fx/ICIO_2021-2025.zip";
  ASSERT_EQ(test::run_cli("import oecd-icio " + zip + " --out " + dir + "/merged").rc, 0);
  const auto kept = test::run_cli("import oecd-icio " + zip + " --keep-splits --out " + dir + "/kept");
  ASSERT_EQ(kept.rc, 0) << kept.err;
  EXPECT_NE(test::run_cli("info " + dir + "/kept").out.find("CN1"), std::string::npos);
  for (const char* measure : {"exports", "borin-mancini", "wwz"}) {
    const auto a = test::run_cli(fmt::format("gvc {}/merged --measure {} --by exporter-importer --format csv", dir, measure));
    const auto b = test::run_cli(fmt::format("gvc {}/kept --measure {} --by exporter-importer --format csv", dir, measure));
    ASSERT_EQ(a.rc, 0) << a.err;
    ASSERT_EQ(b.rc, 0) << b.err;
    std::istringstream sa(a.out), sb(b.out);
    std::string la, lb;
    size_t lines = 0;
    while (std::getline(sa, la) && std::getline(sb, lb)) {
      ++lines;
      const size_t ca = la.rfind(',', la.rfind(',') - 1), cb = lb.rfind(',', lb.rfind(',') - 1);
      EXPECT_EQ(la.substr(0, ca), lb.substr(0, cb)) << measure;  // same exporter, importer, term: no CN1 row
      if (lines > 1) {
        const double x = std::stod(la.substr(ca + 1)), y = std::stod(lb.substr(cb + 1));
        EXPECT_NEAR(x, y, 1e-9 * (1 + std::fabs(x))) << la;
      }
    }
    EXPECT_GT(lines, 10u) << measure;
    EXPECT_EQ(b.out.find("CN1"), std::string::npos);
  }
}

}  // namespace
}  // namespace worldsys
