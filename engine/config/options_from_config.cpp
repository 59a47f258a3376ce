// Top-level options, `authorization` and permissions, mapped to ServerOptions the way
// nats-server's opts.go maps them; features nwb-server lacks are refused by name.
#include "engine/config/options_from_config.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <cmath>
#include <optional>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "engine/config/go_duration.h"
#include "engine/protocol/subject.h"

namespace nwb::config {
namespace {

using Kind = ConfValue::Kind;
using std::chrono::milliseconds;

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// Go's %q for plain text.
std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string_view withArticle(Kind kind) {
    switch (kind) {
        case Kind::String: return "a string";
        case Kind::Integer: return "an integer";
        case Kind::Float: return "a float";
        case Kind::Bool: return "a bool";
        case Kind::DateTime: return "a datetime";
        case Kind::Array: return "an array";
        case Kind::Map: return "a map";
    }
    return "a value";
}

/// Go's %T of a parsed config value, which nats-server prints in some messages.
std::string_view goTypeName(Kind kind) {
    switch (kind) {
        case Kind::String: return "string";
        case Kind::Integer: return "int64";
        case Kind::Float: return "float64";
        case Kind::Bool: return "bool";
        case Kind::DateTime: return "time.Time";
        case Kind::Array: return "[]interface {}";
        case Kind::Map: return "map[string]interface {}";
    }
    return "interface {}";
}

/// Go's %v of a parsed config value (maps print their keys sorted, as fmt does).
std::string goValueText(const ConfValue& v) {
    switch (v.kind()) {
        case Kind::String: return v.asString();
        case Kind::Integer: return std::to_string(v.asInteger());
        case Kind::Float: return fmt::format("{}", v.asFloat());
        case Kind::Bool: return v.asBool() ? "true" : "false";
        case Kind::DateTime: {
            const auto days = std::chrono::floor<std::chrono::days>(v.asDateTime());
            const std::chrono::year_month_day date{days};
            const std::chrono::hh_mm_ss time{v.asDateTime() - days};
            return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02} +0000 UTC",
                               static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                               static_cast<unsigned>(date.day()), time.hours().count(),
                               time.minutes().count(), time.seconds().count());
        }
        case Kind::Array: {
            std::string out = "[";
            for (const ConfValue& e : v.asArray()) {
                if (out.size() > 1) out += ' ';
                out += goValueText(e);
            }
            return out + "]";
        }
        case Kind::Map: {
            std::vector<const ConfMapEntry*> entries;
            for (const ConfMapEntry& e : v.asMap()) entries.push_back(&e);
            std::sort(entries.begin(), entries.end(),
                      [](const auto* a, const auto* b) { return a->key < b->key; });
            std::string out = "map[";
            for (const ConfMapEntry* e : entries) {
                if (out.size() > 4) out += ' ';
                out += e->key + ":" + goValueText(e->value);
            }
            return out + "]";
        }
    }
    return {};
}

[[noreturn]] void fail(const Position& where, std::string problem) {
    throw ConfigError(where, std::move(problem));
}

[[noreturn]] void wrongKind(const ConfMapEntry& e, std::string_view expected) {
    fail(e.key_position, fmt::format("invalid value for \"{}\": expected {}, got {}", e.key,
                                     expected, withArticle(e.value.kind())));
}

void unsupported(const ConfMapEntry& e) {
    fail(e.key_position, fmt::format("\"{}\" is not supported yet by nwb-server", e.key));
}

/// Unknown keys are errors, except keys that only serve as $variables.
void unknownField(const ConfMapEntry& e) {
    if (!e.value.usedAsVariable()) fail(e.key_position, fmt::format("unknown field {}", quoted(e.key)));
}

const std::string& stringOf(const ConfMapEntry& e) {
    if (!e.value.isString()) wrongKind(e, "a string");
    return e.value.asString();
}

std::int64_t integerOf(const ConfMapEntry& e) {
    if (!e.value.isInteger()) wrongKind(e, "an integer");
    return e.value.asInteger();
}

bool boolOf(const ConfMapEntry& e) {
    if (!e.value.isBool()) wrongKind(e, "a bool");
    return e.value.asBool();
}

int clampedInt(std::int64_t v) {
    return static_cast<int>(std::clamp<std::int64_t>(v, INT_MIN, INT_MAX));
}

