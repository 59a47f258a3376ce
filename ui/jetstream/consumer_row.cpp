// Reads a consumer's config and delivery state out of a CONSUMER.LIST entry.
#include "ui/jetstream/consumer_row.h"

#include <QJsonArray>

namespace nwb::ui {

ConsumerRow consumerRowFromJson(const QJsonObject& info) {
    const QJsonObject config = info.value(u"config").toObject();
    ConsumerRow row;
    row.name = info.value(u"name").toString();
    row.durable = !config.value(u"durable_name").toString().isEmpty();
    const QString filter = config.value(u"filter_subject").toString();
    if (!filter.isEmpty()) row.filter_subjects.append(filter);
    for (const QJsonValue& subject : config.value(u"filter_subjects").toArray())
        row.filter_subjects.append(subject.toString());
    row.deliver_policy = config.value(u"deliver_policy").toString();
    row.ack_policy = config.value(u"ack_policy").toString();
    row.delivered_stream_seq = info.value(u"delivered").toObject().value(u"stream_seq").toInteger();
    row.ack_floor_stream_seq = info.value(u"ack_floor").toObject().value(u"stream_seq").toInteger();
    row.num_pending = info.value(u"num_pending").toInteger();
    row.num_ack_pending = info.value(u"num_ack_pending").toInteger();
    row.num_redelivered = info.value(u"num_redelivered").toInteger();
    row.num_waiting = info.value(u"num_waiting").toInteger();
    row.info = info;
    row.info.remove(QStringLiteral("ts"));  // when the reply was made, not the consumer
    return row;
}

}  // namespace nwb::ui
