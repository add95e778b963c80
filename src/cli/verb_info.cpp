#include <fmt/format.h>

#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/io/store.hpp"

namespace worldsys::cli {

namespace {
std::string join(const std::vector<std::string>& v, size_t max = 60) {
  std::string s;
  for (size_t i = 0; i < v.size() && i < max; ++i) s += (i ? " " : "") + v[i];
  if (v.size() > max) s += fmt::format(" ... ({} in all)", v.size());
  return s;
}
}  // namespace

void add_info(CLI::App& app) {
  auto store = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("info", "Describe a store: dimensions, labels, stressors, source and licence");
  cmd->footer("Example:\n  worldsys info wiod2011");
  add_store_argument(cmd, *store);
  cmd->callback([store] {
    if (!store->empty() && io::is_panel(*store)) {
      const auto years = io::panel_years(*store);
      std::cout << fmt::format("panel {}: {} years, {}-{}\n", *store, years.size(), years.begin()->first,
                               years.rbegin()->first);
      *store = years.begin()->second.string();
    }
    const Mrio m = api::open_store(*store);
    const auto& p = m.provenance;
    std::cout << fmt::format("source:      {}\n", p.source)
              << fmt::format("licence:     {}\n", p.licence)
              << fmt::format("year:        {}\n", p.year ? std::to_string(*p.year) : "-")
              << fmt::format("made by:     {}\n", p.command);
    for (const auto& h : p.history) std::cout << fmt::format("  from:      {}\n", h);
    if (p.balance)
      std::cout << fmt::format("balance:     |x - Z1 - Y1| = {:.3g} % of output; worst row {} ({:.3g} % of its output)\n",
                               100 * p.balance->total, p.balance->worst_row.empty() ? "-" : p.balance->worst_row,
                               100 * p.balance->worst);
    for (const auto& f : p.inputs)
      std::cout << fmt::format("input:       {} ({} bytes, crc32 {})\n", f.path, f.bytes, f.crc32);
    std::cout << fmt::format("size:        {} regions x {} sectors = {}; {} final-demand columns; money in {}\n",
                             m.regions.size(), m.sectors.size(), m.n(), m.Y.cols(), m.unit);
    const std::filesystem::path dir = store->empty() ? io::default_store_path() : std::filesystem::path(*store);
    if (io::is_store(dir)) std::cout << fmt::format("stored as:   {}\n", io::dtype_name(io::store_dtype(dir)));
    std::cout << fmt::format("regions:     {}\n", join(m.regions))
              << fmt::format("sectors:     {}\n", join(m.sectors))
              << fmt::format("final demand: {}\n", join(m.categories)) << "stressors:\n";
    for (const auto& s : m.stressors)
      std::cout << fmt::format("  {} [{}]{}\n", s.name, s.unit, s.note.empty() ? "" : ": " + s.note);
  });
}

}  // namespace worldsys::cli
