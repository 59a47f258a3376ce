// The monitoring endpoints of nats-server 2.9.10 (server/monitor.go): each turns a query into the
// JSON document nats-server would serve, or the text of its HTTP 400 answer.
#pragma once

#include "engine/monitor/proc_usage.h"
#include "engine/monitor/query_params.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <expected>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace nwb::core {
class Account;
class Server;
}  // namespace nwb::core
namespace nwb::jetstream {
class JetStreamService;
}

namespace nwb::monitor {

/// What an endpoint reads, and the request counters /varz reports as http_req_stats.
struct MonitorContext {
    core::Server& server;
    const ProcUsage& usage;
    std::map<std::string, std::uint64_t>& http_req_stats;  ///< keyed by path without base path
    jetstream::JetStreamService* jetstream = nullptr;      ///< null: JetStream is off

    void count(const std::string& path) { ++http_req_stats[path]; }
};

/// The document, or the text of an HTTP 400 answer.
using EndpointResult = std::expected<boost::json::value, std::string>;

/// The name of the only account until accounts exist.
inline constexpr std::string_view kGlobalAccount = "$G";

// Each is called on the monitor thread only; each counts itself in http_req_stats at the point
// nats-server does (some only after their parameters decoded).
EndpointResult varz(MonitorContext& ctx, const QueryParams& query);
EndpointResult connz(MonitorContext& ctx, const QueryParams& query);
/// /connz as served over HTTP: `acc=<account>` works for every account, not only "$G".
EndpointResult connzAnyAccount(MonitorContext& ctx, const QueryParams& query);
/// Subscriptions over every account (`acc=` one): only the SublistStats object unless a
/// non-empty list is asked for.
EndpointResult subsz(MonitorContext& ctx, const QueryParams& query);
/// nats-server's Subsz object (always the full document, as the Go struct marshals) over every
/// account or only `account`; `acc` in the query is ignored. `force_subs`: list subscriptions
/// whatever the query says (the account request always lists them).
EndpointResult subszDocument(MonitorContext& ctx, const QueryParams& query,
                             std::string_view account, bool force_subs = false);
EndpointResult routez(MonitorContext& ctx, const QueryParams& query);
EndpointResult gatewayz(MonitorContext& ctx, const QueryParams& query);
EndpointResult leafz(MonitorContext& ctx, const QueryParams& query);
EndpointResult accountz(MonitorContext& ctx, const QueryParams& query);
EndpointResult accstatz(MonitorContext& ctx, const QueryParams& query);
/// JetStream figures (nats-server's JSInfo); `disabled` when ctx.jetstream is null.
EndpointResult jsz(MonitorContext& ctx, const QueryParams& query);
/// $SYS.REQ.ACCOUNT.<name>.JSZ: the account's AccountDetail (streams, consumers and config as
/// asked; unlike /jsz, consumers do not imply streams), or nats-server's error text.
EndpointResult jszAccount(MonitorContext& ctx, std::string_view name, const QueryParams& query);
/// /varz "jetstream": {config, stats} when JetStream runs, else an empty object.
boost::json::object jetStreamVarz(MonitorContext& ctx);
/// Always {"status":"ok"} while the server runs: there is no JetStream to be unhealthy.
EndpointResult healthz(MonitorContext& ctx, const QueryParams& query);
/// Internal queues with something pending: none here.
EndpointResult ipqueuesz(MonitorContext& ctx, const QueryParams& query);

/// {"server_id", "now"}: how several of nats-server's documents begin.
boost::json::object serverIdAndNow(MonitorContext& ctx);

/// nats-server's SublistStats summed over `accounts` (in /subsz and /accountz).
boost::json::object sublistStats(const std::vector<core::Account*>& accounts);

/// The HTML index page with a link to every endpoint under `base_path` (normalized, e.g. "/").
std::string indexPage(MonitorContext& ctx, std::string_view base_path);

/// path.Join(base_path, endpoint) as Go computes it ("/" + "/varz" = "/varz").
std::string joinPath(std::string_view base_path, std::string_view endpoint);
/// Go's ServeMux cleanPath: path.Clean keeping a trailing slash ("//varz" -> "/varz").
std::string cleanRequestPath(std::string_view path);
/// nats-server's normalizeBasePath: "" -> "/", a leading slash added, the path cleaned.
std::string normalizeBasePath(std::string_view path);

}  // namespace nwb::monitor