/// max_payload and max_control_line are 32-bit in nats-server.
std::int32_t int32Option(const ConfMapEntry& e) {
    const std::int64_t v = integerOf(e);
    if (v > INT32_MAX) fail(e.key_position, fmt::format("{} value is too big", e.key));
    return static_cast<std::int32_t>(v);
}

milliseconds toMilliseconds(std::chrono::nanoseconds d) {
    return std::chrono::duration_cast<milliseconds>(d);
}

/// ping_interval, write_deadline: a duration string, or (with a warning) a number of seconds.
milliseconds durationOption(const ConfMapEntry& e, std::string_view field,
                            std::vector<std::string>* warnings) {
    if (e.value.isString()) {
        const DurationParse d = parseGoDuration(e.value.asString());
        if (!d.error.empty()) fail(e.key_position, fmt::format("error parsing {}: {}", field, d.error));
        return toMilliseconds(d.value);
    }
    if (!e.value.isInteger()) wrongKind(e, "a duration string");
    if (warnings != nullptr) {
        warnings->push_back(ConfigError(e.key_position,
                                        fmt::format("invalid use of field \"{}\": {} should be "
                                                    "converted to a duration",
                                                    field, field))
                                .what());
    }
    return milliseconds(e.value.asInteger() * 1000);
}

/// lame_duck_duration, lame_duck_grace_period: a duration string only.
std::chrono::nanoseconds lameDuckOption(const ConfMapEntry& e, std::string_view field) {
    if (!e.value.isString()) wrongKind(e, "a duration string");
    const DurationParse d = parseGoDuration(e.value.asString());
    if (!d.error.empty()) fail(e.key_position, fmt::format("error parsing {}: {}", field, d.error));
    return d.value;
}

/// Go's net.SplitHostPort, reporting failure only (nats-server words its own error).
bool splitHostPort(std::string_view s, std::string& host, std::string& port) {
    const std::size_t colon = s.rfind(':');
    if (colon == std::string_view::npos) return false;
    if (!s.empty() && s[0] == '[') {
        const std::size_t close = s.find(']');
        if (close == std::string_view::npos || close + 1 != colon) return false;
        host = std::string(s.substr(1, close - 1));
        if (host.find_first_of("[]") != std::string::npos) return false;
    } else {
        host = std::string(s.substr(0, colon));
        if (host.find_first_of(":[]") != std::string::npos) return false;
    }
    port = std::string(s.substr(colon + 1));
    return port.find_first_of("[]") == std::string::npos;
}

