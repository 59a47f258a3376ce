// Saved connection profiles: SQL rows, and the secret-free JSON export format.
#include "ui/storage/profile_store.h"

#include "ui/storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace nwb::ui {

namespace {

constexpr auto kFormat = "nats-workbench/connections";
constexpr int kFormatVersion = 1;

const QString kColumns = QStringLiteral(
    "id, name, colour, urls, auth, user, password, token, nkey_seed, creds_file, tls_ca_file, "
    "tls_cert_file, tls_key_file, tls_required, tls_skip_verify, monitor_url");

QString colourText(const QColor& colour) {
    return colour.isValid() ? colour.name(QColor::HexRgb) : QString();
}

QColor colourFrom(const QString& text) {
    return text.isEmpty() ? QColor() : QColor::fromString(text);
}

QString urlsText(const QStringList& urls) {
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(urls)).toJson(QJsonDocument::Compact));
}

QStringList urlsFrom(const QString& text) {
    QStringList urls;
    for (const auto& v : QJsonDocument::fromJson(text.toUtf8()).array()) urls << v.toString();
    return urls;
}

ConnectionProfile fromRow(const QSqlQuery& q) {
    ConnectionProfile p;
    p.id = q.value(0).toLongLong();
    p.name = q.value(1).toString();
    p.colour = colourFrom(q.value(2).toString());
    p.urls = urlsFrom(q.value(3).toString());
    p.auth = ProfileStore::authKindFromName(q.value(4).toString()).value_or(AuthKind::None);
    p.user = q.value(5).toString();
    p.password = q.value(6).toString();
    p.token = q.value(7).toString();
    p.nkey_seed = q.value(8).toString();
    p.creds_file = q.value(9).toString();
    p.tls_ca_file = q.value(10).toString();
    p.tls_cert_file = q.value(11).toString();
    p.tls_key_file = q.value(12).toString();
    p.tls_required = q.value(13).toBool();
    p.tls_skip_verify = q.value(14).toBool();
    p.monitor_url = q.value(15).toString();
    return p;
}

/// A null QString binds as SQL NULL; the text columns are NOT NULL, so empty means "".
QString text(const QString& s) { return s.isNull() ? QString::fromUtf8("") : s; }

void bindFields(QSqlQuery& q, const ConnectionProfile& p) {
    q.bindValue(QStringLiteral(":name"), text(p.name));
    q.bindValue(QStringLiteral(":colour"), text(colourText(p.colour)));
    q.bindValue(QStringLiteral(":urls"), text(urlsText(p.urls)));
    q.bindValue(QStringLiteral(":auth"), text(ProfileStore::authKindName(p.auth)));
    q.bindValue(QStringLiteral(":user"), text(p.user));
    q.bindValue(QStringLiteral(":password"), text(p.password));
    q.bindValue(QStringLiteral(":token"), text(p.token));
    q.bindValue(QStringLiteral(":nkey_seed"), text(p.nkey_seed));
    q.bindValue(QStringLiteral(":creds_file"), text(p.creds_file));
    q.bindValue(QStringLiteral(":tls_ca_file"), text(p.tls_ca_file));
    q.bindValue(QStringLiteral(":tls_cert_file"), text(p.tls_cert_file));
    q.bindValue(QStringLiteral(":tls_key_file"), text(p.tls_key_file));
    q.bindValue(QStringLiteral(":tls_required"), p.tls_required ? 1 : 0);
    q.bindValue(QStringLiteral(":tls_skip_verify"), p.tls_skip_verify ? 1 : 0);
    q.bindValue(QStringLiteral(":monitor_url"), text(p.monitor_url));
}

QString sqlError(const QSqlQuery& q) { return q.lastError().text().trimmed(); }

