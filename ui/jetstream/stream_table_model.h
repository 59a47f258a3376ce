// The streams of a server, one row each, kept in place across refreshes (keyed by name).
#pragma once

#include "ui/jetstream/keyed_table_model.h"
#include "ui/jetstream/stream_row.h"

namespace nwb::ui {

class StreamTableModel : public KeyedTableModel<StreamRow> {
    Q_OBJECT
public:
    enum Column {
        Name,
        Subjects,
        Storage,
        Retention,
        Messages,
        Bytes,
        FirstSeq,
        LastSeq,
        Consumers,
        Origin,
        ColumnCount
    };
    /// Numbers for numeric columns (so a proxy sorts 10 after 9), text for the others.
    static constexpr int kSortRole = Qt::UserRole;

    /// GUI thread.
    explicit StreamTableModel(QObject* parent = nullptr);

    /// The rows become `streams` (see KeyedTableModel::replaceRows). GUI thread.
    void setStreams(const QList<StreamRow>& streams) { replaceRows(streams); }
    void clear() { clearRows(); }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// "mirror of ORDERS", "2 sources: A, B", or empty. GUI thread (translated).
    static QString originText(const StreamRow& row);
};

}  // namespace nwb::ui