/// Go's strconv.Atoi.
std::optional<int> atoi(std::string_view s) {
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

void applyListen(const ConfMapEntry& e, core::ServerOptions& opts) {
    const ConfValue& v = e.value;
    if (v.isInteger()) {
        opts.host = "0.0.0.0";  // nats-server clears the host, then falls back to its default
        opts.port = clampedInt(v.asInteger());
        return;
    }
    if (!v.isString()) {
        fail(e.key_position,
             fmt::format("expected port or host:port, got {}", goTypeName(v.kind())));
    }
    std::string host;
    std::string port;
    if (!splitHostPort(v.asString(), host, port)) {
        fail(e.key_position, fmt::format("could not parse address string {}", quoted(v.asString())));
    }
    const std::optional<int> number = atoi(port);
    if (!number) fail(e.key_position, fmt::format("could not parse port {}", quoted(port)));
    opts.host = host.empty() ? "0.0.0.0" : host;
    opts.port = *number;
}

/// `http: port` or `http: "host:port"` (nats-server's parseListen; an empty host means the
/// client listener's host).
void applyHttpListen(const ConfMapEntry& e, core::ServerOptions& opts) {
    const ConfValue& v = e.value;
    if (v.isInteger()) {
        opts.http_host.clear();
        opts.http_port = clampedInt(v.asInteger());
        return;
    }
    if (!v.isString()) {
        fail(e.key_position,
             fmt::format("expected port or host:port, got {}", goTypeName(v.kind())));
    }
    std::string host;
    std::string port;
    if (!splitHostPort(v.asString(), host, port)) {
        fail(e.key_position, fmt::format("could not parse address string {}", quoted(v.asString())));
    }
    const std::optional<int> number = atoi(port);
    if (!number) fail(e.key_position, fmt::format("could not parse port {}", quoted(port)));
    opts.http_host = host;
    opts.http_port = *number;
}

// ---- permissions ------------------------------------------------------------------------------

/// A subject, or an array of subjects, each valid (a queue-qualified "subject group" is allowed).
std::vector<std::string> permissionSubjects(const ConfMapEntry& e) {
    std::vector<std::string> subjects;
    if (e.value.isString()) {
        subjects.push_back(e.value.asString());
    } else if (e.value.isArray()) {
        for (const ConfValue& item : e.value.asArray()) {
            if (!item.isString()) {
                fail(item.position(), "Subject in permissions array cannot be cast to string");
            }
            subjects.push_back(item.asString());
        }
    } else {
        fail(e.key_position, fmt::format("Expected subject permissions to be a subject, or array "
                                         "of subjects, got {}",
                                         goTypeName(e.value.kind())));
    }
    for (const std::string& subject : subjects) {
        if (protocol::isValidSubject(subject)) continue;
        std::vector<std::string> fields;
        std::size_t i = 0;
        while (i < subject.size()) {
            while (i < subject.size() && std::isspace(static_cast<unsigned char>(subject[i]))) ++i;
            const std::size_t begin = i;
            while (i < subject.size() && !std::isspace(static_cast<unsigned char>(subject[i]))) ++i;
            if (i > begin) fields.push_back(subject.substr(begin, i - begin));
        }
        if (fields.size() != 2) {
            fail(e.key_position, fmt::format("subject {} is not a valid subject", quoted(subject)));
        }
        if (!protocol::isValidSubject(fields[0])) {
            fail(e.key_position, fmt::format("subject {} is not a valid subject", quoted(fields[0])));
        }
    }
    return subjects;
}

/// `publish`/`subscribe`: subjects (allow only) or {allow, deny}. An empty map means none.
std::optional<auth::SubjectPermission> subjectPermission(const ConfMapEntry& e) {
    auth::SubjectPermission p;
    if (!e.value.isMap()) {
        p.allow = permissionSubjects(e);
        p.allow_set = !p.allow.empty();
        return p;
    }
    if (e.value.asMap().empty()) return std::nullopt;
    for (const ConfMapEntry& field : e.value.asMap()) {
        const std::string name = lower(field.key);
        if (name == "allow") {
            p.allow = permissionSubjects(field);
            p.allow_set = !p.allow.empty();
        } else if (name == "deny") {
            p.deny = permissionSubjects(field);
        } else if (!field.value.usedAsVariable()) {
            fail(field.key_position,
                 fmt::format("Unknown field name {} parsing subject permissions, only 'allow' or "
                             "'deny' are permitted",
                             quoted(field.key)));
        }
    }
    return p;
}

std::optional<auth::ResponsePermission> responsePermission(const ConfMapEntry& e) {
    if (e.value.isBool()) {
        if (!e.value.asBool()) return std::nullopt;
        return auth::ResponsePermission{};
    }
    if (!e.value.isMap()) {
        fail(e.key_position, "error parsing response permissions, expected a boolean or a map");
    }
    auth::ResponsePermission rp;
    for (const ConfMapEntry& field : e.value.asMap()) {
        const std::string name = lower(field.key);
        if (name == "max" || name == "max_msgs" || name == "max_messages" ||
            name == "max_responses") {
            const int max = clampedInt(integerOf(field));
            if (max != 0) rp.max_msgs = max;  // negative: unlimited; 0: the default
        } else if (name == "expires" || name == "expiration" || name == "ttl") {
            if (!field.value.isString()) {
                fail(field.key_position, "error parsing expires, not a duration string");
            }
            const DurationParse d = parseGoDuration(field.value.asString());
            if (!d.error.empty()) {
                fail(field.key_position, fmt::format("error parsing expires: {}", d.error));
            }
            if (d.value.count() != 0) rp.expires = toMilliseconds(d.value);
        } else if (!field.value.usedAsVariable()) {
            fail(field.key_position,
                 fmt::format("Unknown field {} parsing permissions", quoted(field.key)));
        }
    }
    return rp;
}

auth::Permissions userPermissions(const ConfMapEntry& e) {
    if (!e.value.isMap()) {
        fail(e.key_position, fmt::format("Expected permissions to be a map/struct, got {}",
                                         goValueText(e.value)));
    }
    auth::Permissions p;
    for (const ConfMapEntry& field : e.value.asMap()) {
        const std::string name = lower(field.key);
        if (name == "pub" || name == "publish" || name == "import") {
            p.publish = subjectPermission(field);
        } else if (name == "sub" || name == "subscribe" || name == "export") {
            p.subscribe = subjectPermission(field);
        } else if (name == "publish_allow_responses" || name == "allow_responses") {
            p.response = responsePermission(field);
            if (p.response) {
                // Responses only: the blanket "allow everything" for publish is turned off.
                if (!p.publish) p.publish = auth::SubjectPermission{};
                p.publish->allow_set = true;
            }
        } else if (!field.value.usedAsVariable()) {
            fail(field.key_position,
                 fmt::format("Unknown field {} parsing permissions", quoted(field.key)));
        }
    }
    return p;
}

// ---- authorization ----------------------------------------------------------------------------

std::vector<auth::User> users(const ConfMapEntry& e) {
    if (!e.value.isArray()) {
        fail(e.key_position, fmt::format("Expected users field to be an array, got {}",
                                         goValueText(e.value)));
    }
    std::vector<auth::User> result;
    for (const ConfValue& item : e.value.asArray()) {
        if (!item.isMap()) {
            fail(item.position(), fmt::format("Expected user entry to be a map/struct, got {}",
                                              goValueText(item)));
        }
        auth::User user;
        for (const ConfMapEntry& field : item.asMap()) {
            const std::string name = lower(field.key);
            if (name == "user" || name == "username") {
                user.username = stringOf(field);
            } else if (name == "pass" || name == "password") {
                user.password = stringOf(field);
            } else if (name == "permission" || name == "permissions" || name == "authorization") {
                user.permissions = userPermissions(field);
            } else if (name == "nkey" || name == "allowed_connection_types" ||
                       name == "connection_types" || name == "clients") {
                unsupported(field);
            } else {
                unknownField(field);
            }
        }
        if (user.username.empty()) fail(item.position(), "User entry requires a user");
        result.push_back(std::move(user));
    }
    return result;
}

void applyAuthorization(const ConfMapEntry& e, core::ServerOptions& opts) {
    if (!e.value.isMap()) wrongKind(e, "a map");
    std::string user;
    std::string pass;
    std::string token;
    double timeout_seconds = 0;
    std::optional<std::vector<auth::User>> user_list;
    std::optional<auth::Permissions> default_permissions;
    for (const ConfMapEntry& field : e.value.asMap()) {
        const std::string name = lower(field.key);
        if (name == "user" || name == "username") {
            user = stringOf(field);
        } else if (name == "pass" || name == "password") {
            pass = stringOf(field);
        } else if (name == "token") {
            token = stringOf(field);
        } else if (name == "timeout") {
            // Seconds; nats-server takes any other type as 1 second.
            timeout_seconds = field.value.isInteger() ? static_cast<double>(field.value.asInteger())
                              : field.value.isFloat() ? field.value.asFloat()
                                                      : 1.0;
        } else if (name == "users") {
            user_list = users(field);
        } else if (name == "default_permission" || name == "default_permissions" ||
                   name == "permissions") {
            default_permissions = userPermissions(field);
        } else {
            unknownField(field);
        }
    }
    if ((!user.empty() || !pass.empty()) && !token.empty()) {
        fail(e.key_position, "Cannot have a user/pass and token");
    }
    // As nats-server: users of accounts parsed earlier in the file count as a users array, and
    // names are unique across both; authorization users are appended to them.
    std::set<std::string> names;
    for (const auth::User& u : opts.users) names.insert(u.username);
    if (user_list || !names.empty()) {
        if (!user.empty()) {
            fail(e.key_position, "Can not have a single user/pass and a users array");
        }
        if (!token.empty()) fail(e.key_position, "Can not have a token and a users array");
    }
    if (user_list) {
        for (auth::User& u : *user_list) {
            if (!names.insert(u.username).second) {
                fail(e.key_position, fmt::format("Duplicate user {} detected", quoted(u.username)));
            }
            if (!u.permissions && default_permissions) u.permissions = default_permissions;
            opts.users.push_back(std::move(u));
        }
    }
    opts.username = user;
    opts.password = pass;
    opts.auth_token = token;
    opts.default_permissions = default_permissions;
    if (timeout_seconds != 0) {
        opts.auth_timeout = milliseconds(std::llround(timeout_seconds * 1000));
    }
}

// ---- accounts ---------------------------------------------------------------------------------

/// An account's `jetstream`: true/false, "enabled"/"disabled" or a map of limits, as nats-server's
/// parseJetStreamForAccount. Returns whether it enables JetStream. Limits are not built: a map
/// naming one is refused, an empty map enables JetStream without limits.
bool accountJetStream(const ConfMapEntry& e) {
    const ConfValue& v = e.value;
    if (v.isBool()) return v.asBool();
    if (v.isString()) {
        const std::string s = lower(v.asString());
        if (s == "enabled" || s == "enable") return true;
        if (s == "disabled" || s == "disable") return false;
        fail(e.key_position, fmt::format("Expected 'enabled' or 'disabled' for string value, got '{}'",
                                         v.asString()));
    }
    if (v.isMap()) {
        for (const ConfMapEntry& limit : v.asMap()) {
            if (!limit.value.usedAsVariable()) unsupported(limit);
        }
        return true;
    }
    fail(e.key_position, fmt::format("Expected map, bool or string to define JetStream, got {}",
                                     goTypeName(v.kind())));
}

/// `accounts { A { users: [...], default_permissions: {...} } }` or `accounts: [A, B]`.
void applyAccounts(const ConfMapEntry& e, core::ServerOptions& opts) {
    const auto reserved = [](std::string_view name) { return name == "$G"; };
    std::set<std::string> seen;
    if (e.value.isArray()) {
        for (const ConfValue& item : e.value.asArray()) {
            if (!item.isString()) fail(item.position(), "Expected account names to be strings");
            const std::string& name = item.asString();
            if (reserved(name)) fail(item.position(), fmt::format("{} is a Reserved Account", quoted(name)));
            if (!seen.insert(name).second) {
                fail(item.position(), fmt::format("Duplicate Account Entry: {}", name));
            }
            opts.accounts.push_back(name);
        }
        return;
    }
    if (!e.value.isMap()) wrongKind(e, "a map");
    for (const ConfMapEntry& account : e.value.asMap()) {
        if (!account.value.isMap()) fail(account.key_position, "Expected map entries for accounts");
        if (reserved(account.key)) {
            fail(account.key_position, fmt::format("{} is a Reserved Account", quoted(account.key)));
        }
        std::vector<auth::User> account_users;
        std::optional<auth::Permissions> defaults;
        Position users_position = account.key_position;
        for (const ConfMapEntry& field : account.value.asMap()) {
            const std::string name = lower(field.key);
            if (name == "users") {
                account_users = users(field);
                users_position = field.key_position;
            } else if (name == "default_permissions") {
                defaults = userPermissions(field);
            } else if (name == "jetstream") {
                if (accountJetStream(field)) opts.jetstream_accounts.push_back(account.key);
            } else if (name == "nkey" || name == "imports" || name == "exports" ||
                       name == "mappings" || name == "maps" || name == "limits") {
                unsupported(field);
            } else {
                unknownField(field);
            }
        }
        // As nats-server: an authorization block earlier in the file excludes account users
        // with a single user or a token; user names are unique across accounts and it.
        if (!account_users.empty()) {
            if (!opts.username.empty()) {
                fail(users_position, "Can not have a single user/pass and accounts");
            }
            if (!opts.auth_token.empty()) fail(users_position, "Can not have a token and accounts");
        }
        for (auth::User& u : account_users) {
            const bool taken =
                std::any_of(opts.users.begin(), opts.users.end(),
                            [&](const auth::User& o) { return o.username == u.username; });
            if (taken) {
                fail(users_position, fmt::format("Duplicate user {} detected", quoted(u.username)));
            }
            u.account = account.key;
            if (!u.permissions && defaults) u.permissions = defaults;
            opts.users.push_back(std::move(u));
        }
        opts.accounts.push_back(account.key);
    }
}

// ---- jetstream ----------------------------------------------------------------------------------

/// nats-server's getStorageSize: an integer (the config lexer already applied 1G = 10^9,
/// 1GB = 2^30), or a string "<integer><K|M|G|T>" in powers of 1024; "" is 0.
std::int64_t storageSize(const ConfMapEntry& e, std::string_view what) {
    if (e.value.isInteger()) return e.value.asInteger();
    if (!e.value.isString()) fail(e.key_position, fmt::format("{} must be int64 or string", what));
    const std::string& s = e.value.asString();
    if (s.empty()) return 0;
    const std::string prefix = s.substr(0, s.size() - 1);
    // strconv.ParseInt(prefix, 10, 64)
    std::string_view digits = prefix;
    const bool negative = !digits.empty() && digits[0] == '-';
    if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) digits.remove_prefix(1);
    std::string_view problem;
    std::uint64_t magnitude = 0;
    const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) {
        problem = "invalid syntax";
    } else {
        for (const char c : digits) {
            const auto d = static_cast<std::uint64_t>(c - '0');
            if (magnitude > (limit - d) / 10) {
                problem = "value out of range";
                break;
            }
            magnitude = magnitude * 10 + d;
        }
    }
    if (!problem.empty()) {
        fail(e.key_position, fmt::format("{} strconv.ParseInt: parsing {}: {}", what,
                                         quoted(prefix), problem));
    }
    const std::int64_t number =
        negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
    static constexpr std::string_view kSuffixes = "KMGT";
    const std::size_t index = kSuffixes.find(s.back());
    if (index == std::string_view::npos) {
        fail(e.key_position,
             fmt::format("{} sizes defined as strings must end in K, M, G, T", what));
    }
    // Go's int64 multiplication wraps; so does this.
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(number)
                                     << (10 * (index + 1)));
}

