// The opening pair of several of nats-server's monitoring documents (/jsz, /routez, $SYS accountz).
#include "engine/core/server.h"
#include "engine/monitor/endpoints.h"
#include "engine/monitor/go_time.h"

namespace nwb::monitor {

boost::json::object serverIdAndNow(MonitorContext& ctx) {
    boost::json::object o;
    o["server_id"] = ctx.server.serverId();
    o["now"] = rfc3339Nano(WallClock::now(), TimeZone::Utc);
    return o;
}

}  // namespace nwb::monitor
