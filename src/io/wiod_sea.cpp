#include "worldsys/io/wiod_sea.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "worldsys/core/error.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/text.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

std::string sea_code(const std::string& r) { return r == "ROM" ? "ROU" : r; }

Sea read_sea(const fs::path& path_or_dir) {
  const fs::path path = fs::is_directory(path_or_dir)
                            ? find_variant(path_or_dir, "WIOD_SEA_Nov16_long", {".csv.gz", ".csv"})
                            : path_or_dir;
  CsvReader csv(read_text(path), path.string());
  if (!csv.next()) fail(ErrorKind::input, path.string() + ": empty file");
  std::vector<std::string> header;
  for (size_t i = 0; i < csv.size(); ++i) header.emplace_back(csv.field(i));
  if (header.size() < 4 || header[0] != "country" || header[1] != "code" || header[2] != "year")
    fail_at(csv.position(0), "expected the SEA long layout 'country,code,year,VAR...'");
  Sea sea;
  sea.path = path.string();
  std::set<std::string> seen;
  while (csv.next()) {
    csv.expect_fields(header.size(), "one value per column of the header");
    const std::string c(csv.field(0)), code(csv.field(1));
    const int year = csv.integer(2);
    if (seen.insert(code).second) sea.industries.push_back(code);
    auto& cell = sea.values[c][year][code];
    for (size_t i = 3; i < header.size(); ++i) {
      const auto f = csv.field(i);
      if (f.empty() || f == "NA") continue;  // missing stays missing, never zero
      cell[header[i]] = csv.number(i);
    }
  }
  return sea;
}

SectorLinks load_sector_links(const std::string& file_or_name, const std::vector<std::string>& nace,
                              const std::vector<std::string>& wiod) {
  std::string text, where = file_or_name;
  if (fs::exists(file_or_name)) {
    text = read_text(file_or_name);
  } else {
    const auto builtin = builtin_file(file_or_name);
    if (!builtin) fail(ErrorKind::usage, fmt::format("'{}' is neither a file nor a built-in concordance", file_or_name));
    text = *builtin, where = file_or_name + " (built in)";
  }
  CsvReader csv(text, where);
  SectorLinks out;
  auto& links = out.links;
  bool header = true;
  while (csv.next()) {
    if (csv.field(0).starts_with("#")) continue;
    if (header) {
      header = false;
      continue;
    }
    if (csv.size() != 2 && csv.size() != 3) csv.expect_fields(2, "nace2,wiod13[,if_no_output]");
    const std::string a(csv.field(0)), b(csv.field(1));
    if (csv.size() == 3 && !csv.field(2).empty()) {
      std::string list(csv.field(2)), one;
      std::istringstream in(list);
      while (in >> one) {
        if (std::find(wiod.begin(), wiod.end(), one) == wiod.end())
          fail_at(csv.position(2), fmt::format("unknown WIOD 2013 sector '{}'", one));
        out.if_no_output[a].push_back(one);
      }
    }
    if (std::find(nace.begin(), nace.end(), a) == nace.end())
      fail_at(csv.position(0), fmt::format("unknown SEA industry '{}'", a));
    if (std::find(wiod.begin(), wiod.end(), b) == wiod.end())
      fail_at(csv.position(1), fmt::format("unknown WIOD 2013 sector '{}'", b));
    links.emplace_back(a, b);
  }
  for (const auto& a : nace)
    if (std::none_of(links.begin(), links.end(), [&](const auto& l) { return l.first == a; }))
      fail(ErrorKind::input, fmt::format("{}: SEA industry '{}' has no row; its workers would be lost", where, a));
  return out;
}

namespace {

enum Var { kHours, kEmp, kComp, kVars };
const char* const kNames[kVars] = {"labour_hours", "employment", "labour_compensation"};
const char* const kUnits[kVars] = {"M h", "1000 persons", "M USD"};

std::optional<double> value(const std::map<std::string, double>& cell, const char* var) {
  auto it = cell.find(var);
  if (it == cell.end()) return std::nullopt;
  return it->second;
}

}  // namespace

