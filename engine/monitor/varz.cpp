// /varz: the server's identity, limits and counters (nats-server's Varz).
#include "engine/base/usable_cpus.h"
#include "engine/core/server.h"
#include "engine/monitor/endpoints.h"
#include "engine/monitor/go_time.h"

#include <boost/json/object.hpp>

#include <chrono>

namespace nwb::monitor {
namespace {

double seconds(std::chrono::milliseconds d) { return static_cast<double>(d.count()) / 1000.0; }

std::int64_t nanoseconds(std::chrono::milliseconds d) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

}  // namespace

EndpointResult varz(MonitorContext& ctx, const QueryParams& /*query*/) {
    core::Server& server = ctx.server;
    const core::ServerOptions& o = server.options();
    const double cpu = ctx.usage.cpuPercent();
    const std::int64_t rss = ctx.usage.rssBytes();
    ctx.count("/varz");
    const auto now = WallClock::now();
    const int cores = base::usableCpus();
    const core::ServerCounters& c = server.counters();

    boost::json::object v;
    v["server_id"] = server.serverId();
    v["server_name"] = server.serverName();
    v["version"] = std::string(core::kAdvertisedVersion);
    v["proto"] = 1;
    v["go"] = "nwb-server";
    v["host"] = o.client_advertise.empty() ? o.host : o.client_advertise;
    v["port"] = server.port();
    if (server.authenticator().authRequired()) v["auth_required"] = true;
    v["max_connections"] = o.max_connections;
    if (o.max_subscriptions != 0) v["max_subscriptions"] = o.max_subscriptions;
    v["ping_interval"] = nanoseconds(o.ping_interval);
    v["ping_max"] = o.ping_max;
    v["http_host"] = o.http_host.empty() ? o.host : o.http_host;
    v["http_port"] = o.http_port;
    v["http_base_path"] = o.http_base_path;
    v["https_port"] = o.https_port;
    v["auth_timeout"] = seconds(o.auth_timeout);
    v["max_control_line"] = o.max_control_line;
    v["max_payload"] = o.max_payload;
    v["max_pending"] = o.max_pending;
    // Go writes struct-valued fields even when every member is omitted.
    for (const char* feature : {"cluster", "gateway", "leaf", "mqtt", "websocket"}) {
        v[feature] = boost::json::object();
    }
    v["jetstream"] = jetStreamVarz(ctx);
    v["tls_timeout"] = 2.0;  // nats-server's default, reported even without TLS
    v["write_deadline"] = nanoseconds(o.write_deadline);
    v["start"] = rfc3339Nano(server.startTime(), TimeZone::Local);
    v["now"] = rfc3339Nano(now, TimeZone::Utc);
    v["uptime"] = uptimeText(now - server.startTime());
    v["mem"] = rss;
    v["cores"] = cores;
    v["gomaxprocs"] = cores;
    v["cpu"] = cpu;
    v["connections"] = server.connectionCount();
    v["total_connections"] = c.total_connections.load(std::memory_order_relaxed);
    v["routes"] = 0;
    v["remotes"] = 0;
    v["leafnodes"] = 0;
    v["in_msgs"] = c.in_msgs.load(std::memory_order_relaxed);
    v["out_msgs"] = c.out_msgs.load(std::memory_order_relaxed);
    v["in_bytes"] = c.in_bytes.load(std::memory_order_relaxed);
    v["out_bytes"] = c.out_bytes.load(std::memory_order_relaxed);
    v["slow_consumers"] = c.slow_consumers.load(std::memory_order_relaxed);
    std::size_t subscriptions = 0;
    for (core::Account* account : server.accounts()) subscriptions += account->trie().count();
    v["subscriptions"] = subscriptions;
    boost::json::object stats;  // Go writes map keys sorted; std::map is
    for (const auto& [path, n] : ctx.http_req_stats) stats[path] = n;
    v["http_req_stats"] = std::move(stats);
    v["config_load_time"] = rfc3339Nano(server.startTime(), TimeZone::Local);
    if (core::Account* system = server.systemAccount()) v["system_account"] = system->name();
    // 2.10: slow consumers by connection kind; every one of ours is a client.
    v["slow_consumer_stats"] = {{"clients", c.slow_consumers.load(std::memory_order_relaxed)},
                                {"routes", 0},
                                {"gateways", 0},
                                {"leafs", 0}};
    return v;
}

}  // namespace nwb::monitor