/// `sync_interval` (nats-server 2.10; ours): "always", or a duration as ping_interval takes it.
std::chrono::nanoseconds syncInterval(const ConfMapEntry& e, std::vector<std::string>* warnings) {
    if (e.value.isString()) {
        if (lower(e.value.asString()) == "always") return std::chrono::nanoseconds::zero();
        const DurationParse d = parseGoDuration(e.value.asString());
        if (!d.error.empty()) {
            fail(e.key_position, fmt::format("error parsing {}: {}", e.key, d.error));
        }
        if (d.value.count() <= 0) {
            fail(e.key_position, fmt::format("invalid {} of {}, needs to be positive or \"always\"",
                                             e.key, formatGoDuration(d.value)));
        }
        return d.value;
    }
    if (!e.value.isInteger()) wrongKind(e, "a duration string");
    if (warnings != nullptr) {
        warnings->push_back(ConfigError(e.key_position,
                                        fmt::format("invalid use of field \"{}\": {} should be "
                                                    "converted to a duration",
                                                    e.key, e.key))
                                .what());
    }
    if (e.value.asInteger() <= 0) {
        fail(e.key_position, fmt::format("invalid {} of {}s, needs to be positive or \"always\"",
                                         e.key, e.value.asInteger()));
    }
    return std::chrono::seconds(e.value.asInteger());
}

