#pragma once
// Poverty lines and the PPP vintage they are expressed in. Data of one vintage is never compared with a
// line of another: the conversion between vintages is not a price index but a change of the world's price
// structure, so worldsys refuses instead of guessing.
#include <string>
#include <vector>

namespace worldsys::distrib {

enum class PppVintage { ppp2005, ppp2011, ppp2017, ppp2021 };
std::string name(PppVintage v);                    // "2011"
PppVintage parse_ppp_vintage(const std::string&);  // "2011", "2011ppp", "ppp2011"; usage error otherwise

// A line in PPP dollars per person per day.
struct PovertyLine {
  double value = 0;
  PppVintage vintage = PppVintage::ppp2011;
};

// The World Bank's international lines for a vintage (extreme line first, then the higher ones).
std::vector<double> international_lines(PppVintage v);

// Fails with a usage error naming both vintages and the equivalent international line when they differ.
void require_vintage(const PovertyLine& line, PppVintage data);

// The documented conversion a user may ask for (poverty --convert-line): the line scaled by the ratio of the
// two vintages' international extreme lines ($1.25 2005 = $1.90 2011 = $2.15 2017 = $3.00 2021, the World Bank's
// own equivalences). Exact for the extreme line; for higher lines only an approximation (1.90 -> 3.20 in 2011 maps
// to 3.62 in 2017, where the World Bank's line is 3.65, because those lines were re-derived from national lines).
PovertyLine convert_line(const PovertyLine& line, PppVintage to);

}  // namespace worldsys::distrib
