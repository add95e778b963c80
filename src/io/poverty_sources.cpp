// Poverty and inequality sources besides PIP and Lakner–Milanovic: Gapminder bracket counts, WDI headcounts,
// the WID extract and OWID's PIP tables, each into a distribution store.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "worldsys/core/error.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/distributions.hpp"
#include "worldsys/io/text.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

std::string upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) c = char(std::toupper(static_cast<unsigned char>(c)));
  return u;
}

// Equal-population quantile shares of units (y ascending, counts w), cutting units pro rata.
std::vector<double> quantile_shares(const std::vector<double>& y, const std::vector<double>& w, int n) {
  double W = 0, total = 0;
  for (size_t i = 0; i < y.size(); ++i) W += w[i], total += w[i] * y[i];
  std::vector<double> shares(n, 0);
  double cum = 0;
  int k = 0;  // the current quantile; advanced explicitly, since cum/W·n at a boundary can round either way
  for (size_t i = 0; i < y.size(); ++i) {
    double left = w[i];
    while (left > 0) {
      const double room = (k + 1) * W / n - cum;
      if (room <= 1e-12 * W && k < n - 1) {
        ++k;
        continue;
      }
      const double take = k == n - 1 ? left : std::min(left, room);
      shares[k] += take * y[i] / total;
      cum += take, left -= take;
    }
  }
  return shares;
}

}  // namespace

DistributionStore read_gapminder(const fs::path& dir) {
  DistributionStore s;
  s.source = "Gapminder income mountains (older_2021), 50 brackets per country and year";
  s.licence = "CC BY 4.0 (Gapminder)";
  s.ppp = "2011";
  std::vector<double> lo, hi;
  {
    CsvReader r = open_csv(dir / "ddf--entities--income_bracket_50.csv", {"income_bracket_50", "name"});
    while (r.next()) {
      const std::string name(r.field(1));
      const auto dash = name.find(" - ");
      if (dash == std::string::npos) fail_at(r.position(1), fmt::format("expected 'low - high', found '{}'", name));
      lo.push_back(parse_number(name.substr(0, dash), r.position(1)));
      hi.push_back(parse_number(name.substr(dash + 3), r.position(1)));
    }
  }
  std::vector<double> mid;
  for (size_t k = 0; k < lo.size(); ++k) mid.push_back(std::sqrt(lo[k] * hi[k]));
  std::map<std::pair<std::string, int>, double> mean;
  {
    CsvReader r = open_csv(dir / "ddf--datapoints--mean_income--by--country--year.csv", {"country", "year", "mean_income"});
    while (r.next()) mean[{upper(r.field(0)), r.integer(1)}] = r.number(2) * 12 / 365;  // per month → per day
  }
  CsvReader r = open_csv(dir / "ddf--datapoints--income_mountain_50bracket_shape_for_log--by--country--year.csv",
                         {"country", "year", "income_mountain_50bracket_shape_for_log"});
  while (r.next()) {
    DistributionRow d;
    d.country = d.name = upper(r.field(0));
    d.year = r.integer(1);
    d.kind = "brackets";
    d.welfare = "income or consumption";
    std::vector<double> counts;
    const std::string list(r.field(2));
    size_t start = 0;
    while (start <= list.size()) {
      const size_t end = std::min(list.find(',', start), list.size());
      counts.push_back(parse_number(std::string_view(list).substr(start, end - start), r.position(2)));
      start = end + 1;
    }
    if (counts.size() != mid.size())
      fail_at(r.position(2), fmt::format("expected {} bracket counts, found {}", mid.size(), counts.size()));
    double pop = 0;
    for (double c : counts) {
      if (c < 0) fail_at(r.position(2), fmt::format("negative bracket count {}", c));
      pop += c;
    }
    if (!(pop > 0)) continue;
    d.population = pop;
    const auto m = mean.find({d.country, d.year});
    d.mean = m == mean.end() ? NAN : m->second;
    d.shares = quantile_shares(mid, counts, 20);
    s.economies.push_back({d.country, "", "", d.year, pop});
    s.distributions.push_back(std::move(d));
  }
  return s;
}