void applyStoreDir(const ConfMapEntry& e, core::ServerOptions& opts) {
    const std::string& dir = stringOf(e);
    // As nats-server: the top level and the jetstream block may not both name it (nor -sd).
    if (!opts.store_dir.empty()) fail(e.key_position, "Duplicate 'store_dir' configuration");
    opts.store_dir = dir;
}

/// `jetstream: true|false|enabled|disabled` or `jetstream { ... }` (nats-server's parseJetStream).
void applyJetStream(const ConfMapEntry& e, core::ServerOptions& opts,
                    std::vector<std::string>* warnings) {
    const ConfValue& v = e.value;
    if (v.isBool()) {
        opts.jetstream = v.asBool();
        return;
    }
    if (v.isString()) {
        const std::string text = lower(v.asString());
        if (text == "enabled" || text == "enable") {
            opts.jetstream = true;
        } else if (text == "disabled" || text == "disable") {
            opts.jetstream = false;
        } else {
            fail(e.key_position, fmt::format("Expected 'enabled' or 'disabled' for string value, "
                                             "got '{}'",
                                             v.asString()));
        }
        return;
    }
    if (!v.isMap()) {
        fail(e.key_position, fmt::format("Expected map, bool or string to define JetStream, got {}",
                                         goTypeName(v.kind())));
    }
    bool enable = true;
    for (const ConfMapEntry& field : v.asMap()) {
        const std::string name = lower(field.key);
        if (name == "store" || name == "store_dir" || name == "storedir") {
            applyStoreDir(field, opts);
        } else if (name == "max_memory_store" || name == "max_mem_store" || name == "max_mem") {
            opts.jetstream_max_memory = storageSize(field, "max_mem_store");
        } else if (name == "max_file_store" || name == "max_file") {
            opts.jetstream_max_store = storageSize(field, "max_file_store");
        } else if (name == "domain") {
            opts.jetstream_domain = stringOf(field);
        } else if (name == "enable" || name == "enabled") {
            enable = boolOf(field);
        } else if (name == "sync" || name == "sync_interval") {
            const auto every = syncInterval(field, warnings);
            if (every.count() == 0) {
                opts.jetstream_sync_interval.reset();
            } else {
                opts.jetstream_sync_interval = every;
            }
        } else if (name == "unique_tag" || name == "extension_hint") {
            stringOf(field);  // only matter with clustering or leaf nodes, which are refused
        } else if (name == "max_outstanding_catchup") {
            storageSize(field, name);  // only matters with clustering
        } else if (name == "key" || name == "ek" || name == "encryption_key" || name == "cipher" ||
                   name == "limits") {
            unsupported(field);
        } else {
            unknownField(field);
        }
    }
    opts.jetstream = enable;
}