std::expected<qint64, QString> saveOn(QSqlDatabase db, ConnectionProfile& profile) {
    QSqlQuery q(db);
    if (profile.id == 0) {
        q.prepare(QStringLiteral(
            "INSERT INTO profiles (name, colour, urls, auth, user, password, token, nkey_seed, "
            "creds_file, tls_ca_file, tls_cert_file, tls_key_file, tls_required, tls_skip_verify, "
            "monitor_url) VALUES (:name, :colour, :urls, :auth, :user, :password, :token, "
            ":nkey_seed, :creds_file, :tls_ca_file, :tls_cert_file, :tls_key_file, :tls_required, "
            ":tls_skip_verify, :monitor_url)"));
        bindFields(q, profile);
        if (!q.exec()) return std::unexpected(sqlError(q));
        profile.id = q.lastInsertId().toLongLong();
        return profile.id;
    }
    q.prepare(QStringLiteral(
        "UPDATE profiles SET name = :name, colour = :colour, urls = :urls, auth = :auth, "
        "user = :user, password = :password, token = :token, nkey_seed = :nkey_seed, "
        "creds_file = :creds_file, tls_ca_file = :tls_ca_file, tls_cert_file = :tls_cert_file, "
        "tls_key_file = :tls_key_file, tls_required = :tls_required, "
        "tls_skip_verify = :tls_skip_verify, monitor_url = :monitor_url WHERE id = :id"));
    bindFields(q, profile);
    q.bindValue(QStringLiteral(":id"), profile.id);
    if (!q.exec()) return std::unexpected(sqlError(q));
    if (q.numRowsAffected() != 1) {
        return std::unexpected(ProfileStore::tr("no saved connection has id %1").arg(profile.id));
    }
    return profile.id;
}

}  // namespace

ProfileStore::ProfileStore(Database& db) : db_(db) {}

QString ProfileStore::authKindName(AuthKind kind) {
    switch (kind) {
    case AuthKind::None: return QStringLiteral("none");
    case AuthKind::UserPassword: return QStringLiteral("user_password");
    case AuthKind::Token: return QStringLiteral("token");
    case AuthKind::NkeySeed: return QStringLiteral("nkey_seed");
    case AuthKind::CredsFile: return QStringLiteral("creds_file");
    }
    return QStringLiteral("none");
}

std::optional<AuthKind> ProfileStore::authKindFromName(const QString& name) {
    for (auto kind : {AuthKind::None, AuthKind::UserPassword, AuthKind::Token, AuthKind::NkeySeed,
                      AuthKind::CredsFile}) {
        if (authKindName(kind) == name) return kind;
    }
    return std::nullopt;
}

std::expected<QList<ConnectionProfile>, QString> ProfileStore::list() const {
    QSqlQuery q(db_.connection());
    if (!q.exec(QStringLiteral("SELECT %1 FROM profiles ORDER BY name COLLATE NOCASE, id").arg(kColumns))) {
        return std::unexpected(sqlError(q));
    }
    QList<ConnectionProfile> profiles;
    while (q.next()) profiles << fromRow(q);
    return profiles;
}

