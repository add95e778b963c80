#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/claims/claims.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/atomic.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/io/distributions.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/drain_source.hpp"
#include "worldsys/io/png.hpp"
#include "worldsys/io/pwt.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/table_writer.hpp"
#include "worldsys/io/topojson.hpp"
#include "worldsys/report/geo.hpp"
#include "worldsys/report/page.hpp"
#include "worldsys/report/summary.hpp"

namespace worldsys::cli {

namespace fs = std::filesystem;

namespace {

// A distribution store by path, or by the name of an embedded default (data/default-distributions/NAME).
// `required`: a name that resolves to nothing is a usage error; otherwise (the defaults) it is simply absent.
std::optional<std::pair<DistributionStore, std::string>> open_distributions(const std::string& name, bool required) {
  if (name.empty() || name == "none") return std::nullopt;
  const fs::path p = io::resolve_distribution_store(name);
  if (!required && !io::is_distribution_store(p)) return std::nullopt;
  return std::pair{io::read_distribution_store(p), name};
}

void write_text(const fs::path& path, const std::string& text) {
  io::atomic_write_file(path, [&](const fs::path& tmp) {
    std::ofstream f(tmp, std::ios::binary);
    f << text;
    if (!f) fail(ErrorKind::io, "cannot write " + tmp.string());
  });
}

}  // namespace

void add_report(CLI::App& app) {
  struct Args {
    std::string store, panel, groups, stressor = "value_added", poverty = "pip2021", gap = "maddison", claims = "default";
    std::string out = "report.html", figures;
    bool no_html = false;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "report", "The state of the world economy: a terminal summary and a self-contained HTML page with figures");
  cmd->footer(
      "Prints the summary (footprints and North-South flows) and writes one HTML page (--out, default report.html):\n"
      "poverty at the international lines (time series, world map, income mountain), the rich-poor gap, flows\n"
      "between regions (Sankey), the drain under each valuation, net appropriation per person (map),\n"
      "consumption- vs production-based footprints and top sectors, and claim checks (--claims). Every figure\n"
      "has notes (source, licence, year, PPP, grouping, method, coverage), its numbers and the command that\n"
      "reproduces them. The page needs no network; maps need the npm assets fetched at build time\n"
      "(web/package.json; without them the maps are replaced by a note).\n"
      "With no arguments: the embedded sample world (WIOD 2011, 10 regions x 8 sectors; data/SOURCE.md), the\n"
      "embedded pip2021 (PIP 2021 PPP, March 2026, to 2024 and the 2025-26 nowcasts) and maddison distribution\n"
      "stores when present.\n"
      "Examples:\n"
      "  worldsys report\n"
      "  worldsys report --store wiod2011 --groups wiod-oecd --out wiod.html --figures figs\n"
      "  worldsys import pip2011 ../shared/data/poverty/pip_2011ppp --out pip11\n"
      "  worldsys report --poverty-source pip11 --gap-source none");
  cmd->add_option("--store", a->store, "Store to report on (default: the embedded sample world)");
  cmd->add_option("--panel", a->panel,
                  "A panel directory (import --years): report on its latest year, and add the drain over all its "
                  "years");
  cmd->add_option("--groups,-g", a->groups, "Two-way split of the regions (file or built-in name)");
  cmd->add_option("--stressor,-s", a->stressor, "Stressor of the terminal summary")->capture_default_str();
  cmd->add_option("--poverty-source", a->poverty,
                  "Distribution store, or an embedded default name (pip2021, pip2011, owid-pip2017, ...), or none")
      ->capture_default_str();
  cmd->add_option("--gap-source", a->gap, "Store of country means for the gap (maddison, a store path, or none)")
      ->capture_default_str();
  cmd->add_option("--claims", a->claims,
                  "Claims file to check and show (default: the built-in claims, data/claims/default.yaml; none)")
      ->capture_default_str();
  cmd->add_option("--out,-o", a->out, "HTML page to write")->capture_default_str();
  cmd->add_option("--figures", a->figures, "Also write every figure as DIR/<id>.svg (and .png with rsvg-convert)");
  cmd->add_flag("--no-html", a->no_html, "Only print the terminal summary");
  cmd->callback([a] {
    const auto t0 = std::chrono::steady_clock::now();
    if (!a->store.empty() && !a->panel.empty()) fail(ErrorKind::usage, "give either --store or --panel, not both");
    std::string store = a->store;
    std::vector<std::string> panel;  // the panel's stores, oldest first
    if (!a->panel.empty()) {
      for (const auto& [year, dir] : io::panel_years(a->panel)) panel.push_back(dir.string());
      if (panel.empty()) fail(ErrorKind::usage, a->panel + " is not a panel (one store per year)");
      store = panel.back();
    }
    const Mrio m = api::open_store(store);
    std::string groups = a->groups;
    if (groups.empty()) groups = io::default_north_south(m.regions, m.provenance.year);
    const Concordance g = io::load_groups(groups, m.regions, m.provenance.year);
    AccountsOptions opt;
    opt.stressors = {m.stressor_index(a->stressor)};
    opt.multipliers = false;
    const Accounts acc = compute_accounts(m, opt);
    const Summary s = summarize(m, acc, a->stressor, g);
    auto& out = std::cout;
    out << fmt::format("worldsys report: {}\n{}\n", s.title, s.dimensions);
    if (store.empty())
      out << "The embedded sample world, aggregated: for figures to cite, run it on the full table (worldsys import "
             "wiod2013 ../shared/data/mrio/wiod2013 --year 2011 --satellites sea --out wiod2011; worldsys report "
             "--store wiod2011).\n";
    out << "\n";
    out << fmt::format("{} by region [{}], largest consumption-based first\n", s.stressor, s.unit);
    out << "(cba: embodied in the region's final demand; pba: produced in the region; net_exp = pba - cba)\n\n";
    io::write_table(out, s.regions, io::TableFormat::table);
    out << fmt::format("\nBy group ({}):\n\n", g.name);
    io::write_table(out, s.groups, io::TableFormat::table);
    out << "\nEmbodied flows between groups:\n\n";
    io::write_table(out, s.group_flows, io::TableFormat::table);
    if (!s.net_statement.empty()) out << '\n' << s.net_statement << '\n';
    if (const std::string labour = labour_statement(m, g); !labour.empty()) out << '\n' << labour << '\n';
    out << fmt::format(
        "\nChecks: Leontief solve residual {:.2e}; reciprocal condition of I-A {:.3g}; largest |pba - (cba - imp + "
        "exp)| {:.3g} {} ({:.2e} of the world total; the source's own row imbalance).\n",
        s.residual, s.rcond, s.max_imbalance, s.unit, s.max_imbalance / s.world_pba);
    out << "Reproduce any figure: worldsys footprint/flows --format csv (see --help).\n";
    if (a->no_html) return;

    // Inputs of the page: distribution stores, PWT price levels (erdi), country shapes.
    report::ReportInputs in;
    in.mrio = &m;
    in.mrio_arg = store;
    in.groups = &g;
    in.groups_arg = a->groups;
    const bool poverty_default = a->poverty == "pip2021", gap_default = a->gap == "maddison";
    const auto poverty = open_distributions(a->poverty, !poverty_default);
    const auto gap = open_distributions(a->gap, !gap_default);
    if (poverty) in.poverty = {&poverty->first, poverty->second};
    if (gap) in.gap = {&gap->first, gap->second};
    if (poverty_default && !poverty)
      std::cerr << "worldsys report: no embedded pip2021 distributions: the poverty section is left out "
                   "(--poverty-source STORE)\n";
    if (gap_default && !gap)
      std::cerr << "worldsys report: no embedded maddison store: the gap section is left out (--gap-source STORE)\n";

    std::optional<exchange::PriceLevels> prices;
    if (m.provenance.year && fs::exists(io::kPwt91DebianDir)) {
      try {
        // As `worldsys drain` loads them (pl_da, weighted as io::weight_for says).
        prices = io::drain_source({}, std::make_shared<const io::Pwt>(io::read_pwt(io::kPwt91DebianDir))).price_levels(m);
      } catch (const Error& e) {
        std::cerr << "worldsys report: erdi left out: " << e.what() << '\n';
      }
    }
    if (prices) in.prices = &*prices;

    // A panel: the drain over its years, as `worldsys drain --panel` prints it (in the notes).
    std::optional<Table> drain_years;
    if (panel.size() > 1) {
      api::DrainArgs d;
      d.groups = a->groups;
      d.valuations = {"northern-prices", "global-prices"};
      if (m.has_stressor("labour_compensation")) d.valuations.push_back("wage-gap");
      if (prices) {  // PWT is there: erdi, and money in the latest year's prices
        d.valuations.push_back("erdi");
        d.constant_prices = *m.provenance.year;
      }
      try {
        Progress progress("drain over the panel's years");
        drain_years = api::drain(panel, d, std::ref(progress));
        in.drain_years = &*drain_years;
        in.drain_years_command = fmt::format(
            "worldsys drain --panel {}{} --valuation {}{} --format csv", a->panel,
            a->groups.empty() ? "" : " --groups " + a->groups, fmt::join(d.valuations, ","),
            d.constant_prices ? fmt::format(" --constant-prices {}", d.constant_prices) : "");
      } catch (const Error& e) {
        std::cerr << "worldsys report: the drain over time is left out: " << e.what() << '\n';
      }
    }

    // A panel: who captures the value over its years, as `worldsys gvc --panel` prints it.
    std::optional<Table> value_years;
    if (panel.size() > 1 && m.has_stressor("labour_hours")) {
      api::GvcArgs g;
      g.measure = "va-origin";
      g.factor = "value_added,labour_hours";
      try {
        Progress progress("value added and hours in exports over the panel's years");
        value_years = api::gvc_panel(panel, g, std::ref(progress));
        in.value_years = &*value_years;
        in.value_years_command = fmt::format("worldsys gvc --panel {} --measure va-origin --factor "
                                             "value_added,labour_hours --format csv",
                                             a->panel);
      } catch (const Error& e) {
        std::cerr << "worldsys report: value added and hours over time are left out: " << e.what() << '\n';
      }
    }

    std::vector<report::MapShape> shapes;
    const fs::path assets = io::report_assets_dir();
    const fs::path atlas = assets / "world-atlas/countries-110m.json", codes = assets / "i18n-iso-countries/codes.json";
    if (fs::exists(atlas) && fs::exists(codes)) {
      const auto iso = io::read_iso_numeric(codes);
      shapes = report::project_world(io::read_topojson(atlas), iso, in.width, in.width * 0.5);
      std::vector<std::string> iso3;
      for (const auto& [num, a3] : iso) iso3.push_back(a3);
      in.country_region = io::country_regions(m.regions, iso3);
      in.shapes = &shapes;
    } else {
      in.shapes_note = fmt::format("no map: the npm assets are missing ({}; built without network? re-run the build "
                                   "with npm and network, or set WORLDSYS_WEB)",
                                   atlas.string());
    }
    if (a->claims != "none") {
      claims::Sources sources = claims::Sources::defaults();
      sources.mrio = store;
      if (poverty && !poverty_default) {
        sources.distributions[a->poverty] = io::resolve_distribution_store(a->poverty);
        sources.poverty = {a->poverty};
      }
      if (gap && !gap_default) {
        sources.distributions[a->gap] = io::resolve_distribution_store(a->gap);
        sources.gap = {a->gap};
      }
      const auto list = a->claims == "default" ? claims::default_claims() : claims::load_claims(a->claims);
      in.claims = report::claim_rows(claims::check_claims(list, sources));
      in.claims_arg = a->claims == "default" ? "" : a->claims;
    }

    const report::Report r = report::build_report(in);
    const std::string html = report::render_html(r);
    write_text(a->out, html);
    if (!a->figures.empty()) {
      std::error_code ec;
      if (fs::exists(a->figures, ec) && !fs::is_directory(a->figures, ec))
        fail(ErrorKind::usage, fmt::format("--figures {}: not a directory; name a directory for the figures",
                                           a->figures));
      fs::create_directories(a->figures, ec);
      if (ec) fail(ErrorKind::io, fmt::format("--figures {}: cannot create the directory: {}", a->figures, ec.message()));
      const auto rsvg = io::find_rsvg_convert();
      for (const auto* f : report::figures(r)) {
        const fs::path svg = fs::path(a->figures) / (f->id + ".svg");
        write_text(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + f->svg);
        if (rsvg) io::render_png(*rsvg, svg, fs::path(a->figures) / (f->id + ".png"));
      }
      std::cerr << fmt::format("worldsys report: {} figures in {}{}\n", report::figures(r).size(), a->figures,
                               rsvg ? " (.svg and .png)" : " (.svg; install librsvg2-bin for .png)");
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    out << fmt::format("\nHTML report: {} ({:.1f} MB, {} figures, {:.1f} s)\n", a->out, double(html.size()) / 1e6,
                       report::figures(r).size(), secs);
  });
}

}  // namespace worldsys::cli
