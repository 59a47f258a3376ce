// The benchmark's clock: CLOCK_MONOTONIC in nanoseconds, and sleeping until an absolute time.
#pragma once

#include <cstdint>
#include <ctime>

namespace nwb::bench {

inline std::int64_t nowNs() {
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

/// Sleeps until nowNs() >= `deadline_ns` (no busy wait: the servers share the cores).
inline void sleepUntilNs(std::int64_t deadline_ns) {
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(deadline_ns / 1'000'000'000);
    ts.tv_nsec = static_cast<long>(deadline_ns % 1'000'000'000);
    while (::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) != 0) {
    }
}

}  // namespace nwb::bench
