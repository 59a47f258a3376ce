// The libnats side of a LiveSubscription.
#include "ui/client/live_subscription_binding.h"

#include "ui/client/message_copy.h"
#include "ui/client/message_inbox.h"
#include "ui/client/nats_support.h"

#include <QDateTime>

namespace nwb::ui {
namespace {

// libnats queues this many before calling it a slow consumer; ours drops sooner, and visibly.
constexpr int kPendingMessages = 1'000'000;
constexpr int kPendingBytes = 512 * 1024 * 1024;

using InboxRef = std::shared_ptr<MessageInbox>;  // one heap copy is each callback's closure

void onMessage(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
    ReceivedMessage copy = copyMessage(msg);
    natsMsg_Destroy(msg);
    copy.received_ms = QDateTime::currentMSecsSinceEpoch();
    (*static_cast<InboxRef*>(closure))->push(std::move(copy));
}

void onComplete(void* closure) { delete static_cast<InboxRef*>(closure); }

}  // namespace

std::expected<std::unique_ptr<LiveSubscription::Binding>, QString>
LiveSubscription::Binding::subscribe(std::shared_ptr<ConnectionHandle> connection,
                                     const QString& subject, const QString& queue,
                                     std::shared_ptr<MessageInbox> inbox) {
    natsConnection* nc = connection->get();
    auto* closure = new InboxRef(std::move(inbox));
    natsSubscription* sub = nullptr;
    const QByteArray subject_utf8 = subject.toUtf8();
    const natsStatus status =
        queue.isEmpty()
            ? natsConnection_Subscribe(&sub, nc, subject_utf8.constData(), onMessage, closure)
            : natsConnection_QueueSubscribe(&sub, nc, subject_utf8.constData(),
                                            queue.toUtf8().constData(), onMessage, closure);
    if (status != NATS_OK) {
        const QString error = natsErrorText(status);
        delete closure;
        return std::unexpected(error);
    }
    auto binding = std::make_unique<Binding>();
    binding->connection = std::move(connection);
    binding->sub = sub;
    natsSubscription_SetPendingLimits(sub, kPendingMessages, kPendingBytes);
    // If the subscription closed already (the connection went), a callback may still be
    // running: then the closure is left behind rather than freed under it.
    natsSubscription_SetOnCompleteCB(sub, onComplete, closure);
    return binding;
}

LiveSubscription::Binding::~Binding() { ConnectionHandle::retire(connection, sub); }

}  // namespace nwb::ui
