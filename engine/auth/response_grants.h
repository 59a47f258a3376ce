// allow_responses: one-shot publish rights to the reply subjects of requests a client received.
#pragma once

#include "engine/auth/auth_config.h"

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace nwb::auth {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;

/// Per-connection grants, as nats-server's client.replies. Thread-safe (one internal mutex):
/// deliverers record, the connection's own thread consumes. Time comes only from the callers'
/// `now`.
class ResponseGrants {
public:
    /// `limits.max_msgs` <= 0 and `limits.expires` <= 0 mean unlimited (0 should already have been
    /// replaced by the defaults).
    explicit ResponseGrants(const ResponsePermission& limits);

    /// A message with reply subject `reply` was delivered to this client: (re)grant it, resetting
    /// its count and time. Any thread.
    void record(std::string_view reply, TimePoint now);

    /// Uses one grant for publishing to `subject`; false (and the grant is dropped) when there is
    /// none, it is used up, or it is older than `expires`. Any thread.
    bool consume(std::string_view subject, TimePoint now);

    /// Number of grants held, including stale ones not yet pruned. Any thread.
    std::size_t size() const;

private:
    struct Grant {
        TimePoint granted;
        int used = 0;
    };
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };

    bool isStale(const Grant& grant, TimePoint now) const;
    void prune(TimePoint now);

    const ResponsePermission limits_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Grant, Hash, std::equal_to<>> grants_;
    std::size_t prune_above_;
};

}  // namespace nwb::auth