void add_sea_satellites(Mrio& m, const Sea& sea, const Pwt& pwt, const SeaOptions& opt) {
  if (!m.provenance.year) fail(ErrorKind::input, "the table has no year; SEA satellites need one");
  const int year = *m.provenance.year;
  const size_t R = m.regions.size(), NS = m.sectors.size();
  const size_t va_k = m.stressor_index("value_added");
  const auto links = load_sector_links(opt.concordance, sea.industries, m.sectors);
  auto sector_index = [&](const std::string& s) {
    return size_t(std::find(m.sectors.begin(), m.sectors.end(), s) - m.sectors.begin());
  };

  Matrix F(kVars, m.n());
  std::vector<std::vector<Imputation>> flags(kVars);
  std::set<std::string> wiod_iso;
  // The donors' hours per person engaged, straight from the SEA: the fill where PWT has no avh.
  double donor_h = 0, donor_e = 0;
  for (const auto& d : opt.row_donors) {
    auto c = sea.values.find(sea_code(d));
    if (c == sea.values.end() || !c->second.count(year)) continue;
    for (const auto& [ind, cell] : c->second.at(year)) {
      const auto h = value(cell, "H_EMPE"), e = value(cell, "EMPE"), p = value(cell, "EMP");
      if (h && e && p && *e > 0) donor_h += *h * *p / *e, donor_e += *p;
    }
  }
  const double donor_hpp = donor_e > 0 ? donor_h / donor_e : NAN;
  size_t row = R;
  for (size_t r = 0; r < R; ++r) {
    if (m.regions[r] == "RoW") {
      row = r;
      continue;
    }
    const std::string code = sea_code(m.regions[r]);
    wiod_iso.insert(code);
    auto c = sea.values.find(code);
    if (c == sea.values.end() || !c->second.count(year))
      fail(ErrorKind::input, fmt::format("{}: no SEA rows for {} in {}; SEA satellites need every WIOD country "
                                         "(years 2000-2014)",
                                         sea.path, code, year));
    const auto& cells = c->second.at(year);

    // Hours per person engaged for industries without employee hours: the country's own average, else PWT avh,
    // else (a PWT without avh, e.g. 10.01) the donors' SEA average.
    double h_sum = 0, e_sum = 0;
    for (const auto& [ind, cell] : cells) {
      const auto h = value(cell, "H_EMPE"), e = value(cell, "EMPE"), p = value(cell, "EMP");
      if (h && e && p && *e > 0) h_sum += *h * *p / *e, e_sum += *p;
    }
    double fallback_hpp = e_sum > 0 ? h_sum / e_sum : NAN;  // M h per 1000 persons
    if (e_sum == 0) {
      if (const auto avh = pwt.get(code, year, "avh")) {
        fallback_hpp = *avh / 1000.0;  // h per person -> M h per 1000 persons
        flags[kHours].push_back({m.regions[r], fmt::format("no employee hours in the SEA: persons engaged (EMP) x "
                                                           "average annual hours per person engaged ({:.0f} h, {} "
                                                           "avh)",
                                                           *avh, pwt.source)});
      } else {
        fallback_hpp = donor_hpp;
        flags[kHours].push_back({m.regions[r], fmt::format("no employee hours in the SEA and no avh in {}: persons "
                                                           "engaged (EMP) x the RoW donors' hours per person engaged "
                                                           "({:.0f} h, SEA)",
                                                           pwt.source, donor_hpp * 1000.0)});
      }
    }
    double xr = NAN;
    for (const auto& [ind, cell] : cells)
      if (auto v = value(cell, "NOMEXCH")) xr = *v;
    if (!std::isfinite(xr)) {
      const auto pxr = pwt.get(code, year, "xr");
      if (!pxr) fail(ErrorKind::input, fmt::format("{}: no NOMEXCH for {} {} and no PWT xr", sea.path, code, year));
      xr = *pxr;
      flags[kComp].push_back(
          {m.regions[r], fmt::format("no NOMEXCH in the SEA: converted with {} xr = {:.4g} LCU/USD", pwt.source, xr)});
    }

    for (const auto& ind : sea.industries) {
      auto it = cells.find(ind);
      if (it == cells.end()) continue;
      const auto& cell = it->second;
      const auto emp = value(cell, "EMP"), empe = value(cell, "EMPE"), h = value(cell, "H_EMPE"),
                 lab = value(cell, "LAB");
      double v[kVars] = {0, emp.value_or(0), lab ? *lab / xr : 0};
      // Split over the linked WIOD13 industries by gross output.
      std::vector<size_t> to;
      for (const auto& [a, b] : links.links)
        if (a == ind) to.push_back(sector_index(b));
      double xs = 0;
      for (size_t j : to) xs += m.x[r * NS + j];
      if (xs <= 0 && links.if_no_output.count(ind)) {
        std::string from;
        for (size_t j : to) from += (from.empty() ? "" : " ") + m.sectors[j];
        to.clear();
        for (const auto& b : links.if_no_output.at(ind)) to.push_back(sector_index(b));
        for (size_t j : to)
          for (int k = 0; k < kVars; ++k)
            if (emp.value_or(0) > 0 || lab.value_or(0) != 0)
              flags[k].push_back(
                  {m.regions[r] + "/" + m.sectors[j],
                   fmt::format("includes SEA industry {}: its WIOD13 sector {} has no output here", ind, from)});
        xs = 0;
        for (size_t j : to) xs += m.x[r * NS + j];
      }
      if (h && empe && *empe > 0 && emp) {
        v[kHours] = *h * *emp / *empe;
      } else if (emp && *emp > 0) {
        v[kHours] = *emp * fallback_hpp;
        if (e_sum > 0)
          for (size_t j : to)
            flags[kHours].push_back({m.regions[r] + "/" + m.sectors[j],
                                     fmt::format("SEA industry {} has persons engaged but no employee hours: EMP x "
                                                 "the country's hours per person engaged",
                                                 ind)});
      }
      for (size_t j : to) {
        const double w = xs > 0 ? m.x[r * NS + j] / xs : 1.0 / to.size();
        for (int k = 0; k < kVars; ++k) F(k, r * NS + j) += w * v[k];
      }
    }
  }

  if (row < R) {
    // Donor labour per unit of output, and labour share of value added, by WIOD13 industry.
    std::vector<double> dx(NS), dva(NS), dF[kVars];
    for (auto& d : dF) d.assign(NS, 0);
    double d_hours = 0, d_emp = 0;
    for (const auto& name : opt.row_donors) {
      const size_t r = std::find(m.regions.begin(), m.regions.end(), name) - m.regions.begin();
      if (r >= R || r == row) fail(ErrorKind::usage, fmt::format("RoW donor '{}' is not a WIOD country", name));
      for (size_t j = 0; j < NS; ++j) {
        const size_t i = r * NS + j;
        dx[j] += m.x[i];
        dva[j] += m.F(va_k, i);
        for (int k = 0; k < kVars; ++k) dF[k][j] += F(k, i);
        d_hours += F(kHours, i);
        d_emp += F(kEmp, i);
      }
    }
    // PWT totals over every country outside the WIOD 40.
    double emp_total = 0, hours_total = 0;
    size_t n_avh = 0, n_fill = 0;
    for (const auto& iso : pwt.countries("emp")) {
      if (wiod_iso.count(iso)) continue;
      const auto e = pwt.get(iso, year, "emp");
      if (!e) continue;
      const auto avh = pwt.get(iso, year, "avh");
      emp_total += *e * 1000.0;  // millions -> thousands
      if (avh) {
        hours_total += *e * *avh;  // millions of persons x h = M h
        ++n_avh;
      } else {
        hours_total += *e * 1000.0 * d_hours / d_emp;
        ++n_fill;
      }
    }
    if (emp_total <= 0) fail(ErrorKind::input, fmt::format("{}: no emp for {} outside WIOD", pwt.source, year));
    const double total[kVars] = {hours_total, emp_total, 0};
    for (int k : {kHours, kEmp}) {
      std::vector<double> raw(NS);
      double sum = 0;
      for (size_t j = 0; j < NS; ++j) {
        raw[j] = dx[j] > 0 ? m.x[row * NS + j] * dF[k][j] / dx[j] : 0;
        sum += raw[j];
      }
      for (size_t j = 0; j < NS; ++j) F(k, row * NS + j) = sum > 0 ? total[k] * raw[j] / sum : 0;
    }
    for (size_t j = 0; j < NS; ++j) {
      const double share = dva[j] > 0 ? std::clamp(dF[kComp][j] / dva[j], 0.0, 1.0) : 0;
      F(kComp, row * NS + j) = std::max(0.0, m.F(va_k, row * NS + j)) * share;
    }
    std::string donors;
    for (const auto& d : opt.row_donors) donors += (donors.empty() ? "" : " ") + d;
    flags[kHours].push_back(
        {"RoW", fmt::format("{} emp x avh over {} countries outside WIOD ({} without avh at the donors' {:.0f} h per "
                            "person), spread by RoW output x hours per output of donors [{}]",
                            pwt.source, n_avh + n_fill, n_fill, 1000.0 * d_hours / d_emp, donors)});
    flags[kEmp].push_back({"RoW", fmt::format("{} emp over {} countries outside WIOD, spread by RoW output x "
                                              "persons per output of donors [{}]",
                                              pwt.source, n_avh + n_fill, donors)});
    flags[kComp].push_back(
        {"RoW", fmt::format("RoW value added x the donors' labour share of value added by industry [{}]", donors)});
  }

  // Hours in industries without output cannot be embodied in any flow; say how many there are.
  double lost = 0;
  for (size_t i = 0; i < m.n(); ++i)
    if (m.x[i] <= 0) lost += F(kHours, i);

  Matrix newF(m.F.rows() + kVars, m.n());
  for (size_t i = 0; i < m.n(); ++i) {
    for (size_t k = 0; k < m.F.rows(); ++k) newF(k, i) = m.F(k, i);
    for (int k = 0; k < kVars; ++k) newF(m.F.rows() + k, i) = F(k, i);
  }
  Matrix newFY(m.F_Y.rows() + kVars, m.F_Y.cols());
  for (size_t j = 0; j < m.F_Y.cols(); ++j)
    for (size_t k = 0; k < m.F_Y.rows(); ++k) newFY(k, j) = m.F_Y(k, j);
  m.F = std::move(newF);
  m.F_Y = std::move(newFY);
  const std::string src =
      fmt::format("WIOD SEA Nov16 {} via {} (56 NACE2 -> 35 WIOD13, split by output)", year, opt.concordance);
  const std::string notes[kVars] = {
      src + "; H_EMPE x EMP/EMPE: hours of all persons engaged" +
          (lost > 0 ? fmt::format("; {:.1f} M h in industries without output (not embodied in any flow)", lost) : ""),
      src + "; EMP: persons engaged", src + "; LAB (labour compensation incl. the self-employed) / NOMEXCH"};
  for (int k = 0; k < kVars; ++k) m.stressors.push_back({kNames[k], kUnits[k], notes[k], flags[k]});

  // Value added split: labour compensation and the rest (WIOD13 value added is x - column sums of Z, so the rest
  // holds capital income, net taxes on products and margins; it can be negative where LAB exceeds it).
  Matrix withRest(m.F.rows() + 1, m.n());
  const size_t comp_k = m.stressor_index("labour_compensation");
  for (size_t i = 0; i < m.n(); ++i) {
    for (size_t k = 0; k < m.F.rows(); ++k) withRest(k, i) = m.F(k, i);
    withRest(m.F.rows(), i) = m.F(va_k, i) - m.F(comp_k, i);
  }
  Matrix fyRest(m.F_Y.rows() + 1, m.F_Y.cols());
  for (size_t j = 0; j < m.F_Y.cols(); ++j)
    for (size_t k = 0; k < m.F_Y.rows(); ++k) fyRest(k, j) = m.F_Y(k, j);
  m.F = std::move(withRest);
  m.F_Y = std::move(fyRest);
  m.stressors.push_back({"value_added_other", "M USD",
                         "value_added - labour_compensation: capital income, net product taxes and margins",
                         flags[kComp]});
  m.provenance.history.push_back(fmt::format("satellites: {} ({}, {})", src, sea.path, pwt.source));
}

}  // namespace worldsys::io
