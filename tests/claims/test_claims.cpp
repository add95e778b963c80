// Claim checks: every measured value is the number the CLI line in its `command` prints (run through the built
// binary), on the embedded defaults and on the real data; malformed claim files fail naming the claim; verdicts.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "support.hpp"
#include "worldsys/claims/claims.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/tables.hpp"
#include "worldsys/io/distributions.hpp"

using namespace worldsys;
using namespace worldsys::claims;
namespace fs = std::filesystem;

namespace {

// A CSV with no quoted fields (the poverty, gap and drain tables) as rows of named fields.
std::vector<std::map<std::string, std::string>> parse_csv(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  auto split = [](const std::string& s) {
    std::vector<std::string> f;
    std::stringstream ss(s);
    std::string x;
    while (std::getline(ss, x, ',')) f.push_back(x);
    if (!s.empty() && s.back() == ',') f.push_back("");
    return f;
  };
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (header.empty()) {
      header = split(line);
      continue;
    }
    const auto f = split(line);
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header.size() && i < f.size(); ++i) row[header[i]] = f[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

// Runs a measurement's command and reads back the number it names (the comment after '#').
double value_from_cli(const Claim& c, const Measurement& m) {
  const auto hash = m.command.find("   # ");
  EXPECT_NE(hash, std::string::npos) << m.command;
  std::string args = m.command.substr(0, hash);
  EXPECT_EQ(args.rfind("worldsys ", 0), 0u);
  args = args.substr(9);
  const auto r = test::run_cli(args);
  EXPECT_EQ(r.rc, 0) << m.command << "\n" << r.err;
  const auto rows = parse_csv(r.out);
  const Query& q = c.query;
  auto num = [](const std::string& s) { return s.empty() ? double(NAN) : std::stod(s); };
  if (c.metric.starts_with("poverty.")) {
    auto hc = [&](int year) {
      for (const auto& row : rows)  // the CLI's columns carry PIP's names
        if (row.at("region_code") == q.region && int(num(row.at("reporting_year"))) == year) return num(row.at("headcount"));
      ADD_FAILURE() << "no row for " << year << " in " << r.out;
      return double(NAN);
    };
    return c.metric == "poverty.change" ? hc(q.to) - hc(q.from) : hc(q.year);
  }
  if (c.metric == "gap.ratio") return num(rows.at(0).at("top_bottom"));
  if (c.metric == "gap.trend") {
    const std::string measure = m.method.substr(0, m.method.find(','));
    for (const auto& row : rows)
      if (row.at("measure") == measure) return num(row.at("slope_per_year"));
  }
  if (c.metric.starts_with("drain.")) {
    const std::string measure = c.metric == "drain.net" ? "net_appropriation" : "drain";
    for (const auto& row : rows)
      if (row.at("scope") == "North<->South" && row.at("measure") == measure) return num(row.at("value"));
  }
  ADD_FAILURE() << "cannot read " << m.command << " output:\n" << r.out;
  return NAN;
}

void expect_cli_agrees(const std::vector<ClaimResult>& results) {
  for (const auto& r : results) {
    ASSERT_FALSE(r.measurements.empty()) << r.claim.id;
    for (const auto& m : r.measurements) {
      const double cli = value_from_cli(r.claim, m);
      if (std::isnan(m.value)) EXPECT_TRUE(std::isnan(cli)) << r.claim.id << ": " << m.command;  // no figure in both
      else EXPECT_EQ(m.value, cli) << r.claim.id << ": " << m.command;  // same calls: exact
    }
  }
}

ClaimResult only(const std::string& yaml, const Sources& s = Sources::defaults()) {
  test::TempDir t;
  test::write_file(t / "c.yaml", yaml);
  return check_claims(load_claims(t / "c.yaml"), s).at(0);
}

}  // namespace

TEST(Claims, DefaultClaimsEqualTheCliOnTheEmbeddedData) {
  const auto results = check_claims(default_claims(), Sources::defaults());
  ASSERT_GE(results.size(), 6u);
  expect_cli_agrees(results);
  // Measured on every applicable source and vintage: the $3.00 (2021 PPP) line on all four poverty stores.
  const auto& half = results.at(0);
  EXPECT_EQ(half.claim.id, "half-under-3-dollars");
  ASSERT_EQ(half.measurements.size(), 4u);
  // pip2021 in its own vintage; its 2019 world misses PIP's reporting rule (42 % of low + lower-middle-income
  // people covered by a survey within 3 years), so it does not count.
  EXPECT_EQ(half.measurements[0].source, "pip2021");
  EXPECT_EQ(half.measurements[0].ppp, "2021");
  EXPECT_NEAR(half.measurements[0].value, 0.1076, 3e-3);  // PIP: 10.76 %
  EXPECT_FALSE(half.measurements[0].counted);
  // Where the claim flips: half the world lived below $8.38 a day (2021 PPP) in 2019; at that line the claim's
  // share is exactly one half.
  const double flip = half.measurements[0].flip_line;
  EXPECT_GT(flip, 7.5);
  EXPECT_LT(flip, 9.5);
  EXPECT_NE(half.measurements[0].detail.find(fmt::format("50.0% of the people live below ${:.2f} a day (2021 PPP)", flip)),
            std::string::npos) << half.measurements[0].detail;
  const auto at = test::run_cli(fmt::format("poverty pip2021 --line {:.12g} --ppp 2021 --year 2019 --format csv", flip));
  ASSERT_EQ(at.rc, 0) << at.err;
  const auto rows = parse_csv(at.out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NEAR(std::stod(rows[0].at("headcount")), 0.5, 1e-8) << at.out;
  EXPECT_TRUE(std::isnan(half.measurements[2].flip_line));  // owid-pip2017: published figures only, nothing to invert
  EXPECT_EQ(half.measurements[1].ppp, "2011");
  EXPECT_NE(half.measurements[1].command.find("--convert-line"), std::string::npos);
  // Only figures the source stands behind count: pip2011's 2019 world misses PIP's reporting rule (41 % of
  // low + lower-middle-income people covered), wdi publishes no world figure; owid-pip2017 gives PIP's own.
  EXPECT_FALSE(half.measurements[1].counted);
  EXPECT_EQ(half.measurements[1].detail.rfind("not counted: coverage ", 0), 0u) << half.measurements[1].detail;
  EXPECT_TRUE(half.measurements[2].counted);
  EXPECT_EQ(half.measurements[2].source, "owid-pip2017");
  EXPECT_NEAR(half.measurements[2].value, 0.0844, 5e-4);
  EXPECT_FALSE(half.measurements[3].counted);
  EXPECT_TRUE(std::isnan(half.measurements[3].value));
  EXPECT_EQ(half.verdict, Verdict::does_not_hold);
  // The latest year: pip2021 alone reaches 2024, and its world meets the reporting rule there.
  const auto& tenth = results.at(1);
  EXPECT_EQ(tenth.claim.id, "under-tenth-in-extreme-poverty");
  ASSERT_GE(tenth.measurements.size(), 1u);
  EXPECT_EQ(tenth.measurements[0].source, "pip2021");
  EXPECT_TRUE(tenth.measurements[0].counted) << tenth.measurements[0].detail;
  EXPECT_NEAR(tenth.measurements[0].value, 0.104, 3e-3);  // PIP: 10.40 %
  EXPECT_EQ(tenth.verdict, Verdict::does_not_hold);
  // Commands name the embedded stores, not their paths.
  for (const auto& m : half.measurements) EXPECT_EQ(m.command.rfind("worldsys poverty " + m.source + " ", 0), 0u) << m.command;
  const auto t = claims_table(results);
  size_t n = 0;
  for (const auto& r : results) n += r.measurements.size();
  EXPECT_EQ(t.rows(), n);
}

TEST(Claims, PovertyClaimEqualsThePovertyTableOnTheRealData) {
  const char* rel = "poverty/pip_2011ppp";
  WORLDSYS_REQUIRE_DATA(rel);
  test::TempDir t;
  io::write_distribution_store(io::read_pip2011(test::shared_data() / rel), t / "pip11", false);
  Sources s = Sources::defaults();
  s.distributions["pip-full"] = t / "pip11";
  const auto r = only(R"(- id: poverty-1985
  text: "x"
  metric: poverty.change
  line: 1.90
  ppp: 2011
  from: 1985
  to: 2015
  region: SSA
  sources: [pip-full]
  compare: decreases
)", s);
  ASSERT_EQ(r.measurements.size(), 1u);
  // Independently: the poverty table of the whole store, by region, at $1.90, 1985 and 2015.
  distrib::PovertyQuery q;
  q.line = 1.90;
  q.years = {1985, 2015};
  q.by = distrib::Grouping::region;
  const Table p = distrib::poverty_table(io::read_distribution_store(t / "pip11"), q, "pip11");
  double a = NAN, b = NAN;
  for (size_t i = 0; i < p.rows(); ++i)
    if (p.column("group").text[i] == "SSA") (p.column("year").num[i] == 1985 ? a : b) = p.column("headcount").num[i];
  EXPECT_EQ(r.measurements[0].value, b - a);
  EXPECT_GT(a, 0.3);  // SSA's extreme poverty in 1985 was above 30% in every PIP vintage
  expect_cli_agrees({r});
}

TEST(Claims, GapClaimOnTheRealMaddisonData) {
  const char* rel = "gdp/maddison_2020_owid";
  WORLDSYS_REQUIRE_DATA(rel);
  test::TempDir t;
  io::write_distribution_store(io::read_maddison(test::shared_data() / rel), t / "mad", false);
  Sources s = Sources::defaults();
  s.distributions["maddison-full"] = t / "mad";
  const auto r = only(R"(- id: gap-1900
  text: "x"
  metric: gap.ratio
  year: 1900
  weights: [population, none]
  sources: [maddison-full]
  compare: "> 5"
)", s);
  ASSERT_EQ(r.measurements.size(), 2u);
  expect_cli_agrees({r});
}

namespace {
// Runs `worldsys claims` on a file and expects exit 2 with the claim id, file:line and `what` in the message.
void expect_claim_error(const std::string& yaml, const std::string& id, int line, const std::string& what) {
  test::TempDir t;
  test::write_file(t / "c.yaml", yaml);
  const auto r = test::run_cli("claims " + (t / "c.yaml").string());
  EXPECT_EQ(r.rc, 2) << r.err;
  EXPECT_NE(r.err.find("claim '" + id + "'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find((t / "c.yaml").string() + ":" + std::to_string(line)), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(what), std::string::npos) << r.err;
}
}  // namespace

TEST(Claims, ErrorsNameTheClaimAndItsPlace) {
  const std::string ok = "- id: fine\n  text: t\n  metric: gap.ratio\n  year: 2000\n  compare: '> 1'\n";
  expect_claim_error(ok + "- id: bad-metric\n  text: t\n  metric: poverty.median\n  year: 2000\n  compare: '> 1'\n",
                     "bad-metric", 8, "unknown metric 'poverty.median'");
  expect_claim_error(ok + "- id: late\n  text: t\n  metric: poverty.headcount\n  line: 2.15\n  ppp: 2017\n"
                          "  year: 2035\n  compare: '> 0.5'\n",
                     "late", 6, "2035");
  expect_claim_error(ok + "- id: late-gap\n  text: t\n  metric: gap.ratio\n  year: 1700\n  sources: [maddison]\n"
                          "  compare: '> 1'\n",
                     "late-gap", 6, "no country means in 1700");
  expect_claim_error(ok + "- id: odd-compare\n  text: t\n  metric: gap.ratio\n  year: 2000\n  compare: 'about 3'\n",
                     "odd-compare", 10, "malformed comparison 'about 3'");
  expect_claim_error(ok + "- id: trend-on-level\n  text: t\n  metric: gap.ratio\n  year: 2000\n  compare: increases\n",
                     "trend-on-level", 10, "compares a change");
  expect_claim_error(ok + "- id: no-year\n  text: t\n  metric: gap.ratio\n  compare: '> 1'\n", "no-year", 6,
                     "missing field 'year'");
  expect_claim_error(ok + "- id: no-text\n  metric: gap.ratio\n  year: 2000\n  compare: '> 1'\n", "no-text", 6,
                     "missing field 'text'");
  expect_claim_error(ok + "- id: typo\n  text: t\n  metric: gap.ratio\n  yaer: 2000\n  year: 2000\n  compare: '> 1'\n",
                     "typo", 9, "unknown field 'yaer'");
  expect_claim_error(ok + "- id: no-vintage\n  text: t\n  metric: poverty.headcount\n  line: 2.5\n  year: 2000\n"
                          "  compare: '> 0.5'\n",
                     "no-vintage", 6, "give the PPP vintage");
  expect_claim_error(ok + "- id: region\n  text: t\n  metric: poverty.headcount\n  line: 1.9\n  year: 2000\n"
                          "  region: Atlantis\n  sources: [pip2011]\n  compare: '> 0.5'\n",
                     "region", 6, "no group 'Atlantis'");
  expect_claim_error(ok + ok, "fine", 6, "the id is used twice");
  expect_claim_error(ok + "- id: infinite\n  text: t\n  metric: poverty.headcount\n  line: .inf\n  ppp: 2011\n"
                          "  year: 2000\n  compare: '> 0.5'\n",
                     "infinite", 9, "'line' must be a finite number, found '.inf'");
  // A year beyond int's range (found by fuzz_readers: converting it was undefined behaviour).
  expect_claim_error(ok + "- id: far\n  text: t\n  metric: poverty.headcount\n  line: 1.9\n  ppp: 2011\n"
                          "  year: 1e300\n  compare: '> 0.5'\n",
                     "far", 11, "'year' must be a year");
}

TEST(Claims, ComparisonsAndVerdicts) {
  EXPECT_TRUE(parse_comparison("> 0.5").satisfied(0.51));
  EXPECT_FALSE(parse_comparison("> 0.5").satisfied(0.5));
  EXPECT_TRUE(parse_comparison(">=0.5").satisfied(0.5));
  EXPECT_TRUE(parse_comparison("< -1e-3").satisfied(-0.01));
  EXPECT_TRUE(parse_comparison("<= 2").satisfied(2));
  EXPECT_TRUE(parse_comparison("increases").satisfied(0.1));
  EXPECT_FALSE(parse_comparison("decreases").satisfied(0));
  EXPECT_FALSE(parse_comparison("> 0").satisfied(NAN));
  for (const char* bad : {"", "> ", "=> 1", "> 1 2", "more than 1", "1 <"})
    EXPECT_THROW(parse_comparison(bad), Error) << bad;
  auto m = [](double v, bool ok) {
    Measurement x;
    x.source = "s";
    x.value = v;
    x.satisfied = ok;
    return x;
  };
  EXPECT_EQ(verdict({m(1, true), m(2, true)}), Verdict::holds);
  EXPECT_EQ(verdict({m(1, false), m(2, false)}), Verdict::does_not_hold);
  EXPECT_EQ(verdict({m(1, true), m(2, false)}), Verdict::depends);
  EXPECT_EQ(verdict({}), Verdict::undetermined);
  // A measurement that does not count (low coverage, no figure) is listed but left out of the verdict.
  auto low = m(0.9, true);
  low.counted = false;
  EXPECT_EQ(verdict({m(1, false), low}), Verdict::does_not_hold);
  EXPECT_EQ(verdict({low}), Verdict::undetermined);
  {
    Claim c;
    c.compare = parse_comparison("> 0.5");
    const std::vector<Measurement> ms{m(0.1, false), low};
    EXPECT_EQ(summary(c, ms, verdict(ms)),
              "Does not hold on any of 1 counted measurement (> 0.5): s: 0.1. Not counted (no figure the source "
              "stands behind, see detail): s: 0.9");
    // Shares in percent, changes in points, and a missing figure said, never `nan`.
    auto share = m(0.0843503, false), change = m(-0.2937, true), none = m(NAN, false);
    share.unit = "share of population", change.unit = "change in share of population";
    none.unit = "share of population", none.counted = false;
    EXPECT_EQ(summary(c, {share, none}, verdict({share, none})),
              "Does not hold on any of 1 counted measurement (> 0.5): s: 8.4%. Not counted (no figure the source "
              "stands behind, see detail): s: no figure");
    EXPECT_NE(summary(c, {change}, verdict({change})).find("s: -29.4 points"), std::string::npos);
  }
  Claim c;
  c.compare = parse_comparison("> 1.5");
  const std::vector<Measurement> ms{m(1, false), m(2, true)};
  const auto s = summary(c, ms, verdict(ms));
  EXPECT_EQ(s, "Depends on method (> 1.5): holds for s: 2; does not hold for s: 1");
}

TEST(Claims, CliPrintsVerdictsAndWritesCsv) {
  const auto r = test::run_cli("claims");
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("extreme-poverty-fell"), std::string::npos);
  EXPECT_NE(r.out.find("holds"), std::string::npos);
  test::TempDir t;
  const auto c = test::run_cli("claims --format csv --out " + (t / "c.csv").string());
  ASSERT_EQ(c.rc, 0) << c.err;
  EXPECT_TRUE(fs::exists(t / "c.csv"));
  EXPECT_EQ(test::run_cli("claims --source pip2011").rc, 2);
}
