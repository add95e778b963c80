// Measuring a claim: the poverty, gap and drain tables of the library (the same calls as the CLI verbs), one
// measurement per applicable source, PPP vintage and method, each with the command line that prints it.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "worldsys/claims/claims.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/tables.hpp"
#include "worldsys/distrib/world.hpp"
#include "worldsys/exchange/panel.hpp"
#include "worldsys/io/distributions.hpp"
#include "worldsys/io/drain_source.hpp"
#include "worldsys/io/pwt.hpp"
#include "worldsys/io/store.hpp"

namespace worldsys::claims {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void claim_error(const Claim& c, const std::string& what) {
  fail(ErrorKind::usage, fmt::format("{}: claim '{}': {}", c.origin, c.id, what));
}

std::string percent(double share) { return fmt::format("{:.1f}%", 100 * share); }
std::string people(double n) { return n >= 1e9 ? fmt::format("{:.2f} bn", n / 1e9) : fmt::format("{:.0f} M", n / 1e6); }

// The stores of one check run, read once.
class Stores {
 public:
  explicit Stores(const Sources& s) : sources_(s) {}
  const DistributionStore& get(const Claim& c, const std::string& name) {
    auto it = cache_.find(name);
    if (it != cache_.end()) return it->second;
    const auto p = sources_.distributions.find(name);
    if (p == sources_.distributions.end()) {
      std::vector<std::string> names;
      for (const auto& [n, path] : sources_.distributions) names.push_back(n);
      claim_error(c, fmt::format("unknown source '{}'; known: {}", name, fmt::join(names, ", ")));
    }
    return cache_.emplace(name, io::read_distribution_store(p->second)).first->second;
  }
  // How the command line names the store: the default name when it is the embedded store (and no directory of
  // that name hides it), else its path.
  std::string cli_name(const std::string& name) const {
    const fs::path p = sources_.distributions.at(name);
    return io::resolve_distribution_store(name) == p ? name : p.string();
  }
  const Sources& sources() const { return sources_; }

