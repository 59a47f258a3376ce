// Saved connection profiles as a list: the name, with the profile's colour as decoration.
#pragma once

#include "ui/storage/profile_store.h"

#include <QAbstractListModel>
#include <QList>
#include <QString>

namespace nwb::ui {

class ProfileListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1 };

    /// `store` must outlive the model. Empty until refresh(). GUI thread.
    explicit ProfileListModel(ProfileStore& store, QObject* parent = nullptr);

    /// Reloads every profile, sorted by name (a model reset). Returns false and keeps the rows
    /// it had when the database fails; lastError() says why. GUI thread; blocks on disk.
    bool refresh();
    QString lastError() const { return last_error_; }
    /// The profile on `row`; a default profile (id 0) when out of range. GUI thread.
    ConnectionProfile profile(int row) const;
    /// The row of the profile with `id`, or -1. GUI thread.
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    ProfileStore& store_;
    QList<ConnectionProfile> profiles_;
    QString last_error_;
};

}  // namespace nwb::ui
