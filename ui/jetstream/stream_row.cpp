// Reads a stream's config and state out of a STREAM.LIST entry.
#include "ui/jetstream/stream_row.h"

#include <QJsonArray>

namespace nwb::ui {

StreamRow streamRowFromJson(const QJsonObject& info) {
    const QJsonObject config = info.value(u"config").toObject();
    const QJsonObject state = info.value(u"state").toObject();
    StreamRow row;
    row.name = config.value(u"name").toString();
    for (const QJsonValue& subject : config.value(u"subjects").toArray())
        row.subjects.append(subject.toString());
    row.storage = config.value(u"storage").toString();
    row.retention = config.value(u"retention").toString();
    row.messages = state.value(u"messages").toInteger();
    row.bytes = state.value(u"bytes").toInteger();
    row.first_seq = state.value(u"first_seq").toInteger();
    row.last_seq = state.value(u"last_seq").toInteger();
    row.consumer_count = state.value(u"consumer_count").toInteger();
    row.mirror = config.value(u"mirror").toObject().value(u"name").toString();
    for (const QJsonValue& source : config.value(u"sources").toArray())
        row.sources.append(source.toObject().value(u"name").toString());
    row.info = info;
    row.info.remove(QStringLiteral("ts"));  // when the reply was made, not the stream
    return row;
}

}  // namespace nwb::ui
