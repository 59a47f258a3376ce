// A subscription whose messages reach the GUI in batches, at most about 30 times a second,
// through a bounded buffer that counts what it had to drop.
#pragma once

#include "ui/client/received_message.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace nwb::ui {

class MessageInbox;
class NatsSession;

class LiveSubscription : public QObject {
    Q_OBJECT
public:
    /// How many messages wait between two batches before the oldest are dropped.
    static constexpr int kDefaultCapacity = 10000;
    /// Batches are emitted at most this often.
    static constexpr int kBatchIntervalMs = 33;

    ~LiveSubscription() override;  // unsubscribes

    const QString& subject() const { return subject_; }
    const QString& queue() const { return queue_; }
    /// Messages received since subscribing (including dropped ones), as of the last batch.
    quint64 received() const { return received_; }
    /// Messages dropped because the GUI could not keep up.
    quint64 dropped() const { return dropped_; }
    /// GUI thread; drops the oldest waiting messages at once if more than `capacity` wait.
    void setCapacity(int capacity);
    /// Messages taken in so far, including those not yet in a batch. Any thread.
    quint64 arrived() const;

signals:
    /// In arrival order. `dropped_before` messages were lost just before this batch.
    void messagesArrived(const QList<nwb::ui::ReceivedMessage>& batch, quint64 dropped_before);

protected:
    /// GUI thread. Batches come from inbox(); NatsSession feeds it from libnats.
    LiveSubscription(QString subject, QString queue, QObject* parent);
    MessageInbox& inbox() const { return *inbox_; }

    QString subject_;
    QString queue_;
    quint64 received_ = 0;
    quint64 dropped_ = 0;

private:
    friend class NatsSession;
    struct Binding;  // the libnats subscription, when there is one

    void deliver();

    std::shared_ptr<MessageInbox> inbox_;  ///< shared with the libnats callback
    QTimer* timer_ = nullptr;
    std::unique_ptr<Binding> binding_;
};

}  // namespace nwb::ui
