// The rate limit of repeated log statements (nats-server log.go RateLimitWarnf).
#include "engine/jetstream/log_rate_limit.h"

namespace nwb::jetstream {

bool LogRateLimit::admit(const std::string& statement, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    // Forget what has aged out, so the map only holds statements of the last interval.
    std::erase_if(logged_, [&](const auto& entry) { return now - entry.second >= interval_; });
    return logged_.try_emplace(statement, now).second;
}

}  // namespace nwb::jetstream
