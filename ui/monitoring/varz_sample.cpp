// One reading of a server's /varz with what the charts need.
#include "ui/monitoring/varz_sample.h"

#include "ui/monitoring/go_duration.h"

namespace nwb::ui {

VarzSample varzSampleFromJson(const QJsonObject& varz, qint64 taken_ms) {
    VarzSample s;
    s.taken_ms = taken_ms;
    s.server_id = varz.value(u"server_id").toString();
    s.server_name = varz.value(u"server_name").toString();
    s.version = varz.value(u"version").toString();
    // nats-server always writes "jetstream" as an object; it holds "config" only when enabled.
    s.jetstream = !varz.value(u"jetstream").toObject().value(u"config").toObject().isEmpty();
    s.connections = varz.value(u"connections").toInteger();
    s.subscriptions = varz.value(u"subscriptions").toInteger();
    s.slow_consumers = varz.value(u"slow_consumers").toInteger();
    s.in_msgs = varz.value(u"in_msgs").toInteger();
    s.out_msgs = varz.value(u"out_msgs").toInteger();
    s.in_bytes = varz.value(u"in_bytes").toInteger();
    s.out_bytes = varz.value(u"out_bytes").toInteger();
    s.cpu = varz.value(u"cpu").toDouble();
    s.mem = varz.value(u"mem").toInteger();
    if (const auto us = goDurationMicros(varz.value(u"uptime").toString())) {
        s.uptime_s = static_cast<qint64>(*us / 1e6);
    }
    return s;
}

}  // namespace nwb::ui
