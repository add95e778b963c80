// Figure data for the HTML report, each from the library function the matching CLI verb calls.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "worldsys/accounts/tables.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/tables.hpp"
#include "worldsys/distrib/world.hpp"
#include "worldsys/gvc/gvc.hpp"
#include "worldsys/report/page.hpp"

namespace worldsys::report {

namespace {

constexpr double kNaN = NAN;

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}
std::string arg(const std::string& a) { return a.empty() ? "" : " " + a; }
// PIP's region codes in words, for legends (the data tables keep the codes).
std::string region_label(const std::string& code) {
  static const std::map<std::string, std::string> names = {
      {"EAP", "East Asia & Pacific"}, {"ECA", "Europe & Central Asia"}, {"LAC", "Latin America & Caribbean"},
      {"MNA", "Middle East & N. Africa"}, {"SAS", "South Asia"}, {"SSA", "Sub-Saharan Africa"},
      {"OHI", "Other high income"}, {"NAC", "North America"}, {"WLD", "World"},
      // The World Bank's region codes, as PIP 2021 PPP uses them (MEA: since 2025 with Afghanistan and Pakistan).
      {"EAS", "East Asia & Pacific"}, {"ECS", "Europe & Central Asia"}, {"LCN", "Latin America & Caribbean"},
      {"MEA", "Middle East, N. Africa, Afghanistan & Pakistan"}, {"SSF", "Sub-Saharan Africa"}};
  const auto it = names.find(code);
  return it == names.end() ? code : it->second;
}
std::string line_text(double z) { return fmt::format("${:.2f}", z); }

Frame frame(const ReportInputs& in, std::string id, std::string title, std::string desc, double height = 400) {
  Frame f;
  f.id = std::move(id), f.title = std::move(title), f.desc = std::move(desc);
  f.width = in.width, f.height = height;
  return f;
}

// Which table the flows, footprints and value chains are computed on, said before them. The embedded sample world
// is an aggregate: merging regions and sectors moves every flow (trade inside a merged region drops out, intensities
// average), so the page says how to get the full table's figures instead.
std::string table_used(const ReportInputs& in) {
  const Mrio& m = *in.mrio;
  const std::string year = m.provenance.year ? fmt::format(" {}", *m.provenance.year) : "";
  if (!in.mrio_arg.empty())
    return fmt::format("Computed on {} ({}{}, {} regions x {} sectors). ", in.mrio_arg, m.provenance.source, year,
                       m.regions.size(), m.sectors.size());
  return fmt::format(
      "Computed on the embedded sample world: WIOD{} aggregated to {} regions x {} sectors (data/SOURCE.md). "
      "Aggregation moves these figures (trade inside a merged region drops out, intensities average); to cite "
      "them, compute them on the full table: worldsys import wiod2013 ../shared/data/mrio/wiod2013 --year 2011 "
      "--satellites sea --out wiod2011, then worldsys report --store wiod2011. ",
      year, m.regions.size(), m.sectors.size());
}

Notes mrio_notes(const ReportInputs& in) {
  const Mrio& m = *in.mrio;
  Notes n;
  n.source = m.provenance.source;
  n.licence = m.provenance.licence;
  n.year = m.provenance.year ? std::to_string(*m.provenance.year) : "";
  n.release = m.provenance.command.empty() ? "" : "made by: " + m.provenance.command;
  n.ppp = "none: current US$ at market exchange rates";
  n.coverage = fmt::format("{} regions x {} sectors ({}), the whole world economy", m.regions.size(), m.sectors.size(),
                           join(m.regions, ", "));
  return n;
}

Notes store_notes(const DistributionStore& s) {
  Notes n;
  n.source = s.source;
  n.licence = s.licence;
  n.release = s.command.empty() ? "" : "made by: " + s.command;
  n.ppp = s.ppp.empty() ? "" : s.ppp + " PPP$ (" + s.unit + ")";
  return n;
}

// ---- Poverty -----------------------------------------------------------------------------------------------

distrib::CoverageRule coverage_rule(const DistributionStore& s) {
  return s.surveys.empty() ? distrib::CoverageRule::lineup : distrib::CoverageRule::survey_3y;
}

// Scales a chart's values to readable_scale's unit; `axis` (its axis label) names the new unit.
template <class Chart>
void make_readable(Chart& c, std::string& axis) {
  double mx = 0;
  for (const auto& s : c.series)
    for (double v : s.y)
      if (std::isfinite(v)) mx = std::max(mx, std::abs(v));
  const Scale sc = readable_scale(mx, c.unit);
  for (auto& s : c.series)
    for (double& v : s.y) v /= sc.divisor;
  c.unit = axis = sc.unit;
}

void make_readable(Sankey& s) {
  double mx = 0;
  for (const auto& row : s.value)
    for (double v : row) mx = std::max(mx, std::abs(v));
  const Scale sc = readable_scale(mx, s.unit);
  for (auto& row : s.value)
    for (double& v : row) v /= sc.divisor;
  s.unit = sc.unit;
}

Section poverty_section(const ReportInputs& in) {
  Section sec{"poverty", "Poverty", "", {}, ""};
  const DistributionStore& s = *in.poverty.store;
  const std::vector<double> lines = poverty_lines(s);
  const std::vector<int> years = distrib::store_years(s);
  const auto rule = coverage_rule(s);
  const std::string rule_name = rule == distrib::CoverageRule::lineup ? "lineup" : "survey-3y";
  distrib::PovertyOptions opt;  // one model per distribution at every line, as `worldsys poverty` by default
  opt.watts = false;
  sec.intro = fmt::format(
      "Share of people living below each international poverty line ({} PPP, {}), world and regions, {}-{}; the "
      "extreme line first, the higher lines one click away.",
      s.ppp, s.unit, years.front(), years.back());

  int map_year = years.back();
  for (size_t li = 0; li < lines.size(); ++li) {
    const double z = lines[li];
    // The tables of `worldsys poverty --by world` and `--by region`.
    distrib::PovertyQuery q;
    q.line = z, q.ppp = s.ppp, q.coverage = rule, q.by = distrib::Grouping::world;
    Table t = distrib::poverty_table(s, q, in.poverty.arg);
    q.by = distrib::Grouping::region;
    append(t, distrib::poverty_table(s, q, in.poverty.arg));
    std::map<std::string, Series> by_group;
    std::vector<std::string> order;
    const auto& group = t.column("group").text;
    const auto& reported = t.column("reported").text;
    for (size_t i = 0; i < t.rows(); ++i) {
      if (!by_group.count(group[i])) order.push_back(group[i]), by_group[group[i]].name = region_label(group[i]);
      auto& ser = by_group[group[i]];
      ser.x.push_back(t.column("year").num[i]);
      ser.y.push_back(reported[i] == "true" ? t.column("headcount").num[i] : kNaN);
    }
    LineChart c;
    c.frame = frame(in, fmt::format("fig-poverty-{}", li),
                    fmt::format("People below {} a day ({} PPP), share of population", line_text(z), s.ppp),
                    fmt::format("Line chart: poverty headcount ratio at {} a day by year for the world and its "
                                "regions; a line breaks where the source's coverage is under 50 %.",
                                line_text(z)),
                    420);
    c.frame.y_label = "share of population below the line";
    c.y_percent = true, c.x_years = true;
    for (const auto& g : order) c.series.push_back(by_group[g]);
    Figure f{c.frame.id, "poverty-line", line_text(z), line_chart(c), std::move(t), store_notes(s)};
    // The source's nowcasts (PIP 2021: 2025-2026) are said, not hidden.
    std::vector<int> nowcast;
    for (size_t i = 0; i < f.data.rows(); ++i)
      if (f.data.column("group").text[i] == "World" && f.data.column("estimate_type").text[i] == "nowcast")
        nowcast.push_back(int(f.data.column("year").num[i]));
    f.notes.year = fmt::format("{}-{}{}", years.front(), years.back(),
                               nowcast.empty() ? "" : fmt::format(" ({}-{}: the source's nowcasts)", nowcast.front(),
                                                                  nowcast.back()));
    f.notes.grouping = "the source's regions (World Bank PIP regions) and the world";
    f.notes.method = fmt::format(
        "each country's headcount comes from its distribution: a Lorenz curve (General Quadratic or Beta, the valid "
        "fit with the smaller error) fitted to its survey's quantile shares and the year's mean (two bracketing "
        "surveys stacked with time weights), calibrated to the source's own headcounts at its lines; economies "
        "without a survey take the source's predicted distribution where it has one, else their region's "
        "population-weighted rate; groups are population-weighted means.");
    f.notes.coverage = fmt::format(
        "coverage = share of the population with data ({} rule); a point is drawn only where coverage >= 50 % "
        "(the world also needs >= 50 % among low and lower-middle income economies), as PIP reports",
        rule_name);
    f.notes.command = fmt::format("worldsys poverty {} --line {} --by region --coverage {} --format csv\nworldsys "
                                  "poverty {} --line {} --by world --coverage {} --format csv",
                                  in.poverty.arg, z, rule_name, in.poverty.arg, z, rule_name);
    sec.figures.push_back(std::move(f));
  }

  // Maps: headcount by country in the last year, at each line.
  if (in.shapes) {
    const auto panel = distrib::country_panel(s, map_year);
    for (size_t li = 0; li < lines.size(); ++li) {
      const double z = lines[li];
      Table t({"country", "year", "line", "headcount", "source"}, {false, true, true, true, false});
      Choropleth c;
      for (const auto& cp : distrib::country_poverty(panel, z, opt)) {
        if (!cp.estimate.has_data) continue;
        t.add_row({cp.estimate.country, double(map_year), z, cp.estimate.measures.headcount,
                   std::string(distrib::name(cp.source))});
        c.values.emplace_back(cp.estimate.country, cp.estimate.measures.headcount);
      }
      c.frame = frame(in, fmt::format("fig-poverty-map-{}", li),
                      fmt::format("People below {} a day by country, {}", line_text(z), map_year),
                      fmt::format("World map: share of each country's population below {} a day in {}; countries "
                                  "without an estimate are grey.",
                                  line_text(z), map_year),
                      in.width * 0.5 + 70);
      c.shapes = in.shapes, c.percent = true;
      c.legend = fmt::format("share of population below {} a day", line_text(z));
      Figure f{c.frame.id, "poverty-map", line_text(z), choropleth(c), std::move(t), store_notes(s)};
      f.notes.year = std::to_string(map_year);
      f.notes.grouping = "country (ISO 3166-1 alpha-3); shapes: Natural Earth 1:110m via world-atlas (public domain)";
      f.notes.method = "a Lorenz fit to each country's quantile shares and mean (the source's prediction for "
                       "economies without a survey); no regional imputation on the map: countries without data stay grey";
      f.notes.coverage = fmt::format("{} countries with an estimate", t.rows());
      f.notes.command =
          fmt::format("worldsys poverty {} --line {} --year {} --by country --format csv", in.poverty.arg, z, map_year);
      sec.figures.push_back(std::move(f));
    }
  } else {
    sec.missing = "Poverty maps: " + in.shapes_note;
  }

  // Income mountain: population by log income, stacked by region, for a few years.
  // The latest year the source does not call a nowcast (PIP 2021's 2026 nowcast covers 171 of 218 economies).
  int latest = years.back();
  for (const auto& d : s.distributions)
    if (d.estimate == "nowcast") latest = std::min(latest, d.year - 1);
  std::vector<int> chosen;
  for (int y : {1990, 2000, 2010}) if (std::count(years.begin(), years.end(), y)) chosen.push_back(y);
  if (std::find(chosen.begin(), chosen.end(), latest) == chosen.end()) chosen.push_back(latest);
  constexpr int kBins = 70;
  const double lo = std::log10(0.2), hi = std::log10(500.0), dw = (hi - lo) / kBins;
  for (int y : chosen) {
    const auto panel = distrib::country_panel(s, y);
    const distrib::FittedPanel fp = distrib::fit_panel(panel);
    std::map<std::string, std::vector<double>> density;
    std::vector<std::string> regions;
    double covered = 0, total = 0;
    for (size_t i = 0; i < fp.rows.size(); ++i) {
      const auto& row = *fp.rows[i];
      total += row.population;
      // Each distribution's model (the curve with the smaller overall fit error among valid ones).
      if (!fp.fits[i].has_model() && !fp.fits[i].source_fit) continue;
      covered += row.population;
      if (!density.count(row.region)) regions.push_back(row.region), density[row.region].assign(kBins, 0.0);
      const distrib::WeightedSample bins = distrib::to_bins(fp.fits[i], row.population, 500);
      for (size_t b = 0; b < bins.size(); ++b) {
        if (!(bins.y[b] > 0)) continue;
        const int k = std::clamp(int((std::log10(bins.y[b]) - lo) / dw), 0, kBins - 1);
        density[row.region][size_t(k)] += bins.w[b];
      }
    }
    std::sort(regions.begin(), regions.end());
    Table t({"year", "region", "income_from", "income_to", "population"}, {true, false, true, true, true});
    LineChart c;
    c.frame = frame(in, fmt::format("fig-mountain-{}", y), fmt::format("Global income distribution, {}", y),
                    fmt::format("Stacked area chart: millions of people by income per day on a log scale in {}, "
                                "stacked by region.",
                                y),
                    420);
    c.frame.x_label = fmt::format("income or consumption per person per day ({} PPP$, log scale)", s.ppp);
    c.frame.y_label = "people (millions) per income bin";
    c.x_log = true, c.stacked_area = true, c.unit = "million people";
    for (const auto& r : regions) {
      Series ser{region_label(r), {}, {}};
      for (int b = 0; b < kBins; ++b) {
        const double a = std::pow(10.0, lo + dw * b), e = std::pow(10.0, lo + dw * (b + 1));
        ser.x.push_back(std::sqrt(a * e));
        ser.y.push_back(density[r][size_t(b)] / 1e6);
        t.add_row({double(y), r, a, e, density[r][size_t(b)]});
      }
      c.series.push_back(std::move(ser));
    }
    Figure f{c.frame.id, "mountain", std::to_string(y), line_chart(c), std::move(t), store_notes(s)};
    f.notes.year = std::to_string(y);
    f.notes.grouping = "the source's regions, stacked";
    f.notes.method = "each country's distribution is its fitted Lorenz curve (the valid fit with the smaller error "
                     "of General Quadratic and Beta) on its quantile shares and mean, cut into 500 equal-population "
                     "bins whose means are placed on 70 log-spaced income bins from $0.20 to $500 a day (bins "
                     "outside that range are counted at its ends); the poverty lines are at "
                     + join([&] {
                          std::vector<std::string> v;
                          for (double z : lines) v.push_back(line_text(z));
                          return v;
                        }(), ", ");
    f.notes.coverage = fmt::format("{:.1f} % of the world population of the source's universe ({} countries with "
                                   "quantile shares); the rest is left out",
                                   total > 0 ? 100 * covered / total : 0.0, regions.empty() ? 0 : fp.rows.size());
    f.notes.command = fmt::format("worldsys poverty {} --year {} --by country --format csv   (country estimates; the "
                                  "binned densities are in this figure's data table)",
                                  in.poverty.arg, y);
    sec.figures.push_back(std::move(f));
  }
  return sec;
}

// ---- The gap ---------------------------------------------------------------------------------------------

Section gap_section(const ReportInputs& in) {
  Section sec{"gap", "The gap between rich and poor countries", "", {}, ""};
  const DistributionStore& s = *in.gap.store;
  const std::vector<int> all = distrib::store_years(s);
  if (all.empty() || all.back() < 1950) {
    sec.missing = fmt::format("{} has no country means from 1950 on.", in.gap.arg);
    return sec;
  }
  // The table of `worldsys gap --from --to` (population weights, richest and poorest 10 %, re-ranked yearly).
  distrib::GapQuery q;
  q.from = std::max(1950, all.front()), q.to = all.back();
  const Table t = distrib::gap_table(s, q);
  Series ratio{"richest 10 % / poorest 10 % of world population", t.column("year").num, t.column("top_bottom").num};
  Series gini{"Gini", t.column("year").num, t.column("gini").num};
  Series theil{"Theil T", t.column("year").num, t.column("theil").num};
  Series mld{"MLD", t.column("year").num, t.column("mld").num};
  const auto& countries = t.column("countries").num;
  const size_t min_c = size_t(*std::min_element(countries.begin(), countries.end()));
  const size_t max_c = size_t(*std::max_element(countries.begin(), countries.end()));
  const int from = int(ratio.x.front()), to = int(ratio.x.back());
  sec.intro = fmt::format("Mean income of the richest tenth of the world's population over the poorest tenth, "
                          "counting each country at its mean ({}), {}-{}, population-weighted.",
                          s.unit, from, to);
  Notes n = store_notes(s);
  n.year = fmt::format("{}-{}", from, to);
  n.grouping = "countries, each one unit at its mean, weighted by population (Milanovic's concept 2)";
  n.coverage = fmt::format("{} to {} countries a year (the set changes over time: the source's coverage)", min_c, max_c);
  n.command = fmt::format("worldsys gap {} --from {} --to {} --format csv", in.gap.arg, from, to);

  LineChart c;
  c.frame = frame(in, "fig-gap-ratio", "Richest 10 % vs poorest 10 % of the world's people, by country means",
                  "Line chart: ratio of the mean income of the richest tenth of world population to the poorest "
                  "tenth, countries ranked by mean income, by year.");
  c.frame.y_label = "ratio of means";
  c.x_years = true, c.unit = "times";
  c.series = {ratio};
  Figure f{c.frame.id, "", "", line_chart(c), t, n};
  f.notes.method = "countries ranked by mean; the richest and poorest 10 % of world population (a country "
                   "straddling the cut counted pro rata); groups re-ranked every year";
  sec.figures.push_back(std::move(f));

  LineChart d;
  d.frame = frame(in, "fig-gap-inequality", "Inequality between countries",
                  "Line chart: Gini, Theil and mean log deviation of country means weighted by population, by year.");
  d.frame.y_label = "index";
  d.x_years = true;
  d.series = {gini, theil, mld};
  Figure g{d.frame.id, "", "", line_chart(d), std::move(t), n};
  g.notes.method = "Gini, Theil T and MLD of the country means weighted by population: inequality between "
                   "countries only (within-country inequality is not in a table of means)";
  sec.figures.push_back(std::move(g));
  return sec;
}

// ---- Flows and the drain ---------------------------------------------------------------------------------

std::string store_arg(const ReportInputs& in) { return arg(in.mrio_arg); }

// The drain over a panel's years, from `worldsys drain --panel` rows: labour embodied each way and net (one
// tab), the drain under each valuation (another). The figures' data are those rows, unscaled.
std::vector<Figure> drain_years_figures(const ReportInputs& in) {
  const Table& t = *in.drain_years;
  const auto &year = t.column("year").num, &value = t.column("value").num;
  const auto &valuation = t.column("valuation").text, &measure = t.column("measure").text, &unit = t.column("unit").text;
  const std::vector<std::pair<std::string, std::string>> labour = {{"embodied_south_to_north", "South -> North"},
                                                                   {"embodied_north_to_south", "North -> South"},
                                                                   {"net_appropriation", "net appropriation"}};
  Table lt({"year", "measure", "value", "unit"}, {true, false, true, false});
  Table dt({"year", "valuation", "value", "unit"}, {true, false, true, false});
  LineChart lc, dc;
  for (const auto& [id, name] : labour) lc.series.push_back({name, {}, {}});
  for (size_t i = 0; i < t.rows(); ++i) {
    if (measure[i] == "drain") {  // one series per valuation, in the order of the rows
      auto s = std::find_if(dc.series.begin(), dc.series.end(), [&](const Series& x) { return x.name == valuation[i]; });
      if (s == dc.series.end()) s = dc.series.insert(dc.series.end(), Series{valuation[i], {}, {}});
      s->x.push_back(year[i]), s->y.push_back(value[i]);
      dt.add_row({year[i], valuation[i], value[i], unit[i]});
      dc.unit = unit[i];
    }
    if (valuation[i] != valuation.front()) continue;  // the same quantities under every valuation
    for (size_t k = 0; k < labour.size(); ++k)
      if (measure[i] == labour[k].first) {
        lc.series[k].x.push_back(year[i]), lc.series[k].y.push_back(value[i]);
        lt.add_row({year[i], measure[i], value[i], unit[i]});
        lc.unit = unit[i];
      }
  }
  if (lt.rows() == 0 || dt.rows() == 0) return {};
  const auto [first, last] = std::minmax_element(year.begin(), year.end());
  const int from = int(*first), to = int(*last);
  Notes n = mrio_notes(in);
  n.year = fmt::format("{}-{}", from, to);
  n.grouping = in.groups->name + " (a year-aware classification follows each year)";
  n.command = in.drain_years_command;
  n.method = "footprint-based labour embodied South->North and North->South and their difference, each year's "
             "table factored once; the drain values the net flow (Formulas: docs/methods/unequal_exchange.md)";
  if (dc.unit.find("USD") != std::string::npos && dc.unit != "M USD")
    n.ppp = "none: US$ at market exchange rates, " + dc.unit + " (US GDP deflator, Penn World Table)";

  lc.frame = frame(in, "fig-drain-years-labour", fmt::format("Labour embodied between North and South, {}-{}", from, to),
                   "Line chart: labour embodied in the other group's final demand, each way, and the net flow South "
                   "to North, by year.");
  lc.x_years = true;
  make_readable(lc, lc.frame.y_label);
  dc.frame = frame(in, "fig-drain-years", fmt::format("The drain South -> North by year, {}-{}", from, to),
                   "Line chart: the money value of the net labour embodied South to North under each valuation "
                   "method, by year.");
  dc.x_years = true;
  make_readable(dc, dc.frame.y_label);
  std::vector<Figure> out;
  out.push_back({dc.frame.id, "drain-years", "drain by valuation", line_chart(dc), std::move(dt), n});
  out.push_back({lc.frame.id, "drain-years", "labour embodied", line_chart(lc), std::move(lt), n});
  return out;
}

Section flows_section(const ReportInputs& in, const Accounts& acc) {
  const Mrio& m = *in.mrio;
  Section sec{"flows", "Flows between regions", "", {}, ""};
  sec.intro = table_used(in) +
              "What each region's production embodies in other regions' final demand (origin on the left, "
              "consuming region on the right; flows inside a region are left out), for each stressor.";
  const size_t R = m.regions.size();
  const bool by_region = R <= 12;
  const Concordance& g = *in.groups;
  for (size_t k = 0; k < acc.stressors.size(); ++k) {
    const auto& st = m.stressors[acc.stressors[k]];
    Sankey s;
    Table t({"origin", "destination", "stressor", "unit", "value"}, {false, false, false, false, true});
    std::vector<std::string> names = by_region ? m.regions : g.groups;
    const Matrix T = by_region ? acc.flows[k] : group_accounts(acc, k, g).flows;
    s.left = s.right = names;
    s.value.assign(names.size(), std::vector<double>(names.size(), 0.0));
    for (size_t i = 0; i < names.size(); ++i)
      for (size_t j = 0; j < names.size(); ++j) {
        if (i == j) continue;
        s.value[i][j] = T(i, j);
        t.add_row({names[i], names[j], st.name, st.unit, T(i, j)});
      }
    s.unit = st.unit;
    make_readable(s);
    s.frame = frame(in, "fig-flows-" + st.name, fmt::format("{} embodied in other regions' final demand", st.name),
                    fmt::format("Sankey diagram: {} produced in each region (left) and embodied in the final demand "
                                "of each other region (right), in {}.",
                                st.name, st.unit),
                    by_region ? 520 : 300);
    Figure f{s.frame.id, "flows", st.name, sankey(s), std::move(t), mrio_notes(in)};
    f.notes.grouping = by_region ? "the table's regions" : "groups " + g.name;
    f.notes.method = "footprint-based flows T[r,s] = f_r (L y_s)_r: the stressor used in r along every supply chain "
                     "ending in s's final demand (intermediate trade counted once); Leontief inverse applied by one "
                     "LU factorization of I - A";
    f.notes.command = fmt::format("worldsys flows{} --stressor {}{} --format csv", store_arg(in), st.name,
                                  by_region ? "" : " --groups " + g.name);
    sec.figures.push_back(std::move(f));
  }

  // The drain under each valuation, both definitions.
  if (!m.has_stressor("labour_hours") || !m.has_stressor("value_added") ||
      std::find(g.groups.begin(), g.groups.end(), "North") == g.groups.end() ||
      std::find(g.groups.begin(), g.groups.end(), "South") == g.groups.end()) {
    sec.missing = "The drain needs labour_hours and value_added satellites and a North/South split; this table "
                  "has no labour satellite or the groups have no North and South.";
    return sec;
  }
  const exchange::Partition p = exchange::make_partition(g);
  AccountsOptions ao;
  std::vector<std::string> need{"labour_hours", "value_added"};
  if (m.has_stressor("labour_compensation")) need.push_back("labour_compensation");
  for (const auto& n : need) ao.stressors.push_back(m.stressor_index(n));
  ao.multipliers = false;
  const Accounts dacc = compute_accounts(m, ao);
  std::vector<exchange::Valuation> vals{exchange::Valuation::northern_prices, exchange::Valuation::global_prices};
  if (m.has_stressor("labour_compensation")) vals.push_back(exchange::Valuation::wage_gap);
  if (in.prices) vals.push_back(exchange::Valuation::erdi);
  BarChart b;
  Series nq{"net quantity x price", {}, {}}, up{"underpayment", {}, {}};
  Table t({"valuation", "definition", "drain", "unit", "net_appropriation", "factor_unit"},
          {false, false, true, false, true, false});
  exchange::Drain northern;
  for (auto v : vals) {
    b.categories.push_back(exchange::to_string(v));
    for (auto def : {exchange::Definition::net_quantity, exchange::Definition::underpayment}) {
      exchange::DrainOptions o;
      o.valuation = v, o.definition = def, o.prices = in.prices;
      const exchange::Drain d = exchange::compute_drain(m, dacc, p, o);
      if (v == exchange::Valuation::northern_prices && def == exchange::Definition::net_quantity) northern = d;
      (def == exchange::Definition::net_quantity ? nq : up).y.push_back(d.value);
      t.add_row({exchange::to_string(v), std::string(def == exchange::Definition::net_quantity ? "net-quantity"
                                                                                               : "underpayment"),
                 d.value, d.money_unit, d.net(), d.factor_unit});
    }
  }
  b.series = {nq, up};
  b.unit = m.unit;
  b.frame = frame(in, "fig-drain", "The drain South -> North under each valuation",
                  fmt::format("Grouped bar chart: the money value of the net labour embodied South to North under "
                              "each valuation method and definition, in {}.",
                              m.unit));
  make_readable(b, b.frame.y_label);
  Figure f{b.frame.id, "", "", bar_chart(b), std::move(t), mrio_notes(in)};
  f.notes.grouping = fmt::format("{} (North: {})", g.name, [&] {
    std::vector<std::string> v;
    for (size_t r = 0; r < R; ++r)
      if (p.side[r] == exchange::Side::north) v.push_back(m.regions[r]);
    return join(v, ", ");
  }());
  f.notes.method = fmt::format(
      "net appropriation = labour embodied South->North minus North->South ({} {} net), footprint-based; "
      "northern-prices: net x value added per hour on North->South chains (Hickel et al. 2022); global-prices: net x "
      "the average of both directions; wage-gap: net x Northern wage per hour (Hickel et al. 2024); erdi: exports to "
      "the North x (PL_North/PL_i - 1), PWT price levels (Koehler 1998){}; underpayment = E(S->N) x price - what the "
      "South was paid. Formulas: docs/methods/unequal_exchange.md",
      format_value(northern.net()), northern.factor_unit, in.prices ? "" : " -- left out: no Penn World Table found");
  f.notes.command = fmt::format("worldsys drain{} --valuation all --format csv\nworldsys drain{} --valuation all "
                                "--definition underpayment --format csv",
                                store_arg(in), store_arg(in));
  sec.figures.push_back(std::move(f));

  if (in.drain_years)
    for (auto& y : drain_years_figures(in)) sec.figures.push_back(std::move(y));

  // Net appropriation per capita by region, on the map.
  if (!in.shapes) {
    sec.missing = "Map of net appropriation: " + in.shapes_note;
    return sec;
  }
  const int year = m.provenance.year.value_or(0);
  std::map<std::string, double> pop;  // region -> population
  std::string pop_source = "no population source";
  if (in.poverty.store) {
    const auto& econ = in.poverty.store->economies;
    int best = 0;  // the economies' year nearest the table's
    for (const auto& e : econ)
      if (best == 0 || std::abs(e.year - year) < std::abs(best - year)) best = e.year;
    for (const auto& e : econ)
      if (e.year == best && std::isfinite(e.population)) {
        const auto it = in.country_region.find(e.country);
        if (it != in.country_region.end()) pop[it->second] += e.population;
      }
    pop_source = fmt::format("population: {} ({})", in.poverty.store->source, best);
  }
  if (pop.empty()) {
    sec.missing = "Map of net appropriation per capita: no population (give a poverty source with economies).";
    return sec;
  }
  Table mt({"region", "population", "embodied_out", "embodied_in", "net_out", "net_out_per_capita", "unit"},
           {false, true, true, true, true, true, false});
  std::map<std::string, double> per_capita;
  for (const auto& rf : northern.regions) {
    if (rf.side == exchange::Side::none || !pop.count(rf.region)) continue;
    const double net = rf.out - rf.in;
    const double v = net * 1e6 / pop[rf.region];  // M h -> hours per person
    per_capita[rf.region] = v;
    mt.add_row({rf.region, pop[rf.region], rf.out, rf.in, net, v, std::string("hours per person per year")});
  }
  Choropleth c;
  c.shapes = in.shapes, c.diverging = true, c.unit = "h per person";
  for (const auto& [country, region] : in.country_region)
    if (per_capita.count(region)) c.values.emplace_back(country, per_capita[region]);
  c.legend = "net hours of labour embodied toward the other side, per person per year (+ given, - received)";
  c.frame = frame(in, "fig-drain-map", fmt::format("Net labour appropriation per person, {}", year),
                  "World map: each country coloured by its table region's net labour hours embodied in the other "
                  "side's final demand per resident; orange gives, purple receives.",
                  in.width * 0.5 + 70);
  Figure mf{c.frame.id, "", "", choropleth(c), std::move(mt), mrio_notes(in)};
  mf.notes.grouping = fmt::format("each country takes its table region's value ({} regions); North/South: {}", R,
                                  g.name);
  mf.notes.method = "(labour embodied in the other side's final demand - labour of the other side embodied in its "
                    "own) / population; footprint-based, as the drain";
  mf.notes.coverage = pop_source + "; regions are the table's, so countries inside a region share its value";
  mf.notes.command = fmt::format("worldsys drain{} --by region --format csv   (out/in per region; population: "
                                 "economies.csv of {})",
                                 store_arg(in), in.poverty.arg);
  sec.figures.push_back(std::move(mf));
  return sec;
}

// ---- Footprints ----------------------------------------------------------------------------------------------

Section footprint_section(const ReportInputs& in, const Accounts& acc) {
  const Mrio& m = *in.mrio;
  Section sec{"footprints", "Footprints: consumption vs production", "", {}, ""};
  sec.intro = table_used(in) +
              "Consumption-based (cba: embodied in the region's final demand) and production-based (pba: produced "
              "in the region) accounts per region, and the sectors that produce the most.";
  const Table by_sector = footprint_table(m, acc, true);
  std::vector<Figure> sectors;  // after the footprints: each tabset is one run of figures
  for (size_t k = 0; k < acc.stressors.size(); ++k) {
    const auto& st = m.stressors[acc.stressors[k]];
    BarChart b;
    Table t({"region", "stressor", "unit", "cba", "pba"}, {false, false, false, true, true});
    Series cba{"consumption-based (cba)", {}, {}}, pba{"production-based (pba)", {}, {}};
    for (size_t r = 0; r < m.regions.size(); ++r) {
      b.categories.push_back(m.regions[r]);
      cba.y.push_back(acc.cba(k, r)), pba.y.push_back(acc.pba(k, r));
      t.add_row({m.regions[r], st.name, st.unit, acc.cba(k, r), acc.pba(k, r)});
    }
    b.series = {cba, pba};
    b.unit = st.unit;
    b.frame = frame(in, "fig-footprint-" + st.name, fmt::format("{}: consumption- vs production-based", st.name),
                    fmt::format("Grouped bar chart: consumption-based and production-based {} per region, in {}.",
                                st.name, st.unit));
    make_readable(b, b.frame.y_label);
    Figure f{b.frame.id, "footprint", st.name, bar_chart(b), std::move(t), mrio_notes(in)};
    f.notes.grouping = "the table's regions";
    f.notes.method = "pba = f_r x_r (stressor in the region's production); cba = sum over origins of T[o,r] "
                     "(embodied in its final demand, via the Leontief inverse)";
    f.notes.command = fmt::format("worldsys footprint{} --stressor {} --format csv", store_arg(in), st.name);
    sec.figures.push_back(std::move(f));

    // Top sectors: the world's production-based account by sector.
    std::map<std::string, double> sum;
    std::vector<std::string> order;
    const auto& reg = by_sector.column("sector_name");
    const auto& stc = by_sector.column("stressor");
    const auto& pb = by_sector.column("pba");
    for (size_t i = 0; i < by_sector.rows(); ++i) {
      if (stc.text[i] != st.name || reg.text[i] == "final_demand") continue;
      if (!sum.count(reg.text[i])) order.push_back(reg.text[i]);
      sum[reg.text[i]] += pb.num[i];
    }
    std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b2) { return sum[a] > sum[b2]; });
    if (order.size() > 12) order.resize(12);
    BarChart h;
    h.horizontal = true;
    Table ts({"sector", "stressor", "unit", "pba"}, {false, false, false, true});
    Series w{"world", {}, {}};
    for (const auto& s : order) h.categories.push_back(s), w.y.push_back(sum[s]), ts.add_row({s, st.name, st.unit, sum[s]});
    h.series = {w};
    h.unit = st.unit;
    h.frame = frame(in, "fig-sectors-" + st.name, fmt::format("{}: top sectors, world", st.name),
                    fmt::format("Horizontal bar chart: world production-based {} by sector, largest first, in {}.",
                                st.name, st.unit),
                    60 + 28.0 * double(order.size()) + 40);
    make_readable(h, h.frame.x_label);
    Figure fs{h.frame.id, "sectors", st.name, bar_chart(h), std::move(ts), mrio_notes(in)};
    fs.notes.grouping = "sectors summed over all regions";
    fs.notes.method = "production-based account by sector (f_j x_j), summed over regions";
    fs.notes.command = fmt::format("worldsys footprint{} --by sector --stressor {} --format csv", store_arg(in), st.name);
    sectors.push_back(std::move(fs));
  }
  for (auto& f : sectors) sec.figures.push_back(std::move(f));
  return sec;
}

