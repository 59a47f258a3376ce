// Medians and ratio medians over benchmark rounds.
#include "app/bench/stats.h"

#include <algorithm>
#include <cmath>

namespace nwb::bench {

std::optional<double> median(std::vector<double> values) {
    std::erase_if(values, [](double v) { return std::isnan(v); });
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    if (values.size() % 2 == 1) return values[mid];
    return (values[mid - 1] + values[mid]) / 2.0;
}

std::optional<double> medianOfRatios(const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> ratios;
    const std::size_t rounds = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < rounds; ++i) {
        if (b[i] == 0 || std::isnan(a[i]) || std::isnan(b[i])) continue;
        ratios.push_back(a[i] / b[i]);
    }
    return median(std::move(ratios));
}

}  // namespace nwb::bench
