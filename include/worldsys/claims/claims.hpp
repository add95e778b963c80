#pragma once
// Claim checks: quantitative statements about the world economy (a YAML file, docs/claims.md), each measured with
// the same library calls as `worldsys poverty`, `gap` and `drain`, once per applicable source, PPP vintage and
// method, with a neutral verdict: holds (every measurement satisfies the comparison), does not hold (none does),
// depends on method (some do). Each measurement carries the CLI line that prints the same number.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "worldsys/core/table.hpp"

namespace worldsys::claims {

// "> 0.5", ">= 0", "< 0", "<= 10"; `increases` (> 0) and `decreases` (< 0) for change and trend metrics.
struct Comparison {
  enum class Op { gt, ge, lt, le, increases, decreases };
  Op op = Op::gt;
  double threshold = 0;
  std::string text;  // as written
  bool satisfied(double value) const;
};
// A usage error for a malformed comparison (the caller adds the claim's name and place).
Comparison parse_comparison(const std::string& text);

// The query of a claim; which fields count depends on the metric (docs/claims.md). A list in the YAML (weights,
// measure, fixed, attribution, valuation) gives one measurement per value.
struct Query {
  double line = 0;         // poverty: $ a day
  std::string ppp;         // its PPP vintage ("2011", "2017", "2021"); empty: the vintage whose international line it is
  int year = 0;            // poverty.headcount, gap.ratio
  int from = 0, to = 0;    // poverty.change, gap.trend
  std::string region = "World";  // poverty: World, or a region / income group as `poverty --by` names them
  std::vector<std::string> measures{"top_bottom"};  // gap.trend: top_bottom, theil, mld, gini, sigma
  std::vector<std::string> weights{"population"};   // gap: population, none
  std::vector<bool> fixed{false};                   // gap: groups of the first year followed over time
  double share = 0.1;                                // gap: fraction at each end
  bool balanced = false;                             // gap.trend: only countries present every year
  std::string factor = "labour_hours";               // drain
  std::string groups;                                // drain: region groups (empty: the store's default split)
  std::vector<std::string> attributions{"footprint"};  // drain: footprint, eebt
  std::vector<std::string> valuations;              // drain.value (empty: all four)
};

struct Claim {
  std::string id, text, metric;  // metric: poverty.headcount, poverty.change, gap.ratio, gap.trend, drain.net,
                                 // drain.value
  Query query;
  Comparison compare;
  std::vector<std::string> sources;  // distribution stores by name (poverty, gap); empty: every applicable one
  std::string origin;                // file:line of the claim
};

// Reads a claim file. Input errors name file:line:col and the claim's id: unknown metric or field, a missing
// field, a malformed comparison, duplicate ids.
std::vector<Claim> load_claims(const std::filesystem::path& yaml);
// The default claims: data/claims/default.yaml.
std::vector<Claim> default_claims();
std::filesystem::path default_claims_path();

// Where the data come from. Distribution stores by name (poverty and gap claims); the defaults are the embedded
// stores (data/default-distributions); a name may be remapped to any store directory.
struct Sources {
  std::map<std::string, std::filesystem::path> distributions;
  std::vector<std::string> poverty{"pip2021", "pip2011", "owid-pip2017", "wdi"};  // tried in this order
  std::vector<std::string> gap{"maddison"};
  std::string mrio;             // drain claims: MRIO store (empty: the embedded sample world)
  std::filesystem::path pwt;    // Penn World Table for erdi (empty: Debian's PWT 9.1 when installed, else no erdi)
  static Sources defaults();    // every embedded distribution store under its name
};

struct Measurement {
  std::string source, ppp, method;
  double value = 0;
  std::string unit, detail;
  std::string command;  // the worldsys command line that prints this number
  bool satisfied = false;
  // Whether it counts toward the verdict: a poverty figure counts when the source stands behind it (its own
  // published estimate, or a computed one that meets PIP's reporting rule); the detail says why one does not.
  bool counted = true;
  // A poverty share compared with a threshold: the line (in the claim's PPP, $ a day) at which the share equals the
  // threshold, where the claim flips (the `poverty --share` inverse); NaN elsewhere or when the source has no
  // distributions to invert.
  double flip_line = NAN;
};

enum class Verdict { holds, does_not_hold, depends, undetermined };
// "holds", "does not hold", "depends on method", "undetermined"
std::string to_string(Verdict v);
// Over the counted measurements: holds when every one satisfies the comparison, does_not_hold when none does,
// depends otherwise; undetermined when none counts.
Verdict verdict(const std::vector<Measurement>& measurements);
// One sentence naming the measurements on each side, with their values.
std::string summary(const Claim& c, const std::vector<Measurement>& measurements, Verdict v);

struct ClaimResult {
  Claim claim;
  std::vector<Measurement> measurements;
  Verdict verdict = Verdict::depends;
  std::string summary;
};

// Measures every claim. Usage errors name the claim (id and file:line): a year outside every source's years (or
// outside an explicitly listed source's), a region no source knows, a source that cannot answer the query.
std::vector<ClaimResult> check_claims(const std::vector<Claim>& claims, const Sources& sources);
ClaimResult check_claim(const Claim& claim, const Sources& sources);

// Tidy: one row per claim x measurement: id,claim,metric,compare,verdict,source,ppp,method,value,unit,satisfied,
// detail,command.
Table claims_table(const std::vector<ClaimResult>& results);

}  // namespace worldsys::claims
