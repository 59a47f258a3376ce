// Endpoints of features nwb-server does not have yet (routes, gateways, leaf nodes, internal
// queues): what nats-server serves when the feature is off.
#include "engine/monitor/endpoints.h"

#include <boost/json/array.hpp>

namespace nwb::monitor {

EndpointResult routez(MonitorContext& ctx, const QueryParams& query) {
    if (const auto subs = query.decodeSubs(); !subs) return std::unexpected(subs.error());
    ctx.count("/routez");
    boost::json::object o = serverIdAndNow(ctx);
    o["num_routes"] = 0;
    o["routes"] = boost::json::array();
    return o;
}

EndpointResult gatewayz(MonitorContext& ctx, const QueryParams& query) {
    ctx.count("/gatewayz");
    if (const auto accs = query.decodeBool("accs"); !accs) return std::unexpected(accs.error());
    boost::json::object o = serverIdAndNow(ctx);
    o["outbound_gateways"] = boost::json::object();
    o["inbound_gateways"] = boost::json::object();
    return o;
}

EndpointResult leafz(MonitorContext& ctx, const QueryParams& query) {
    ctx.count("/leafz");
    if (const auto subs = query.decodeBool("subs"); !subs) return std::unexpected(subs.error());
    boost::json::object o = serverIdAndNow(ctx);
    o["leafnodes"] = 0;
    o["leafs"] = nullptr;  // a nil slice in nats-server
    return o;
}

EndpointResult ipqueuesz(MonitorContext& /*ctx*/, const QueryParams& query) {
    if (const auto all = query.decodeBool("all"); !all) return std::unexpected(all.error());
    return boost::json::object();
}

}  // namespace nwb::monitor
