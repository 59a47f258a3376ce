// Users and permissions as configured (authorization { ... }), before they are compiled for checking.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace nwb::auth {

/// Subjects a user may publish or subscribe to. Empty `allow` means "everything not denied".
struct SubjectPermission {
    std::vector<std::string> allow;
    std::vector<std::string> deny;
    bool allow_set = false;  ///< true when `allow` was given, even as an empty list
};

/// `allow_responses`: one-shot publish rights to reply subjects of requests a user received.
struct ResponsePermission {
    int max_msgs = 1;                                      ///< nats-server DEFAULT_ALLOW_RESPONSE_MAX_MSGS
    std::chrono::milliseconds expires{std::chrono::minutes(2)};
};

struct Permissions {
    std::optional<SubjectPermission> publish;
    std::optional<SubjectPermission> subscribe;
    std::optional<ResponsePermission> response;
};

struct User {
    std::string username;
    std::string password;  ///< plain text, or a bcrypt hash ("$2a$...")
    std::optional<Permissions> permissions;
    std::string account;   ///< empty: the global account "$G"
};

}  // namespace nwb::auth
