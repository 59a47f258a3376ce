// Saved connection profiles in the workbench database, and their JSON export and import
// (an export never carries a password, token or nkey seed).
#pragma once

#include "ui/client/connection_profile.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <expected>
#include <optional>

namespace nwb::ui {

class Database;

class ProfileStore {
    Q_DECLARE_TR_FUNCTIONS(nwb::ui::ProfileStore)
public:
    /// `db` must be open and outlive the store. The database's thread; does not block.
    explicit ProfileStore(Database& db);

    /// Every profile, sorted by name (case-insensitive), then id. The database's thread; blocks on disk.
    std::expected<QList<ConnectionProfile>, QString> list() const;
    /// The profile with `id`, or an error when there is none. The database's thread; blocks on disk.
    std::expected<ConnectionProfile, QString> find(qint64 id) const;
    /// Inserts when profile.id is 0 (and sets it), else updates that row (an error when it is
    /// gone). Returns the id. The database's thread; blocks on disk.
    std::expected<qint64, QString> save(ConnectionProfile& profile);
    /// Removes the profile (its publish history rows keep their messages, without the link).
    /// Removing an unknown id is not an error. The database's thread; blocks on disk.
    std::expected<void, QString> remove(qint64 id);

    /// The profiles with `ids` (all when empty) as JSON, secrets left out. The database's
    /// thread; blocks on disk.
    std::expected<QByteArray, QString> exportJson(const QList<qint64>& ids = {}) const;
    /// Saves every profile in an export as a new profile; returns them with their new ids.
    /// All or nothing. The database's thread; blocks on disk.
    std::expected<QList<ConnectionProfile>, QString> importJson(const QByteArray& json);

    /// The export document for `profiles` (secrets left out). Any thread; does not block.
    static QByteArray toJson(const QList<ConnectionProfile>& profiles);
    /// Profiles read from an export document, ids 0. Any thread; does not block.
    static std::expected<QList<ConnectionProfile>, QString> fromJson(const QByteArray& json);

    /// "none", "user_password", "token", "nkey_seed", "creds_file". Any thread.
    static QString authKindName(AuthKind kind);
    static std::optional<AuthKind> authKindFromName(const QString& name);

private:
    Database& db_;
};

}  // namespace nwb::ui
