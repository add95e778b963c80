// gvc: the table, the countries its regions form, the measure for each factor asked.
#include <limits>
#include <optional>

#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/gvc/gvc.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/linalg/threads.hpp"

namespace worldsys::api {

namespace {
// Collects a sink's chunks into one table.
struct Collect {
  std::optional<Table> all;
  void operator()(const Table& t) {
    if (!all)
      all = t;
    else
      append(*all, t);
  }
};
}  // namespace

void gvc(const Mrio& m, const GvcArgs& a, const TableSink& sink) {
  gvc::Options o;
  o.value_added = a.value_added;
  o.by = gvc::parse_by(a.by);
  o.origin_sector = a.origin_sector;
  o.final_sectors = a.final_sectors;
  o.ddc_inverse = a.ddc_inverse;
  std::optional<Concordance> countries, origins;
  if (!a.groups.empty())
    countries = io::load_groups(a.groups, m.regions, m.provenance.year);
  else
    countries = io::split_regions(m.regions);  // OECD ICIO kept with --keep-splits: CN1 + CN2 are China
  o.countries = countries ? &*countries : nullptr;
  if (!a.origin_groups.empty()) {
    if (a.measure != "chains") fail(ErrorKind::usage, "origin groups sum the origins of chains: use --measure chains");
    origins = io::load_groups(a.origin_groups, countries ? countries->groups : m.regions, m.provenance.year);
    o.origin_groups = &*origins;
  }
  if (!a.final_sectors.empty() && a.measure != "chains")
    fail(ErrorKind::usage, "final sectors choose the chains measured: use --measure chains");
  const auto factors = m.stressor_list(a.factor);  // value_added is one too, derived or stored
  for (const auto& f : factors) {
    o.factor = f;
    // Several factors side by side: a factor column before the term.
    o.sink = factors.size() == 1 ? sink : [&](const Table& t) {
      size_t term = 0;
      while (t.columns()[term].name != "term") ++term;
      sink(with_column(t, term, "factor", f));
    };
    gvc::measure(a.measure, m, o);
  }
}

Table gvc(const Mrio& m, const GvcArgs& a) {
  Collect c;
  gvc(m, a, std::ref(c));
  if (!c.all) fail(ErrorKind::usage, "the measure gave no rows");
  return std::move(*c.all);
}

void gvc_panel(const std::vector<std::string>& stores, const GvcArgs& a, const TableSink& sink,
               const ProgressFn& progress) {
  const SerialBlas one;  // each year as a cluster's task computes it
  if (stores.empty()) fail(ErrorKind::usage, "no tables to measure");
  for (size_t i = 0; i < stores.size(); ++i) {
    const Mrio m = open_store(stores[i]);
    const double year = m.provenance.year ? double(*m.provenance.year) : std::numeric_limits<double>::quiet_NaN();
    gvc(m, a, [&](const Table& t) { sink(with_column(t, 0, "year", year)); });
    if (progress) progress(i + 1, stores.size());
  }
}

Table gvc_panel(const std::vector<std::string>& stores, const GvcArgs& a, const ProgressFn& progress) {
  Collect c;
  gvc_panel(stores, a, std::ref(c), progress);
  return std::move(*c.all);
}

}  // namespace worldsys::api
