// The libnats side of a LiveSubscription: an async subscription whose callback only copies each
// message into the shared inbox.
#pragma once

#include "ui/client/connection_handle.h"
#include "ui/client/live_subscription.h"

#include <nats/nats.h>

#include <QString>

#include <expected>
#include <memory>

namespace nwb::ui {

struct LiveSubscription::Binding {
    /// Subscribes on `connection`. GUI thread; does not wait for the server.
    static std::expected<std::unique_ptr<Binding>, QString> subscribe(
        std::shared_ptr<ConnectionHandle> connection, const QString& subject, const QString& queue,
        std::shared_ptr<MessageInbox> inbox);
    /// Unsubscribes; the inbox lives on until libnats' last callback has returned.
    ~Binding();

    std::shared_ptr<ConnectionHandle> connection;  ///< outlives the subscription
    natsSubscription* sub = nullptr;
};

}  // namespace nwb::ui
