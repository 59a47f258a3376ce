// Saved connection profiles as a list model over ProfileStore::list().
#include "ui/storage/profile_list_model.h"

namespace nwb::ui {

ProfileListModel::ProfileListModel(ProfileStore& store, QObject* parent)
    : QAbstractListModel(parent), store_(store) {}

bool ProfileListModel::refresh() {
    auto loaded = store_.list();
    if (!loaded) {
        last_error_ = loaded.error();
        return false;
    }
    last_error_.clear();
    beginResetModel();
    profiles_ = std::move(*loaded);
    endResetModel();
    return true;
}

ConnectionProfile ProfileListModel::profile(int row) const {
    if (row < 0 || row >= profiles_.size()) return {};
    return profiles_.at(row);
}

int ProfileListModel::rowOf(qint64 id) const {
    for (int row = 0; row < profiles_.size(); ++row) {
        if (profiles_.at(row).id == id) return row;
    }
    return -1;
}

int ProfileListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(profiles_.size());
}

QVariant ProfileListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto& p = profiles_.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return p.name;
    case Qt::DecorationRole: return p.colour.isValid() ? QVariant(p.colour) : QVariant();
    case Qt::ToolTipRole: return p.urls.join(QStringLiteral(", "));
    case IdRole: return p.id;
    default: return {};
    }
}

}  // namespace nwb::ui
