// Reads KV buckets out of streams, and key entries out of STREAM.INFO / STREAM.MSG.GET replies.
#include "ui/jetstream/kv_entry.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace nwb::ui {
std::optional<KvBucketRow> kvBucketFromStream(const StreamRow& stream) {
    if (!stream.name.startsWith(kKvStreamPrefix) || stream.name.size() == kKvStreamPrefix.size())
        return std::nullopt;
    const QJsonObject config = stream.info.value(u"config").toObject();
    KvBucketRow row;
    row.bucket = stream.name.mid(kKvStreamPrefix.size());
    row.values = stream.messages;
    row.bytes = stream.bytes;
    row.history = config.value(u"max_msgs_per_subject").toInteger();
    row.ttl_ns = config.value(u"max_age").toInteger();
    row.storage = stream.storage;
    row.mirror = !stream.mirror.isEmpty();
    row.last_seq = stream.last_seq;
    return row;
}

std::expected<KvSubjectsPage, JsError> parseKvSubjectsPage(const QByteArray& payload) {
    auto reply = parseJsReply(payload);
    if (!reply) return std::unexpected(reply.error());
    KvSubjectsPage page;
    page.total = reply->value(u"total").toInteger();
    page.offset = reply->value(u"offset").toInteger();
    const QJsonObject subjects = reply->value(u"state").toObject().value(u"subjects").toObject();
    for (auto it = subjects.begin(); it != subjects.end(); ++it)
        page.subjects.insert(it.key(), it.value().toInteger());
    return page;
}

QByteArray natsHeaderValue(const QByteArray& block, const QByteArray& name) {
    const QList<QByteArray> lines = block.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {  // line 0 is "NATS/1.0 ..."
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) continue;
        if (line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

std::expected<KvEntry, JsError> parseKvEntry(const QByteArray& payload,
                                             const QString& subject_prefix) {
    auto reply = parseJsReply(payload);
    if (!reply) return std::unexpected(reply.error());
    const QJsonValue message = reply->value(u"message");
    if (!message.isObject()) {
        return std::unexpected(jsError(
            JsFailure::BadReply,
            QCoreApplication::translate("nwb::ui::JsError", "no \"%1\" object").arg(u"message")));
    }
    const QJsonObject m = message.toObject();
    KvEntry entry;
    const QString subject = m.value(u"subject").toString();
    entry.name = subject.startsWith(subject_prefix) ? subject.mid(subject_prefix.size()) : subject;
    entry.revision = m.value(u"seq").toInteger();
    entry.time = QDateTime::fromString(m.value(u"time").toString(), Qt::ISODateWithMs);
    entry.value = QByteArray::fromBase64(m.value(u"data").toString().toLatin1());
    const QByteArray headers = QByteArray::fromBase64(m.value(u"hdrs").toString().toLatin1());
    const QByteArray operation = natsHeaderValue(headers, QByteArrayLiteral("KV-Operation"));
    if (operation == "DEL") entry.operation = KvOperation::Delete;
    if (operation == "PURGE") entry.operation = KvOperation::Purge;
    return entry;
}

}  // namespace nwb::ui
