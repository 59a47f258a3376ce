// A log-linear (HDR-style) histogram of latencies in nanoseconds: exact below 128, then 128
// linear sub-buckets per power of two, so any recorded value is off by less than 1/128 (0.8%).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nwb::bench {

/// Not thread-safe: one per recording thread, merged afterwards.
class LatencyHistogram {
public:
    static constexpr int kSubBucketBits = 7;
    static constexpr std::uint64_t kSubBucketCount = std::uint64_t{1} << kSubBucketBits;
    static constexpr std::size_t kBucketCount = kSubBucketCount * (64 - kSubBucketBits + 1);

    LatencyHistogram();

    void record(std::uint64_t value, std::uint64_t times = 1);
    void merge(const LatencyHistogram& other);
    void reset();

    std::uint64_t count() const { return count_; }
    std::uint64_t min() const { return count_ == 0 ? 0 : min_; }  ///< exact
    std::uint64_t max() const { return max_; }                    ///< exact
    double mean() const;

    /// The highest value equivalent to the value at `percentile` (0..100): the upper bound of the
    /// bucket holding the ceil(percentile% × count)-th smallest value, clamped to max().
    /// 0 for an empty histogram; percentile <= 0 gives min(), >= 100 gives max().
    std::uint64_t valueAtPercentile(double percentile) const;

    static std::size_t bucketIndex(std::uint64_t value);
    static std::uint64_t bucketLowest(std::size_t index);
    static std::uint64_t bucketHighest(std::size_t index);

private:
    std::vector<std::uint64_t> counts_;
    std::uint64_t count_ = 0;
    std::uint64_t min_ = ~std::uint64_t{0};
    std::uint64_t max_ = 0;
    long double sum_ = 0;
};

}  // namespace nwb::bench
