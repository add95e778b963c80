// PIP's fill-gaps table with one impossible value: refused at its file:line:col, nothing written (was: a headcount
// of 1.5 for India moved the world to 34.7 %, an empty country code added 1.31 bn people, a NaN decile share made a
// store that could not be read).
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/distributions.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

const char* const kFillgaps = "pip_fillgaps_ppp11_version_0_3_2_9000.csv";

// The real PIP 2011 folder, linked file by file, with the fill-gaps table's row `line` (1-based, header = 1)
// changed by `edit` (fields split at commas).
fs::path damaged(const test::TempDir& tmp, size_t line, const std::function<void(std::vector<std::string>&)>& edit) {
  const fs::path src = test::shared_data() / "poverty/pip_2011ppp", dir = tmp / "pip";
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(src))
    if (e.path().filename() != kFillgaps) fs::create_symlink(e.path(), dir / e.path().filename());
  std::ifstream in(src / kFillgaps);
  std::ostringstream out;
  std::string text;
  for (size_t i = 1; std::getline(in, text); ++i) {
    if (i == line) {
      std::vector<std::string> f;
      std::stringstream ss(text);
      for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
      edit(f);
      text.clear();
      for (size_t k = 0; k < f.size(); ++k) text += (k ? "," : "") + f[k];
    }
    out << text << '\n';
  }
  test::write_file(dir / kFillgaps, out.str());
  return dir;
}

}  // namespace

TEST(PipValues, ImpossibleValuesAreRefusedAtTheirCell) {
  WORLDSYS_REQUIRE_DATA("poverty/pip_2011ppp");
  struct Case {
    size_t field;
    std::string value, message;
  };
  // Fields: 0 country_code, 8 headcount, 16 population, 17 decile1.
  const std::vector<Case> cases = {{8, "1.5", "headcount 1.5 outside 0-1"},
                                   {0, "", "empty country_code"},
                                   {17, "nan", "decile share missing or not a number"},
                                   {16, "-5", "population -5 must be a finite number > 0"},
                                   {18, "0.5", "decile shares sum to"}};
  for (const auto& c : cases) {
    test::TempDir tmp;
    const fs::path dir = damaged(tmp, 2, [&](std::vector<std::string>& f) { f.at(c.field) = c.value; });
    const auto r = test::run_cli(std::vector<std::string>{"import", "pip2011", dir.string(), "--out", (tmp / "s").string()});
    EXPECT_EQ(r.rc, 2) << c.message << ": " << r.err;
    EXPECT_NE(r.err.find(fmt::format("{}:2:", kFillgaps)), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(tmp / "s"));
  }
}

TEST(DistributionStoreValues, ADamagedStoreIsRefusedAtItsCell) {
  // A store's tables are read back with the importers' checks of meaning (a store edited by hand or damaged): each
  // impossible value below is an input error at its file:line:col; the untouched store reads.
  DistributionStore s;
  s.ppp = "2017";
  s.economies.push_back({"ALB", "ECA", "UMC", 2019, 2.9});
  DistributionRow d;
  d.country = d.name = "ALB", d.welfare = "consumption", d.year = 2019, d.population = 2.9, d.mean = 7.5;
  d.gini = 0.3, d.kind = "micro", d.shares = {0.03, 0.05, 0.06, 0.07, 0.08, 0.09, 0.11, 0.13, 0.16, 0.22};
  s.distributions.push_back(d);
  s.published.push_back({"ALB", "national", 2019, 2.15, 0.01, 0.002, 0.001, 0.002});
  s.surveys.push_back({"ALB", "national", 2019});
  test::TempDir t;
  io::write_distribution_store(s, t / "s", false);
  io::read_distribution_store(t / "s");
  // file, the column to change, its new value, what the message says
  const std::vector<std::tuple<std::string, std::string, std::string, std::string>> cases = {
      {"economies.csv", "population", "-2.9", "population -2.9 must be a finite number > 0"},
      {"economies.csv", "country", "", "empty country"},
      {"distributions.csv", "q3", "1.5", "quantile share 1.5 outside [-1, 1]"},
      {"distributions.csv", "q3", "0.5", "quantile shares sum to"},
      {"distributions.csv", "gini", "1.2", "Gini 1.2 outside [0, 1]"},
      {"distributions.csv", "mean", "inf", "mean inf must be a finite number > 0"},
      {"published.csv", "headcount", "1.5", "headcount 1.5 outside [0, 1]"},
      {"published.csv", "line", "0", "line 0 must be a finite number > 0"},
      {"surveys.csv", "survey_year", "inf", "survey_year inf is not a finite number"},
  };
  for (const auto& [file, column, value, message] : cases) {
    const fs::path path = t / "s" / file;
    std::ifstream in(path);
    const std::string saved((std::istreambuf_iterator<char>(in)), {});
    std::istringstream lines(saved);
    std::string header, row;
    std::getline(lines, header), std::getline(lines, row);
    auto split = [](const std::string& line) {
      std::vector<std::string> out(1);
      for (char c : line) {
        if (c == ',') out.emplace_back();
        else out.back().push_back(c);
      }
      return out;
    };
    const std::vector<std::string> names = split(header);
    std::vector<std::string> fields = split(row);
    const size_t col = size_t(std::find(names.begin(), names.end(), column) - names.begin());
    ASSERT_LT(col, names.size()) << file << " " << column;
    fields[col] = value;
    std::string changed = header + "\n";
    for (size_t i = 0; i < fields.size(); ++i) changed += (i ? "," : "") + fields[i];
    changed += "\n";
    test::write_file(path, changed);
    try {
      io::read_distribution_store(t / "s");
      ADD_FAILURE() << file << " " << column << "=" << value << " was read";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::input);
      EXPECT_NE(std::string(e.what()).find(file + ":2:"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
    test::write_file(path, saved);
  }
}
