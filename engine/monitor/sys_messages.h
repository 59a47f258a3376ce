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
#include <optional>
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
/// /connz restricted to one account, open connections listed only when one of their
/// subscriptions collides with `filter_subject` (empty or ">": all), as ConnzOptions.FilterSubject.
EndpointResult accountConnz(MonitorContext& ctx, const QueryParams& query,
                            std::string_view account, std::string_view filter_subject = {});
/// How many client subscriptions of `account` the subject reaches, as nats-server's totalSubs
/// (a literal subject: the subscriptions matching it) or, for a wildcard subject, those it
/// covers; with a queue only that queue group's. -1 when the account has no connection here.
/// Any thread; takes the connection list's locks briefly.
std::int64_t countClientSubscriptions(core::Server& server, std::string_view account,
                                      std::string_view subject,
                                      const std::optional<std::string>& queue);

/// Go's base64.StdEncoding decoding (as encoding/json reads a []byte), or nullopt. Any thread.
std::optional<std::string> decodeBase64(std::string_view text);

/// The CONNECT / DISCONNECT advisory of a client of a non-global account.
boost::json::object clientEvent(core::Server& server, const core::ConnectionInfo& info,
                                bool connected, std::uint64_t seq);

/// A fresh 22-character event id (nats-server uses a NUID). Any thread.
std::string newEventId();

}  // namespace nwb::monitor
