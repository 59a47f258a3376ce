// The browser's message list: a bounded ring of the newest messages, fed in batches, that can be
// paused (arrivals are held, bounded, and appended on resume).
#pragma once

#include "ui/client/received_message.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <deque>

namespace nwb::ui {

class MessageListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NumberColumn, TimeColumn, SubjectColumn, SizeColumn, PayloadColumn, ColumnCount };
    enum Role {
        SubjectRole = Qt::UserRole + 1,  ///< QString: the message's subject
        PreviewRole,                     ///< QString: the payload preview (one line)
    };
    static constexpr int kDefaultCapacity = 10000;

    /// GUI thread.
    explicit MessageListModel(QObject* parent = nullptr);

    /// Appends `batch` (in order), evicting the oldest rows beyond capacity(); while paused the
    /// batch is held instead. `dropped_before` adds to droppedUpstream(). GUI thread.
    void addBatch(const QList<nwb::ui::ReceivedMessage>& batch, quint64 dropped_before = 0);
    /// Removes every row and held message and resets all counters. GUI thread.
    void clear();

    /// Keeps at most `capacity` rows (≥ 1); trims the oldest at once. Also bounds the pause hold.
    void setCapacity(int capacity);
    int capacity() const { return capacity_; }

    /// While paused, batches are held (at most capacity(); older held ones are dropped and
    /// counted in droppedWhilePaused()); resuming appends them in arrival order. GUI thread.
    void setPaused(bool paused);
    bool isPaused() const { return paused_; }
    int heldCount() const { return int(held_.size()); }

    /// The message shown at `row` (row 0 is the oldest). GUI thread.
    const ReceivedMessage& message(int row) const { return rows_[std::size_t(row)].message; }
    /// The running number (column #) of `row`, from 1 since the last clear().
    quint64 number(int row) const { return rows_[std::size_t(row)].number; }

    /// Messages handed to addBatch() since the last clear().
    quint64 received() const { return received_; }
    /// Rows that left the ring because newer ones came (not a loss: they were shown).
    quint64 evicted() const { return evicted_; }
    /// Messages lost upstream (the sum of `dropped_before`).
    quint64 droppedUpstream() const { return dropped_upstream_; }
    /// Held messages dropped because the pause hold was full.
    quint64 droppedWhilePaused() const { return dropped_while_paused_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    /// Emitted once per batch or state change when any counter or the paused state changed.
    void countersChanged();

private:
    struct Row {
        ReceivedMessage message;
        quint64 number = 0;
        QString time;     ///< hh:mm:ss.zzz, local time
        QString preview;  ///< computed once
    };

    void append(const QList<ReceivedMessage>& messages, qsizetype from);
    void trimTo(int rows);
    QString timeText(qint64 ms);

    std::deque<Row> rows_;
    std::deque<ReceivedMessage> held_;
    int capacity_ = kDefaultCapacity;
    bool paused_ = false;
    quint64 next_number_ = 1;
    quint64 received_ = 0;
    quint64 evicted_ = 0;
    quint64 dropped_upstream_ = 0;
    quint64 dropped_while_paused_ = 0;
    qint64 time_second_ = 0;  ///< the second time_prefix_ shows
    QString time_prefix_;     ///< "hh:mm:ss." of time_second_
};

}  // namespace nwb::ui
