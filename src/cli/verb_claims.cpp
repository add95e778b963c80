#include <fmt/format.h>

#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/claims/claims.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::cli {

void add_claims(CLI::App& app) {
  struct Args {
    std::string file, store, pwt;
    std::vector<std::string> sources, poverty, gap;
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("claims", "Check quantitative claims about the world economy against the data");
  cmd->footer(
      "Each claim (a YAML file; format and semantics in docs/claims.md) names a metric (poverty.headcount,\n"
      "poverty.change, gap.ratio, gap.trend, drain.net, drain.value), its query and a comparison. It is measured\n"
      "with the library calls behind `poverty`, `gap` and `drain`, once per applicable source, PPP vintage (a line\n"
      "of another vintage converted by the ratio of the international extreme lines) and method; `command` gives\n"
      "the CLI line that prints each number. Verdict: holds (every measurement satisfies the comparison), does not\n"
      "hold (none does), depends on method (the summary names which).\n"
      "Without FILE, the default claims (data/claims/default.yaml) on the embedded data: distribution stores\n"
      "pip2011, owid-pip2017, wdi, maddison (data/default-distributions) and the sample world (WIOD 2011).\n"
      "Examples:\n"
      "  worldsys claims\n"
      "  worldsys claims my-claims.yaml --format csv --out checks.csv\n"
      "  worldsys claims --source pip2011=pip11 --store wiod2011     # the full PIP store, the full WIOD table\n"
      "  worldsys claims --poverty-source pip2011 --gap-source maddison,pwt --source pwt=pwt10");
  cmd->add_option("file", a->file, "Claim file (YAML; default: data/claims/default.yaml)");
  cmd->add_option("--store", a->store, "MRIO store for drain claims (default: the embedded sample world)");
  cmd->add_option("--source", a->sources, "NAME=STORE: a distribution store under a name (replaces the embedded "
                                          "one of that name); repeatable")
      ->delimiter(',');
  cmd->add_option("--poverty-source", a->poverty,
                  "Sources poverty claims use when they list none, in order (default: pip2011,owid-pip2017,wdi)")
      ->delimiter(',');
  cmd->add_option("--gap-source", a->gap, "Sources gap claims use when they list none (default: maddison)")
      ->delimiter(',');
  cmd->add_option("--pwt", a->pwt, "Penn World Table for erdi (default: Debian's PWT 9.1 when installed)");
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    claims::Sources s = claims::Sources::defaults();
    for (const auto& kv : a->sources) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == kv.size())
        fail(ErrorKind::usage, fmt::format("--source takes NAME=STORE, found '{}'", kv));
      s.distributions[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    if (!a->poverty.empty()) s.poverty = a->poverty;
    if (!a->gap.empty()) s.gap = a->gap;
    s.mrio = a->store;
    s.pwt = a->pwt;
    const auto list = a->file.empty() ? claims::default_claims() : claims::load_claims(a->file);
    const auto results = claims::check_claims(list, s);
    emit(claims::claims_table(results), a->out);
    if (a->out.out.empty() && a->out.format == "table")
      for (const auto& r : results)
        std::cout << fmt::format("\n{} — {}\n  {}: {}\n", r.claim.id, r.claim.text, claims::to_string(r.verdict),
                                 r.summary);
  });
}

}  // namespace worldsys::cli
