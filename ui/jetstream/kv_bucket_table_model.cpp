// The buckets table: display text and sort keys of each KvBucketRow.
#include "ui/jetstream/kv_bucket_table_model.h"

#include <QLocale>
#include <QStringList>

namespace nwb::ui {

KvBucketTableModel::KvBucketTableModel(QObject* parent) : KeyedTableModel<KvBucketRow>(parent) {}

int KvBucketTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString KvBucketTableModel::ttlText(qint64 nanoseconds) {
    if (nanoseconds <= 0) return tr("none");
    qint64 seconds = nanoseconds / 1'000'000'000;
    if (seconds == 0) return tr("%1 ms").arg(nanoseconds / 1'000'000);
    const qint64 days = seconds / 86400;
    const qint64 hours = seconds % 86400 / 3600;
    const qint64 minutes = seconds % 3600 / 60;
    seconds %= 60;
    // The two largest units that are not zero.
    QStringList parts;
    if (days) parts.append(tr("%1d").arg(days));
    if (hours) parts.append(tr("%1h").arg(hours));
    if (minutes) parts.append(tr("%1m").arg(minutes));
    if (seconds) parts.append(tr("%1s").arg(seconds));
    return parts.mid(0, 2).join(QLatin1Char(' '));
}

QVariant KvBucketTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const KvBucketRow& r = row(index.row());
    const QLocale locale;
    const int column = index.column();
    const bool numeric = column >= Values && column <= Ttl;
    if (role == Qt::TextAlignmentRole)
        return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role != Qt::DisplayRole && role != kSortRole) return {};
    const bool display = role == Qt::DisplayRole;
    auto number = [&](qint64 n) -> QVariant {
        return display ? QVariant(locale.toString(n)) : QVariant(n);
    };
    switch (column) {
        case Bucket:
            return r.bucket;
        case Values:
            return number(r.values);
        case Bytes:
            return display ? QVariant(locale.formattedDataSize(r.bytes)) : QVariant(r.bytes);
        case History:
            return number(r.history);
        case Ttl:
            return display ? QVariant(ttlText(r.ttl_ns)) : QVariant(r.ttl_ns);
        case Storage:
            return r.storage;
        case Mirror:
            return r.mirror ? tr("yes") : tr("no");
        default:
            return {};
    }
}

QVariant KvBucketTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Bucket:
            return tr("Bucket");
        case Values:
            return tr("Values");
        case Bytes:
            return tr("Bytes");
        case History:
            return tr("History");
        case Ttl:
            return tr("TTL");
        case Storage:
            return tr("Storage");
        case Mirror:
            return tr("Mirror");
        default:
            return {};
    }
}

}  // namespace nwb::ui
