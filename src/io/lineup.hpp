#pragma once
// Which survey distributions a line-up year stands on, as PIP lines surveys up to reference years: the survey of
// the year, the two surveys bracketing it (stacked, weighted by their distance in time), or the nearest one.
#include <string>
#include <utility>
#include <vector>

namespace worldsys::io::detail {

// Decile shares as published are rounded: they sum to 1 within this.
inline constexpr double kDecileSumTolerance = 1e-3;

// `times`: the surveys' (fractional) years, ascending. Returns (index, weight) pairs. `interpolate`: bracketing
// surveys are stacked (PIP's "interpolation"); otherwise the nearest one stands alone (PIP labels some years
// "extrapolation" though surveys lie on both sides). Empty when `times` is.
std::vector<std::pair<size_t, double>> lineup_surveys(const std::vector<double>& times, int year, bool interpolate);

}  // namespace worldsys::io::detail
