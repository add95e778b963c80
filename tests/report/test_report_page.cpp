// The HTML report's numbers are the library's: every figure carries its data as JSON in the page, and those
// numbers equal what the verbs named in its notes print (drain, footprint, flows), or an independent computation.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support.hpp"
#include "worldsys/distrib/lorenz.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/report/page.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// figure id -> its data JSON, from the page.
std::map<std::string, nlohmann::json> page_data(const std::string& html) {
  std::map<std::string, nlohmann::json> out;
  const std::regex block(R"re(<script type="application/json" class="figure-data" data-figure="([^"]+)">([^<]*)</script>)re");
  for (std::sregex_iterator it(html.begin(), html.end(), block), end; it != end; ++it)
    out[(*it)[1]] = nlohmann::json::parse((*it)[2].str());
  return out;
}

// A CSV from the CLI as rows of column -> text.
std::vector<std::map<std::string, std::string>> csv(const std::string& text) {
  std::vector<std::map<std::string, std::string>> rows;
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> head;
  auto split = [](const std::string& l) {
    std::vector<std::string> v;
    std::string cell;
    std::istringstream s(l);
    while (std::getline(s, cell, ',')) v.push_back(cell);
    return v;
  };
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto v = split(line);
    if (head.empty()) {
      head = v;
      continue;
    }
    std::map<std::string, std::string> r;
    for (size_t i = 0; i < head.size() && i < v.size(); ++i) r[head[i]] = v[i];
    rows.push_back(r);
  }
  return rows;
}

double cell(const nlohmann::json& data, const nlohmann::json& row, const std::string& col) {
  for (size_t i = 0; i < data["columns"].size(); ++i)
    if (data["columns"][i] == col) return row[i].is_null() ? NAN : row[i].get<double>();
  ADD_FAILURE() << "no column " << col;
  return NAN;
}
std::string text(const nlohmann::json& data, const nlohmann::json& row, const std::string& col) {
  for (size_t i = 0; i < data["columns"].size(); ++i)
    if (data["columns"][i] == col) return row[i].get<std::string>();
  ADD_FAILURE() << "no column " << col;
  return "";
}

}  // namespace

TEST(ReportPage, NumbersEqualTheCommandsInTheNotes) {
  test::TempDir tmp;
  const auto r = test::run_cli("report --poverty-source none --gap-source none --out " + (tmp / "r.html").string() +
                               " --figures " + (tmp / "figs").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("HTML report: "), std::string::npos);
  const std::string html = slurp(tmp / "r.html");
  EXPECT_LT(html.size(), 5'000'000u);
  const auto data = page_data(html);
  ASSERT_TRUE(data.count("fig-drain"));
  ASSERT_TRUE(data.count("fig-footprint-labour_hours"));
  ASSERT_TRUE(data.count("fig-flows-value_added"));
  // Every figure in the page is also a file under --figures, and every figure's svg is in the page.
  for (const auto& [id, d] : data) {
    EXPECT_TRUE(fs::exists(tmp / "figs" / (id + ".svg"))) << id;
    EXPECT_NE(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + id + "\""), std::string::npos) << id;
  }

  // The drain under each valuation and definition = `worldsys drain --valuation all [--definition underpayment]`.
  size_t compared = 0;
  for (const std::string def : {"net-quantity", "underpayment"}) {
    const auto d = test::run_cli("drain --valuation all --definition " + def + " --format csv");
    ASSERT_EQ(d.rc, 0) << d.err;
    for (const auto& row : csv(d.out)) {
      if (row.at("measure") != (def == "net-quantity" ? "drain" : "drain_underpayment")) continue;
      bool found = false;
      for (const auto& p : data.at("fig-drain")["rows"])
        if (text(data.at("fig-drain"), p, "valuation") == row.at("valuation") &&
            text(data.at("fig-drain"), p, "definition") == def) {
          EXPECT_NEAR(cell(data.at("fig-drain"), p, "drain"), std::stod(row.at("value")),
                      1e-9 * std::abs(std::stod(row.at("value"))))
              << row.at("valuation") << " " << def;
          found = true, ++compared;
        }
      EXPECT_TRUE(found) << row.at("valuation") << " " << def;
    }
  }
  EXPECT_GE(compared, 6u);  // northern, global, wage-gap (x2), and erdi when PWT is installed

  // Footprints = `worldsys footprint --stressor labour_hours`.
  const auto f = test::run_cli("footprint --stressor labour_hours --format csv");
  ASSERT_EQ(f.rc, 0) << f.err;
  const auto& fp = data.at("fig-footprint-labour_hours");
  const auto frows = csv(f.out);
  ASSERT_EQ(frows.size(), fp["rows"].size());
  for (size_t i = 0; i < frows.size(); ++i) {
    EXPECT_EQ(text(fp, fp["rows"][i], "region"), frows[i].at("region"));
    EXPECT_NEAR(cell(fp, fp["rows"][i], "cba"), std::stod(frows[i].at("cba")), 1e-9 * std::stod(frows[i].at("cba")));
    EXPECT_NEAR(cell(fp, fp["rows"][i], "pba"), std::stod(frows[i].at("pba")), 1e-9 * std::stod(frows[i].at("pba")));
  }

  // Flows between regions = `worldsys flows --stressor value_added` off the diagonal.
  const auto fl = test::run_cli("flows --stressor value_added --format csv");
  ASSERT_EQ(fl.rc, 0) << fl.err;
  std::map<std::pair<std::string, std::string>, double> flows;
  for (const auto& row : csv(fl.out)) flows[{row.at("origin"), row.at("destination")}] = std::stod(row.at("value"));
  const auto& sk = data.at("fig-flows-value_added");
  EXPECT_EQ(sk["rows"].size(), 90u);  // 10 x 9 pairs
  for (const auto& p : sk["rows"]) {
    const double want = flows.at({text(sk, p, "origin"), text(sk, p, "destination")});
    EXPECT_NEAR(cell(sk, p, "value"), want, 1e-9 * std::abs(want) + 1e-9);
  }
}

