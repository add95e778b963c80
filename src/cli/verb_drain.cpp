#include <fmt/format.h>

#include <cmath>
#include <map>
#include <optional>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/exchange/drain.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/io/pwt.hpp"
#include "worldsys/io/store.hpp"

namespace worldsys::cli {

void add_drain(CLI::App& app) {
  struct Args {
    std::string store, panel, groups = "wiod-north-south", factor = "labour_hours", definition = "net-quantity";
    std::string north = "North", south = "South", row, by = "groups", pwt, erdi_variable = "pl_da";
    std::string erdi_reference = "north", value = "value_added", wage = "labour_compensation";
    std::string attribution = "footprint";
    std::vector<std::string> valuations{"northern-prices"}, final_demand;
    int from = 0, to = 9999, constant = 0;
    bool wage_by_sector = false, erdi_all_exports = false, erdi_clamp = false, lost_growth = false;
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("drain",
                                 "Unequal exchange: embodied factor flows North<->South, net appropriation "
                                 "and its value under each published valuation");
  cmd->footer(
      "Flows are footprint-based (factor used in one group, embodied in the other group's final demand; intermediate\n"
      "trade counted once). net_appropriation = South->North - North->South. Valuations of the net flow:\n"
      "  northern-prices  net x (value added per factor unit in North->South flows)     Hickel et al. 2022\n"
      "  global-prices    net x (value added per factor unit in both directions)\n"
      "  wage-gap         net x (Northern labour compensation per factor unit)           Hickel et al. 2024\n"
      "  erdi             sum over Southern regions of exports to the North x (PL_North/PL_i - 1), PL from PWT\n"
      "                   (Koehler 1998; Hickel, Sullivan & Zoomkawala 2021); the factor plays no part\n"
      "--definition underpayment gives E(S->N) x price - V(S->N) instead of net x price. Formulas, sources and\n"
      "confidence: docs/methods/unequal_exchange.md. Every row carries its unit.\n"
      "Examples:\n"
      "  worldsys import wiod2013 ../shared/data/mrio/wiod2013 --year 2011 --satellites sea --out wiod2011\n"
      "  worldsys drain wiod2011 --groups wiod-north-south --factor labour_hours --valuation northern-prices\n"
      "  worldsys drain wiod2011 --valuation all --by region --format csv --out drain2011.csv\n"
      "  worldsys drain wiod2011 --row none --valuation wage-gap      # RoW on neither side\n"
      "  worldsys drain --panel wiod-sea --groups imf-advanced --valuation all   # North = IMF list of each year\n"
      "  worldsys drain --panel wiod-sea --from 2000 --to 2011 --valuation erdi --format csv");
  add_store_argument(cmd, a->store);
  cmd->add_option("--panel", a->panel, "A panel directory (one store per year) instead of STORE");
  cmd->add_option("--from", a->from, "First year of the panel");
  cmd->add_option("--to", a->to, "Last year of the panel");
  cmd->add_option("--groups,-g", a->groups,
                  "Region groups holding a North and a South group: a file or built-in name; year-aware built-ins "
                  "wb-high-income, imf-advanced, oecd follow the table's year")
      ->capture_default_str();
  cmd->add_option("--north", a->north, "Name of the North group")->capture_default_str();
  cmd->add_option("--south", a->south, "Name of the South group")->capture_default_str();
  cmd->add_option("--row", a->row, "Put the mixed region RoW in: north, south or none (default: as the groups say)")
      ->check(CLI::IsMember({"north", "south", "none"}));
  cmd->add_option("--factor", a->factor, "Stressor embodied in trade (labour_hours, employment, ...)")
      ->capture_default_str();
  cmd->add_option("--valuation", a->valuations, "northern-prices, global-prices, wage-gap, erdi or all (comma list)")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--definition", a->definition,
                  "net-quantity (net x price) or underpayment (E(S->N) x price - V(S->N))")
      ->check(CLI::IsMember({"net-quantity", "underpayment"}))
      ->capture_default_str();
  cmd->add_option("--attribution", a->attribution,
                  "footprint (final demand, intermediates once) or eebt (embodied in gross bilateral exports)")
      ->check(CLI::IsMember({"footprint", "eebt"}))
      ->capture_default_str();
  cmd->add_option("--final-demand", a->final_demand,
                  "Final-demand categories that count (comma list, e.g. CONS_h,CONS_np,CONS_g,GFCF); default: all")
      ->delimiter(',');
  cmd->add_option("--value", a->value, "Money stressor for unit prices")->capture_default_str();
  cmd->add_option("--wage", a->wage, "Wage stressor for wage-gap")->capture_default_str();
  cmd->add_flag("--wage-by-sector", a->wage_by_sector,
                "wage-gap: value each sector's net flow at the North's wage in that sector (composition control)");
  cmd->add_option("--constant-prices", a->constant,
                  "Money in constant US$ of this year (US GDP deflator from PWT), e.g. 2011; default: current US$");
  cmd->add_flag("--lost-growth", a->lost_growth,
                "Panel: add each valuation's drain compounded to the last year at the South's real GDP growth (PWT "
                "rgdpna); needs --constant-prices");
  cmd->add_option("--by", a->by, "groups, or region (adds rows per region and per origin sector)")
      ->check(CLI::IsMember({"groups", "region"}))
      ->capture_default_str();
  cmd->add_option("--pwt", a->pwt,
                  std::string("Penn World Table for erdi (default ") + io::kPwt91DebianDir +
                      "; or a PWT 10.01 open-numbers folder with --erdi-variable pl_gdpo)");
  cmd->add_option("--erdi-variable", a->erdi_variable, "PWT price level: pl_da (paper), pl_gdpo, pl_x, pl_c ...")
      ->capture_default_str();
  cmd->add_flag("--erdi-all-exports", a->erdi_all_exports,
                "erdi: count all exports of each Southern region, not only those to the North");
  cmd->add_flag("--erdi-clamp", a->erdi_clamp,
                "erdi: a Southern region dearer than the reference transfers nothing "
                "(instead of a negative amount)");
  cmd->add_option("--erdi-reference", a->erdi_reference, "north (Northern prices) or world (global average)")
      ->check(CLI::IsMember({"north", "world"}))
      ->capture_default_str();
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    std::vector<exchange::Valuation> valuations;
    for (const auto& v : a->valuations) {
      if (v == "all") {
        for (auto x : {exchange::Valuation::northern_prices, exchange::Valuation::global_prices,
                       exchange::Valuation::wage_gap, exchange::Valuation::erdi})
          valuations.push_back(x);
      } else {
        valuations.push_back(exchange::parse_valuation(v));
      }
    }
    if (a->lost_growth && (a->panel.empty() || a->constant == 0))
      fail(ErrorKind::usage, "--lost-growth compounds a series: give --panel and --constant-prices YEAR");
    const bool need_pwt = a->constant != 0 || std::find(valuations.begin(), valuations.end(),
                                                        exchange::Valuation::erdi) != valuations.end();
    std::optional<io::Pwt> pwt;
    if (need_pwt) pwt = io::read_pwt(a->pwt.empty() ? std::string(io::kPwt91DebianDir) : a->pwt);

    std::vector<std::filesystem::path> stores;
    if (!a->panel.empty()) {
      if (!a->store.empty()) fail(ErrorKind::usage, "give either STORE or --panel, not both");
      for (const auto& [y, p] : io::panel_years(a->panel))
        if (y >= a->from && y <= a->to) stores.push_back(p);
      if (stores.empty())
        fail(ErrorKind::usage, fmt::format("{}: no stores for years {}-{} (is it a panel from `worldsys import "
                                           "--years`?)",
                                           a->panel, a->from, a->to));
    } else {
      stores.emplace_back(a->store);
    }

    std::optional<Table> all;
    std::map<exchange::Valuation, std::vector<double>> series;  // constant-price drain per valuation, by year
    std::vector<double> growth;                                 // South's real growth into each year
    std::string last_groups;
    int last_year = 0;
    Progress progress("drain");
    for (size_t si = 0; si < stores.size(); ++si) {
      const Mrio m = a->final_demand.empty()
                         ? open_store(stores[si].string())
                         : exchange::with_final_demand(open_store(stores[si].string()), a->final_demand);
      exchange::Partition part =
          exchange::make_partition(io::load_groups(a->groups, m.regions, m.provenance.year), a->north, a->south);
      if (!a->row.empty())
        exchange::assign(part, m.regions, "RoW",
                         a->row == "north"   ? exchange::Side::north
                         : a->row == "south" ? exchange::Side::south
                                             : exchange::Side::none);
      AccountsOptions ao;
      ao.multipliers = a->attribution == "eebt";
      ao.stressors = {m.stressor_index(a->factor), m.stressor_index(a->value)};
      const bool wage =
          std::find(valuations.begin(), valuations.end(), exchange::Valuation::wage_gap) != valuations.end();
      if (wage && a->wage != a->factor && a->wage != a->value) ao.stressors.push_back(m.stressor_index(a->wage));
      const Accounts acc = compute_accounts(m, ao);

      exchange::PriceLevels prices;
      if (pwt) {
        if (!m.provenance.year) fail(ErrorKind::usage, "erdi and constant prices need the table's year");
        const auto rp = io::region_price_levels(*pwt, m.regions, *m.provenance.year, a->erdi_variable,
                                                io::weight_for(a->erdi_variable));
        prices = {a->erdi_variable, pwt->source, rp.level, rp.weight, rp.note};
      }
      const double to_constant =
          a->constant != 0 && m.provenance.year
              ? io::us_gdp_deflator(*pwt, a->constant) / io::us_gdp_deflator(*pwt, *m.provenance.year)
              : 1.0;
      if (a->lost_growth) {
        if (last_year != 0 && *m.provenance.year != last_year + 1)
          fail(ErrorKind::usage, fmt::format("--lost-growth needs consecutive years; the panel jumps from {} to {}",
                                             last_year, *m.provenance.year));
        std::vector<bool> south;
        for (auto sd : part.side) south.push_back(sd == exchange::Side::south);
        growth.push_back(growth.empty() ? 0.0 : io::real_growth(*pwt, m.regions, south, *m.provenance.year));
        last_groups = part.name;
        last_year = *m.provenance.year;
      }
      for (auto v : valuations) {
        exchange::DrainOptions o;
        o.factor = a->factor;
        o.value = a->value;
        o.wage = a->wage;
        o.valuation = v;
        o.definition =
            a->definition == "underpayment" ? exchange::Definition::underpayment : exchange::Definition::net_quantity;
        o.erdi_world_reference = a->erdi_reference == "world";
        o.erdi_all_exports = a->erdi_all_exports;
        o.erdi_clamp = a->erdi_clamp;
        o.wage_by_sector = a->wage_by_sector;
        o.attribution = a->attribution == "eebt" ? exchange::Attribution::eebt : exchange::Attribution::footprint;
        o.prices = pwt ? &prices : nullptr;
        const exchange::Drain d = exchange::compute_drain(m, acc, part, o);
        if (a->lost_growth) series[v].push_back(d.value * to_constant);
        Table t = exchange::drain_table(m, d, part, o, a->by == "region");
        if (a->constant != 0)
          exchange::rescale_money(t, m.unit, to_constant, fmt::format("M USD ({} prices)", a->constant));
        if (!all)
          all = std::move(t);
        else
          exchange::append(*all, t);
      }
      progress(si + 1, stores.size());
    }
    for (const auto& [v, values] : series)
      all->add_row({double(last_year), last_groups, std::string("North<->South"), a->factor, exchange::to_string(v),
                    std::string("lost_growth_value"), exchange::lost_growth(values, growth),
                    fmt::format("M USD ({} prices)", a->constant)});
    emit(*all, a->out);
  });
}

}  // namespace worldsys::cli