// ---- feature keys nwb-server does not have ----------------------------------------------------

bool isUnsupportedKey(const std::string& key) {
    static const std::set<std::string> kKeys = {
        "cluster", "gateway", "leaf", "leafnodes", "websocket", "ws", "mqtt",
        "https", "https_port",
        "tls", "allow_non_tls", "ocsp", "mappings", "maps",
        "operator", "operators", "roots", "root", "root_operators", "root_operator",
        "resolver", "account_resolver", "accounts_resolver", "resolver_tls", "resolver_preload",
        "resolver_pinned_accounts", "trusted", "trusted_keys", "server_tags", "default_js_domain",
        "syslog", "remote_syslog", "logfile_size_limit", "log_size_limit", "prof_port", "max_traced_msg_len", "max_sub_tokens", "max_subscription_tokens",
        "disable_sublist_cache", "no_sublist_cache", "connect_error_reports",
        "reconnect_error_reports",
    };
    return kKeys.contains(key);
}

/// Settings that ask for nothing nwb-server lacks, so they are accepted and ignored, as
/// nats-server ignores them too: a cluster block that only names the cluster (no listen port
/// means no clustering).
bool isHarmless(const std::string& key, const ConfValue& v) {
    if (key == "cluster" && v.isMap()) {
        return std::all_of(v.asMap().begin(), v.asMap().end(),
                           [](const ConfMapEntry& e) { return lower(e.key) == "name"; });
    }
    return false;
}

