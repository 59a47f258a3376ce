// nats-server's RateLimitWarnf/RateLimitDebugf: the same log statement at most once per interval.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace nwb::jetstream {

/// Remembers the statements logged recently. nats-server keeps one such map per server, keyed by
/// the whole formatted statement, and forgets an entry once it is a second old.
///
/// Thread-safety: any thread; `mutex_` is a leaf.
class LogRateLimit {
public:
    using Clock = std::chrono::steady_clock;
    /// nats-server's interval (startRateLimitLogExpiration).
    static constexpr Clock::duration kInterval = std::chrono::seconds(1);

    explicit LogRateLimit(Clock::duration interval = kInterval) : interval_(interval) {}

    /// True when `statement` was not logged in the last interval (the caller logs it now);
    /// records it as logged at `now`.
    bool admit(const std::string& statement, Clock::time_point now);

private:
    const Clock::duration interval_;
    std::mutex mutex_;
    std::unordered_map<std::string, Clock::time_point> logged_;  ///< statement -> when logged
};

}  // namespace nwb::jetstream