namespace worldsys::cli {

void add_sensitivity(CLI::App& app) {
  struct Args {
    std::vector<std::string> stores;
    std::vector<std::string> groups{"wiod-north-south", "wb-high-income", "imf-advanced", "oecd"};
    std::vector<std::string> rows{"south", "none"};
    std::vector<std::string> attributions{"footprint"};
    std::string factor = "labour_hours", pwt, erdi_variable = "pl_da";
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("sensitivity",
                                 "How the unequal-exchange headline moves under every alternative: "
                                 "stores (satellite methods) x groups x RoW rule x valuation x definition");
  cmd->footer(
      "One row per combination and measure (net_appropriation in factor units, drain in money). Give several stores\n"
      "of the same year made with different satellite choices to see those move too, e.g. PWT 9.1 vs PWT 10.01:\n"
      "  worldsys import wiod2013 $W --year 2011 --satellites sea --out w11\n"
      "  worldsys import wiod2013 $W --year 2011 --satellites sea --pwt ../shared/data/gdp/pwt_10_01_open_numbers "
      "--out w11-pwt10\n"
      "  worldsys sensitivity w11 w11-pwt10 --format csv --out sensitivity.csv");
  cmd->add_option("stores", a->stores, "Store directories")->required();
  cmd->add_option("--groups,-g", a->groups, "Group splits to try (comma list)")->delimiter(',')->capture_default_str();
  cmd->add_option("--row", a->rows, "RoW rules to try: south, north, none")->delimiter(',')->capture_default_str();
  cmd->add_option("--factor", a->factor, "Stressor embodied in trade")->capture_default_str();
  cmd->add_option("--attribution", a->attributions, "Attributions to try: footprint, eebt (comma list)")
      ->delimiter(',')
      ->check(CLI::IsMember({"footprint", "eebt"}))
      ->capture_default_str();
  cmd->add_option("--pwt", a->pwt, "Penn World Table for erdi (default: Debian's PWT 9.1)");
  cmd->add_option("--erdi-variable", a->erdi_variable, "PWT price level for erdi")->capture_default_str();
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    const io::Pwt pwt = io::read_pwt(a->pwt.empty() ? std::string(io::kPwt91DebianDir) : a->pwt);
    Table t({"year", "store", "attribution", "groups", "row", "valuation", "definition", "measure", "value", "unit"},
            {true, false, false, false, false, false, false, false, true, false});
    const bool eebt = std::find(a->attributions.begin(), a->attributions.end(), "eebt") != a->attributions.end();
    for (const auto& store : a->stores) {
      const Mrio m = open_store(store);
      const Accounts acc = compute_accounts(
          m, {{m.stressor_index(a->factor), m.stressor_index("value_added"), m.stressor_index("labour_compensation")},
              eebt});
      exchange::PriceLevels prices;
      if (m.provenance.year) {
        const auto rp = io::region_price_levels(pwt, m.regions, *m.provenance.year, a->erdi_variable,
                                                io::weight_for(a->erdi_variable));
        prices = {a->erdi_variable, pwt.source, rp.level, rp.weight, rp.note};
      }
      const double year = m.provenance.year ? *m.provenance.year : NAN;
      for (const auto& attribution : a->attributions)
        for (const auto& g : a->groups) {
          for (const auto& row : a->rows) {
            auto part = exchange::make_partition(io::load_groups(g, m.regions, m.provenance.year));
            exchange::assign(part, m.regions, "RoW",
                             row == "north"   ? exchange::Side::north
                             : row == "south" ? exchange::Side::south
                                              : exchange::Side::none);
            for (auto v : {exchange::Valuation::northern_prices, exchange::Valuation::global_prices,
                           exchange::Valuation::wage_gap, exchange::Valuation::erdi}) {
              for (auto def : {exchange::Definition::net_quantity, exchange::Definition::underpayment}) {
                if (v == exchange::Valuation::erdi && def == exchange::Definition::underpayment) continue;
                exchange::DrainOptions o;
                o.factor = a->factor;
                o.valuation = v;
                o.definition = def;
                o.prices = m.provenance.year ? &prices : nullptr;
                o.attribution = attribution == "eebt" ? exchange::Attribution::eebt : exchange::Attribution::footprint;
                const auto d = exchange::compute_drain(m, acc, part, o);
                const std::string defs = v == exchange::Valuation::erdi              ? "exports x (d - 1)"
                                         : def == exchange::Definition::net_quantity ? "net-quantity"
                                                                                     : "underpayment";
                t.add_row({year, store, attribution, g, row, exchange::to_string(v), defs,
                           std::string("net_appropriation"), d.net(), d.factor_unit});
                t.add_row({year, store, attribution, g, row, exchange::to_string(v), defs, std::string("drain"),
                           d.value, m.unit});
              }
            }
          }
        }
    }
    emit(t, a->out);
  });
}

}  // namespace worldsys::cli
