// Key-Value buckets as JetStream stores them: a bucket is stream KV_<b>, a key's entries are
// the messages on $KV.<b>.<key>; parsing of the STREAM.INFO and STREAM.MSG.GET replies.
#pragma once

#include "ui/jetstream/js_error.h"
#include "ui/jetstream/stream_row.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <expected>
#include <optional>

namespace nwb::ui {

inline const QString kKvStreamPrefix = QStringLiteral("KV_");

/// "$KV.<bucket>." : the subject prefix of a bucket's keys.
inline QString kvSubjectPrefix(const QString& bucket) {
    return QStringLiteral("$KV.") + bucket + QLatin1Char('.');
}

/// One bucket, from its stream's STREAM.LIST entry.
struct KvBucketRow {
    QString bucket;  ///< the stream name without "KV_"
    qint64 values = 0;
    qint64 bytes = 0;
    qint64 history = 0;  ///< max_msgs_per_subject
    qint64 ttl_ns = 0;   ///< max_age; 0 for none
    QString storage;
    bool mirror = false;
    qint64 last_seq = 0;

    const QString& key() const { return bucket; }
    bool operator==(const KvBucketRow&) const = default;
};

/// The bucket of a KV_ stream; nullopt for any other stream. Any thread; pure.
std::optional<KvBucketRow> kvBucketFromStream(const StreamRow& stream);

enum class KvOperation { Put, Delete, Purge };

/// The last (or any) entry of a key.
struct KvEntry {
    QString name;  ///< the key, without the "$KV.<bucket>." prefix
    qint64 revision = 0;
    QDateTime time;
    KvOperation operation = KvOperation::Put;
    QByteArray value;

    const QString& key() const { return name; }
    bool operator==(const KvEntry&) const = default;
};

/// A page of STREAM.INFO with subjects_filter: subject → message count, and the paging figures.
struct KvSubjectsPage {
    QMap<QString, qint64> subjects;
    qint64 total = 0;
    qint64 offset = 0;
};

/// Reads a STREAM.INFO reply's state.subjects (absent when nothing matched: an empty page).
/// Any thread; pure.
std::expected<KvSubjectsPage, JsError> parseKvSubjectsPage(const QByteArray& payload);

/// Reads a STREAM.MSG.GET reply as an entry of the bucket whose prefix is `subject_prefix`;
/// the operation comes from the KV-Operation header. Any thread; pure.
std::expected<KvEntry, JsError> parseKvEntry(const QByteArray& payload,
                                             const QString& subject_prefix);

/// The value of header `name` (case-insensitive) in a NATS/1.0 header block, or empty.
QByteArray natsHeaderValue(const QByteArray& block, const QByteArray& name);

}  // namespace nwb::ui
