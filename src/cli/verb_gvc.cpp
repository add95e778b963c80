#include <functional>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/gvc/gvc.hpp"

namespace worldsys::cli {

void add_gvc(CLI::App& app) {
  struct Args {
    std::string store, panel, scheduler;
    int from = 0, to = 9999;
    api::GvcArgs g;
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("gvc", "Who captures the value: value-added trade and gross-export decompositions");
  cmd->footer(
      "Measures (docs/methods/gvc.md gives each formula and its source):\n"
      "  exports        gross exports EXGR, split into intermediates EXGR_INT and final goods EXGR_FNL\n"
      "  vax            Johnson-Noguera: domestic value added absorbed abroad (VAX), EXGR, VAX_ratio\n"
      "  va-origin      value added by origin country (--origin-sector: and sector) in each country's\n"
      "                 exports (EXGR_VA); --by exporter[-sector] also in its output (PROD_VA) and final\n"
      "                 demand (FD_VA; by the final product's sector with exporter-sector)\n"
      "  va-destination the same by the country where the exports end up in final demand (--by\n"
      "                 exporter-importer[-sector]: a destination column in the importer's place)\n"
      "  va-balance     bilateral gross (BALGR) and value-added (BALVA) balances side by side\n"
      "  tiva           OECD TiVA indicators per country (EXGR_DVA, EXGR_FVA, EXGR_DDC, FD_VA, FEXDVAP ...)\n"
      "  kww            Koopman-Wang-Wei: the 9 terms of gross exports\n"
      "  wwz            Wang-Wei-Zhu: the 16 terms, bilateral and by sector\n"
      "  borin-mancini  Borin-Mancini source-based (exporter perspective): DC, DVA, VAX, REF, DDC, FC, FVA,\n"
      "                 FDC, GVC trade and its backward (GVCB) and forward (GVCF) parts, DAVAX\n"
      "  participation  Wang-Wei-Yu-Zhu 2017 forward/backward GVC participation (ratios)\n"
      "  chains         value chains of final products (GVC income): the factor from each origin in each\n"
      "                 country's final output of --final-sectors, the output and its foreign_share\n"
      "Rows: exporter (country), [importer], [sector], term, value, unit. Decompositions add up to gross\n"
      "exports for every exporter or the run fails naming it. Value added is x - 1'Z with x = Z1 + Y1 (all\n"
      "primary inputs, taxes included), so the identities hold exactly; --factor measures hours, jobs or\n"
      "emissions in the same chains instead (terms then add up to the content of exports); several factors,\n"
      "comma-separated, come side by side with a factor column.\n"
      "Examples:\n"
      "  worldsys gvc wiod2011 --measure vax\n"
      "  worldsys gvc wiod2011 --measure wwz --by exporter-importer-sector --format csv --out wwz.csv\n"
      "  worldsys gvc wiod2011 --measure borin-mancini --factor labour_hours   # hours in exports\n"
      "  worldsys gvc wiod-sea/2011 --measure chains --final-sectors c3,c4,c5 --factor value_added,labour_hours \\\n"
      "      --origin-groups wiod-north-south     # GVC income and GVC hours of manufactures, North and South\n"
      "  worldsys gvc oecd --measure tiva --groups my-countries.csv   # merge regions into one exporter\n"
      "  worldsys gvc --panel wiod-sea --from 2000 --to 2011 --measure vax --format csv");
  add_store_argument(cmd, a->store);
  add_panel_options(cmd, a->panel, a->from, a->to, a->scheduler);
  cmd->add_option("--measure,-m", a->g.measure, "What to measure (list above)")
      ->check(CLI::IsMember(gvc::measure_names()))
      ->capture_default_str();
  cmd->add_option("--by", a->g.by, "Level of the rows")
      ->check(CLI::IsMember({"exporter", "exporter-importer", "exporter-sector", "exporter-importer-sector"}))
      ->capture_default_str();
  cmd->add_option("--factor", a->g.factor,
                  "What the chains carry: value_added, or a stressor of the store (labour_hours, co2 ...; see "
                  "`worldsys info`)")
      ->capture_default_str();
  cmd->add_option("--value-added", a->g.value_added,
                  "Value added as x - 1'Z (total: every primary input incl. net taxes; the identities hold) or the "
                  "store's value_added row (stressor: e.g. at basic prices)")
      ->check(CLI::IsMember({"total", "stressor"}))
      ->capture_default_str();
  cmd->add_option("--groups,-g", a->g.groups,
                  "Merge regions into countries (a concordance file or built-in name): trade inside a group is "
                  "domestic, e.g. OECD ICIO's CN1 + CN2, or NAFTA as one exporter");
  cmd->add_flag("--origin-sector", a->g.origin_sector,
                "va-origin: origin by country and sector (forms diag(v) B in full: n x n)");
  cmd->add_option("--ddc-inverse", a->g.ddc_inverse,
                  "tiva: EXGR_DDC from the diagonal of the local inverse L^ss (local, as exvatools) or of the global "
                  "B^ss (global; OECD's guide may mean this: unverified)")
      ->check(CLI::IsMember({"local", "global"}))
      ->capture_default_str();
  cmd->add_option("--final-sectors", a->g.final_sectors,
                  "chains: the final products whose chains are measured (sector codes; default: all)")
      ->delimiter(',');
  cmd->add_option("--origin-groups", a->g.origin_groups,
                  "chains: sum the origins into groups of countries (file or built-in name, e.g. wiod-north-south)");
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    if (a->panel.empty()) {
      if (!a->scheduler.empty()) fail(ErrorKind::usage, "--scheduler distributes the years of a --panel");
      const Mrio m = api::open_store(a->store);
      return emit_stream(a->out, [&](const api::TableSink& sink) { api::gvc(m, a->g, sink); });
    }
    if (!a->store.empty()) fail(ErrorKind::usage, "give either STORE or --panel, not both");
    const auto stores = api::panel_stores(a->panel, a->from, a->to);
    if (!a->scheduler.empty()) return run_distributed("gvc", api::to_json(a->g), stores, a->scheduler, a->out);
    Progress progress("gvc");
    emit_stream(a->out, [&](const api::TableSink& sink) { api::gvc_panel(stores, a->g, sink, std::ref(progress)); });
  });
}

}  // namespace worldsys::cli
