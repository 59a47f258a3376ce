// Test helper: one ServerOptions field as text, so data-driven rows can name what they expect.
#pragma once

#include <QString>

#include <fmt/format.h>

#include "engine/core/server_options.h"

namespace nwb::config::test {

inline std::string subjectsText(const std::vector<std::string>& subjects) {
    return fmt::format("[{}]", fmt::join(subjects, ","));
}

inline std::string permissionText(const std::optional<auth::SubjectPermission>& p) {
    if (!p) return "none";
    return fmt::format("allow{}{} deny{}", p->allow_set ? "" : "(unset)", subjectsText(p->allow),
                       subjectsText(p->deny));
}

inline std::string permissionsText(const std::optional<auth::Permissions>& p) {
    if (!p) return "none";
    std::string responses = "none";
    if (p->response) responses = fmt::format("{}/{}ms", p->response->max_msgs, p->response->expires.count());
    return fmt::format("pub {}; sub {}; responses {}", permissionText(p->publish),
                       permissionText(p->subscribe), responses);
}

/// The named field of `o` as text: numbers in decimal, durations in ms, booleans as true/false.
inline QString fieldText(const core::ServerOptions& o, const QString& field) {
    const std::string f = field.toStdString();
    std::string v = "<unknown field>";
    if (f == "host") v = o.host;
    else if (f == "port") v = std::to_string(o.port);
    else if (f == "server_name") v = o.server_name;
    else if (f == "client_advertise") v = o.client_advertise;
    else if (f == "max_payload") v = std::to_string(o.max_payload);
    else if (f == "max_control_line") v = std::to_string(o.max_control_line);
    else if (f == "max_pending") v = std::to_string(o.max_pending);
    else if (f == "max_connections") v = std::to_string(o.max_connections);
    else if (f == "max_subscriptions") v = std::to_string(o.max_subscriptions);
    else if (f == "ping_interval") v = std::to_string(o.ping_interval.count());
    else if (f == "ping_max") v = std::to_string(o.ping_max);
    else if (f == "write_deadline") v = std::to_string(o.write_deadline.count());
    else if (f == "auth_timeout") v = std::to_string(o.auth_timeout.count());
    else if (f == "lame_duck_duration") v = std::to_string(o.lame_duck_duration.count());
    else if (f == "lame_duck_grace_period") v = std::to_string(o.lame_duck_grace_period.count());
    else if (f == "no_header_support") v = o.no_header_support ? "true" : "false";
    else if (f == "username") v = o.username;
    else if (f == "password") v = o.password;
    else if (f == "auth_token") v = o.auth_token;
    else if (f == "no_auth_user") v = o.no_auth_user;
    else if (f == "debug") v = o.debug ? "true" : "false";
    else if (f == "trace") v = o.trace ? "true" : "false";
    else if (f == "trace_verbose") v = o.trace_verbose ? "true" : "false";
    else if (f == "logtime") v = o.logtime ? "true" : "false";
    else if (f == "logtime_utc") v = o.logtime_utc ? "true" : "false";
    else if (f == "log_file") v = o.log_file;
    else if (f == "pid_file") v = o.pid_file;
    else if (f == "http_host") v = o.http_host;
    else if (f == "http_port") v = std::to_string(o.http_port);
    else if (f == "https_port") v = std::to_string(o.https_port);
    else if (f == "http_base_path") v = o.http_base_path;
    else if (f == "ports_file_dir") v = o.ports_file_dir;
    else if (f == "max_closed_clients") v = std::to_string(o.max_closed_clients);
    else if (f == "config_file") v = o.config_file;
    else if (f == "jetstream") v = o.jetstream ? "true" : "false";
    else if (f == "store_dir") v = o.store_dir;
    else if (f == "jetstream_max_memory")
        v = o.jetstream_max_memory ? std::to_string(*o.jetstream_max_memory) : "unset";
    else if (f == "jetstream_max_store")
        v = o.jetstream_max_store ? std::to_string(*o.jetstream_max_store) : "unset";
    else if (f == "jetstream_domain") v = o.jetstream_domain;
    else if (f == "jetstream_sync_interval")  // in ns
        v = o.jetstream_sync_interval ? std::to_string(o.jetstream_sync_interval->count())
                                      : "always";
    else if (f == "default_permissions") v = permissionsText(o.default_permissions);
    else if (f == "users") {
        std::vector<std::string> users;
        for (const auth::User& u : o.users) {
            users.push_back(fmt::format("{}:{} ({})", u.username, u.password,
                                        permissionsText(u.permissions)));
        }
        v = fmt::format("{}", fmt::join(users, " | "));
    } else if (f == "user_accounts") {
        std::vector<std::string> pairs;
        for (const auth::User& u : o.users) {
            pairs.push_back(u.username + "@" + (u.account.empty() ? "$G" : u.account));
        }
        v = fmt::format("{}", fmt::join(pairs, " "));
    } else if (f == "accounts") {
        v = fmt::format("{}", fmt::join(o.accounts, " "));
    } else if (f == "jetstream_accounts") {
        v = fmt::format("{}", fmt::join(o.jetstream_accounts, " "));
    } else if (f == "system_account") {
        v = o.system_account;
    } else if (f == "no_system_account") {
        v = o.no_system_account ? "true" : "false";
    }
    return QString::fromStdString(v);
}

}  // namespace nwb::config::test
