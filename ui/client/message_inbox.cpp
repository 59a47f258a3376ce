// The bounded queue between a libnats delivery thread and the GUI.
#include "ui/client/message_inbox.h"

#include <algorithm>
#include <utility>

namespace nwb::ui {

MessageInbox::MessageInbox(int capacity)
    : capacity_(static_cast<std::size_t>(std::max(1, capacity))) {}

void MessageInbox::push(ReceivedMessage&& message) {
    std::lock_guard lock(mutex_);
    message.sequence = ++arrived_;
    if (queue_.size() >= capacity_) {
        queue_.pop_front();
        ++dropped_;
    }
    queue_.push_back(std::move(message));
}

MessageInbox::Batch MessageInbox::take() {
    std::deque<ReceivedMessage> taken;
    Batch batch;
    {
        std::lock_guard lock(mutex_);
        taken.swap(queue_);
        batch.dropped = std::exchange(dropped_, 0);
        batch.arrived = arrived_;
    }
    batch.messages.reserve(static_cast<qsizetype>(taken.size()));
    for (ReceivedMessage& message : taken) batch.messages.append(std::move(message));
    return batch;
}

void MessageInbox::setCapacity(int capacity) {
    std::lock_guard lock(mutex_);
    capacity_ = static_cast<std::size_t>(std::max(1, capacity));
    trimLocked();
}

quint64 MessageInbox::arrived() const {
    std::lock_guard lock(mutex_);
    return arrived_;
}

void MessageInbox::trimLocked() {
    while (queue_.size() > capacity_) {
        queue_.pop_front();
        ++dropped_;
    }
}

}  // namespace nwb::ui
