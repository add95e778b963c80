// GDP per capita panels (Maddison, PWT) into distribution stores of country means.
#include <fmt/format.h>

#include <map>
#include <set>

#include "worldsys/core/error.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/distributions.hpp"
#include "worldsys/io/pwt.hpp"
#include "worldsys/io/text.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

void add(DistributionStore& s, const std::string& country, int year, double mean, double pop) {
  DistributionRow d;
  d.country = d.name = country, d.year = year, d.kind = "gdp_pc", d.welfare = "gdp";
  d.mean = mean, d.population = pop;
  s.distributions.push_back(std::move(d));
  s.economies.push_back({country, "", "", year, pop});
}

}  // namespace

DistributionStore read_maddison(const fs::path& dir) {
  DistributionStore s;
  s.source = "Maddison Project Database 2020 (Bolt and van Zanden 2020), via Our World in Data";
  s.licence = "CC BY 4.0";
  s.ppp = "2011";
  s.unit = "2011 international $ per person per year (GDP per capita)";
  const std::set<std::string> aggregates = {"World", "East Asia", "Eastern Europe", "Latin America", "Middle East",
                                            "South and South-East Asia", "Sub-Sahara Africa", "Western Europe",
                                            "Western Offshoots"};
  const std::map<std::string, std::vector<std::string>> unions = {
      {"Former USSR", {"Armenia", "Azerbaijan", "Belarus", "Estonia", "Georgia", "Kazakhstan", "Kyrgyzstan", "Latvia",
                       "Lithuania", "Moldova", "Russia", "Tajikistan", "Turkmenistan", "Ukraine", "Uzbekistan"}},
      {"Former Yugoslavia",
       {"Bosnia and Herzegovina", "Croatia", "Montenegro", "North Macedonia", "Serbia", "Slovenia"}},
      {"Czechoslovakia", {"Czechia", "Slovakia"}}};
  std::map<std::string, std::string> union_of;
  for (const auto& [u, members] : unions)
    for (const auto& m : members) union_of[m] = u;
  CsvReader r = open_csv(dir / "data.csv", {"Entity", "Year", "GDP per capita", "Population"});
  std::map<int, std::map<std::string, std::pair<double, double>>> years;
  while (r.next()) {
    const std::string e(r.field(0));
    if (aggregates.count(e)) continue;
    const double gdp = optional_number(r, 2), pop = optional_number(r, 3);
    if (std::isnan(gdp) || std::isnan(pop)) continue;
    years[r.integer(1)][e] = {gdp, pop};
  }
  for (auto& [year, rows] : years) {
    for (const auto& [u, members] : unions) {
      bool all = true;
      for (const auto& m : members) all = all && rows.count(m);
      if (all) rows.erase(u);
      else if (rows.count(u))
        for (const auto& m : members) rows.erase(m);
    }
    for (const auto& [e, v] : rows) add(s, e, year, v.first, v.second);
  }
  return s;
}

// GDP per capita (rgdpe / pop) from either Penn World Table reader: the full PWT 9.1 of Debian's r-cran-pwt9
// (2011 PPP) or the PWT 10.01 open-numbers subset (2017 PPP).
DistributionStore read_pwt_gdp(const fs::path& dir) {
  const Pwt pwt = read_pwt(dir);
  const bool v91 = pwt.source.find("9.1") != std::string::npos;
  DistributionStore s;
  s.source = pwt.source + " (Feenstra, Inklaar and Timmer 2015)";
  s.licence = "CC BY 4.0";
  s.ppp = v91 ? "2011" : "2017";
  s.unit = s.ppp + " international $ per person per year (GDP per capita, rgdpe / pop)";
  if (!pwt.has("rgdpe") || !pwt.has("pop"))
    fail(ErrorKind::input, fmt::format("{}: the Penn World Table found there has no rgdpe or pop", dir.string()));
  for (const auto& [iso3, years] : pwt.values.at("rgdpe"))
    for (const auto& [year, gdp] : years) {
      const auto pop = pwt.get(iso3, year, "pop");
      if (!pop || !(*pop > 0) || !std::isfinite(gdp)) continue;
      add(s, iso3, year, gdp / *pop, *pop * 1e6);  // millions of $ / millions of people
    }
  return s;
}

}  // namespace worldsys::io
