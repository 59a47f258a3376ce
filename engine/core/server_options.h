// Everything that configures one server, filled from defaults, a config file and the command line.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/auth/auth_config.h"

namespace nwb::core {

using auth::Permissions;
using auth::User;

struct ServerOptions {
    // Listener
    std::string host = "0.0.0.0";
    int port = 4222;              ///< -1 or 0: a random free port
    std::string server_name;      ///< empty: the server id
    std::string client_advertise;

    // Limits (nats-server's defaults, REFERENCE §1.9)
    std::int32_t max_payload = 1024 * 1024;
    std::int32_t max_control_line = 4096;
    std::int64_t max_pending = 64LL * 1024 * 1024;
    int max_connections = 64 * 1024;
    int max_subscriptions = 0;    ///< 0: unlimited
    std::chrono::milliseconds ping_interval{std::chrono::minutes(2)};
    int ping_max = 2;
    std::chrono::milliseconds write_deadline{std::chrono::seconds(10)};
    std::chrono::milliseconds auth_timeout{std::chrono::seconds(2)};
    std::chrono::milliseconds lame_duck_duration{std::chrono::minutes(2)};
    std::chrono::milliseconds lame_duck_grace_period{std::chrono::seconds(10)};
    bool no_header_support = false;
    /// A reader whose messages leave a receiver with more than this pending is held until the
    /// receiver drains to half of it (nats-server: max_pending/2). Capped at max_pending/2.
    std::int64_t stall_pending = 1024 * 1024;
    /// The longest one hold lasts: a consumer that stopped reading still reaches max_pending.
    std::chrono::milliseconds stall_timeout{100};

    // Authentication: at most one of these styles is in effect.
    std::string username;         ///< single user (--user / authorization { user })
    std::string password;
    std::string auth_token;       ///< --auth / authorization { token }
    std::vector<User> users;      ///< authorization { users [...] }
    std::optional<Permissions> default_permissions;
    std::string no_auth_user;

    // Logging
    bool debug = false;
    bool trace = false;
    bool trace_verbose = false;
    bool logtime = true;
    bool logtime_utc = false;
    std::string log_file;
    std::string pid_file;

    // Monitoring (served by engine/monitor)
    std::string http_host;        ///< empty: same as `host`
    int http_port = 0;            ///< 0: off; -1: a random port
    int https_port = 0;
    std::string http_base_path;
    std::string ports_file_dir;
    int max_closed_clients = 10000;  ///< closed connections kept for /connz?state=closed

    // Accounts
    std::vector<std::string> accounts;  ///< names from `accounts { ... }`; users name theirs
    std::vector<std::string> jetstream_accounts;  ///< of those, the ones whose `jetstream` enables it
    std::string system_account;   ///< empty: "$SYS" unless no_system_account
    bool no_system_account = false;

    /// Whether JetStream serves `account` (when it runs at all), as nats-server decides: never the
    /// system account; the global account only while no other account is configured; any other
    /// account only when its own `jetstream` setting enables it.
    bool jetStreamServes(std::string_view account, std::string_view system) const {
        if (account == system) return false;
        if (accounts.empty()) return account == "$G";
        return std::find(jetstream_accounts.begin(), jetstream_accounts.end(), account) !=
               jetstream_accounts.end();
    }

    // JetStream (-js, -sd, `jetstream { ... }`, `store_dir`)
    bool jetstream = false;
    std::string store_dir;        ///< empty: nats-server's default under the temp directory
    std::optional<std::int64_t> jetstream_max_memory;  ///< bytes; unset or < 0: 75% of RAM
    std::optional<std::int64_t> jetstream_max_store;   ///< bytes; unset or < 0: 75% of free disk
    std::string jetstream_domain;
    /// fsync interval of file streams; unset: "always" (fsync before every PubAck), ours.
    std::optional<std::chrono::nanoseconds> jetstream_sync_interval;

    // Threads
    int io_threads = 0;           ///< 0: one per CPU in the affinity mask

    // Where the options came from, for messages and reload.
    std::string config_file;
};

}  // namespace nwb::core
