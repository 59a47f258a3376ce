// Messages the user published or sent as requests, newest first, kept to the last 500.
#pragma once

#include "ui/client/received_message.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <expected>

namespace nwb::ui {

class Database;

struct SentMessage {
    qint64 id = 0;          ///< row id; 0 until added
    qint64 sent_ms = 0;     ///< wall clock, ms since the epoch
    qint64 profile_id = 0;  ///< the saved connection it went to; 0: none (e.g. a local cluster)
    QString subject;
    QString reply;
    HeaderList headers;
    QByteArray payload;
    bool request = false;   ///< sent as a request (a reply was awaited)
};

class PublishHistory {
public:
    static constexpr int kMaxRows = 500;

    /// `db` must be open and outlive the history. The database's thread; does not block.
    explicit PublishHistory(Database& db);

    /// Appends `message` (sets its id; sent_ms 0 becomes now), then drops the oldest rows
    /// beyond kMaxRows. The database's thread; blocks on disk.
    std::expected<qint64, QString> add(SentMessage& message);
    /// Up to `limit` messages, newest first (by sent_ms, then id). The database's thread; blocks on disk.
    std::expected<QList<SentMessage>, QString> recent(int limit = kMaxRows) const;
    /// The database's thread; blocks on disk.
    std::expected<int, QString> count() const;
    /// Removing an unknown id is not an error. The database's thread; blocks on disk.
    std::expected<void, QString> remove(qint64 id);
    /// The database's thread; blocks on disk.
    std::expected<void, QString> clear();

private:
    Database& db_;
};

}  // namespace nwb::ui

Q_DECLARE_METATYPE(nwb::ui::SentMessage)
