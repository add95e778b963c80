#include <fmt/format.h>

#include <map>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/world.hpp"
#include "worldsys/io/distributions.hpp"

namespace worldsys::cli {

void add_inequality(CLI::App& app) {
  struct Args {
    std::string store, year, by = "world";
    bool decompose = false;
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("inequality", "Gini, Theil and MLD of the world or regions, between and within countries");
  cmd->footer(
      "Units are each country's quantile groups (deciles) at their mean welfare, weighted by population, as in\n"
      "Lakner & Milanovic; inequality inside a decile is not counted, so these are lower bounds. Countries without\n"
      "published shares are left out: coverage = population share included.\n"
      "--decompose adds the exact split of Theil T and MLD into between- and within-country parts\n"
      "(between + within = total).\n"
      "STORE may name an embedded default when no such directory exists: pip2011, owid-pip2017 (data/SOURCE.md).\n"
      "Examples:\n"
      "  worldsys inequality pip2011 --year 1990-2019 --decompose   # the embedded store\n"
      "  worldsys import lakner-milanovic ../shared/data/poverty/lakner_milanovic --out lm\n"
      "  worldsys inequality lm --year 2008 --decompose\n"
      "  worldsys inequality pip11 --year 1990-2019 --by region --format csv\n"
      "  worldsys import wid ../shared/data/poverty/wid --out wid && worldsys inequality wid --year 2021 --by country");
  cmd->add_option("store", a->store, "Distribution store (from `worldsys import`), or an embedded default: pip2011, owid-pip2017")->required();
  cmd->add_option("--year,-y", a->year, "Year or range (default: every year)");
  cmd->add_option("--by", a->by, "world, region or country")
      ->check(CLI::IsMember({"world", "region", "country"}))
      ->capture_default_str();
  cmd->add_flag("--decompose", a->decompose, "Add theil_between, theil_within, mld_between, mld_within");
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    const io::DistributionStore s = io::read_distribution_store(io::resolve_distribution_store(a->store));
    const auto years = a->year.empty() ? distrib::store_years(s) : parse_years(a->year);
    std::vector<std::string> names = {"group", "year", "gini", "theil", "mld"};
    if (a->decompose) names.insert(names.end(), {"theil_between", "theil_within", "mld_between", "mld_within"});
    names.push_back("coverage");
    std::vector<bool> numeric(names.size(), true);
    numeric[0] = false;
    Table t(names, numeric);
    for (int year : years) {
      const auto panel = distrib::country_panel(s, year);
      std::vector<std::pair<std::string, std::vector<distrib::CountryYear>>> groups;
      if (a->by == "country") {
        // Each country alone: inequality between its quantile groups (population and coverage are moot).
        for (const auto& c : panel) {
          if (!c.grouped) continue;
          const auto u = distrib::to_sample(*c.grouped);
          std::vector<Table::Cell> row = {c.country, double(year), distrib::gini(u), distrib::theil(u), distrib::mld(u)};
          if (a->decompose) row.insert(row.end(), {0.0, distrib::theil(u), 0.0, distrib::mld(u)});
          row.push_back(1.0);
          t.add_row(row);
        }
        continue;
      }
      if (a->by == "world") {
        groups.push_back({"World", panel});
      } else {
        std::map<std::string, std::vector<distrib::CountryYear>> by_region;
        for (const auto& c : panel) by_region[c.region].push_back(c);
        for (auto& [r, cs] : by_region) groups.push_back({r, std::move(cs)});
      }
      for (const auto& [name, cs] : groups) {
        bool any = false;
        for (const auto& c : cs) any = any || c.grouped.has_value();
        if (!any) continue;
        const auto r = distrib::world_inequality(cs);
        std::vector<Table::Cell> row = {name, double(year), r.d.gini, r.d.theil, r.d.mld};
        if (a->decompose)
          row.insert(row.end(), {r.d.theil_between, r.d.theil_within, r.d.mld_between, r.d.mld_within});
        row.push_back(r.coverage);
        t.add_row(row);
      }
    }
    emit(t, a->out);
  });
}

}  // namespace worldsys::cli
