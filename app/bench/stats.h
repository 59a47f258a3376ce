// Small statistics for comparing rounds: medians and the median of per-round ratios.
#pragma once

#include <optional>
#include <vector>

namespace nwb::bench {

/// The median (mean of the middle two for an even count); nullopt when empty.
std::optional<double> median(std::vector<double> values);

/// The median over rounds i of a[i] / b[i], skipping rounds where b[i] is 0 or either is
/// missing (the shorter vector decides the round count); nullopt when no round qualifies.
std::optional<double> medianOfRatios(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace nwb::bench
