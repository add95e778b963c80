#pragma once
// One function per verb: each adds its subcommand and the callback that parses, calls the library and prints.
#include <CLI/CLI.hpp>

namespace worldsys::cli {

void add_import(CLI::App& app);
void add_info(CLI::App& app);
void add_footprint(CLI::App& app);
void add_flows(CLI::App& app);
void add_gvc(CLI::App& app);
void add_aggregate(CLI::App& app);
void add_groups(CLI::App& app);
void add_report(CLI::App& app);
void add_synthetic(CLI::App& app);
void add_drain(CLI::App& app);
void add_sensitivity(CLI::App& app);
void add_poverty(CLI::App& app);
void add_inequality(CLI::App& app);
void add_gap(CLI::App& app);
void add_fixture(CLI::App& app);
void add_fetch(CLI::App& app);
void add_claims(CLI::App& app);
void add_scenario(CLI::App& app);
void add_prices(CLI::App& app);
void add_uncertainty(CLI::App& app);
void add_export(CLI::App& app);

}  // namespace worldsys::cli
