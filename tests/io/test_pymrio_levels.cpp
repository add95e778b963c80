// pymrio folders whose extensions have several stressor index levels, as pymrio's own test system saved with
// save_all writes them (emissions: stressor x compartment): every row imported, named by its levels.
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/store.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

// The fixture's satellite extension rewritten as pymrio writes a (stressor, compartment) MultiIndex.
void two_levels(const fs::path& ext) {
  test::write_file(ext / "file_parameters.json", R"({
    "files": {
        "F": {"name": "F.txt", "nr_index_col": "2", "nr_header": "2"},
        "F_Y": {"name": "F_Y.txt", "nr_index_col": "2", "nr_header": "2"},
        "unit": {"name": "unit.txt", "nr_index_col": "2", "nr_header": "1"}
    },
    "name": "Emissions",
    "systemtype": "Extension"
})");
  for (const char* file : {"F.txt", "F_Y.txt"}) {
    std::ifstream in(ext / file);
    std::ostringstream out;
    std::string line;
    for (int i = 0; std::getline(in, line); ++i) {
      const size_t tab = line.find('\t');
      const std::string first = line.substr(0, tab), rest = line.substr(tab);
      if (i < 2) out << first << '\t' << rest << '\n';             // column levels: one more empty cell
      else if (i == 2) out << "stressor\tcompartment" << rest << '\n';  // the index-name line
      else out << first << '\t' << (i == 3 ? "air" : "water") << rest << '\n';
    }
    test::write_file(ext / file, out.str());
  }
  test::write_file(ext / "unit.txt", "stressor\tcompartment\tunit\nco2\tair\tkt\nemployment\twater\t1000 persons\n");
}

// The pymrio fixture as a folder, its satellite extension with two index levels.
io::Fixture two_level_fixture(const test::TempDir& tmp) {
  io::FixtureOptions o;
  o.variant = "folder";
  io::Fixture fx = io::write_fixture("pymrio", tmp.path, o);
  two_levels(fx.path / "satellite");
  return fx;
}

}  // namespace

TEST(PymrioLevels, MultiIndexStressorsImportNamedByTheirLevels) {
  test::TempDir tmp;
  const io::Fixture fx = two_level_fixture(tmp);
  const Mrio m = io::import_table("pymrio", fx.path, {});
  ASSERT_EQ(m.stressors.size(), 2u);
  EXPECT_EQ(m.stressors[0].name, "co2 - air");
  EXPECT_EQ(m.stressors[0].unit, "kt");
  EXPECT_EQ(m.stressors[1].name, "employment - water");
  EXPECT_EQ(m.stressors[1].unit, "1000 persons");
  for (size_t j = 0; j < m.n(); ++j) {
    EXPECT_DOUBLE_EQ(m.F(0, j), fx.expected.F(0, j));
    EXPECT_DOUBLE_EQ(m.F(1, j), fx.expected.F(1, j));
  }
  for (size_t j = 0; j < m.F_Y.cols(); ++j) EXPECT_DOUBLE_EQ(m.F_Y(0, j), fx.expected.F_Y(0, j));
}

TEST(PymrioLevels, UnitsOfOtherLevelsAndBadCountsAreInputErrors) {
  test::TempDir tmp;
  const io::Fixture fx = two_level_fixture(tmp);
  auto error = [&] {
    try {
      io::import_table("pymrio", fx.path, {});
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("(imported)");
  };
  test::write_file(fx.path / "satellite" / "unit.txt", "stressor\tunit\nco2\tkt\nemployment\t1000 persons\n");
  EXPECT_NE(error().find("unit.txt:2:1: expected 3 fields (2 index levels and the unit), found 2"), std::string::npos)
      << error();
  test::write_file(fx.path / "satellite" / "unit.txt", "stressor\tcompartment\tunit\nco2\twater\tkt\nemployment\twater\tp\n");
  EXPECT_NE(error().find("expected stressor 'co2 - air' (row 1 of"), std::string::npos) << error();
  std::string params;
  {
    std::ifstream in(fx.path / "satellite" / "file_parameters.json");
    params.assign(std::istreambuf_iterator<char>(in), {});
  }
  params.replace(params.find("\"nr_index_col\": \"2\""), 19, "\"nr_index_col\": \"9\"");
  test::write_file(fx.path / "satellite" / "file_parameters.json", params);
  EXPECT_NE(error().find("nr_index_col is \"9\"; expected 1 to 4 index levels"), std::string::npos) << error();
}

TEST(PymrioExport, AStoreComesBackExactlyThroughPymriosLayout) {
  test::TempDir tmp;
  const auto r = test::run_cli(std::vector<std::string>{"export", "pymrio", io::default_store_path().string(),
                                                        (tmp / "pm").string()});
  ASSERT_EQ(r.rc, 0) << r.err;
  for (const char* f : {"file_parameters.json", "metadata.json", "Z.txt", "Y.txt", "x.txt", "unit.txt",
                        "satellites/F.txt", "satellites/F_Y.txt", "satellites/unit.txt", "satellites/file_parameters.json"})
    EXPECT_TRUE(fs::is_regular_file(tmp / "pm" / f)) << f;
  const Mrio back = io::import_table("pymrio", tmp / "pm", {});
  const Mrio store = io::read_store(io::default_store_path().string());
  EXPECT_EQ(back.regions, store.regions);
  ASSERT_EQ(back.stressors.size(), store.stressors.size());
  for (size_t k = 0; k < store.stressors.size(); ++k) EXPECT_EQ(back.stressors[k].name, store.stressors[k].name);
  for (size_t j = 0; j < store.n(); ++j) {
    EXPECT_EQ(back.x[j], store.x[j]);
    for (size_t i = 0; i < store.n(); ++i) ASSERT_EQ(back.Z(i, j), store.Z(i, j));
    for (size_t k = 0; k < store.stressors.size(); ++k) ASSERT_EQ(back.F(k, j), store.F(k, j));
  }
  const auto again = test::run_cli(std::vector<std::string>{"export", "pymrio", io::default_store_path().string(),
                                                            (tmp / "pm").string()});
  EXPECT_EQ(again.rc, 2);
  EXPECT_NE(again.err.find("never replaces anything"), std::string::npos) << again.err;
}
