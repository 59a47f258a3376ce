// The workbench's SQLite file: one named Qt Sql connection, WAL, foreign keys and numbered
// schema migrations recorded in `schema_version`.
#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

#include <expected>

namespace nwb::ui {

class Database {
    Q_DECLARE_TR_FUNCTIONS(nwb::ui::Database)
public:
    /// The schema version this build creates and expects.
    static constexpr int kSchemaVersion = 1;

    /// <AppDataLocation>/workbench.sqlite. Any thread; does not block.
    static QString defaultPath();

    /// Does not open anything. GUI thread (or the one thread that will use this database).
    Database();
    /// Closes the file and removes the named connection. The owning thread; blocks on disk.
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Opens (creating if needed) `path`, ":memory:" for a private in-memory database, then
    /// enables WAL and foreign keys and runs the migrations the file has not had yet. The
    /// file is made readable by its owner only (it holds saved secrets). Fails with a text
    /// naming the file and the reason. The owning thread; blocks on disk.
    std::expected<void, QString> open(const QString& path = defaultPath());
    /// The owning thread; blocks on disk.
    void close();
    bool isOpen() const;
    QString path() const { return path_; }

    /// The open connection, for the stores. The owning thread.
    QSqlDatabase connection() const;
    /// Highest migration recorded in schema_version; 0 when none or not open. The owning thread.
    int schemaVersion() const;
    /// How many migrations the last open() ran (0 when the file was already current).
    int migrationsRunAtOpen() const { return migrations_run_; }

private:
    std::expected<void, QString> migrate();

    QString connection_name_;
    QString path_;
    int migrations_run_ = 0;
};

}  // namespace nwb::ui
