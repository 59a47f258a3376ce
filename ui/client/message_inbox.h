// The bounded queue between a libnats delivery thread and the GUI: when full it drops the
// oldest message and counts it.
#pragma once

#include "ui/client/received_message.h"

#include <QList>

#include <cstddef>
#include <deque>
#include <mutex>

namespace nwb::ui {

class MessageInbox {
public:
    struct Batch {
        QList<ReceivedMessage> messages;  ///< in arrival order
        quint64 dropped = 0;              ///< lost since the previous take()
        quint64 arrived = 0;              ///< taken in since creation, dropped ones included
    };

    explicit MessageInbox(int capacity);

    /// Stamps the arrival number (from 1) and queues; drops the oldest when full. Any thread;
    /// holds a short lock.
    void push(ReceivedMessage&& message);
    /// Everything waiting, and what was dropped since the last take(). Any thread.
    Batch take();
    /// At least 1. Dropping the oldest at once if more are waiting. Any thread.
    void setCapacity(int capacity);
    /// Any thread.
    quint64 arrived() const;

private:
    void trimLocked();

    mutable std::mutex mutex_;
    std::deque<ReceivedMessage> queue_;
    std::size_t capacity_;
    quint64 arrived_ = 0;
    quint64 dropped_ = 0;  ///< since the last take()
};

}  // namespace nwb::ui
