// The streams table: display text, sort keys and tooltips of each StreamRow.
#include "ui/jetstream/stream_table_model.h"

#include <QLocale>

#include <limits>

namespace nwb::ui {
namespace {

/// "225 bytes", with the locale's digit grouping. Counts past int's range (where tr()'s plural
/// choice cannot go) always take the plural.
QString exactBytes(qint64 bytes) {
    if (bytes <= std::numeric_limits<int>::max())
        return StreamTableModel::tr("%Ln byte(s)", nullptr, static_cast<int>(bytes));
    return StreamTableModel::tr("%1 bytes").arg(QLocale().toString(bytes));
}

}  // namespace

StreamTableModel::StreamTableModel(QObject* parent) : KeyedTableModel<StreamRow>(parent) {}

int StreamTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString StreamTableModel::originText(const StreamRow& row) {
    if (!row.mirror.isEmpty()) return tr("mirror of %1").arg(row.mirror);
    if (row.sources.isEmpty()) return {};
    return tr("%n source(s): %1", nullptr, static_cast<int>(row.sources.size()))
        .arg(row.sources.join(QStringLiteral(", ")));
}

QVariant StreamTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StreamRow& r = row(index.row());
    const QLocale locale;
    const int column = index.column();
    const bool numeric = column >= Messages && column <= Consumers;
    if (role == Qt::TextAlignmentRole)
        return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::ToolTipRole) {
        if (column == Bytes) return exactBytes(r.bytes);
        if (column == Subjects) return r.subjects.join(QLatin1Char('\n'));
        return {};
    }
    if (role != Qt::DisplayRole && role != kSortRole) return {};
    const bool display = role == Qt::DisplayRole;
    auto number = [&](qint64 n) -> QVariant {
        return display ? QVariant(locale.toString(n)) : QVariant(n);
    };
    switch (column) {
        case Name:
            return r.name;
        case Subjects:
            return r.subjects.join(QStringLiteral(", "));
        case Storage:
            return r.storage;
        case Retention:
            return r.retention;
        case Messages:
            return number(r.messages);
        case Bytes:
            return display ? QVariant(locale.formattedDataSize(r.bytes)) : QVariant(r.bytes);
        case FirstSeq:
            return number(r.first_seq);
        case LastSeq:
            return number(r.last_seq);
        case Consumers:
            return number(r.consumer_count);
        case Origin:
            return originText(r);
        default:
            return {};
    }
}

QVariant StreamTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Name:
            return tr("Name");
        case Subjects:
            return tr("Subjects");
        case Storage:
            return tr("Storage");
        case Retention:
            return tr("Retention");
        case Messages:
            return tr("Messages");
        case Bytes:
            return tr("Bytes");
        case FirstSeq:
            return tr("First seq");
        case LastSeq:
            return tr("Last seq");
        case Consumers:
            return tr("Consumers");
        case Origin:
            return tr("Mirror / sources");
        default:
            return {};
    }
}

}  // namespace nwb::ui
