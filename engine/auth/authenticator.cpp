// Client authentication from the authorization config: single user, token, users list (nats-server
// auth.go).
#include "engine/auth/authenticator.h"

#include "engine/auth/password_check.h"

namespace nwb::auth {

Authenticator::Authenticator(AuthSettings settings) : settings_(std::move(settings)) {
    for (const User& user : settings_.users) {
        User copy = user;
        if (!copy.permissions && settings_.default_permissions) {
            copy.permissions = settings_.default_permissions;
        }
        users_.insert_or_assign(copy.username, std::move(copy));  // the last duplicate wins
    }
    settings_.users.clear();
}

bool Authenticator::authRequired() const {
    return !users_.empty() || !settings_.username.empty() || !settings_.auth_token.empty();
}

std::optional<AuthenticatedUser> Authenticator::authenticateListedUser(
    std::string_view name, std::string_view pass) const {
    const auto it = users_.find(std::string(name));
    if (it == users_.end()) return std::nullopt;
    const User& user = it->second;
    if (!passwordMatches(user.password, pass)) return std::nullopt;
    return AuthenticatedUser{user.username, user.account, user.permissions};
}

std::optional<AuthenticatedUser> Authenticator::authenticate(
    const ConnectCredentials& credentials) const {
    AuthenticatedUser anonymous{std::string(credentials.user), {}, std::nullopt};
    if (!authRequired()) return anonymous;

    if (!users_.empty()) {
        const bool sent_nothing =
            credentials.user.empty() && credentials.pass.empty() && credentials.auth_token.empty();
        if (sent_nothing && !settings_.no_auth_user.empty()) {
            // nats-server substitutes the user's configured password as if the client had sent
            // it, so a no_auth_user with a bcrypt password can never log in (verified on 2.9.10).
            const auto it = users_.find(settings_.no_auth_user);
            if (it != users_.end()) return authenticateListedUser(it->first, it->second.password);
        }
        if (!credentials.user.empty())
            return authenticateListedUser(credentials.user, credentials.pass);
    }
    if (!settings_.auth_token.empty()) {
        if (!passwordMatches(settings_.auth_token, credentials.auth_token)) return std::nullopt;
        return anonymous;
    }
    if (!settings_.username.empty()) {
        if (credentials.user != settings_.username) return std::nullopt;
        if (!passwordMatches(settings_.password, credentials.pass)) return std::nullopt;
        return anonymous;
    }
    return std::nullopt;
}

}  // namespace nwb::auth
