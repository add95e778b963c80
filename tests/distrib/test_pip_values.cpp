// PIP's fill-gaps table with one impossible value: refused at its file:line:col, nothing written (was: a headcount
// of 1.5 for India moved the world to 34.7 %, an empty country code added 1.31 bn people, a NaN decile share made a
// store that could not be read).
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "support.hpp"

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
