// OECD Inter-Country Input-Output tables, releases 2016, 2018, 2021 and 2023 (extended and _SML): one CSV per
// year (bare, in a zip, or in a bundle zip of several years), one header row and one label column, labels
// REGION_SECTOR split at the first underscore. Blocks are found by label, never by position: the 2023 release
// renamed the totals (OUTPUT/TOTAL -> OUT) and the factor rows (VALU/*_TAXSUB -> VA/TLS), and the 2016 release
// writes final demand category-first (HFCE_AUS). The China and Mexico splits (CN1, CN2, MX1, MX2) are added into
// CHN and MEX, or kept as regions of their own (ImportOptions::keep_splits). Layout notes:
// ../shared/formats/oecd_icio.md.
#include <fmt/format.h>

#include <map>
#include <regex>
#include <set>

#include "io/labels.hpp"
#include "io/wide.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/text_table.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kTotals = {"OUT", "OUTPUT", "TOTAL", "DISC"};
// Final-demand codes of every release (2016: NPS, INV, DIRP; 2018: P33; 2021/2023: DPABR).
const std::set<std::string> kFinalDemand = {"HFCE", "NPISH", "NPS", "GGFC", "GFCF", "INVNT", "INV", "P33", "DPABR", "DIRP"};

bool is_factor_row(const std::string& label) {
  return label == "TLS" || label == "VA" || label == "VALU" || label == "VA+TAXSUB" ||
         label.find("TAXSUB") != std::string::npos;
}

// CN1..CN4 -> CHN, MX1..MX3 -> MEX; empty when not a split region.
std::string split_parent(const std::string& region) {
  static const std::regex re("(CN|MX)[0-9]");
  if (!std::regex_match(region, re)) return "";
  return region[0] == 'C' ? "CHN" : "MEX";
}

}  // namespace

std::optional<Concordance> split_regions(const std::vector<std::string>& regions) {
  Concordance c{"oecd-icio-splits (CN1, CN2 -> CHN; MX1, MX2 -> MEX)", {}, {}};
  bool any = false;
  for (const auto& r : regions) {
    const std::string parent = split_parent(r);
    any = any || !parent.empty();
    const std::string country = parent.empty() ? r : parent;
    auto it = std::find(c.groups.begin(), c.groups.end(), country);
    if (it == c.groups.end()) it = c.groups.insert(c.groups.end(), country);
    c.group_of.push_back(size_t(it - c.groups.begin()));
  }
  if (!any) return std::nullopt;
  return c;
}

Mrio read_oecd_icio(const fs::path& source, const ImportOptions& options) {
  auto bundle = Bundle::open(source);
  // November-2023 bundles hold one zip per year: open the year's zip inside.
  for (const auto& f : bundle->files()) {
    const std::string base = ascii_lower(f.substr(f.rfind('/') + 1));
    if (std::regex_match(base, std::regex(R"(\d{4}(_sml)?\.zip)")) &&
        (!options.year || base.starts_with(std::to_string(*options.year)))) {
      bundle = bundle->open_nested(f);
      break;
    }
  }
  const std::string file =
      bundle->select(R"((icio20(16|18|21|23)_)?\d{4}(_sml)?\.csv(\.gz)?)", options.year, "OECD ICIO CSV (YYYY.csv, "
                                                                                         "YYYY_SML.csv, ICIO2021_YYYY.csv)");
  const TextTable t = read_table(*bundle, file, csv_spec(1, options.threads));
  const auto& cols = t.columns[0];
  const auto& rows = t.row_labels[0];

  detail::WideRules rules;
  rules.is_total = [](const std::string& l) { return kTotals.count(l) > 0; };
  rules.is_output_column = [](const std::string& l) { return l != "DISC"; };
  rules.is_factor = is_factor_row;
  rules.final_demand = kFinalDemand;
  if (options.keep_splits)  // rows of their own; their final demand is in CHN's and MEX's columns
    rules.may_lack_final_demand = [](const std::string& r) { return !split_parent(r).empty(); };
  else
    rules.parent_region = split_parent;
  rules.unit = "M USD";
  rules.factor_note = "factor-input row of the OECD ICIO";
  Mrio m = detail::wide_to_mrio(t, rules);
  const bool has_tls = std::find(rows.begin(), rows.end(), "TLS") != rows.end();
  const bool fd_first = std::any_of(cols.begin(), cols.end(), [](const std::string& c) { return c.starts_with("HFCE_"); });
  const std::string release = t.header[0][0] == "V1" ? (has_tls ? "2023" : "2021") : fd_first ? "2016" : "2018";
  m.provenance.source = fmt::format("OECD Inter-Country Input-Output table ({} layout), {}", release,
                                    bundle->display(file));
  m.provenance.licence = "OECD terms and conditions (free re-use with attribution); cite OECD ICIO";
  std::smatch mm;
  const std::string base = fs::path(file).filename().string();
  if (std::regex_search(base, mm, std::regex(R"((\d{4})(_SML)?\.csv)", std::regex::icase)))
    m.provenance.year = std::stoi(mm[1]);
  validate(m, bundle->display(file));
  return m;
}

}  // namespace worldsys::io