DistributionStore read_wdi(const fs::path& dir) {
  DistributionStore s;
  s.source = "World Development Indicators (June 2025): poverty headcounts at 2021 PPP lines, population";
  s.licence = "CC BY 4.0 (World Bank)";
  s.ppp = "2021";
  s.survey_years_only = true;
  // WDI's aggregate code for the world; other aggregates (regions, income groups) are not countries either, but the
  // files as kept hold none (shared/data README), so only the world's is recognised.
  const std::string world = "WLD";
  std::map<std::pair<std::string, int>, double> pop;
  std::map<std::string, std::string> names;
  {
    CsvReader r = open_csv(find_variant(dir, "SP.POP.TOTL", {".csv", ".csv.gz"}),
                           {"year", "entity_code", "entity_name", "indicator_code", "value"});
    while (r.next()) {
      if (r.field(4).empty()) continue;
      const std::string c(r.field(1));
      if (c == world) continue;  // not an economy of the universe
      pop[{c, r.integer(0)}] = r.number(4);
      names[c] = r.field(2);
    }
  }
  for (const auto& [key, p] : pop) s.economies.push_back({key.first, "", "", key.second, p});
  std::set<std::pair<std::string, int>> have;
  for (const auto& [code, line] : {std::pair{"SI.POV.DDAY", 3.00}, {"SI.POV.LMIC", 4.20}, {"SI.POV.UMIC", 8.30}}) {
    CsvReader r = open_csv(find_variant(dir, code, {".csv", ".csv.gz"}),
                           {"year", "entity_code", "entity_name", "indicator_code", "value"});
    while (r.next()) {
      if (r.field(4).empty()) continue;
      const std::string c(r.field(1));
      const int year = r.integer(0);
      const double h = r.number(4) / 100;
      if (h < 0 || h > 1) fail_at(r.position(4), fmt::format("headcount {} % outside 0-100", h * 100));
      if (c == world) {
        s.published.push_back({"World", kAggregateLevel, year, line, h, NAN, NAN, NAN});
        continue;
      }
      s.published.push_back({c, "national", year, line, h, NAN, NAN, NAN});
      if (have.insert({c, year}).second) {
        DistributionRow d;
        d.country = c, d.name = names[c], d.year = year, d.kind = "survey", d.welfare = "income or consumption";
        const auto p = pop.find({c, year});
        d.population = p == pop.end() ? NAN : p->second;
        s.distributions.push_back(std::move(d));
      }
    }
  }
  return s;
}

DistributionStore read_wid(const fs::path& dir, const std::string& file) {
  DistributionStore s;
  s.source = "WID.world extract (Our World in Data), " + file + ", per adult";
  s.licence = "CC BY 4.0 (WID.world)";
  s.ppp = "2021";
  s.unit = "PPP $ per adult per year";
  const fs::path path = dir / file;
  CsvReader r = open_csv(path, {"Entity", "Year", "Gini coefficient"});
  const CsvHeader h(r);
  std::vector<size_t> dec = {h["P0-P10 - share of the bottom 10%"]};
  for (int k = 1; k <= 8; ++k)
    dec.push_back(h["P" + std::to_string(10 * k) + "-P" + std::to_string(10 * k + 10) + " - share of national income"]);
  dec.push_back(h["P90-P100 - share of the top 10%"]);
  const size_t mean = h["Mean income"], gini = h["Gini coefficient"];
  while (r.next()) {
    if (r.field(0).empty()) continue;
    bool complete = !r.field(mean).empty();
    for (size_t i : dec) complete = complete && !r.field(i).empty();
    if (!complete) continue;
    DistributionRow d;
    d.country = d.name = r.field(0);
    d.year = r.integer(1);
    d.kind = "wid";
    d.welfare = file.find("posttax") != std::string::npos ? "post-tax income" : "pre-tax income";
    d.mean = r.number(mean);
    d.gini = r.field(gini).empty() ? NAN : r.number(gini);
    for (size_t i : dec) d.shares.push_back(r.number(i) / 100);
    s.economies.push_back({d.country, "", "", d.year, NAN});
    s.distributions.push_back(std::move(d));
  }
  return s;
}

