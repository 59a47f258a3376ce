// The browser's bounded, pausable message list.
#include "ui/browser/message_list_model.h"

#include "ui/browser/payload_text.h"

#include <QDateTime>

namespace nwb::ui {

MessageListModel::MessageListModel(QObject* parent) : QAbstractTableModel(parent) {}

void MessageListModel::addBatch(const QList<ReceivedMessage>& batch, quint64 dropped_before) {
    received_ += quint64(batch.size());
    dropped_upstream_ += dropped_before;
    if (paused_) {
        for (const ReceivedMessage& m : batch) held_.push_back(m);
        while (held_.size() > std::size_t(capacity_)) {
            held_.pop_front();
            ++dropped_while_paused_;
        }
    } else if (!batch.isEmpty()) {
        // Messages of this batch that would be evicted at once are never inserted.
        const qsizetype skip = qMax<qsizetype>(0, batch.size() - capacity_);
        evicted_ += quint64(skip);
        append(batch, skip);
    }
    if (!batch.isEmpty() || dropped_before > 0) emit countersChanged();
}

void MessageListModel::append(const QList<ReceivedMessage>& messages, qsizetype from) {
    const int incoming = int(messages.size() - from);
    if (incoming <= 0) return;
    trimTo(capacity_ - incoming);
    const int first = int(rows_.size());
    beginInsertRows({}, first, first + incoming - 1);
    for (qsizetype i = from; i < messages.size(); ++i) {
        const ReceivedMessage& m = messages[i];
        Row row{m, next_number_++, {}, payloadPreview(m.payload)};
        row.time = timeText(m.received_ms);
        rows_.push_back(std::move(row));
    }
    endInsertRows();
}

QString MessageListModel::timeText(qint64 ms) {
    // A local-time conversion asks the C library for the zone each time (a stat() of
    // /etc/localtime): convert once per second and add the milliseconds.
    const qint64 second = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    if (second != time_second_ || time_prefix_.isEmpty()) {
        time_second_ = second;
        time_prefix_ =
            QDateTime::fromMSecsSinceEpoch(second * 1000).toString(QStringLiteral("hh:mm:ss."));
    }
    return time_prefix_ + QStringLiteral("%1").arg(ms - second * 1000, 3, 10, QChar(u'0'));
}

void MessageListModel::trimTo(int rows) {
    const int remove = int(rows_.size()) - qMax(rows, 0);
    if (remove <= 0) return;
    beginRemoveRows({}, 0, remove - 1);
    rows_.erase(rows_.begin(), rows_.begin() + remove);
    endRemoveRows();
    evicted_ += quint64(remove);
}

void MessageListModel::clear() {
    beginResetModel();
    rows_.clear();
    held_.clear();
    next_number_ = 1;
    received_ = evicted_ = dropped_upstream_ = dropped_while_paused_ = 0;
    endResetModel();
    emit countersChanged();
}

void MessageListModel::setCapacity(int capacity) {
    capacity_ = qMax(capacity, 1);
    trimTo(capacity_);
    while (held_.size() > std::size_t(capacity_)) {
        held_.pop_front();
        ++dropped_while_paused_;
    }
    emit countersChanged();
}

void MessageListModel::setPaused(bool paused) {
    if (paused == paused_) return;
    paused_ = paused;
    if (!paused_ && !held_.empty()) {
        const QList<ReceivedMessage> held(held_.begin(), held_.end());
        held_.clear();
        append(held, 0);
    }
    emit countersChanged();
}

int MessageListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int MessageListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = rows_[std::size_t(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case NumberColumn:
                    return row.number;
                case TimeColumn:
                    return row.time;
                case SubjectColumn:
                    return row.message.subject;
                case SizeColumn:
                    return qsizetype(row.message.payload.size());
                case PayloadColumn:
                    return row.preview;
            }
            break;
        case Qt::ToolTipRole:
            if (index.column() == SubjectColumn) return row.message.subject;
            if (index.column() == PayloadColumn) return row.preview;
            break;
        case Qt::TextAlignmentRole:
            if (index.column() == NumberColumn || index.column() == SizeColumn)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            break;
        case SubjectRole:
            return row.message.subject;
        case PreviewRole:
            return row.preview;
    }
    return {};
}

QVariant MessageListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case NumberColumn:
            return tr("#");
        case TimeColumn:
            return tr("Time");
        case SubjectColumn:
            return tr("Subject");
        case SizeColumn:
            return tr("Size");
        case PayloadColumn:
            return tr("Payload");
    }
    return {};
}

}  // namespace nwb::ui
