// Endpoints of features nwb-server does not have yet (routes, gateways, leaf nodes, JetStream,
// internal queues): what nats-server serves when the feature is off.
#include "engine/core/server.h"
#include "engine/monitor/endpoints.h"
#include "engine/monitor/go_time.h"

#include <boost/json/array.hpp>

namespace nwb::monitor {
namespace {

boost::json::object header(MonitorContext& ctx) {
    boost::json::object o;
    o["server_id"] = ctx.server.serverId();
    o["now"] = rfc3339Nano(WallClock::now(), TimeZone::Utc);
    return o;
}

}  // namespace

EndpointResult routez(MonitorContext& ctx, const QueryParams& query) {
    if (const auto subs = query.decodeSubs(); !subs) return std::unexpected(subs.error());
    ctx.count("/routez");
    boost::json::object o = header(ctx);
    o["num_routes"] = 0;
    o["routes"] = boost::json::array();
    return o;
}

EndpointResult gatewayz(MonitorContext& ctx, const QueryParams& query) {
    ctx.count("/gatewayz");
    if (const auto accs = query.decodeBool("accs"); !accs) return std::unexpected(accs.error());
    boost::json::object o = header(ctx);
    o["outbound_gateways"] = boost::json::object();
    o["inbound_gateways"] = boost::json::object();
    return o;
}

EndpointResult leafz(MonitorContext& ctx, const QueryParams& query) {
    ctx.count("/leafz");
    if (const auto subs = query.decodeBool("subs"); !subs) return std::unexpected(subs.error());
    boost::json::object o = header(ctx);
    o["leafnodes"] = 0;
    o["leafs"] = nullptr;  // a nil slice in nats-server
    return o;
}

EndpointResult jsz(MonitorContext& ctx, const QueryParams& query) {
    ctx.count("/jsz");
    for (const char* flag : {"accounts", "streams", "consumers", "config"}) {
        if (const auto b = query.decodeBool(flag); !b) return std::unexpected(b.error());
    }
    for (const char* number : {"offset", "limit"}) {
        if (const auto n = query.decodeInt(number); !n) return std::unexpected(n.error());
    }
    const auto leader_only = query.decodeBool("leader-only");
    if (!leader_only) return std::unexpected(leader_only.error());
    if (*leader_only) return std::unexpected(std::string("filtered response: not leader"));

    boost::json::object o = header(ctx);
    o["disabled"] = true;
    o["config"] = boost::json::object{{"max_memory", 0}, {"max_storage", 0}};
    for (const char* k :
         {"memory", "storage", "reserved_memory", "reserved_storage", "accounts", "ha_assets"}) {
        o[k] = 0;
    }
    o["api"] = boost::json::object{{"total", 0}, {"errors", 0}};
    for (const char* k : {"streams", "consumers", "messages", "bytes"}) o[k] = 0;
    return o;
}

EndpointResult ipqueuesz(MonitorContext& /*ctx*/, const QueryParams& query) {
    if (const auto all = query.decodeBool("all"); !all) return std::unexpected(all.error());
    return boost::json::object();
}

}  // namespace nwb::monitor
