// Client authentication from the authorization config: single user, token, users list (nats-server
// auth.go).
#pragma once

#include "engine/auth/auth_config.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nwb::auth {

/// The authentication part of the server options (`authorization { ... }`, `no_auth_user`,
/// `--user/--pass/--auth`). nats-server refuses configs mixing users with a single user or a
/// token, and a single user with a token; the Authenticator follows its code order regardless.
struct AuthSettings {
    std::string username;
    std::string password;    ///< plain or bcrypt
    std::string auth_token;  ///< plain or bcrypt
    std::vector<User> users;
    std::optional<Permissions> default_permissions;  ///< for users without their own
    std::string no_auth_user;                        ///< a name in `users`
};

/// What a client sent in CONNECT (`user`, `pass`, `auth_token`); absent fields are empty.
struct ConnectCredentials {
    std::string_view user;
    std::string_view pass;
    std::string_view auth_token;
};

struct AuthenticatedUser {
    /// The user as nats-server reports it: the users-list entry, otherwise the CONNECT `user`
    /// (which a token or no-auth server does not check).
    std::string name;
    std::string account;                     ///< empty: the global account
    std::optional<Permissions> permissions;  ///< none: everything is allowed
};

/// Immutable once built.
class Authenticator {
public:
    /// Copies the users, giving `default_permissions` to those without permissions.
    /// Any thread.
    explicit Authenticator(AuthSettings settings);

    /// Does INFO say auth_required? True with users, a single user or a token. Any thread.
    bool authRequired() const;

    /// Checks a client's CONNECT credentials; nullopt means `Authorization Violation`.
    /// Any thread, concurrently; blocks for the bcrypt cost when the configured secret is a hash.
    std::optional<AuthenticatedUser> authenticate(const ConnectCredentials& credentials) const;

private:
    std::optional<AuthenticatedUser> authenticateListedUser(std::string_view name,
                                                            std::string_view pass) const;

    AuthSettings settings_;
    std::unordered_map<std::string, User> users_;
};

}  // namespace nwb::auth
