// Database: opening a new file runs every migration once; reopening it runs none and keeps the data.
#include "ui/storage/database.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using nwb::ui::Database;

class TstDatabase : public QObject {
    Q_OBJECT
private slots:
    void newFileRunsEveryMigration();
    void reopeningRunsNoMigration();
    void inMemoryWorks();
    void walAndForeignKeysAreOn();
    void fileIsPrivate();
    void newerSchemaIsRefused();
    void unopenableFileIsAnError();
    void twoDatabasesAtOnce();
};

void TstDatabase::newFileRunsEveryMigration() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Database db;
    const QString path = dir.filePath(QStringLiteral("sub/workbench.sqlite"));
    auto opened = db.open(path);
    QVERIFY2(opened.has_value(), qPrintable(opened ? QString() : opened.error()));
    QVERIFY(db.isOpen());
    QCOMPARE(db.path(), path);
    QCOMPARE(db.migrationsRunAtOpen(), Database::kSchemaVersion);
    QCOMPARE(db.schemaVersion(), Database::kSchemaVersion);
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), Database::kSchemaVersion);
    for (const char* table : {"profiles", "publish_history"}) {
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'")
                           .arg(QLatin1String(table))));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }
}

void TstDatabase::reopeningRunsNoMigration() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("workbench.sqlite"));
    {
        Database db;
        QVERIFY(db.open(path).has_value());
        QCOMPARE(db.migrationsRunAtOpen(), Database::kSchemaVersion);
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO profiles (name, urls) VALUES ('kept', '[]')")));
    }
    Database db;
    QVERIFY(db.open(path).has_value());
    QCOMPARE(db.migrationsRunAtOpen(), 0);
    QCOMPARE(db.schemaVersion(), Database::kSchemaVersion);
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), Database::kSchemaVersion);
    QVERIFY(q.exec(QStringLiteral("SELECT name FROM profiles")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("kept"));
    QVERIFY(!q.next());
}

void TstDatabase::inMemoryWorks() {
    Database db;
    QVERIFY(db.open(QStringLiteral(":memory:")).has_value());
    QCOMPARE(db.migrationsRunAtOpen(), Database::kSchemaVersion);
    QCOMPARE(db.schemaVersion(), Database::kSchemaVersion);
    db.close();
    QVERIFY(!db.isOpen());
    QCOMPARE(db.schemaVersion(), 0);
}

void TstDatabase::walAndForeignKeysAreOn() {
    QTemporaryDir dir;
    Database db;
    QVERIFY(db.open(dir.filePath(QStringLiteral("w.sqlite"))).has_value());
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    // A history row may not point at a profile that does not exist.
    QVERIFY(!q.exec(QStringLiteral(
        "INSERT INTO publish_history (sent_ms, profile_id, subject) VALUES (1, 999, 'x')")));
}

void TstDatabase::fileIsPrivate() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.sqlite"));
    Database db;
    QVERIFY(db.open(path).has_value());
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
}

void TstDatabase::newerSchemaIsRefused() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("n.sqlite"));
    {
        Database db;
        QVERIFY(db.open(path).has_value());
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (99, 0)")));
    }
    Database db;
    auto opened = db.open(path);
    QVERIFY(!opened.has_value());
    QVERIFY2(opened.error().contains(QStringLiteral("99")), qPrintable(opened.error()));
    QVERIFY(opened.error().startsWith(path));
    QVERIFY(!db.isOpen());
}

void TstDatabase::unopenableFileIsAnError() {
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    Database db;
    // A path below a regular file: the folder cannot be made.
    auto opened = db.open(dir.filePath(QStringLiteral("file/db.sqlite")));
    QVERIFY(!opened.has_value());
    QVERIFY(!opened.error().isEmpty());
    QVERIFY(!db.isOpen());
}

void TstDatabase::twoDatabasesAtOnce() {
    Database a;
    Database b;
    QVERIFY(a.open(QStringLiteral(":memory:")).has_value());
    QVERIFY(b.open(QStringLiteral(":memory:")).has_value());
    QSqlQuery q(a.connection());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO profiles (name) VALUES ('only in a')")));
    QSqlQuery r(b.connection());
    QVERIFY(r.exec(QStringLiteral("SELECT COUNT(*) FROM profiles")));
    QVERIFY(r.next());
    QCOMPARE(r.value(0).toInt(), 0);
}

QTEST_GUILESS_MAIN(TstDatabase)
#include "tst_database.moc"