 private:
  const Sources& sources_;
  std::map<std::string, DistributionStore> cache_;
};

std::string year_span(const std::vector<int>& ys) {
  return ys.empty() ? "no years" : fmt::format("{}-{}", ys.front(), ys.back());
}

// Can the store answer a poverty query at `line` (in its vintage) in every year of `years`? Shares (Lorenz fits)
// or the source's own estimates at that line.
bool answers_line(const DistributionStore& s, double line) {
  if (std::any_of(s.distributions.begin(), s.distributions.end(), [](const auto& d) { return !d.shares.empty(); }))
    return true;
  return std::any_of(s.published.begin(), s.published.end(), [&](const auto& p) { return std::abs(p.line - line) < 1e-9; });
}

void measure_poverty(const Claim& c, Stores& stores, std::vector<Measurement>& out) {
  const Query& q = c.query;
  const bool change = c.metric == "poverty.change";
  const std::vector<int> years = change ? std::vector<int>{q.from, q.to} : std::vector<int>{q.year};
  // The vintage the line is stated in: as written, else the vintage whose international line it is.
  distrib::PppVintage stated;
  try {
    stated = distrib::parse_ppp_vintage(
        q.ppp.empty() ? distrib::name(distrib::line_vintage(q.line, "", distrib::PppVintage::ppp2005)) : q.ppp);
  } catch (const Error& e) {
    claim_error(c, e.what());
  }
  if (q.ppp.empty() && stated == distrib::PppVintage::ppp2005 &&
      std::abs(q.line - distrib::international_lines(stated).front()) > 1e-9)
    claim_error(c, fmt::format("give the PPP vintage of the ${} line with 'ppp' (2011, 2017 or 2021)", q.line));
  const bool listed = !c.sources.empty();
  const auto& names = listed ? c.sources : stores.sources().poverty;
  std::vector<std::string> skipped;
  for (const auto& name : names) {
    if (!listed && !stores.sources().distributions.count(name)) continue;
    const DistributionStore& s = stores.get(c, name);
    const auto vintage = distrib::store_vintage(s);
    distrib::PovertyQuery pq;
    pq.line = q.line;
    pq.ppp = distrib::name(stated);
    pq.convert_line = stated != vintage;
    pq.years = years;
    pq.by = q.region == "World" ? distrib::Grouping::world : distrib::Grouping::region;
    pq.coverage = s.surveys.empty() ? distrib::CoverageRule::lineup : distrib::CoverageRule::survey_3y;
    // A store of survey years gives its source's published group estimates (poverty_table); coverage plays no part.
    const bool published = s.survey_years_only;
    const double line = distrib::query_line(pq, vintage).value;
    const auto have = distrib::store_years(s);
    std::string why;
    for (int y : years)
      if (!std::binary_search(have.begin(), have.end(), y)) why = fmt::format("has no data for {} ({})", y, year_span(have));
    if (why.empty() && !answers_line(s, line))
      why = fmt::format("has no distributions and no estimates at ${} ({} PPP)", line, distrib::name(vintage));
    if (!why.empty()) {
      if (listed) claim_error(c, fmt::format("source {} {}", name, why));
      skipped.push_back(fmt::format("{} {}", name, why));
      continue;
    }
    const Table t = distrib::poverty_table(s, pq, name);
    const auto& group = t.column("group").text;
    const auto& year = t.column("year").num;
    auto row = [&](int y) -> size_t {
      for (size_t i = 0; i < t.rows(); ++i)
        if (group[i] == q.region && int(year[i]) == y) return i;
      std::vector<std::string> groups(group.begin(), group.end());
      std::sort(groups.begin(), groups.end());
      groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
      claim_error(c, fmt::format("source {} has no group '{}'; its groups: World, {}", name, q.region,
                                 fmt::join(groups, ", ")));
    };
    const auto& hc = t.column("headcount").num;
    const auto& pop = t.column("population").num;
    const auto& cov = t.column("coverage").num;
    const auto& rep = t.column("reported").text;
    const auto& low = t.column("coverage_low_income").num;
    const auto& est = t.column("estimate").text;
    Measurement m;
    m.source = name;
    m.ppp = distrib::name(vintage);
    m.method = fmt::format("${:g} a day{}; {}", line,
                           pq.convert_line ? fmt::format(" (${:g} in {} PPP, converted)", q.line, distrib::name(stated)) : "",
                           published                                     ? "the source's published estimates only"
                           : pq.coverage == distrib::CoverageRule::lineup ? "modelled, coverage lineup"
                                                                          : "modelled, coverage survey-3y");
    const std::string command =
        fmt::format("worldsys poverty {} --line {:g} --ppp {}{} --year {} --by {}{} --format csv", stores.cli_name(name),
                    q.line, distrib::name(stated), pq.convert_line ? " --convert-line" : "",
                    change ? fmt::format("{}-{}", q.from, q.to) : std::to_string(q.year),
                    pq.by == distrib::Grouping::world ? "world" : "region",
                    !published && pq.coverage == distrib::CoverageRule::lineup ? " --coverage lineup" : "");
    auto coverage = [&](size_t i) {
      return std::isnan(low[i]) ? percent(cov[i])
                                : fmt::format("{}, of low + lower-middle-income people {}", percent(cov[i]), percent(low[i]));
    };
    // One year's figure, and why it does not count (empty when it does).
    auto describe = [&](size_t i) {
      if (est[i] == "published")
        return fmt::format("{} {}: {} below ${:g} (the source's published estimate)", q.region, int(year[i]),
                           percent(hc[i]), line);
      if (est[i] == "none")
        return fmt::format("{} {}: no figure ({} holds countries only in their survey years and publishes no {} "
                           "estimate at ${:g} for {})", q.region, int(year[i]), name, q.region, line, int(year[i]));
      return fmt::format("{} {}: {} of {} below ${:g} (population coverage {}{})", q.region, int(year[i]),
                         percent(hc[i]), people(pop[i]), line, coverage(i),
                         rep[i] == "true" ? "" : "; PIP reports a group only with 50% coverage, the world also 50% "
                                                 "of low + lower-middle-income people");
    };
    // The source's own group estimate, or a group aggregated here that meets PIP's reporting rule.
    auto counted = [&](size_t i) { return est[i] == "published" || ((est[i] == "model" || est[i] == "source") && rep[i] == "true"); };
    auto why_not = [&](std::initializer_list<size_t> rows) {
      std::vector<std::string> w;
      for (size_t i : rows)
        if (!counted(i))
          w.push_back(est[i] == "none" ? fmt::format("no {} figure for {}", q.region, int(year[i]))
                                       : fmt::format("coverage {} in {}", coverage(i), int(year[i])));
      return w.empty() ? std::string() : fmt::format("not counted: {}; ", fmt::join(w, ", "));
    };
    if (change) {
      const size_t a = row(q.from), b = row(q.to);
      m.value = hc[b] - hc[a];
      m.unit = "change in share of population";
      m.counted = counted(a) && counted(b);
      m.detail = why_not({a, b}) + describe(a) + "; " + describe(b);
      m.command = command + fmt::format("   # headcount {} minus {}", q.to, q.from);
    } else {
      const size_t i = row(q.year);
      m.value = hc[i];
      m.unit = "share of population";
      m.counted = counted(i);
      m.detail = why_not({i}) + describe(i);
      m.command = command + "   # headcount";
      // Where the claim flips: the line at which the share is the threshold, in the claim's PPP.
      const double share = c.compare.threshold;
      if (!published && share > 0 && share < 1) {
        distrib::PovertyQuery lq = pq;
        lq.years = {q.year};
        const Table lines = distrib::line_table(s, lq, share, name);
        for (size_t k = 0; k < lines.rows(); ++k)
          if (lines.column("group").text[k] == q.region && std::isfinite(lines.column("line").num[k])) {
            const double z = lines.column("line").num[k];
            m.flip_line = pq.convert_line ? distrib::convert_line({z, vintage}, stated).value : z;
            m.detail += fmt::format("; {} of the people live below ${:.2f} a day ({} PPP{})", percent(share),
                                    m.flip_line, distrib::name(stated),
                                    pq.convert_line ? fmt::format(", ${:.2f} in {} PPP", z, distrib::name(vintage)) : "");
          }
      }
    }
    m.satisfied = c.compare.satisfied(m.value);
    out.push_back(std::move(m));
  }
  if (out.empty())
    claim_error(c, fmt::format("no source can measure it: {}", skipped.empty() ? "none given" : fmt::format("{}", fmt::join(skipped, "; "))));
}

void measure_gap(const Claim& c, Stores& stores, std::vector<Measurement>& out) {
  const Query& q = c.query;
  const bool trend = c.metric == "gap.trend";
  const int from = trend ? q.from : q.year, to = trend ? q.to : q.year;
  const bool listed = !c.sources.empty();
  const auto& names = listed ? c.sources : stores.sources().gap;
  std::vector<std::string> skipped;
  for (const auto& name : names) {
    if (!listed && !stores.sources().distributions.count(name)) continue;
    const DistributionStore& s = stores.get(c, name);
    // Years with at least two country means, as gap_table counts them.
    std::vector<int> have;
    for (int y : distrib::store_years(s))
      if (distrib::country_means(s, y).size() >= 2) have.push_back(y);
    std::string why;
    for (int y : {from, to})
      if (!std::binary_search(have.begin(), have.end(), y)) why = fmt::format("has no country means in {} ({})", y, year_span(have));
    if (!why.empty()) {
      if (listed) claim_error(c, fmt::format("source {} {}", name, why));
      skipped.push_back(fmt::format("{} {}", name, why));
      continue;
    }
    for (const auto& weights : q.weights)
      for (bool fixed : q.fixed) {
        const distrib::GapQuery gq{from, to, q.share, weights == "population", fixed, q.balanced};
        const Table t = distrib::gap_table(s, gq);
        const std::string flags =
            fmt::format("--from {} --to {}{}{}{}{}", from, to, weights == "none" ? " --weights none" : "",
                        q.share != 0.1 ? fmt::format(" --share {:g}", q.share) : "", fixed ? " --fixed" : "",
                        q.balanced ? " --balanced" : "");
        const std::string method_base = fmt::format("weights {}, {}{}", weights, fixed ? "fixed groups" : "re-ranked",
                                                    q.balanced ? ", balanced panel" : "");
        if (!trend) {
          Measurement m;
          m.source = name;
          m.ppp = s.ppp;
          m.method = fmt::format("top_bottom (richest/poorest {}), {}", percent(q.share), method_base);
          m.value = t.column("top_bottom").num.front();
          m.unit = "ratio of means";
          m.detail = fmt::format("{}: the richest {} have {:.1f} times the mean of the poorest {} ({} countries)", q.year,
                                 percent(q.share), m.value, percent(q.share), t.column("countries").num.front());
          m.command = fmt::format("worldsys gap {} {} --format csv   # top_bottom", stores.cli_name(name), flags);
          m.satisfied = c.compare.satisfied(m.value);
          out.push_back(std::move(m));
          continue;
        }
        const Table tr = distrib::gap_trend_table(t);
        for (const auto& measure : q.measures) {
          size_t i = 0;
          while (tr.column("measure").text[i] != measure) ++i;
          Measurement m;
          m.source = name;
          m.ppp = s.ppp;
          m.method = fmt::format("{}, {}", measure, method_base);
          m.value = tr.column("slope_per_year").num[i];
          m.unit = "slope per year";
          m.detail = fmt::format("{} {:.4g} in {} -> {:.4g} in {} ({:+.2f}% a year)", measure, tr.column("first").num[i],
                                 from, tr.column("last").num[i], to, 100 * tr.column("growth_per_year").num[i]);
          m.command = fmt::format("worldsys gap {} {} --trend --format csv   # {} slope_per_year", stores.cli_name(name),
                                  flags, measure);
          m.satisfied = c.compare.satisfied(m.value);
          out.push_back(std::move(m));
        }
      }
  }
  if (out.empty())
    claim_error(c, fmt::format("no source can measure it: {}", skipped.empty() ? "none given" : fmt::format("{}", fmt::join(skipped, "; "))));
}

void measure_drain(const Claim& c, const Sources& sources, std::vector<Measurement>& out) {
  const Query& q = c.query;
  const bool value = c.metric == "drain.value";
  std::vector<std::string> valuations = q.valuations;
  if (valuations.empty()) valuations = {"northern-prices", "global-prices", "wage-gap", "erdi"};
  // erdi needs the Penn World Table: given, or Debian's PWT 9.1; without it erdi is left out unless asked for.
  std::shared_ptr<const io::Pwt> pwt;
  const bool wants_erdi = value && std::count(valuations.begin(), valuations.end(), "erdi");
  const fs::path pwt_dir = sources.pwt.empty() ? fs::path(io::kPwt91DebianDir) : sources.pwt;
  if (wants_erdi) {
    if (fs::exists(pwt_dir)) pwt = std::make_shared<io::Pwt>(io::read_pwt(pwt_dir));
    else if (!q.valuations.empty()) claim_error(c, fmt::format("erdi needs the Penn World Table ({} is absent)", pwt_dir.string()));
    else std::erase(valuations, "erdi");
  }
  if (!value) valuations = {"northern-prices"};  // the net flow in factor units does not depend on the valuation
  const auto src = io::drain_source({sources.mrio}, pwt);
  const std::string store = sources.mrio.empty() ? "" : " " + sources.mrio;
  for (const auto& attribution : q.attributions) {
    exchange::DrainRequest r;
    r.groups = q.groups;
    r.options.factor = q.factor;
    r.options.attribution = exchange::parse_attribution(attribution);
    auto run = [&] {
      r.valuations.clear();
      for (const auto& v : valuations) r.valuations.push_back(exchange::parse_valuation(v));
      return exchange::drain_panel(src, r);
    };
    Table t({}, {});
    try {
      t = run();
    } catch (const Error& e) {
      // erdi by default only: where PWT has no price levels for the table's year (EXIOBASE 2022 and PWT 9.1's
      // 2017), the claim is measured under the other valuations, as when PWT is absent.
      const auto erdi = std::find(valuations.begin(), valuations.end(), "erdi");
      if (!q.valuations.empty() || erdi == valuations.end()) claim_error(c, e.what());
      valuations.erase(erdi);
      try {
        t = run();
      } catch (const Error& again) {
        claim_error(c, again.what());
      }
    }
    const auto& scope = t.column("scope").text;
    const auto& measure = t.column("measure").text;
    const auto& val = t.column("valuation").text;
    auto find = [&](const std::string& v, const std::string& what) {
      for (size_t i = 0; i < t.rows(); ++i)
        if (scope[i] == "North<->South" && val[i] == v && measure[i] == what) return i;
      claim_error(c, fmt::format("the drain table has no {} row for {}", what, v));
    };
    for (const auto& v : valuations) {
      const size_t i = find(v, value ? "drain" : "net_appropriation");
      const size_t sn = find(v, "embodied_south_to_north"), ns = find(v, "embodied_north_to_south");
      Measurement m;
      m.source = fmt::format("{} {}", sources.mrio.empty() ? "embedded WIOD" : sources.mrio,
                             t.column("year").num[i]);
      m.ppp = "";
      m.method = value ? fmt::format("{}, {} attribution, groups {}", v, attribution, t.column("groups").text[i])
                       : fmt::format("{} attribution, groups {}", attribution, t.column("groups").text[i]);
      m.value = t.column("value").num[i];
      m.unit = t.column("unit").text[i];
      const std::string u = t.column("unit").text[sn];
      m.detail = fmt::format("{} embodied South->North {:.4g} {}, North->South {:.4g} {}", q.factor,
                             t.column("value").num[sn], u, t.column("value").num[ns], u);
      m.command = fmt::format("worldsys drain{}{} --factor {} --attribution {} --valuation {} --format csv   # {}",
                              store, q.groups.empty() ? "" : " --groups " + q.groups, q.factor, attribution, v,
                              value ? "drain" : "net_appropriation");
      m.satisfied = c.compare.satisfied(m.value);
      out.push_back(std::move(m));
    }
  }
}

ClaimResult check(const Claim& c, Stores& stores) {
  ClaimResult r;
  r.claim = c;
  if (c.metric.starts_with("poverty.")) measure_poverty(c, stores, r.measurements);
  else if (c.metric.starts_with("gap.")) measure_gap(c, stores, r.measurements);
  else if (c.metric.starts_with("drain.")) measure_drain(c, stores.sources(), r.measurements);
  else claim_error(c, fmt::format("unknown metric '{}'", c.metric));
  r.verdict = verdict(r.measurements);
  r.summary = summary(c, r.measurements, r.verdict);
  return r;
}

}  // namespace

Sources Sources::defaults() {
  Sources s;
  for (const auto& name : io::default_distribution_stores())
    s.distributions[name] = io::default_data_path("default-distributions/" + name);
  return s;
}

ClaimResult check_claim(const Claim& claim, const Sources& sources) {
  Stores stores(sources);
  return check(claim, stores);
}

std::vector<ClaimResult> check_claims(const std::vector<Claim>& claims, const Sources& sources) {
  Stores stores(sources);
  std::vector<ClaimResult> out;
  for (const auto& c : claims) out.push_back(check(c, stores));
  return out;
}

}  // namespace worldsys::claims
