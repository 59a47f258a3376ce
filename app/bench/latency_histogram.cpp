// Log-linear latency histogram: bucket arithmetic and percentile queries.
#include "app/bench/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace nwb::bench {

LatencyHistogram::LatencyHistogram() : counts_(kBucketCount, 0) {}

std::size_t LatencyHistogram::bucketIndex(std::uint64_t value) {
    if (value < kSubBucketCount) return static_cast<std::size_t>(value);
    // value lies in [S·2^k, S·2^(k+1)), split into S sub-buckets of width 2^k.
    const int k = std::bit_width(value) - 1 - kSubBucketBits;
    const std::uint64_t sub = (value >> k) - kSubBucketCount;
    return static_cast<std::size_t>(kSubBucketCount * static_cast<std::uint64_t>(k + 1) + sub);
}

std::uint64_t LatencyHistogram::bucketLowest(std::size_t index) {
    if (index < kSubBucketCount) return index;
    const auto k = static_cast<int>(index / kSubBucketCount) - 1;
    const std::uint64_t sub = index % kSubBucketCount;
    return (kSubBucketCount + sub) << k;
}

std::uint64_t LatencyHistogram::bucketHighest(std::size_t index) {
    if (index < kSubBucketCount) return index;
    const auto k = static_cast<int>(index / kSubBucketCount) - 1;
    return bucketLowest(index) + ((std::uint64_t{1} << k) - 1);
}

void LatencyHistogram::record(std::uint64_t value, std::uint64_t times) {
    if (times == 0) return;
    counts_[bucketIndex(value)] += times;
    count_ += times;
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
    sum_ += static_cast<long double>(value) * static_cast<long double>(times);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    if (other.count_ == 0) return;
    for (std::size_t i = 0; i < kBucketCount; ++i) counts_[i] += other.counts_[i];
    count_ += other.count_;
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
    sum_ += other.sum_;
}

void LatencyHistogram::reset() {
    std::fill(counts_.begin(), counts_.end(), 0);
    count_ = 0;
    min_ = ~std::uint64_t{0};
    max_ = 0;
    sum_ = 0;
}

double LatencyHistogram::mean() const {
    return count_ == 0 ? 0.0 : static_cast<double>(sum_ / static_cast<long double>(count_));
}

std::uint64_t LatencyHistogram::valueAtPercentile(double percentile) const {
    if (count_ == 0) return 0;
    if (percentile <= 0) return min();
    if (percentile >= 100) return max_;
    // The small epsilon keeps 99.9% of 1000 at rank 999 despite binary rounding.
    const long double exact =
        static_cast<long double>(percentile) / 100.0L * static_cast<long double>(count_);
    auto rank = static_cast<std::uint64_t>(std::ceil(exact - 1e-9L));
    rank = std::clamp<std::uint64_t>(rank, 1, count_);
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < kBucketCount; ++i) {
        seen += counts_[i];
        if (seen >= rank) return std::min(bucketHighest(i), max_);
    }
    return max_;
}

}  // namespace nwb::bench
