// The keys and history tables: display text and sort keys of each KvEntry.
#include "ui/jetstream/kv_key_table_model.h"

#include <QLocale>

namespace nwb::ui {

KvKeyTableModel::KvKeyTableModel(QObject* parent) : KeyedTableModel<KvEntryRow>(parent) {}

void KvKeyTableModel::setKeys(const QList<KvEntry>& entries) {
    QList<KvEntryRow> rows;
    rows.reserve(entries.size());
    for (const KvEntry& entry : entries) rows.append({entry, entry.name});
    replaceRows(rows);
}

void KvKeyTableModel::setHistory(const QList<KvEntry>& entries) {
    QList<KvEntryRow> rows;
    rows.reserve(entries.size());
    for (const KvEntry& entry : entries) rows.append({entry, QString::number(entry.revision)});
    replaceRows(rows);
}

int KvKeyTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString KvKeyTableModel::operationText(KvOperation operation) {
    switch (operation) {
        case KvOperation::Put:
            return QStringLiteral("PUT");
        case KvOperation::Delete:
            return QStringLiteral("DEL");
        case KvOperation::Purge:
            return QStringLiteral("PURGE");
    }
    return {};
}

QVariant KvKeyTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const KvEntry& e = entry(index.row());
    const QLocale locale;
    const int column = index.column();
    const bool numeric = column == Revision || column == Size;
    if (role == Qt::TextAlignmentRole)
        return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::ToolTipRole && column == Changed)
        return e.time.toUTC().toString(Qt::ISODateWithMs);
    if (role != Qt::DisplayRole && role != kSortRole) return {};
    const bool display = role == Qt::DisplayRole;
    switch (column) {
        case Key:
            return e.name;
        case Revision:
            return display ? QVariant(locale.toString(e.revision)) : QVariant(e.revision);
        case Changed:
            return display ? QVariant(locale.toString(e.time.toLocalTime(), QLocale::ShortFormat))
                           : QVariant(e.time.toMSecsSinceEpoch());
        case Size:
            return display ? QVariant(tr("%Ln byte(s)", nullptr, static_cast<int>(e.value.size())))
                           : QVariant(static_cast<qint64>(e.value.size()));
        case Operation:
            return operationText(e.operation);
        default:
            return {};
    }
}

QVariant KvKeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Key:
            return tr("Key");
        case Revision:
            return tr("Revision");
        case Changed:
            return tr("Changed");
        case Size:
            return tr("Size");
        case Operation:
            return tr("Operation");
        default:
            return {};
    }
}

}  // namespace nwb::ui