void applyEntry(const ConfMapEntry& e, core::ServerOptions& opts,
                std::vector<std::string>* warnings) {
    const std::string key = lower(e.key);
    if (key == "listen") {
        applyListen(e, opts);
    } else if (key == "port") {
        opts.port = clampedInt(integerOf(e));
        if (opts.port == 0) opts.port = 4222;  // nats-server: 0 means the default port
    } else if (key == "host" || key == "net") {
        opts.host = stringOf(e);
    } else if (key == "server_name") {
        opts.server_name = stringOf(e);
    } else if (key == "accounts") {
        applyAccounts(e, opts);
    } else if (key == "system_account" || key == "system") {
        opts.system_account = stringOf(e);
    } else if (key == "no_system_account" || key == "no_system" || key == "no_sys_acc") {
        opts.no_system_account = boolOf(e);
    } else if (key == "client_advertise") {
        opts.client_advertise = stringOf(e);
    } else if (key == "debug") {
        opts.debug = boolOf(e);
    } else if (key == "trace") {
        opts.trace = boolOf(e);
    } else if (key == "trace_verbose") {
        opts.trace_verbose = boolOf(e);
        opts.trace = opts.trace_verbose;
    } else if (key == "logtime") {
        opts.logtime = boolOf(e);
    } else if (key == "logtime_utc") {
        opts.logtime_utc = boolOf(e);
    } else if (key == "logfile" || key == "log_file") {
        opts.log_file = stringOf(e);
    } else if (key == "pidfile" || key == "pid_file") {
        opts.pid_file = stringOf(e);
    } else if (key == "authorization") {
        applyAuthorization(e, opts);
    } else if (key == "no_auth_user") {
        opts.no_auth_user = stringOf(e);
    } else if (key == "max_connections" || key == "max_conn") {
        opts.max_connections = clampedInt(integerOf(e));
    } else if (key == "max_control_line") {
        opts.max_control_line = int32Option(e);
    } else if (key == "max_payload") {
        opts.max_payload = int32Option(e);
    } else if (key == "max_pending") {
        opts.max_pending = integerOf(e);
    } else if (key == "max_subscriptions" || key == "max_subs") {
        opts.max_subscriptions = clampedInt(integerOf(e));
    } else if (key == "ping_interval") {
        opts.ping_interval = durationOption(e, "ping_interval", warnings);
    } else if (key == "ping_max") {
        opts.ping_max = clampedInt(integerOf(e));
    } else if (key == "write_deadline") {
        opts.write_deadline = durationOption(e, "write_deadline", warnings);
    } else if (key == "lame_duck_duration") {
        const auto d = lameDuckOption(e, "lame_duck_duration");
        if (d < std::chrono::seconds(30)) {
            fail(e.key_position, fmt::format("invalid lame_duck_duration of {}, minimum is 30 "
                                             "seconds",
                                             formatGoDuration(d)));
        }
        opts.lame_duck_duration = toMilliseconds(d);
    } else if (key == "lame_duck_grace_period") {
        const auto d = lameDuckOption(e, "lame_duck_grace_period");
        if (d.count() < 0) fail(e.key_position, "invalid lame_duck_grace_period, needs to be positive");
        opts.lame_duck_grace_period = toMilliseconds(d);
    } else if (key == "no_header_support") {
        opts.no_header_support = boolOf(e);
    } else if (key == "http") {
        applyHttpListen(e, opts);
    } else if (key == "http_port" || key == "monitor_port") {
        opts.http_port = clampedInt(integerOf(e));
    } else if (key == "http_base_path") {
        opts.http_base_path = stringOf(e);
    } else if (key == "ports_file_dir") {
        opts.ports_file_dir = stringOf(e);
    } else if (key == "max_closed_clients") {
        // Not a config key of nats-server 2.9.10 (only an option of its Go API).
        opts.max_closed_clients = clampedInt(integerOf(e));
    } else if (key == "store_dir" || key == "storedir") {
        applyStoreDir(e, opts);
    } else if (key == "jetstream") {
        applyJetStream(e, opts, warnings);
    } else if (isHarmless(key, e.value)) {
        // nothing to do
    } else if (isUnsupportedKey(key)) {
        unsupported(e);
    } else {
        unknownField(e);
    }
}

}  // namespace