Section claims_section(const ReportInputs& in) {
  Section sec{"claims", "Claim checks", "", {}, ""};
  if (!in.claims) {
    sec.missing = "No claims were checked (--claims none).";
  } else if (in.claims->empty()) {
    sec.missing = fmt::format("{} holds no claims.", in.claims_arg);
  } else {
    const std::string file = in.claims_arg.empty() ? "the built-in claims (data/claims/default.yaml)" : in.claims_arg;
    sec.intro = fmt::format("Each claim from {}, measured on every applicable source, PPP vintage and method, with "
                            "a neutral verdict. Reproduce: worldsys claims{}.",
                            file, in.claims_arg.empty() ? "" : " " + in.claims_arg);
  }
  return sec;
}

// ---- Who captures the value -------------------------------------------------------------------------------

// The South's share of the value added in world exports beside its share of the hours worked for them, from
// `worldsys gvc --measure va-origin --factor value_added,labour_hours` rows (origin = where the factor arises).
Section value_section(const ReportInputs& in) {
  const Mrio& m = *in.mrio;
  Section sec{"value", "Who captures the value", "", {}, ""};
  const auto south = std::find(in.groups->groups.begin(), in.groups->groups.end(), "South");
  if (!m.has_stressor("labour_hours") || south == in.groups->groups.end()) {
    sec.missing = "This table has no labour_hours satellite or no South group: nothing to set value added against.";
    return sec;
  }
  const size_t south_id = size_t(south - in.groups->groups.begin());
  std::map<std::string, bool> is_south;
  for (size_t r = 0; r < m.regions.size(); ++r) is_south[m.regions[r]] = in.groups->group_of[r] == south_id;

  std::optional<Table> rows;
  if (in.value_years) {
    rows = *in.value_years;
  } else {
    gvc::Options o;
    for (const char* f : {"value_added", "labour_hours"}) {
      o.factor = f;
      Table t = with_column(gvc::va_origin(m, o), 2, "factor", std::string(f));
      t = with_column(t, 0, "year", m.provenance.year ? double(*m.provenance.year) : 0.0);
      if (!rows)
        rows = std::move(t);
      else
        append(*rows, t);
    }
  }
  // Per year and factor: the South's share of the factor embodied in world gross exports.
  std::map<std::pair<double, std::string>, std::pair<double, double>> share;  // (year, factor) -> (South, all)
  const auto &year = rows->column("year").num, &value = rows->column("value").num;
  const auto &origin = rows->column("origin").text, &factor = rows->column("factor").text;
  const auto& term = rows->column("term").text;
  for (size_t i = 0; i < rows->rows(); ++i) {
    if (term[i] != "EXGR_VA") continue;
    auto& [s, all] = share[{year[i], factor[i]}];
    all += value[i];
    if (is_south[origin[i]]) s += value[i];
  }
  Table data({"year", "factor", "south_share_percent"}, {true, false, true});
  LineChart lc;
  lc.series = {{"value added in world exports", {}, {}}, {"hours worked for world exports", {}, {}}};
  double last_year = 0, va_share = 0, hours_share = 0;
  for (const auto& [key, v] : share) {
    const double pct = v.second > 0 ? 100 * v.first / v.second : 0;
    const size_t k = key.second == "value_added" ? 0 : 1;
    data.add_row({key.first, key.second, pct});
    lc.series[k].x.push_back(key.first), lc.series[k].y.push_back(pct / 100);
    last_year = key.first;
    (k == 0 ? va_share : hours_share) = pct;
  }
  sec.intro = table_used(in) + fmt::format(
      "In {:.0f} the South ({}) did {:.1f} % of the hours worked for the world's exports, counting the inputs made "
      "for them anywhere, and received {:.1f} % of the value added they carry. Both are traced through every stage "
      "of production to the exports that carry them (value added and hours by origin in gross exports).",
      last_year, in.groups->name, hours_share, va_share);
  Notes n = mrio_notes(in);
  n.grouping = in.groups->name;
  n.method = "value added (x - 1'Z, net taxes included) and hours by origin embodied in every country's gross "
             "exports, V B E summed over exporters; the South's share of the world total (docs/methods/gvc.md §3)";
  Figure f;
  if (lc.series[0].x.size() > 1) {
    n.year = fmt::format("{:.0f}-{:.0f}", lc.series[0].x.front(), lc.series[0].x.back());
    n.command = in.value_years_command;
    lc.y_percent = lc.x_years = true;
    lc.unit = "%";
    lc.frame = frame(in, "fig-value", "The South's share of world exports: value added and hours",
                     "Line chart: the South's share of the value added and of the hours embodied in world gross "
                     "exports, by year.");
    lc.frame.y_label = "share of the world total";
    f = {lc.frame.id, "", "", line_chart(lc), std::move(data), n};
  } else {
    BarChart bc;
    bc.categories = {"value added", "hours worked"};
    bc.series = {{"South", {}, {va_share, hours_share}}, {"North", {}, {100 - va_share, 100 - hours_share}}};
    n.command = "worldsys gvc" + store_arg(in) + " --measure va-origin --factor value_added,labour_hours --format csv";
    bc.unit = "%";
    bc.frame = frame(in, "fig-value", "Who does the work and who captures the value in world exports",
                     "Bar chart: the South's and the North's shares of the value added and of the hours embodied "
                     "in world gross exports.");
    bc.frame.y_label = "% of the world total";
    f = {bc.frame.id, "", "", bar_chart(bc), std::move(data), n};
  }
  sec.figures.push_back(std::move(f));
  return sec;
}

}  // namespace

