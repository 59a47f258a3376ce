// A table model whose rows carry a key (a stream's or consumer's name): a refresh updates
// rows in place, removes gone ones and appends new ones, so selections and scrolling survive.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace nwb::ui {

/// `Row` has `key()` (a QString) and `operator==`.
template <typename Row>
class KeyedTableModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : static_cast<int>(rows_.size());
    }
    const QList<Row>& rows() const { return rows_; }
    const Row& row(int r) const { return rows_.at(r); }
    /// The row of `key`, or -1.
    int rowOf(const QString& key) const {
        for (int r = 0; r < rows_.size(); ++r)
            if (rows_[r].key() == key) return r;
        return -1;
    }

protected:
    /// Makes the rows equal to `incoming` (the first of a repeated key wins) with the fewest
    /// changes: rows whose key is gone are removed, rows kept are updated in place (dataChanged
    /// only where they differ), new keys are appended in their incoming order. GUI thread.
    void replaceRows(const QList<Row>& incoming) {
        QHash<QString, qsizetype> incoming_index;
        for (qsizetype i = 0; i < incoming.size(); ++i)
            if (!incoming_index.contains(incoming[i].key()))
                incoming_index.insert(incoming[i].key(), i);

        // Gone rows first, from the end so that earlier indexes stay valid; runs at once.
        for (int r = static_cast<int>(rows_.size()) - 1; r >= 0;) {
            if (incoming_index.contains(rows_[r].key())) {
                --r;
                continue;
            }
            int first = r;
            while (first > 0 && !incoming_index.contains(rows_[first - 1].key())) --first;
            beginRemoveRows({}, first, r);
            rows_.remove(first, r - first + 1);
            endRemoveRows();
            r = first - 1;
        }
        QSet<QString> kept;
        for (int r = 0; r < rows_.size(); ++r) {
            const Row& fresh = incoming[incoming_index.value(rows_[r].key())];
            kept.insert(fresh.key());
            if (rows_[r] == fresh) continue;
            rows_[r] = fresh;
            emit dataChanged(index(r, 0), index(r, columnCount() - 1));
        }
        QList<Row> added;
        for (qsizetype i = 0; i < incoming.size(); ++i) {
            if (incoming_index.value(incoming[i].key()) != i || kept.contains(incoming[i].key()))
                continue;
            added.append(incoming[i]);
        }
        if (added.isEmpty()) return;
        const int first = static_cast<int>(rows_.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        rows_.append(added);
        endInsertRows();
    }

    void clearRows() {
        if (rows_.isEmpty()) return;
        beginResetModel();
        rows_.clear();
        endResetModel();
    }

private:
    QList<Row> rows_;
};

}  // namespace nwb::ui
