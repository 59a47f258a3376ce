// Echo responders for the request-reply scenarios: each request's payload goes back to its reply
// subject, and each request's sequence number is recorded for the server-side delivery check.
#pragma once

#include "app/bench/nats_client.h"
#include "app/bench/sequence_tracker.h"

#include <atomic>
#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <vector>

namespace nwb::bench {

class ResponderPool {
public:
    /// `count` responders on `subject`; more than one form a queue group. `expected` is the
    /// number of requests per requester.
    static std::expected<std::unique_ptr<ResponderPool>, std::string> start(
        const std::string& url, const std::string& subject, std::uint32_t count,
        const std::vector<std::uint64_t>& expected, const std::shared_ptr<ClientEvents>& events);
    ~ResponderPool();

    /// Closes the subscriptions (the handlers have returned afterwards) and the connections.
    void stop();
    /// Valid after stop(): each request answered exactly once over all responders.
    DeliveryCheck check() const;
    std::string error() const;

private:
    struct Member {
        explicit Member(const std::vector<std::uint64_t>& expected) : tracker(expected) {}
        ConnectionPtr conn;
        std::unique_ptr<AsyncSubscription> sub;
        SequenceTracker tracker;  ///< written by the delivery thread only
        std::string error;        ///< the first failed reply, written by the delivery thread only
    };
    static void onRequest(natsConnection* nc, natsSubscription*, natsMsg* msg, void* closure);

    ResponderPool() = default;
    std::vector<std::unique_ptr<Member>> members_;
    bool stopped_ = false;
};

}  // namespace nwb::bench