std::vector<double> poverty_lines(const DistributionStore& s) {
  return distrib::international_lines(distrib::store_vintage(s));
}

Report build_report(const ReportInputs& in) {
  if (!in.mrio || !in.groups) fail(ErrorKind::usage, "the report needs a table and its North/South groups");
  const Mrio& m = *in.mrio;
  Report r;
  r.title = "The state of the world economy";
  r.subtitle = fmt::format("{}{}", m.provenance.source,
                           in.poverty.store ? "; " + in.poverty.store->source : std::string());
  AccountsOptions opt;
  opt.multipliers = false;
  const Accounts acc = compute_accounts(m, opt);  // every stressor: one factorization, all right-hand sides
  const std::string lead = m.has_stressor("value_added") ? "value_added" : m.stressors.front().name;
  r.summary = summarize(m, acc, lead, *in.groups);
  if (const std::string l = labour_statement(m, *in.groups); !l.empty()) r.key_figures.push_back(l);
  r.claims = in.claims;
  if (in.poverty.store) r.sections.push_back(poverty_section(in));
  if (in.gap.store) r.sections.push_back(gap_section(in));
  r.sections.push_back(flows_section(in, acc));
  r.sections.push_back(value_section(in));
  r.sections.push_back(footprint_section(in, acc));
  r.sections.push_back(claims_section(in));
  return r;
}

std::vector<const Figure*> figures(const Report& r) {
  std::vector<const Figure*> out;
  for (const auto& s : r.sections)
    for (const auto& f : s.figures) out.push_back(&f);
  return out;
}

}  // namespace worldsys::report
