// The connections a server reports in /connz, one row each.
#include "ui/monitoring/connz_model.h"

#include "ui/monitoring/go_duration.h"

#include <QHash>
#include <QJsonArray>
#include <QLocale>
#include <QSet>

namespace nwb::ui {

ConnzModel::ConnzModel(QObject* parent) : QAbstractTableModel(parent) {}

ConnzRow ConnzModel::rowFromJson(const QJsonObject& conn) {
    ConnzRow r;
    r.cid = conn.value(u"cid").toInteger();
    r.name = conn.value(u"name").toString();
    r.ip = conn.value(u"ip").toString();
    r.port = conn.value(u"port").toInteger();
    r.lang = conn.value(u"lang").toString();
    r.version = conn.value(u"version").toString();
    r.uptime = conn.value(u"uptime").toString();
    r.uptime_s = goDurationMicros(r.uptime).value_or(0) / 1e6;
    r.pending_bytes = conn.value(u"pending_bytes").toInteger();
    r.in_msgs = conn.value(u"in_msgs").toInteger();
    r.out_msgs = conn.value(u"out_msgs").toInteger();
    r.in_bytes = conn.value(u"in_bytes").toInteger();
    r.out_bytes = conn.value(u"out_bytes").toInteger();
    r.subscriptions = conn.value(u"subscriptions").toInteger();
    r.rtt = conn.value(u"rtt").toString();
    r.rtt_us = goDurationMicros(r.rtt).value_or(-1);
    return r;
}

void ConnzModel::setConnz(const QJsonObject& connz) {
    QList<ConnzRow> incoming;
    QHash<qint64, int> incoming_index;
    for (const QJsonValue& v : connz.value(u"connections").toArray()) {
        ConnzRow r = rowFromJson(v.toObject());
        if (incoming_index.contains(r.cid)) continue;  // a cid is a connection's identity
        incoming_index.insert(r.cid, static_cast<int>(incoming.size()));
        incoming.append(std::move(r));
    }
    total_ = connz.value(u"total").toInteger(incoming.size());

    // Gone rows, from the end so earlier indexes stay valid.
    for (int r = static_cast<int>(rows_.size()) - 1; r >= 0; --r) {
        if (incoming_index.contains(rows_[r].cid)) continue;
        beginRemoveRows({}, r, r);
        rows_.removeAt(r);
        endRemoveRows();
    }
    QSet<qint64> kept;
    for (ConnzRow& existing : rows_) {
        existing = incoming[incoming_index.value(existing.cid)];
        kept.insert(existing.cid);
    }
    if (!rows_.isEmpty()) {
        emit dataChanged(index(0, 0), index(static_cast<int>(rows_.size()) - 1, ColumnCount - 1));
    }
    QList<ConnzRow> added;
    for (ConnzRow& r : incoming) {
        if (!kept.contains(r.cid)) added.append(std::move(r));
    }
    if (!added.isEmpty()) {
        const int first = static_cast<int>(rows_.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        rows_.append(std::move(added));
        endInsertRows();
    }
}

void ConnzModel::clear() {
    if (rows_.isEmpty()) return;
    beginResetModel();
    rows_.clear();
    total_ = 0;
    endResetModel();
}

int ConnzModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ConnzModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnzModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const ConnzRow& r = rows_.at(index.row());
    const QLocale locale;
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Name: case Address: case Client: return {};
        default: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    if (role != Qt::DisplayRole && role != kSortRole) return {};
    const bool display = role == Qt::DisplayRole;
    auto number = [&](qint64 n) -> QVariant {
        return display ? QVariant(locale.toString(n)) : QVariant(n);
    };
    switch (index.column()) {
    case Cid: return display ? QVariant(QString::number(r.cid)) : QVariant(r.cid);
    case Name: return r.name;
    case Address: return QStringLiteral("%1:%2").arg(r.ip).arg(r.port);
    case Client:
        return r.lang.isEmpty() ? r.version : QStringLiteral("%1 %2").arg(r.lang, r.version).trimmed();
    case Uptime: return display ? QVariant(r.uptime) : QVariant(r.uptime_s);
    case Pending: return number(r.pending_bytes);
    case InMsgs: return number(r.in_msgs);
    case OutMsgs: return number(r.out_msgs);
    case InBytes: return number(r.in_bytes);
    case OutBytes: return number(r.out_bytes);
    case Subscriptions: return number(r.subscriptions);
    case Rtt: return display ? QVariant(r.rtt) : QVariant(r.rtt_us);
    default: return {};
    }
}

QVariant ConnzModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Cid: return tr("CID");
    case Name: return tr("Name");
    case Address: return tr("Address");
    case Client: return tr("Client");
    case Uptime: return tr("Uptime");
    case Pending: return tr("Pending bytes");
    case InMsgs: return tr("In msgs");
    case OutMsgs: return tr("Out msgs");
    case InBytes: return tr("In bytes");
    case OutBytes: return tr("Out bytes");
    case Subscriptions: return tr("Subscriptions");
    case Rtt: return tr("RTT");
    default: return {};
    }
}

}  // namespace nwb::ui
