// A libnats subscription feeding a bounded inbox that the GUI drains on a timer.
#include "ui/client/live_subscription.h"

#include "ui/client/live_subscription_binding.h"
#include "ui/client/message_inbox.h"

#include <QTimer>

namespace nwb::ui {

LiveSubscription::LiveSubscription(QString subject, QString queue, QObject* parent)
    : QObject(parent),
      subject_(std::move(subject)),
      queue_(std::move(queue)),
      inbox_(std::make_shared<MessageInbox>(kDefaultCapacity)),
      timer_(new QTimer(this)) {
    timer_->setInterval(kBatchIntervalMs);
    connect(timer_, &QTimer::timeout, this, &LiveSubscription::deliver);
    timer_->start();
}

LiveSubscription::~LiveSubscription() = default;  // Binding unsubscribes

void LiveSubscription::setCapacity(int capacity) { inbox_->setCapacity(capacity); }

quint64 LiveSubscription::arrived() const { return inbox_->arrived(); }

void LiveSubscription::deliver() {
    MessageInbox::Batch batch = inbox_->take();
    received_ = batch.arrived;
    dropped_ += batch.dropped;
    if (batch.messages.isEmpty() && batch.dropped == 0) return;
    emit messagesArrived(batch.messages, batch.dropped);
}

}  // namespace nwb::ui
