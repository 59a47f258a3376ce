// Publish history rows: headers as a JSON array of [name, value] pairs, payload as a BLOB.
#include "ui/storage/publish_history.h"

#include "ui/storage/database.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace nwb::ui {

namespace {

QString headersText(const HeaderList& headers) {
    QJsonArray a;
    for (const auto& [name, value] : headers) a.append(QJsonArray{name, value});
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

HeaderList headersFrom(const QString& text) {
    HeaderList headers;
    for (const auto& v : QJsonDocument::fromJson(text.toUtf8()).array()) {
        const auto pair = v.toArray();
        headers.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    return headers;
}

/// A null QString binds as SQL NULL; the text columns are NOT NULL, so empty means "".
QString text(const QString& s) { return s.isNull() ? QString::fromUtf8("") : s; }

QString sqlError(const QSqlQuery& q) { return q.lastError().text().trimmed(); }

}  // namespace

PublishHistory::PublishHistory(Database& db) : db_(db) {}

std::expected<qint64, QString> PublishHistory::add(SentMessage& message) {
    if (message.sent_ms == 0) message.sent_ms = QDateTime::currentMSecsSinceEpoch();
    QSqlDatabase db = db_.connection();
    if (!db.transaction()) return std::unexpected(db.lastError().text().trimmed());
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO publish_history (sent_ms, profile_id, subject, reply, headers, payload, request) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(message.sent_ms);
    q.addBindValue(message.profile_id == 0 ? QVariant(QMetaType::fromType<qint64>())
                                           : QVariant(message.profile_id));
    q.addBindValue(text(message.subject));
    q.addBindValue(text(message.reply));
    q.addBindValue(headersText(message.headers));
    q.addBindValue(message.payload.isNull() ? QByteArray("", 0) : message.payload);
    q.addBindValue(message.request ? 1 : 0);
    if (!q.exec()) {
        auto err = sqlError(q);
        db.rollback();
        return std::unexpected(err);
    }
    const qint64 id = q.lastInsertId().toLongLong();
    QSqlQuery prune(db);
    prune.prepare(QStringLiteral(
        "DELETE FROM publish_history WHERE id NOT IN (SELECT id FROM publish_history "
        "ORDER BY sent_ms DESC, id DESC LIMIT ?)"));
    prune.addBindValue(kMaxRows);
    if (!prune.exec() || !db.commit()) {
        auto err = prune.lastError().isValid() ? sqlError(prune) : db.lastError().text().trimmed();
        db.rollback();
        return std::unexpected(err);
    }
    message.id = id;
    return id;
}

std::expected<QList<SentMessage>, QString> PublishHistory::recent(int limit) const {
    QSqlQuery q(db_.connection());
    q.prepare(QStringLiteral(
        "SELECT id, sent_ms, profile_id, subject, reply, headers, payload, request "
        "FROM publish_history ORDER BY sent_ms DESC, id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec()) return std::unexpected(sqlError(q));
    QList<SentMessage> messages;
    while (q.next()) {
        SentMessage m;
        m.id = q.value(0).toLongLong();
        m.sent_ms = q.value(1).toLongLong();
        m.profile_id = q.value(2).isNull() ? 0 : q.value(2).toLongLong();
        m.subject = q.value(3).toString();
        m.reply = q.value(4).toString();
        m.headers = headersFrom(q.value(5).toString());
        m.payload = q.value(6).toByteArray();
        m.request = q.value(7).toBool();
        messages << m;
    }
    return messages;
}

std::expected<int, QString> PublishHistory::count() const {
    QSqlQuery q(db_.connection());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM publish_history")) || !q.next()) {
        return std::unexpected(sqlError(q));
    }
    return q.value(0).toInt();
}

std::expected<void, QString> PublishHistory::remove(qint64 id) {
    QSqlQuery q(db_.connection());
    q.prepare(QStringLiteral("DELETE FROM publish_history WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) return std::unexpected(sqlError(q));
    return {};
}

std::expected<void, QString> PublishHistory::clear() {
    QSqlQuery q(db_.connection());
    if (!q.exec(QStringLiteral("DELETE FROM publish_history"))) return std::unexpected(sqlError(q));
    return {};
}

}  // namespace nwb::ui