// `report --panel`: the drain over the panel's years is the output of the command in its notes, and the labour
// embodied each way scales as the tables were scaled (a panel of the embedded table times 0.8, 0.9 and 1).
TEST(ReportPage, PanelDrainOverTheYearsIsTheCommandInItsNotes) {
  test::TempDir tmp;
  const Mrio base = io::read_store(io::default_store_path());
  const std::map<int, double> scale{{2009, 0.8}, {2010, 0.9}, {2011, 1.0}};
  fs::create_directories(tmp / "panel");
  for (const auto& [year, c] : scale) {
    Mrio m = base;
    for (Matrix* a : {&m.Z, &m.Y, &m.F, &m.F_Y})
      for (size_t j = 0; j < a->cols(); ++j)
        for (size_t i = 0; i < a->rows(); ++i) (*a)(i, j) *= c;
    for (double& v : m.x) v *= c;
    m.provenance.year = year;
    io::write_store(m, tmp / "panel" / std::to_string(year), false);
  }
  const auto r = test::run_cli("report --panel " + (tmp / "panel").string() +
                               " --poverty-source none --gap-source none --claims none --out " + (tmp / "r.html").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  const std::string html = slurp(tmp / "r.html");
  const auto data = page_data(html);
  ASSERT_TRUE(data.count("fig-drain-years")) << r.err;
  ASSERT_TRUE(data.count("fig-drain-years-labour"));

  // The command in the notes prints the figure's numbers.
  const std::smatch cmd = [&] {
    std::smatch m;
    EXPECT_TRUE(std::regex_search(html, m, std::regex("<pre>worldsys (drain --panel [^<]+)</pre>")));
    return m;
  }();
  ASSERT_FALSE(cmd.empty());
  const auto d = test::run_cli(cmd[1].str());
  ASSERT_EQ(d.rc, 0) << d.err;
  std::map<std::pair<int, std::string>, double> want;  // (year, valuation or measure) -> value
  for (const auto& row : csv(d.out)) {
    const int year = std::stoi(row.at("year"));
    if (row.at("measure") == "drain") want[{year, row.at("valuation")}] = std::stod(row.at("value"));
    if (row.at("valuation") == "northern-prices") want[{year, row.at("measure")}] = std::stod(row.at("value"));
  }
  const auto& dy = data.at("fig-drain-years");
  EXPECT_GE(dy["rows"].size(), 3u * 3u);  // three years x northern, global, wage-gap (+ erdi with PWT)
  for (const auto& p : dy["rows"]) {
    const double w = want.at({int(cell(dy, p, "year")), text(dy, p, "valuation")});
    EXPECT_NEAR(cell(dy, p, "value"), w, 1e-9 * std::abs(w)) << text(dy, p, "valuation");
  }
  const auto& lab = data.at("fig-drain-years-labour");
  ASSERT_EQ(lab["rows"].size(), 3u * 3u);  // three years x (South -> North, North -> South, net)
  std::map<std::string, double> latest;
  for (const auto& p : lab["rows"])
    if (cell(lab, p, "year") == 2011) latest[text(lab, p, "measure")] = cell(lab, p, "value");
  for (const auto& p : lab["rows"]) {
    const int year = int(cell(lab, p, "year"));
    const std::string measure = text(lab, p, "measure");
    EXPECT_NEAR(cell(lab, p, "value"), want.at({year, measure}), 1e-9 * std::abs(want.at({year, measure})));
    // Labour and final demand scaled by c: the hours embodied scale by c.
    EXPECT_NEAR(cell(lab, p, "value"), scale.at(year) * latest.at(measure), 1e-9 * latest.at(measure)) << measure;
  }
  EXPECT_GT(latest.at("net_appropriation"), 0);

  // Who captures the value: the South's shares of value added and hours in world exports, each year, are what the
  // gvc command in the notes prints (origins summed by world10-north-south); scaling a year changes no share.
  ASSERT_TRUE(data.count("fig-value"));
  std::smatch gvc_cmd;
  ASSERT_TRUE(std::regex_search(html, gvc_cmd, std::regex("<pre>worldsys (gvc --panel [^<]+)</pre>")));
  const auto g = test::run_cli(gvc_cmd[1].str());
  ASSERT_EQ(g.rc, 0) << g.err;
  const std::set<std::string> north{"USA", "EU15", "EU_NEW_HI", "OTHER_ADV"};
  std::map<std::pair<int, std::string>, std::pair<double, double>> sums;  // (year, factor) -> (South, all)
  for (const auto& row : csv(g.out)) {
    if (row.at("term") != "EXGR_VA") continue;
    auto& [south, all] = sums[{std::stoi(row.at("year")), row.at("factor")}];
    all += std::stod(row.at("value"));
    if (!north.count(row.at("origin"))) south += std::stod(row.at("value"));
  }
  const auto& value = data.at("fig-value");
  ASSERT_EQ(value["rows"].size(), 3u * 2u);
  for (const auto& p : value["rows"]) {
    const auto& [south, all] = sums.at({int(cell(value, p, "year")), text(value, p, "factor")});
    EXPECT_NEAR(cell(value, p, "south_share_percent"), 100 * south / all, 1e-9);
    EXPECT_GT(cell(value, p, "south_share_percent"), 10);
  }
}

// Poverty figures on a small hand-made distribution store: the world is the population-weighted mean of its
// regions, and a country on the map has the headcount of its own Lorenz fit at the line (analyse_grouped).
TEST(ReportPage, PovertyFiguresAgreeWithTheirParts) {
  DistributionStore s;
  s.source = "test";
  s.ppp = "2011";
  const std::vector<double> deciles_poor{0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.1, 0.12, 0.17, 0.28};
  const std::vector<double> deciles_rich{0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.12, 0.15, 0.24};
  struct C {
    std::string code, region;
    double pop, mean;
  };
  const std::vector<C> cs{{"AAA", "R1", 1e6, 1.8}, {"BBB", "R1", 3e6, 4.5}, {"CCC", "R2", 2e6, 30}};
  for (int y : {2000, 2001})
    for (const auto& c : cs) {
      s.economies.push_back({c.code, c.region, "LIC", y, c.pop});
      DistributionRow d;
      d.country = c.code, d.region = c.region, d.year = y, d.population = c.pop, d.welfare = "consumption";
      d.mean = c.mean * (y == 2001 ? 1.1 : 1.0);
      d.shares = c.mean < 10 ? deciles_poor : deciles_rich;
      s.distributions.push_back(d);
      s.surveys.push_back({c.code, "national", double(y)});
    }
  const Mrio m = io::read_store(io::default_store_path());
  const Concordance g = io::load_groups(io::default_north_south(m.regions, m.provenance.year), m.regions, m.provenance.year);
  report::ReportInputs in;
  in.mrio = &m, in.groups = &g;
  in.poverty = {&s, "test-store"};
  const std::vector<report::MapShape> shapes{{"AAA", "A", "M0,0L1,0L1,1Z"}, {"CCC", "C", "M2,2L3,2L3,3Z"}};
  in.shapes = &shapes;
  const report::Report r = report::build_report(in);
  const report::Figure* line = nullptr;
  const report::Figure* map = nullptr;
  for (const auto* f : report::figures(r)) {
    if (f->id == "fig-poverty-0") line = f;
    if (f->id == "fig-poverty-map-0") map = f;
  }
  ASSERT_TRUE(line && map);
  EXPECT_NE(line->notes.command.find("worldsys poverty test-store --line 1.9 --by region"), std::string::npos);
  const Table& t = line->data;
  for (double year : {2000.0, 2001.0}) {
    double world = NAN, num = 0, den = 0;
    for (size_t i = 0; i < t.rows(); ++i) {
      if (t.column("year").num[i] != year) continue;
      const double h = t.column("headcount").num[i], p = t.column("population").num[i];
      if (t.column("group").text[i] == "World") world = h;
      else num += h * p, den += p;
    }
    EXPECT_NEAR(world, num / den, 1e-12) << year;
    EXPECT_NEAR(den, 6e6, 1e-6);
  }
  // The map: AAA in 2001 at $1.90 from its own fit.
  const auto& rows = map->data;
  bool seen = false;
  for (size_t i = 0; i < rows.rows(); ++i) {
    if (rows.column("country").text[i] != "AAA") continue;
    std::vector<double> p, L;
    double cp = 0, cl = 0;
    for (double sh : deciles_poor) cp += 0.1, cl += sh, p.push_back(cp), L.push_back(cl);
    const auto want = distrib::analyse_grouped({p, L, 1.8 * 1.1}, 1.9).measures.headcount;
    EXPECT_NEAR(rows.column("headcount").num[i], want, 1e-9);
    EXPECT_GT(want, 0.2);
    seen = true;
  }
  EXPECT_TRUE(seen);
  EXPECT_NE(map->svg.find("data-key=\"AAA\""), std::string::npos);
  // The page shows every figure and no claims section content without --claims.
  const std::string html = report::render_html(r);
  EXPECT_NE(html.find("id=\"fig-mountain-2001\""), std::string::npos);
  EXPECT_NE(html.find("No claims were checked"), std::string::npos);
}
