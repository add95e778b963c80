#include <fmt/format.h>

#include <functional>
#include <optional>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/pwt.hpp"

namespace worldsys::cli {


void add_drain(CLI::App& app) {
  struct Args {
    std::string store, panel, scheduler;
    int from = 0, to = 9999;
    api::DrainArgs d;
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
      "  worldsys drain --panel wiod-sea --from 2000 --to 2011 --valuation erdi --format csv\n"
      "  worldsys fixture exiobase3 --out fx && worldsys import exiobase3 fx/IOT_2022_pxp.zip --out exio2022\n"
      "  worldsys drain exio2022 --row none       # IMF 2022 on ISO2 codes; RoW WA..WM on neither side\n"
      "  worldsys drain exio2022 --valuation wage-gap --skill   # per skill class (EXIOBASE's hours and wages)\n"
      "  worldsys drain exio2022 --factor materials,land,energy,labour_hours --valuation northern-prices\n"
      "  worldsys drain --panel wiod-sea --scheduler tcp://10.0.0.5:8786 --format csv   # years on a Dask cluster");
  add_store_argument(cmd, a->store);
  add_panel_options(cmd, a->panel, a->from, a->to, a->scheduler);
  cmd->add_option("--groups,-g", a->d.groups,
                  "Region groups holding a North and a South group: a file or built-in name; year-aware built-ins "
                  "wb-high-income, imf-advanced, oecd follow the table's year and read every release's codes "
                  "(EXIOBASE's AT as AUT) (default: world10-north-south for the embedded sample world, imf-advanced "
                  "of the table's year otherwise)");
  cmd->add_option("--north", a->d.north, "Name of the North group")->capture_default_str();
  cmd->add_option("--south", a->d.south, "Name of the South group")->capture_default_str();
  cmd->add_option("--row", a->d.row,
                  "Put the mixed rest-of-world regions (WIOD RoW; EXIOBASE WA, WL, WE, WF, WM; OECD/Eora ROW; FIGARO "
                  "FIGW1; GLORIA XAM, XEU, XAF, XAS) in: north, south or none (default: as the groups say; the "
                  "built-ins say south)")
      ->check(CLI::IsMember({"north", "south", "none"}));
  cmd->add_option("--factor", a->d.factor,
                  "Stressor embodied in trade (labour_hours, employment, materials, land, energy, ...); several, "
                  "comma-separated, side by side from one factorization")
      ->capture_default_str();
  cmd->add_option("--combine", a->d.combine,
                  "With several factors, one money figure: none (each factor alone), sum (the drains added: the same "
                  "trade value counted once per factor) or equal-shares (trade value split equally among the factors "
                  "before pricing: the mean). Hickel et al. 2022's way is not published in enough detail to pick one")
      ->check(CLI::IsMember({"none", "sum", "equal-shares"}))
      ->capture_default_str();
  cmd->add_option("--valuation", a->d.valuations, "northern-prices, global-prices, wage-gap, erdi or all (comma list)")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--definition", a->d.definition,
                  "net-quantity (net x price) or underpayment (E(S->N) x price - V(S->N))")
      ->check(CLI::IsMember({"net-quantity", "underpayment"}))
      ->capture_default_str();
  cmd->add_option("--attribution", a->d.attribution,
                  "footprint (final demand, intermediates once) or eebt (embodied in gross bilateral exports)")
      ->check(CLI::IsMember({"footprint", "eebt"}))
      ->capture_default_str();
  cmd->add_option("--final-demand", a->d.final_demand,
                  "Final-demand categories that count (comma list, e.g. CONS_h,CONS_np,CONS_g,GFCF); default: all")
      ->delimiter(',');
  cmd->add_option("--value", a->d.value, "Money stressor for unit prices")->capture_default_str();
  cmd->add_option("--wage", a->d.wage, "Wage stressor for wage-gap")->capture_default_str();
  cmd->add_flag("--skill", a->d.skill,
                "wage-gap by skill (Hickel, Hanbury Lemos & Barbour 2024): each class's net hours (FACTOR_low, "
                "_medium, _high) at the North's wage per hour of that class, rows per class, the wage gaps "
                "1 - w_S/w_N by class and the total; on a table without the classes, the totals, said in the rows");
  cmd->add_flag("--wage-by-sector", a->d.wage_by_sector,
                "wage-gap: value each sector's net flow at the North's wage in that sector (composition control)");
  cmd->add_option("--constant-prices", a->d.constant_prices,
                  "Money in constant US$ of this year (US GDP deflator from PWT), e.g. 2011; default: current US$");
  cmd->add_flag("--lost-growth", a->d.lost_growth,
                "Panel: add each valuation's drain compounded to the last year at the South's real GDP growth (PWT "
                "rgdpna); needs --constant-prices");
  cmd->add_option("--by", a->d.by, "groups, or region (adds rows per region and per origin sector)")
      ->check(CLI::IsMember({"groups", "region"}))
      ->capture_default_str();
  cmd->add_option("--pwt", a->d.pwt,
                  std::string("Penn World Table for erdi (default ") + io::kPwt91DebianDir +
                      "; or a PWT 10.01 open-numbers folder with --erdi-variable pl_gdpo)");
  cmd->add_option("--erdi-variable", a->d.erdi_variable, "PWT price level: pl_da (paper), pl_gdpo, pl_x, pl_c ...")
      ->capture_default_str();
  cmd->add_flag("--erdi-all-exports", a->d.erdi_all_exports,
                "erdi: count all exports of each Southern region, not only those to the North");
  cmd->add_flag("--erdi-clamp", a->d.erdi_clamp,
                "erdi: a Southern region dearer than the reference transfers nothing "
                "(instead of a negative amount)");
  cmd->add_option("--erdi-reference", a->d.erdi_reference, "north (Northern prices) or world (global average)")
      ->check(CLI::IsMember({"north", "world"}))
      ->capture_default_str();
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    if (a->d.lost_growth && a->panel.empty())
      fail(ErrorKind::usage, "--lost-growth compounds a series: give --panel and --constant-prices YEAR");
    if (a->panel.empty()) {
      if (!a->scheduler.empty()) fail(ErrorKind::usage, "--scheduler distributes the years of a --panel");
      return emit(api::drain({a->store}, a->d), a->out);
    }
    if (!a->store.empty()) fail(ErrorKind::usage, "give either STORE or --panel, not both");
    const auto stores = api::panel_stores(a->panel, a->from, a->to);
    if (!a->scheduler.empty()) {
      // lost growth compounds the whole series: it is not a per-year task
      if (a->d.lost_growth) fail(ErrorKind::usage, "--lost-growth is computed serially: leave out --scheduler");
      return run_distributed("drain", api::to_json(a->d), stores, a->scheduler, a->out);
    }
    Progress progress("drain");
    emit(api::drain(stores, a->d, std::ref(progress)), a->out);
  });
}

void add_sensitivity(CLI::App& app) {
  struct Args {
    std::vector<std::string> stores;
    api::SensitivityArgs s;
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
  cmd->add_option("--groups,-g", a->s.groups, "Group splits to try (comma list)")->delimiter(',')->capture_default_str();
  cmd->add_option("--row", a->s.rows, "RoW rules to try: south, north, none")->delimiter(',')->capture_default_str();
  cmd->add_option("--factor", a->s.factor, "Stressor embodied in trade")->capture_default_str();
  cmd->add_option("--attribution", a->s.attributions, "Attributions to try: footprint, eebt (comma list)")
      ->delimiter(',')
      ->check(CLI::IsMember({"footprint", "eebt"}))
      ->capture_default_str();
  cmd->add_option("--pwt", a->s.pwt, "Penn World Table for erdi (default: Debian's PWT 9.1)");
  cmd->add_option("--erdi-variable", a->s.erdi_variable, "PWT price level for erdi")->capture_default_str();
  add_output_options(cmd, a->out);
  cmd->callback([a] { emit(api::sensitivity(a->stores, a->s), a->out); });
}

}  // namespace worldsys::cli
