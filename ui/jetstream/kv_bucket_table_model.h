// The KV buckets of a server, one row each, kept in place across refreshes (keyed by bucket).
#pragma once

#include "ui/jetstream/keyed_table_model.h"
#include "ui/jetstream/kv_entry.h"

namespace nwb::ui {

class KvBucketTableModel : public KeyedTableModel<KvBucketRow> {
    Q_OBJECT
public:
    enum Column { Bucket, Values, Bytes, History, Ttl, Storage, Mirror, ColumnCount };
    /// Numbers for numeric columns (TTL in nanoseconds), text for the others.
    static constexpr int kSortRole = Qt::UserRole;

    /// GUI thread.
    explicit KvBucketTableModel(QObject* parent = nullptr);

    void setBuckets(const QList<KvBucketRow>& buckets) { replaceRows(buckets); }
    void clear() { clearRows(); }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// "1h 30m", "45s", "2d 3h"; "none" for 0. GUI thread (translated).
    static QString ttlText(qint64 nanoseconds);
};

}  // namespace nwb::ui
