#include <fmt/format.h>

#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/table_writer.hpp"
#include "worldsys/report/summary.hpp"

namespace worldsys::cli {

void add_report(CLI::App& app) {
  struct Args {
    std::string store, groups, stressor = "value_added";
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("report", "A summary of the world economy: footprints and North-South flows");
  cmd->footer(
      "With no arguments, runs on the embedded sample world (WIOD 2011, 10 regions x 8 sectors; see\n"
      "data/SOURCE.md). The groups default to world10-north-south for the sample and\n"
      "wiod-north-south for a full WIOD store.\n"
      "Examples:\n"
      "  worldsys report\n"
      "  worldsys report --store wiod2011 --groups wiod-oecd");
  cmd->add_option("--store", a->store, "Store to report on (default: the embedded sample world)");
  cmd->add_option("--groups,-g", a->groups, "Two-way split of the regions (file or built-in name)");
  cmd->add_option("--stressor,-s", a->stressor, "Stressor to follow")->capture_default_str();
  cmd->callback([a] {
    const Mrio m = api::open_store(a->store);
    std::string groups = a->groups;
    if (groups.empty()) groups = io::default_north_south(m.regions);
    const Concordance g = io::load_groups(groups, m.regions, m.provenance.year);
    AccountsOptions opt;
    opt.stressors = {m.stressor_index(a->stressor)};
    opt.multipliers = false;
    const Accounts acc = compute_accounts(m, opt);
    const Summary s = summarize(m, acc, a->stressor, g);
    auto& out = std::cout;
    out << fmt::format("worldsys report: {}\n{}\n\n", s.title, s.dimensions);
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
  });
}

}  // namespace worldsys::cli
