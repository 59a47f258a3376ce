// One natsConnection, shared by its session, its subscriptions and running requests, and
// destroyed off the GUI thread once the last of them lets go.
#pragma once

#include <nats/nats.h>

#include <memory>
#include <mutex>
#include <vector>

namespace nwb::ui {

class ConnectionHandle {
public:
    explicit ConnectionHandle(natsConnection* nc) : nc_(nc) {}
    /// Hands natsConnection_Destroy (which joins libnats' threads) to natsWorkerPool(), then
    /// destroys the subscriptions retired on it.
    ~ConnectionHandle();
    ConnectionHandle(const ConnectionHandle&) = delete;
    ConnectionHandle& operator=(const ConnectionHandle&) = delete;

    natsConnection* get() const { return nc_; }

    /// Unsubscribes `sub` at once and destroys it when libnats can no longer be handing it a
    /// message: after a PING/PONG round trip, or else with the connection. (libnats 3.4.1 reads
    /// a subscription it just looked up without holding a reference to it.) Any thread.
    static void retire(const std::shared_ptr<ConnectionHandle>& self, natsSubscription* sub);

private:
    natsConnection* const nc_;
    std::mutex mutex_;
    std::vector<natsSubscription*> retired_;  ///< under mutex_
};

}  // namespace nwb::ui
