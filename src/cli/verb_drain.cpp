#include <fmt/format.h>

#include <functional>
#include <memory>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/exchange/panel.hpp"
#include "worldsys/io/drain_source.hpp"
#include "worldsys/io/pwt.hpp"
#include "worldsys/io/store.hpp"

namespace worldsys::cli {

void add_drain(CLI::App& app) {
  struct Args {
    std::string store, panel, groups, factor = "labour_hours", definition = "net-quantity";
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
      "  worldsys drain                                  # the embedded sample world (labour_hours, northern-prices)\n"
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
                  "wb-high-income, imf-advanced, oecd follow the table's year (default: world10-north-south for the "
                  "embedded sample world, wiod-north-south otherwise)");
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
    exchange::DrainRequest r;
    r.valuations.clear();
    for (const auto& v : a->valuations) {
      if (v == "all") {
        for (auto x : {exchange::Valuation::northern_prices, exchange::Valuation::global_prices,
                       exchange::Valuation::wage_gap, exchange::Valuation::erdi})
          r.valuations.push_back(x);
      } else {
        r.valuations.push_back(exchange::parse_valuation(v));
      }
    }
    if (a->lost_growth && (a->panel.empty() || a->constant == 0))
      fail(ErrorKind::usage, "--lost-growth compounds a series: give --panel and --constant-prices YEAR");
    r.groups = a->groups;
    r.north = a->north;
    r.south = a->south;
    if (!a->row.empty()) r.row = exchange::parse_side(a->row);
    r.options.factor = a->factor;
    r.options.value = a->value;
    r.options.wage = a->wage;
    r.options.definition =
        a->definition == "underpayment" ? exchange::Definition::underpayment : exchange::Definition::net_quantity;
    r.options.attribution = exchange::parse_attribution(a->attribution);
    r.options.wage_by_sector = a->wage_by_sector;
    r.options.erdi_world_reference = a->erdi_reference == "world";
    r.options.erdi_all_exports = a->erdi_all_exports;
    r.options.erdi_clamp = a->erdi_clamp;
    r.final_demand = a->final_demand;
    r.by_region = a->by == "region";
    r.constant_prices = a->constant;
    r.lost_growth = a->lost_growth;

    std::shared_ptr<const io::Pwt> pwt;
    if (r.needs_pwt())
      pwt = std::make_shared<io::Pwt>(io::read_pwt(a->pwt.empty() ? std::string(io::kPwt91DebianDir) : a->pwt));
    std::vector<std::string> stores;
    if (!a->panel.empty()) {
      if (!a->store.empty()) fail(ErrorKind::usage, "give either STORE or --panel, not both");
      for (const auto& [y, p] : io::panel_years(a->panel))
        if (y >= a->from && y <= a->to) stores.push_back(p.string());
      if (stores.empty())
        fail(ErrorKind::usage, fmt::format("{}: no stores for years {}-{} (is it a panel from `worldsys import "
                                           "--years`?)",
                                           a->panel, a->from, a->to));
    } else {
      stores.push_back(a->store);
    }
    Progress progress("drain");
    emit(exchange::drain_panel(io::drain_source(stores, pwt, a->erdi_variable), r, std::ref(progress)),
         a->out);
  });
}

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
    const auto pwt =
        std::make_shared<io::Pwt>(io::read_pwt(a->pwt.empty() ? std::string(io::kPwt91DebianDir) : a->pwt));
    exchange::SensitivityRequest r{a->factor, {}, a->groups, {}};
    for (const auto& at : a->attributions) r.attributions.push_back(exchange::parse_attribution(at));
    for (const auto& row : a->rows) r.rows.push_back(exchange::parse_side(row));
    emit(exchange::sensitivity_table(io::drain_source(a->stores, pwt, a->erdi_variable), r), a->out);
  });
}

}  // namespace worldsys::cli