DistributionStore read_owid_pip(const fs::path& dir, const std::string& ppp) {
  DistributionStore s;
  s.source = "World Bank PIP (" + ppp + " PPP) as kept by Our World in Data, survey years";
  s.licence = "CC BY 4.0 (World Bank PIP, Our World in Data)";
  s.ppp = ppp;
  s.survey_years_only = true;
  const fs::path path = dir / "data.csv";
  CsvReader r = open_csv(path, {"Entity", "Year", "Mean income or expenditure per day"});
  const CsvHeader h(r);
  // Lines from the column names "$2.15 a day - share of population below poverty line".
  struct Line {
    double z;
    std::string label;  // as written in the column names, e.g. "2.15"
    size_t share, gap;
  };
  std::vector<Line> lines;
  const std::string tail = " a day - share of population below poverty line";
  for (size_t i = 0; i < r.size(); ++i) {
    const std::string_view name = r.field(i);
    if (name.size() > tail.size() && name[0] == '$' && name.ends_with(tail)) {
      const std::string z(name.substr(1, name.size() - tail.size() - 1));
      lines.push_back({parse_number(z, r.position(i)), z, i, h["$" + z + " a day - poverty gap index"]});
    }
  }
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.z < b.z; });
  if (lines.empty()) fail(ErrorKind::input, fmt::format("{}: no poverty-line columns ('$X{}')", path.string(), tail));
  const std::string& z0 = lines[0].label;
  const size_t below = h["$" + z0 + " - total number of people below poverty line"],
               above = h["$" + z0 + " - total number of people above poverty line"];
  const char* q[] = {"poorest quintile", "2nd quintile", "3rd quintile", "4th quintile", "richest quintile"};
  std::vector<size_t> quint;
  for (const char* n : q) quint.push_back(h[std::string("Share of the ") + n + " in total income or expenditure"]);
  const std::set<std::string> aggregates = {"World", "East Asia and Pacific", "Europe and Central Asia",
                                            "High income countries", "Latin America and the Caribbean",
                                            "Middle East and North Africa", "South Asia", "Sub-Saharan Africa"};
  auto num = [&](size_t i) { return r.field(i).empty() ? NAN : r.number(i); };
  while (r.next()) {
    std::string entity(r.field(0));
    if (aggregates.count(entity)) {  // the source's own line-up for the world and its regions: kept as group rows
      for (const auto& l : lines)
        if (!r.field(l.share).empty())
          s.published.push_back({entity, kAggregateLevel, r.integer(1), l.z, num(l.share) / 100, num(l.gap) / 100,
                                 NAN, NAN});
      continue;
    }
    DistributionRow d;
    d.level = "national";
    for (const char* lv : {"urban", "rural"})
      if (entity.ends_with(std::string(" - ") + lv)) d.level = lv, entity = entity.substr(0, entity.size() - 3 - std::string(lv).size());
    d.country = d.name = entity;
    d.year = r.integer(1);
    d.kind = "survey";
    d.welfare = "income or consumption";
    d.mean = num(2);
    d.population = num(below) + num(above);
    if (!r.field(quint[0]).empty())
      for (size_t i : quint) d.shares.push_back(r.number(i) / 100);
    for (const auto& l : lines)
      if (!r.field(l.share).empty())
        s.published.push_back({d.country, d.level, d.year, l.z, num(l.share) / 100, num(l.gap) / 100, NAN, NAN});
    s.economies.push_back({d.country, "", "", d.year, d.population});
    s.distributions.push_back(std::move(d));
  }
  return s;
}

}  // namespace worldsys::io
