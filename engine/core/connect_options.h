// The CONNECT options a client sends, with nats-server's defaults for absent fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nwb::core {

struct ConnectOptions {
    bool verbose = true;   ///< nats-server defaults verbose, pedantic and echo to true
    bool pedantic = true;
    bool echo = true;
    bool headers = false;
    bool no_responders = false;
    bool tls_required = false;
    int protocol = 0;
    std::string user;
    std::string pass;
    std::string auth_token;
    std::string name;
    std::string lang;
    std::string version;
    std::string account;
    bool new_account = false;
    std::string jwt;
    std::string nkey;
    std::string sig;
};

/// Applies a CONNECT JSON object over `opts` (fields absent keep their value, as Go's
/// json.Unmarshal does; keys match case-insensitively). Returns false on malformed JSON or a
/// field of the wrong type; `opts` may then be partly updated.
bool applyConnectJson(std::string_view json, ConnectOptions& opts);

}  // namespace nwb::core
