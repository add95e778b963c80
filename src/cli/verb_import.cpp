#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <optional>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/co2.hpp"
#include "worldsys/io/distributions.hpp"
#include "worldsys/io/factors.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/wiod_sea.hpp"

namespace worldsys::cli {

namespace {

// Income-distribution and GDP sources: imported whole into a distribution store.
io::DistributionStore read_distributions(const std::string& format, const std::string& dir, bool dta,
                                         const std::string& release) {
  if (format == "pip2021") return io::read_pip2021(dir, release);
  if (format == "pip2011") return io::read_pip2011(dir, dta);
  if (format == "lakner-milanovic") return io::read_lakner_milanovic(dir);
  if (format == "maddison") return io::read_maddison(dir);
  if (format == "gapminder") return io::read_gapminder(dir);
  if (format == "wdi") return io::read_wdi(dir);
  if (format == "owid-pip2017") return io::read_owid_pip(dir, "2017");
  if (format == "owid-pip2011") return io::read_owid_pip(dir, "2011");
  if (format == "wid") return io::read_wid(dir);
  return io::read_pwt_gdp(dir);
}

const std::vector<std::string> kDistributionFormats = {"pip2021", "pip2011", "lakner-milanovic", "maddison", "pwt", "gapminder",
                                                       "wdi",     "owid-pip2017",     "owid-pip2011", "wid"};

}  // namespace

void add_import(CLI::App& app) {
  struct Args {
    std::string format, dir, year, years, out, system, country, sea, pwt, environment, factors, release;
    std::vector<std::string> satellites, row_donors;
    bool force = false, dta = false, compress = false, float32 = false, keep_splits = false;
    unsigned threads = 0;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("import", "Parse a published table once into a store (meta.json + .npy matrices)");
  cmd->footer(
      "Examples:\n"
      "  worldsys import wiod2013 ../shared/data/mrio/wiod2013 --year 2011 --out wiod2011\n"
      "  worldsys import wiod2013 ../shared/data/mrio/wiod2013 --years 1995-2011 --out wiod-panel\n"
      "  worldsys import wiod2013 ../shared/data/mrio/wiod2013 --years 2000-2011 --satellites sea --out wiod-sea\n"
      "  worldsys import exiobase3 IOT_2022_pxp.zip --out exio2022\n"
      "--satellites sea adds labour_hours (M h), employment (1000 persons) and labour_compensation (M USD) from\n"
      "the WIOD 2016 Socio-Economic Accounts (years 2000-2014), gaps filled from the Penn World Table and flagged\n"
      "in meta.json ('imputed'); see docs/methods/unequal_exchange.md. --satellites co2 adds co2 (Mt CO2): GCP\n"
      "territorial CO2 split by CAIT sectors onto industries and households (docs/co2_vs_gcp.md).\n"
      "--float32 writes Z, Y, F and F_Y as float32 .npy: half the disk, a relative error below 6e-8 per cell\n"
      "(footprints: see docs/formats.md); every verb reads such a store (converted to double on load).\n"
      "Canonical factors: the release's satellite rows summed into labour_hours (and _low/_medium/_high,\n"
      "_female/_male), employment, labour_compensation, value_added, co2, ghg_gwp100, materials, land, energy,\n"
      "water where the release publishes them (built in for EXIOBASE 3; docs/methods/factors.md); `worldsys info`\n"
      "shows each one's rows, and every verb takes the names. --factors FILE adds or overrides factors.\n"
      "A panel is a directory with one store per year (wiod-panel/1995, ...). Value added (x - column sums of Z)\n"
      "is added as the stressor value_added. numpy reads every matrix: np.load('wiod2011/Z.npy', mmap_mode='r').\n"
      "Income distributions become a distribution store (meta.json + tidy CSV; every year, or a period with\n"
      "--years; --compress writes the CSV tables gzip-compressed):\n"
      "  worldsys import pip2021 ../shared/data/poverty --out pip21   # PIP 2021 PPP, March 2026, to 2024 + nowcasts\n"
      "  worldsys import pip2021 ../shared/data/poverty --release 2025-09 --out pip21-sep25\n"
      "  worldsys import pip2011 ../shared/data/poverty/pip_2011ppp --out pip11\n"
      "  worldsys import lakner-milanovic ../shared/data/poverty/lakner_milanovic --out lm\n"
      "  worldsys import maddison ../shared/data/gdp/maddison_2020_owid --out maddison   # GDP per capita\n"
      "  worldsys import pwt /usr/lib/R/site-library/pwt9 --out pwt91   # or ../shared/data/gdp/pwt_10_01_open_numbers\n"
      "  worldsys import gapminder ../shared/data/poverty/gapminder/older_2021 --out gapminder   # 50 brackets\n"
      "  worldsys import wdi ../shared/data/poverty/wdi_2021ppp --out wdi   # headcounts at $3.00/4.20/8.30\n"
      "  worldsys import owid-pip2017 ../shared/data/poverty/owid_pip/pip_2017ppp_2022-10 --out owid17\n"
      "  worldsys import wid ../shared/data/poverty/wid --out wid   # pre-tax decile shares per adult\n"
      "  worldsys import pip2011 ../shared/data/poverty/pip_2011ppp --years 1990-2019 --compress --out pip11-small");
  std::vector<std::string> formats = kDistributionFormats;
  std::string help = "Source format:";
  for (const auto& f : io::import_formats()) formats.push_back(f.name), help += "\n  " + f.name + ": " + f.summary;
  help += "\n  " + fmt::format("{}", fmt::join(kDistributionFormats, ", ")) + ": income distributions and GDP";
  cmd->add_option("format", args->format, help)->required()->check(CLI::IsMember(formats));
  cmd->add_option("dir", args->dir, "The source: a folder, a zip archive or a file")->required();
  cmd->add_option("--system", args->system,
                  "Table system where a release has several (EXIOBASE: pxp, ixi; FIGARO: ixi, pxp, or sut = supply "
                  "and use converted to ixi)");
  cmd->add_option("--country", args->country, "Country of a national table (WIOD 2016 NIOT), e.g. DEU");
  cmd->add_flag("--keep-splits", args->keep_splits,
                "oecd-icio: keep China's and Mexico's sub-tables (CN1, CN2, MX1, MX2) as rows of their own instead of "
                "adding them into CHN and MEX (worldsys gvc then treats each set as one country, as exvatools does)");
  cmd->add_option("--threads", args->threads, "Parse threads (default: all cores)");
  auto* year = cmd->add_option("--year", args->year, "One year, e.g. 2011");
  auto* years = cmd->add_option("--years", args->years, "A range of years: a panel of MRIO tables, or the period kept of a distribution source, e.g. 1995-2011");
  year->excludes(years);
  cmd->add_option("--out,-o", args->out, "Store directory to create")->required();
  cmd->add_flag("--force", args->force, "Replace an existing store at --out");
  cmd->add_flag("--float32", args->float32, "Store the matrices as float32 (half the disk; see below)");
  cmd->add_option("--satellites", args->satellites,
                  "wiod2013: add satellites: sea (WIOD Socio-Economic Accounts: labour), co2 (GCP/CAIT), or sea,co2")
      ->delimiter(',')
      ->check(CLI::IsMember({"sea", "co2"}));
  cmd->add_option("--factors", args->factors,
                  "A factor concordance (CSV: factor,rows,row_unit,weight,unit; `*` in rows = any text) adding "
                  "canonical factors or replacing the built-in ones of the same name (docs/methods/factors.md)");
  cmd->add_option("--environment", args->environment, "Folder with the OWID/GCP and CAIT CO2 files (default: "
                                                      "DIR/../../environment)");
  cmd->add_option("--sea", args->sea, "SEA file or folder (default: DIR/../wiod2016)");
  cmd->add_option("--pwt", args->pwt,
                  std::string("Penn World Table for the gaps: PWT 9.1 R package folder (default ") +
                      io::kPwt91DebianDir + ", Debian r-cran-pwt9) or a PWT 10.01 open-numbers folder (no avh)");
  cmd->add_option("--row-donors", args->row_donors, "WIOD countries whose labour per output shapes RoW's industries")
      ->delimiter(',');
  cmd->add_flag("--compress", args->compress,
                "Income distributions and GDP: write the store's tables gzip-compressed (NAME.csv.gz)");
  cmd->add_flag("--dta", args->dta, "pip2011: read the original Stata .dta instead of the CSV (libreadstat)");
  cmd->add_option("--release", args->release, "pip2021: the PIP release, 2026-03 (March 2026, default) or 2025-09")
      ->check(CLI::IsMember({"2026-03", "2025-09"}));
  cmd->callback([args] {
    // An option the format does not read is an error, never silently ignored.
    const bool distribution =
        std::find(kDistributionFormats.begin(), kDistributionFormats.end(), args->format) != kDistributionFormats.end();
    auto only = [&](bool given, const char* option, bool applies, const char* formats) {
      if (given && !applies)
        fail(ErrorKind::usage, fmt::format("{} does not apply to {} (it is for {})", option, args->format, formats));
    };
    only(!args->system.empty(), "--system",
         args->format == "exiobase3" || args->format == "figaro" || args->format == "eora26",
         "exiobase3, figaro and eora26");
    only(!args->country.empty(), "--country", args->format == "wiod2016-niot", "wiod2016-niot");
    only(args->keep_splits, "--keep-splits", args->format == "oecd-icio", "oecd-icio");
    only(args->dta, "--dta", args->format == "pip2011", "pip2011");
    only(!args->release.empty(), "--release", args->format == "pip2021", "pip2021");
    only(args->compress, "--compress", distribution, "income distributions and GDP");
    only(!args->factors.empty(), "--factors", !distribution, "input-output tables");
    if (distribution) {
      if (args->float32) fail(ErrorKind::usage, "--float32 is for tables (a distribution store is CSV)");
      if (!args->year.empty())
        fail(ErrorKind::usage, fmt::format("{} is imported as a panel: give a period with --years, or no years "
                                           "for all of them", args->format));
      io::DistributionStore s = read_distributions(args->format, args->dir, args->dta, args->release);
      if (!args->years.empty()) {
        const auto ys = api::parse_years(args->years);
        io::keep_years(s, ys.front(), ys.back());
        if (s.economies.empty() && s.distributions.empty())
          fail(ErrorKind::usage, fmt::format("{} has no data in {}", args->dir, args->years));
      }
      s.command = command_line();
      io::write_distribution_store(s, args->out, args->force, args->compress);
      std::cerr << fmt::format("wrote {} ({} distributions, {} economy-years)\n", args->out, s.distributions.size(),
                               s.economies.size());
      return;
    }
    const auto dtype = args->float32 ? io::StoreDtype::float32 : io::StoreDtype::float64;
    if (!args->satellites.empty() && args->format != "wiod2013")
      fail(ErrorKind::usage, "--satellites is for wiod2013 tables (they carry no satellite accounts of their own)");
    std::optional<io::Sea> sea;
    std::optional<io::Pwt> pwt;
    std::optional<io::Co2Data> co2;
    io::SeaOptions sea_opt;
    auto wants = [&](const char* s) {
      return std::find(args->satellites.begin(), args->satellites.end(), s) != args->satellites.end();
    };
    if (wants("co2"))
      co2 = io::read_co2(args->environment.empty() ? std::filesystem::path(args->dir) / ".." / ".." / "environment"
                                                   : std::filesystem::path(args->environment));
    if (wants("sea")) {
      sea_opt.sea = args->sea.empty() ? std::filesystem::path(args->dir) / ".." / "wiod2016"
                                      : std::filesystem::path(args->sea);
      sea_opt.pwt = args->pwt.empty() ? std::string(io::kPwt91DebianDir) : args->pwt;
      if (!args->row_donors.empty()) sea_opt.row_donors = args->row_donors;
      sea = io::read_sea(sea_opt.sea);
      pwt = io::read_pwt(sea_opt.pwt);
    }
    const auto factor_rules = io::factor_rules(args->format, args->factors);
    auto make = [&](std::optional<int> y) {
      Mrio m = io::import_table(args->format, args->dir,
                                {y, args->system, args->country, args->threads, args->keep_splits});
      if (sea) io::add_sea_satellites(m, *sea, *pwt, sea_opt);
      if (co2) io::add_co2_satellite(m, *co2);
      add_factors(m, factor_rules);
      m.provenance.balance = balance_of(m);
      if (m.provenance.balance->total > kBalanceWarning)  // said, not refused: published tables are what they are
        std::cerr << fmt::format("worldsys import: warning: {}{} does not balance: |x - Z1 - Y1| is {:.3g} % of output "
                                 "(worst row {}: {:.3g} %); footprints carry it as the imbalance column "
                                 "(docs/accounts.md)\n",
                                 args->dir, y ? fmt::format(" {}", *y) : "", 100 * m.provenance.balance->total,
                                 m.provenance.balance->worst_row, 100 * m.provenance.balance->worst);
      m.provenance.command = command_line();
      return m;
    };
    if (args->year.empty() && args->years.empty()) {
      io::write_store(make(std::nullopt), args->out, args->force, dtype);
      std::cerr << fmt::format("wrote {}\n", args->out);
      return;
    }
    if (!args->year.empty()) {
      const auto ys = api::parse_years(args->year);
      if (ys.size() != 1) fail(ErrorKind::usage, "--year takes one year; use --years for a range");
      io::write_store(make(ys[0]), args->out, args->force, dtype);
      std::cerr << fmt::format("wrote {} ({})\n", args->out, ys[0]);
      return;
    }
    const auto ys = api::parse_years(args->years);
    Progress progress("importing");
    io::write_panel(ys, make, args->out, args->force, std::ref(progress), dtype);
    std::cerr << fmt::format("wrote panel {} ({} years, {}-{})\n", args->out, ys.size(), ys.front(), ys.back());
  });
}

}  // namespace worldsys::cli
