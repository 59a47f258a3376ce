// /accountz, /accstatz and /connz?acc= for every account (the $SYS helpers know them all).
#include "engine/core/server.h"
#include "engine/monitor/endpoints.h"
#include "engine/monitor/go_time.h"
#include "engine/monitor/sys_messages.h"

#include <boost/json/array.hpp>

namespace nwb::monitor {

EndpointResult accountz(MonitorContext& ctx, const QueryParams& query) {
    ctx.count("/accountz");
    return sysAccountz(ctx, query);  // every account, with the system account named
}

EndpointResult accstatz(MonitorContext& ctx, const QueryParams& query) {
    ctx.count("/accstatz");
    const auto unused = query.decodeBool("unused");
    if (!unused) return std::unexpected(unused.error());
    std::size_t listed = 0;
    return accountStatz(ctx.server, {}, *unused, listed);
}

EndpointResult connzAnyAccount(MonitorContext& ctx, const QueryParams& query) {
    const std::string acc = query.get("acc");
    if (!acc.empty() && acc != kGlobalAccount && ctx.server.findAccount(acc) != nullptr) {
        return accountConnz(ctx, query, acc);  // counts /connz once, through connz()
    }
    return connz(ctx, query);
}

}  // namespace nwb::monitor
