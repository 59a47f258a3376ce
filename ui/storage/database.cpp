// The workbench's SQLite file: connection set-up and the schema migrations.
#include "ui/storage/database.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <span>

namespace nwb::ui {

namespace {

/// Migration N (from 1) is kMigrations[N - 1]; each runs in one transaction. Append only.
constexpr const char* kMigration1[] = {
    R"(CREATE TABLE profiles (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        colour TEXT NOT NULL DEFAULT '',
        urls TEXT NOT NULL DEFAULT '[]',
        auth TEXT NOT NULL DEFAULT 'none',
        user TEXT NOT NULL DEFAULT '',
        password TEXT NOT NULL DEFAULT '',
        token TEXT NOT NULL DEFAULT '',
        nkey_seed TEXT NOT NULL DEFAULT '',
        creds_file TEXT NOT NULL DEFAULT '',
        tls_ca_file TEXT NOT NULL DEFAULT '',
        tls_cert_file TEXT NOT NULL DEFAULT '',
        tls_key_file TEXT NOT NULL DEFAULT '',
        tls_required INTEGER NOT NULL DEFAULT 0,
        tls_skip_verify INTEGER NOT NULL DEFAULT 0,
        monitor_url TEXT NOT NULL DEFAULT ''))",
    R"(CREATE TABLE publish_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sent_ms INTEGER NOT NULL,
        profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL,
        subject TEXT NOT NULL,
        reply TEXT NOT NULL DEFAULT '',
        headers TEXT NOT NULL DEFAULT '[]',
        payload BLOB NOT NULL DEFAULT x'',
        request INTEGER NOT NULL DEFAULT 0))",
    "CREATE INDEX publish_history_by_time ON publish_history(sent_ms, id)",
};

const std::span<const char* const> kMigrations[] = {kMigration1};
static_assert(std::size(kMigrations) == Database::kSchemaVersion);

QAtomicInteger<quint64> next_connection_id{1};

QString describe(const QSqlError& error) {
    const QString text = error.text().trimmed();
    return text.isEmpty() ? Database::tr("unknown SQLite error") : text;
}

}  // namespace

QString Database::defaultPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/workbench.sqlite");
}

Database::Database()
    : connection_name_(QStringLiteral("nwb-storage-%1").arg(next_connection_id.fetchAndAddRelaxed(1))) {}

Database::~Database() { close(); }

bool Database::isOpen() const {
    return QSqlDatabase::contains(connection_name_) && connection().isOpen();
}

QSqlDatabase Database::connection() const { return QSqlDatabase::database(connection_name_, false); }

void Database::close() {
    if (!QSqlDatabase::contains(connection_name_)) return;
    {
        QSqlDatabase db = connection();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection_name_);
}

std::expected<void, QString> Database::open(const QString& path) {
    close();
    path_ = path;
    migrations_run_ = 0;
    const bool in_memory = path == QStringLiteral(":memory:");
    if (!in_memory) {
        const QFileInfo info(path);
        if (!QDir().mkpath(info.absolutePath())) {
            return std::unexpected(
                Database::tr("%1: cannot create the folder %2").arg(path, info.absolutePath()));
        }
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_name_);
        if (!db.isValid()) {
            auto err = describe(db.lastError());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(connection_name_);
            return std::unexpected(Database::tr("%1: no SQLite driver: %2").arg(path, err));
        }
        db.setDatabaseName(path);
        if (!db.open()) {
            auto err = describe(db.lastError());
            db = QSqlDatabase();
            close();
            return std::unexpected(QStringLiteral("%1: %2").arg(path, err));
        }
        if (!in_memory) {
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
        QSqlQuery q(db);
        // journal_mode answers with the mode in force ("memory" for an in-memory database).
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) ||
            !q.exec(QStringLiteral("PRAGMA foreign_keys=ON"))) {
            auto err = describe(q.lastError());
            q = QSqlQuery();
            db = QSqlDatabase();
            close();
            return std::unexpected(QStringLiteral("%1: %2").arg(path, err));
        }
    }
    if (auto migrated = migrate(); !migrated) {
        close();
        return std::unexpected(QStringLiteral("%1: %2").arg(path, migrated.error()));
    }
    return {};
}

int Database::schemaVersion() const {
    if (!isOpen()) return 0;
    QSqlQuery q(connection());
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next()) return 0;
    return q.value(0).toInt();
}

std::expected<void, QString> Database::migrate() {
    QSqlDatabase db = connection();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                               "version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)"))) {
        return std::unexpected(describe(q.lastError()));
    }
    const int current = schemaVersion();
    if (current > kSchemaVersion) {
        return std::unexpected(
            Database::tr("schema version %1 is newer than this workbench knows (%2)")
                .arg(current)
                .arg(kSchemaVersion));
    }
    for (int version = current + 1; version <= kSchemaVersion; ++version) {
        if (!db.transaction()) return std::unexpected(describe(db.lastError()));
        QSqlQuery step(db);
        for (const char* sql : kMigrations[version - 1]) {
            if (!step.exec(QString::fromUtf8(sql))) {
                auto err = QStringLiteral("migration %1: %2").arg(version).arg(describe(step.lastError()));
                db.rollback();
                return std::unexpected(err);
            }
        }
        step.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_ms) VALUES (?, ?)"));
        step.addBindValue(version);
        step.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!step.exec() || !db.commit()) {
            auto err = QStringLiteral("migration %1: %2").arg(version).arg(describe(step.lastError()));
            db.rollback();
            return std::unexpected(err);
        }
        ++migrations_run_;
    }
    return {};
}

}  // namespace nwb::ui
