// A responder that answers every request on its subject with the request's payload, straight
// from libnats' thread: the latency probe's far end, with no GUI hop in the round trip.
#pragma once

#include <QString>

#include <expected>
#include <memory>

typedef struct __natsSubscription natsSubscription;

namespace nwb::ui {

class ConnectionHandle;

class EchoResponder {
public:
    /// Subscribes on `connection`. GUI thread; does not wait for the server.
    static std::expected<std::unique_ptr<EchoResponder>, QString> start(
        std::shared_ptr<ConnectionHandle> connection, const QString& subject);
    /// Unsubscribes. GUI thread.
    ~EchoResponder();
    EchoResponder(const EchoResponder&) = delete;
    EchoResponder& operator=(const EchoResponder&) = delete;

    const QString& subject() const { return subject_; }

private:
    EchoResponder() = default;

    std::shared_ptr<ConnectionHandle> connection_;  ///< outlives the subscription
    natsSubscription* sub_ = nullptr;
    QString subject_;
};

}  // namespace nwb::ui
