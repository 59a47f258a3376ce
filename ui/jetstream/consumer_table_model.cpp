// The consumers table: display text and sort keys of each ConsumerRow.
#include "ui/jetstream/consumer_table_model.h"

#include <QLocale>

namespace nwb::ui {

ConsumerTableModel::ConsumerTableModel(QObject* parent) : KeyedTableModel<ConsumerRow>(parent) {}

int ConsumerTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConsumerTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConsumerRow& r = row(index.row());
    const int column = index.column();
    const bool numeric = column >= Delivered && column <= Waiting;
    if (role == Qt::TextAlignmentRole)
        return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::ToolTipRole && column == Filter)
        return r.filter_subjects.join(QLatin1Char('\n'));
    if (role != Qt::DisplayRole && role != kSortRole) return {};
    const bool display = role == Qt::DisplayRole;
    const QLocale locale;
    auto number = [&](qint64 n) -> QVariant {
        return display ? QVariant(locale.toString(n)) : QVariant(n);
    };
    switch (column) {
        case Name:
            return r.name;
        case Kind:
            return r.durable ? tr("durable") : tr("ephemeral");
        case Filter:
            return r.filter_subjects.join(QStringLiteral(", "));
        case DeliverPolicy:
            return r.deliver_policy;
        case AckPolicy:
            return r.ack_policy;
        case Delivered:
            return number(r.delivered_stream_seq);
        case AckFloor:
            return number(r.ack_floor_stream_seq);
        case Pending:
            return number(r.num_pending);
        case AckPending:
            return number(r.num_ack_pending);
        case Redelivered:
            return number(r.num_redelivered);
        case Waiting:
            return number(r.num_waiting);
        default:
            return {};
    }
}

QVariant ConsumerTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
            case Delivered:
                return tr("Stream sequence of the last message delivered");
            case AckFloor:
                return tr("Stream sequence up to which every message is acknowledged");
            case Pending:
                return tr("Messages in the stream not yet delivered to this consumer");
            case AckPending:
                return tr("Messages delivered and not yet acknowledged");
            case Waiting:
                return tr("Pull requests waiting for messages");
            default:
                return {};
        }
    }
    if (role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Name:
            return tr("Name");
        case Kind:
            return tr("Type");
        case Filter:
            return tr("Filter");
        case DeliverPolicy:
            return tr("Deliver policy");
        case AckPolicy:
            return tr("Ack policy");
        case Delivered:
            return tr("Delivered");
        case AckFloor:
            return tr("Ack floor");
        case Pending:
            return tr("Pending");
        case AckPending:
            return tr("Ack pending");
        case Redelivered:
            return tr("Redelivered");
        case Waiting:
            return tr("Waiting");
        default:
            return {};
    }
}

}  // namespace nwb::ui
