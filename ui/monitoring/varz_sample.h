// One reading of a server's /varz (or $SYS.REQ.SERVER.PING.VARZ) with what the charts need.
#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace nwb::ui {

struct VarzSample {
    qint64 taken_ms = 0;  ///< wall clock when the reply arrived
    QString server_id;
    QString server_name;
    QString version;
    bool jetstream = false;
    qint64 connections = 0;
    qint64 subscriptions = 0;
    qint64 slow_consumers = 0;
    qint64 in_msgs = 0;  ///< cumulative counters as the server reports them
    qint64 out_msgs = 0;
    qint64 in_bytes = 0;
    qint64 out_bytes = 0;
    double cpu = 0;      ///< percent
    qint64 mem = 0;      ///< bytes
    qint64 uptime_s = 0;
};

/// Reads a /varz object (or the "data" of a $SYS VARZ reply) with nats-server's field names;
/// absent fields keep their defaults. `taken_ms` is stored as given. Any thread.
VarzSample varzSampleFromJson(const QJsonObject& varz, qint64 taken_ms);

}  // namespace nwb::ui

Q_DECLARE_METATYPE(nwb::ui::VarzSample)
