// Users and permissions as configured (authorization { ... }), before they are compiled for
// checking.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace nwb::auth {

/// Subjects a user may publish or subscribe to. Empty `allow` means "everything not denied".
/// Subscribe entries may be "subject queue": that entry is about queue subscriptions in `queue`.
struct SubjectPermission {
    std::vector<std::string> allow;
    std::vector<std::string> deny;
    /// Publish only: with an empty `allow`, nothing may be published. nats-server 2.9.10 reads
    /// `allow: []` in a config file as absent (verified), so only allow_responses sets this.
    bool allow_set = false;
};

/// `allow_responses`: one-shot publish rights to reply subjects of requests a user received.
struct ResponsePermission {
    int max_msgs = 1;  ///< nats-server DEFAULT_ALLOW_RESPONSE_MAX_MSGS
    std::chrono::milliseconds expires{std::chrono::minutes(2)};
};

struct Permissions {
    std::optional<SubjectPermission> publish;
    std::optional<SubjectPermission> subscribe;
    std::optional<ResponsePermission> response;
};

/// nats-server validateResponsePermissions: with `response` set, a missing publish allow list
/// becomes an empty one (only the granted replies may be published), and 0 limits take the
/// defaults. Idempotent. Any thread.
void applyResponseDefaults(Permissions& permissions);

struct User {
    std::string username;
    std::string password;  ///< plain text, or a bcrypt hash ("$2a$...")
    std::optional<Permissions> permissions;
    std::string account;  ///< empty: the global account "$G"
};

}  // namespace nwb::auth
