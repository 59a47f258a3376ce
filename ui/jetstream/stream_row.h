// One stream as $JS.API.STREAM.LIST describes it: the figures the streams table shows.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace nwb::ui {

struct StreamRow {
    QString name;
    QStringList subjects;
    QString storage;    ///< "file" or "memory", as the server wrote it
    QString retention;  ///< "limits", "interest" or "workqueue"
    qint64 messages = 0;
    qint64 bytes = 0;
    qint64 first_seq = 0;
    qint64 last_seq = 0;
    qint64 consumer_count = 0;
    QString mirror;       ///< the mirrored stream's name; empty when not a mirror
    QStringList sources;  ///< the sourced streams' names
    QJsonObject info;     ///< the whole list entry: config, created, state, mirror, sources...

    const QString& key() const { return name; }
    bool operator==(const StreamRow&) const = default;
};

/// Reads one entry of a STREAM.LIST reply's "streams". Any thread; pure.
StreamRow streamRowFromJson(const QJsonObject& info);

}  // namespace nwb::ui