void applyConfig(const ConfValue& root, core::ServerOptions& opts,
                 std::vector<std::string>* warnings) {
    for (const ConfMapEntry& entry : root.asMap()) applyEntry(entry, opts, warnings);
}

void validateOptions(const core::ServerOptions& opts) {
    if (opts.lame_duck_duration.count() > 0 &&
        opts.lame_duck_grace_period >= opts.lame_duck_duration) {
        throw ConfigError(fmt::format(
            "lame duck grace period ({}) should be strictly lower than lame duck duration ({})",
            formatGoDuration(opts.lame_duck_grace_period),
            formatGoDuration(opts.lame_duck_duration)));
    }
    if (static_cast<std::int64_t>(opts.max_payload) > opts.max_pending) {
        throw ConfigError(fmt::format("max_payload ({}) cannot be higher than max_pending ({})",
                                      opts.max_payload, opts.max_pending));
    }
    if (!opts.no_auth_user.empty()) {
        if (opts.users.empty()) {
            throw ConfigError(fmt::format("no_auth_user: \"{}\" present, but users are not defined",
                                          opts.no_auth_user));
        }
        const bool known = std::any_of(opts.users.begin(), opts.users.end(), [&](const auto& u) {
            return u.username == opts.no_auth_user;
        });
        if (!known) {
            throw ConfigError(fmt::format("no_auth_user: \"{}\" not present as user in "
                                          "authorization block or account configuration",
                                          opts.no_auth_user));
        }
    }
    if (!opts.jetstream_domain.empty()) {
        const std::string api = "$JS." + opts.jetstream_domain + ".API.>";
        if (!protocol::isValidSubject(api)) {
            throw ConfigError(fmt::format("invalid domain name: derived {} is not a valid subject",
                                          quoted(api)));
        }
        if (opts.jetstream_domain.find_first_of(" \t\r\n\f.*>") != std::string::npos) {
            throw ConfigError("invalid domain name: may not contain ., * or >");
        }
    }
    // Last, as nats-server resolves it after validating the options: the system account is
    // looked up among the configured accounts and "$G".
    if (!opts.system_account.empty() && opts.system_account != "$G" &&
        std::find(opts.accounts.begin(), opts.accounts.end(), opts.system_account) ==
            opts.accounts.end()) {
        throw ConfigError("error resolving system account: account missing");
    }
}

}  // namespace nwb::config
