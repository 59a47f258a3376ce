// One consumer as $JS.API.CONSUMER.LIST.<stream> describes it: the consumers table's figures.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace nwb::ui {

struct ConsumerRow {
    QString name;
    bool durable = false;             ///< has a durable_name
    QStringList filter_subjects;      ///< filter_subject, or filter_subjects (nats-server 2.10)
    QString deliver_policy;           ///< "all", "last", "new", "by_start_sequence", ...
    QString ack_policy;               ///< "none", "all", "explicit"
    qint64 delivered_stream_seq = 0;  ///< delivered.stream_seq
    qint64 ack_floor_stream_seq = 0;  ///< ack_floor.stream_seq
    qint64 num_pending = 0;           ///< messages left to deliver
    qint64 num_ack_pending = 0;
    qint64 num_redelivered = 0;
    qint64 num_waiting = 0;  ///< pull requests waiting
    QJsonObject info;        ///< the whole list entry

    const QString& key() const { return name; }
    bool operator==(const ConsumerRow&) const = default;
};

/// Reads one entry of a CONSUMER.LIST reply's "consumers". Any thread; pure.
ConsumerRow consumerRowFromJson(const QJsonObject& info);

}  // namespace nwb::ui
