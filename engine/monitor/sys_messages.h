// The JSON of nats-server 2.9.10's system account (server/events.go): the reply envelope, STATSZ,
// account statistics and info, client advisories, and request options read as Go reads them.
#pragma once

#include "engine/core/connection_info.h"
#include "engine/monitor/endpoints.h"
#include "engine/monitor/query_params.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace nwb::core {
class Account;
class Server;
}  // namespace nwb::core

namespace nwb::monitor {

/// Which monitoring document a `$SYS.REQ.SERVER...` request asks for.
enum class SysEndpoint {
    Statsz,
    Varz,
    Subsz,
    Connz,
    Routez,
    Gatewayz,
    Leafz,
    Accountz,
    Jsz,
    Healthz,
    Idz,
};

/// The subject token of each endpoint ("STATSZ", "VARZ", ...), in declaration order.
std::string_view sysEndpointToken(SysEndpoint endpoint);

/// nats-server's ServerInfo for this server; `seq` is the per-server event sequence. Any thread.
boost::json::object sysServerInfo(core::Server& server, std::uint64_t seq);

/// A request's JSON options: the endpoint's query parameters and the server filter, or Go's
/// json.Unmarshal error text. An empty payload is no options.
struct SysRequestOptions {
    QueryParams query{""};
    bool ignore = false;  ///< a filter (server_name, host, cluster, tags, domain) excludes us
    boost::json::object raw;
};
std::expected<SysRequestOptions, std::string> parseSysOptions(core::Server& server,
                                                              SysEndpoint endpoint,
                                                              std::string_view payload);

/// nats-server's ServerStats ("statsz" of a STATSZ message). Monitor-side thread only.
boost::json::object serverStats(core::Server& server, const ProcUsage& usage);

/// nats-server's AccountStat for one account (open connections and their counters).
boost::json::object accountStat(core::Server& server, core::Account& account,
                                const std::vector<core::ConnectionInfo>& open);

/// AccountStatz for `accounts` (all when empty); accounts without connections only when
/// `include_unused`. Returns the number of accounts listed through `listed`.
boost::json::object accountStatz(core::Server& server, const std::vector<std::string>& accounts,
                                 bool include_unused, std::size_t& listed);

/// nats-server's AccountInfo (Accountz "account_detail", `$SYS.REQ.ACCOUNT.<acc>.INFO`), or
/// "Account <name> does not exist".
std::expected<boost::json::object, std::string> accountInfo(core::Server& server,
                                                            std::string_view name);

/// /accountz with every account and the system account (the endpoint knows only "$G").
EndpointResult sysAccountz(MonitorContext& ctx, const QueryParams& query);
/// /connz, with each connection's account (other than "$G") named when `auth` is set.
EndpointResult sysConnz(MonitorContext& ctx, const QueryParams& query);
/// /connz restricted to one account; the endpoint itself knows only "$G".
EndpointResult accountConnz(MonitorContext& ctx, const QueryParams& query,
                            std::string_view account);
/// nats-server's Subsz object (always the full document, as the Go struct marshals), over every
/// account or only `account`; `acc` in the query is ignored. `force_subs`: list subscriptions
/// whatever the query says (the account request always lists them).
EndpointResult sysSubsz(MonitorContext& ctx, const QueryParams& query, std::string_view account,
                        bool force_subs = false);

/// The CONNECT / DISCONNECT advisory of a client of a non-global account.
boost::json::object clientEvent(core::Server& server, const core::ConnectionInfo& info,
                                bool connected, std::uint64_t seq);

/// A fresh 22-character event id (nats-server uses a NUID). Any thread.
std::string newEventId();

}  // namespace nwb::monitor
