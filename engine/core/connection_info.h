// Point-in-time facts about servers and connections, as the monitoring endpoints report them.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace nwb::core {

using WallClock = std::chrono::system_clock;

struct SubscriptionInfo {
    std::string subject;
    std::string queue;
    std::string sid;
    std::int64_t msgs = 0;  ///< delivered so far
    std::int64_t max = 0;   ///< auto-unsubscribe limit; 0: none
    std::uint64_t cid = 0;
};

/// One client connection, open or closed (nats-server's ConnInfo).
struct ConnectionInfo {
    std::uint64_t cid = 0;
    std::string ip;
    int port = 0;
    WallClock::time_point start{};
    WallClock::time_point last_activity{};
    WallClock::time_point stop{};  ///< closed connections only
    std::string reason;            ///< closed connections only
    std::chrono::nanoseconds rtt{0};
    std::int64_t pending_bytes = 0;
    std::int64_t in_msgs = 0;
    std::int64_t out_msgs = 0;
    std::int64_t in_bytes = 0;
    std::int64_t out_bytes = 0;
    std::string name;
    std::string lang;
    std::string version;
    std::string authorized_user;
    std::string account;
    std::vector<SubscriptionInfo> subscriptions;  ///< filled only when asked for
    std::uint32_t num_subs = 0;
};

/// Server-wide message counters. Updated once per read batch, so relaxed atomics suffice.
struct ServerCounters {
    std::atomic<std::int64_t> in_msgs{0};
    std::atomic<std::int64_t> out_msgs{0};
    std::atomic<std::int64_t> in_bytes{0};
    std::atomic<std::int64_t> out_bytes{0};
    std::atomic<std::int64_t> slow_consumers{0};
    std::atomic<std::int64_t> producer_stalls{0};  ///< readers held for a congested receiver
    std::atomic<std::uint64_t> total_connections{0};
};

}  // namespace nwb::core
