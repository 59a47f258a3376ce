// Timing for the micro-benchmarks: repeat a batch until it has run long enough, take the median.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace nwb::microbench {

/// Keeps a value alive so the compiler cannot drop the work that produced it.
template <class T>
inline void keep(const T& value) {
    asm volatile("" : : "r,m"(value) : "memory");
}

/// Runs `batch` (which does `ops_per_batch` operations) for about `min_seconds`, five times,
/// and returns the median operations per second.
template <class Batch>
double opsPerSecond(std::uint64_t ops_per_batch, Batch&& batch, double min_seconds = 0.3) {
    using Clock = std::chrono::steady_clock;
    batch();  // warm caches and allocators
    std::vector<double> rates;
    for (int rep = 0; rep < 5; ++rep) {
        std::uint64_t ops = 0;
        const auto start = Clock::now();
        double elapsed = 0;
        do {
            batch();
            ops += ops_per_batch;
            elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        } while (elapsed < min_seconds);
        rates.push_back(static_cast<double>(ops) / elapsed);
    }
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
}

}  // namespace nwb::microbench
