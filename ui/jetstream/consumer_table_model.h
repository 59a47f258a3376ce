// The consumers of one stream, one row each, kept in place across refreshes (keyed by name).
#pragma once

#include "ui/jetstream/consumer_row.h"
#include "ui/jetstream/keyed_table_model.h"

namespace nwb::ui {

class ConsumerTableModel : public KeyedTableModel<ConsumerRow> {
    Q_OBJECT
public:
    enum Column {
        Name,
        Kind,
        Filter,
        DeliverPolicy,
        AckPolicy,
        Delivered,
        AckFloor,
        Pending,
        AckPending,
        Redelivered,
        Waiting,
        ColumnCount
    };
    /// Numbers for numeric columns (so a proxy sorts 10 after 9), text for the others.
    static constexpr int kSortRole = Qt::UserRole;

    /// GUI thread.
    explicit ConsumerTableModel(QObject* parent = nullptr);

    /// The rows become `consumers` (see KeyedTableModel::replaceRows). GUI thread.
    void setConsumers(const QList<ConsumerRow>& consumers) { replaceRows(consumers); }
    void clear() { clearRows(); }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

}  // namespace nwb::ui
