// Entries of a KV bucket as a table: the keys' last entries (keyed by key, kept in place across
// refreshes), or one key's history (keyed by revision).
#pragma once

#include "ui/jetstream/keyed_table_model.h"
#include "ui/jetstream/kv_entry.h"

namespace nwb::ui {

/// A KvEntry keyed by its key (the keys table) or by its revision (a key's history).
struct KvEntryRow {
    KvEntry entry;
    QString row_key;

    const QString& key() const { return row_key; }
    bool operator==(const KvEntryRow&) const = default;
};

class KvKeyTableModel : public KeyedTableModel<KvEntryRow> {
    Q_OBJECT
public:
    enum Column { Key, Revision, Changed, Size, Operation, ColumnCount };
    /// Numbers for numeric columns (Changed in ms since the epoch), text for the others.
    static constexpr int kSortRole = Qt::UserRole;

    /// GUI thread.
    explicit KvKeyTableModel(QObject* parent = nullptr);

    /// The rows become `entries`, one per key. GUI thread.
    void setKeys(const QList<KvEntry>& entries);
    /// The rows become `entries`, one per revision. GUI thread.
    void setHistory(const QList<KvEntry>& entries);
    void clear() { clearRows(); }
    const KvEntry& entry(int r) const { return row(r).entry; }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// "PUT", "DEL", "PURGE": the KV-Operation header's words.
    static QString operationText(KvOperation operation);
};

}  // namespace nwb::ui