std::expected<ConnectionProfile, QString> ProfileStore::find(qint64 id) const {
    QSqlQuery q(db_.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM profiles WHERE id = ?").arg(kColumns));
    q.addBindValue(id);
    if (!q.exec()) return std::unexpected(sqlError(q));
    if (!q.next()) return std::unexpected(ProfileStore::tr("no saved connection has id %1").arg(id));
    return fromRow(q);
}

std::expected<qint64, QString> ProfileStore::save(ConnectionProfile& profile) {
    return saveOn(db_.connection(), profile);
}

std::expected<void, QString> ProfileStore::remove(qint64 id) {
    QSqlQuery q(db_.connection());
    q.prepare(QStringLiteral("DELETE FROM profiles WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) return std::unexpected(sqlError(q));
    return {};
}

std::expected<QByteArray, QString> ProfileStore::exportJson(const QList<qint64>& ids) const {
    QList<ConnectionProfile> chosen;
    if (ids.isEmpty()) {
        auto all = list();
        if (!all) return std::unexpected(all.error());
        chosen = *all;
    } else {
        for (qint64 id : ids) {
            auto p = find(id);
            if (!p) return std::unexpected(p.error());
            chosen << *p;
        }
    }
    return toJson(chosen);
}

std::expected<QList<ConnectionProfile>, QString> ProfileStore::importJson(const QByteArray& json) {
    auto parsed = fromJson(json);
    if (!parsed) return parsed;
    QSqlDatabase db = db_.connection();
    if (!db.transaction()) return std::unexpected(db.lastError().text().trimmed());
    for (auto& p : *parsed) {
        if (auto saved = saveOn(db, p); !saved) {
            db.rollback();
            return std::unexpected(saved.error());
        }
    }
    if (!db.commit()) {
        auto err = db.lastError().text().trimmed();
        db.rollback();
        return std::unexpected(err);
    }
    return parsed;
}

QByteArray ProfileStore::toJson(const QList<ConnectionProfile>& profiles) {
    QJsonArray connections;
    for (const auto& p : profiles) {
        // Secrets (password, token, nkey_seed) are never written: the user types them again.
        QJsonObject o;
        o[QStringLiteral("name")] = p.name;
        o[QStringLiteral("colour")] = colourText(p.colour);
        o[QStringLiteral("urls")] = QJsonArray::fromStringList(p.urls);
        o[QStringLiteral("auth")] = authKindName(p.auth);
        o[QStringLiteral("user")] = p.user;
        o[QStringLiteral("creds_file")] = p.creds_file;
        o[QStringLiteral("tls_required")] = p.tls_required;
        o[QStringLiteral("tls_ca_file")] = p.tls_ca_file;
        o[QStringLiteral("tls_cert_file")] = p.tls_cert_file;
        o[QStringLiteral("tls_key_file")] = p.tls_key_file;
        o[QStringLiteral("tls_skip_verify")] = p.tls_skip_verify;
        o[QStringLiteral("monitor_url")] = p.monitor_url;
        connections.append(o);
    }
    QJsonObject doc;
    doc[QStringLiteral("format")] = QLatin1String(kFormat);
    doc[QStringLiteral("version")] = kFormatVersion;
    doc[QStringLiteral("connections")] = connections;
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

std::expected<QList<ConnectionProfile>, QString> ProfileStore::fromJson(const QByteArray& json) {
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        return std::unexpected(
            ProfileStore::tr("not JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset));
    }
    const auto root = doc.object();
    if (!doc.isObject() || root.value(QStringLiteral("format")).toString() != QLatin1String(kFormat)) {
        return std::unexpected(ProfileStore::tr("not a NATS Workbench connections export"));
    }
    if (root.value(QStringLiteral("version")).toInt() != kFormatVersion) {
        return std::unexpected(ProfileStore::tr("unsupported export version %1")
                                   .arg(root.value(QStringLiteral("version")).toInt()));
    }
    QList<ConnectionProfile> profiles;
    const auto connections = root.value(QStringLiteral("connections")).toArray();
    for (qsizetype i = 0; i < connections.size(); ++i) {
        const auto o = connections.at(i).toObject();
        ConnectionProfile p;
        p.name = o.value(QStringLiteral("name")).toString().trimmed();
        if (p.name.isEmpty()) {
            return std::unexpected(ProfileStore::tr("connection %1 has no name").arg(i + 1));
        }
        const auto colour = o.value(QStringLiteral("colour")).toString();
        p.colour = colourFrom(colour);
        if (!colour.isEmpty() && !p.colour.isValid()) {
            return std::unexpected(ProfileStore::tr("%1: colour \"%2\" is not #rrggbb").arg(p.name, colour));
        }
        for (const auto& u : o.value(QStringLiteral("urls")).toArray()) p.urls << u.toString();
        const auto auth_name = o.value(QStringLiteral("auth")).toString(QStringLiteral("none"));
        const auto auth = authKindFromName(auth_name);
        if (!auth) {
            return std::unexpected(ProfileStore::tr("%1: unknown auth \"%2\"").arg(p.name, auth_name));
        }
        p.auth = *auth;
        p.user = o.value(QStringLiteral("user")).toString();
        p.creds_file = o.value(QStringLiteral("creds_file")).toString();
        p.tls_required = o.value(QStringLiteral("tls_required")).toBool();
        p.tls_ca_file = o.value(QStringLiteral("tls_ca_file")).toString();
        p.tls_cert_file = o.value(QStringLiteral("tls_cert_file")).toString();
        p.tls_key_file = o.value(QStringLiteral("tls_key_file")).toString();
        p.tls_skip_verify = o.value(QStringLiteral("tls_skip_verify")).toBool();
        p.monitor_url = o.value(QStringLiteral("monitor_url")).toString();
        profiles << p;
    }
    return profiles;
}

}  // namespace nwb::ui
