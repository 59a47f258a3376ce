// /accountz and /accstatz for the one account that exists so far, the global account "$G".
#include "engine/core/server.h"
#include "engine/monitor/endpoints.h"
#include "engine/monitor/go_time.h"

#include <boost/json/array.hpp>

namespace nwb::monitor {

EndpointResult accountz(MonitorContext& ctx, const QueryParams& query) {
    ctx.count("/accountz");
    const std::string acc = query.get("acc");
    boost::json::object o;
    o["server_id"] = ctx.server.serverId();
    o["now"] = rfc3339Nano(WallClock::now(), TimeZone::Utc);
    if (acc.empty()) {
        o["accounts"] = boost::json::array{kGlobalAccount};
        return o;
    }
    if (acc != kGlobalAccount) return std::unexpected("Account " + acc + " does not exist");
    boost::json::object d;
    d["account_name"] = kGlobalAccount;
    d["update_time"] = rfc3339Nano(ctx.server.startTime(), TimeZone::Utc);
    d["expired"] = false;
    d["complete"] = true;
    d["jetstream_enabled"] = false;
    d["leafnode_connections"] = 0;
    d["client_connections"] = ctx.server.connectionCount();
    d["subscriptions"] = ctx.server.trie().count();
    d["sublist_stats"] = sublistStats(ctx.server);
    o["account_detail"] = std::move(d);
    return o;
}

EndpointResult accstatz(MonitorContext& ctx, const QueryParams& query) {
    ctx.count("/accstatz");
    const auto unused = query.decodeBool("unused");
    if (!unused) return std::unexpected(unused.error());
    boost::json::object o;
    o["server_id"] = ctx.server.serverId();
    o["now"] = rfc3339Nano(WallClock::now(), TimeZone::Utc);
    boost::json::array list;
    const std::size_t conns = ctx.server.connectionCount();
    if (*unused || conns != 0) {
        const core::ServerCounters& c = ctx.server.counters();
        boost::json::object s;
        s["acc"] = kGlobalAccount;
        s["conns"] = conns;
        s["leafnodes"] = 0;
        s["total_conns"] = conns;
        s["sent"] = boost::json::object{{"msgs", c.out_msgs.load(std::memory_order_relaxed)},
                                        {"bytes", c.out_bytes.load(std::memory_order_relaxed)}};
        s["received"] = boost::json::object{{"msgs", c.in_msgs.load(std::memory_order_relaxed)},
                                            {"bytes", c.in_bytes.load(std::memory_order_relaxed)}};
        s["slow_consumers"] = c.slow_consumers.load(std::memory_order_relaxed);
        list.push_back(std::move(s));
    }
    o["account_statz"] = std::move(list);
    return o;
}

}  // namespace nwb::monitor
