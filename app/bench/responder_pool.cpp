// Echo responders for request-reply runs.
#include "app/bench/responder_pool.h"

#include "app/bench/payload.h"

namespace nwb::bench {

std::expected<std::unique_ptr<ResponderPool>, std::string> ResponderPool::start(
    const std::string& url, const std::string& subject, std::uint32_t count,
    const std::vector<std::uint64_t>& expected, const std::shared_ptr<ClientEvents>& events) {
    std::unique_ptr<ResponderPool> pool(new ResponderPool());
    for (std::uint32_t i = 0; i < count; ++i) {
        auto member = std::make_unique<Member>(expected);
        // Replies leave at once: a responder answers one request at a time.
        auto conn = connectClient(url, {true, "nwb-bench-responder"}, events);
        if (!conn) return std::unexpected(conn.error());
        member->conn = std::move(*conn);
        auto sub = AsyncSubscription::subscribe(member->conn.get(), subject,
                                                count > 1 ? "nwb-bench-responders" : "",
                                                &ResponderPool::onRequest, member.get());
        if (!sub) return std::unexpected(sub.error());
        member->sub = std::move(*sub);
        if (const natsStatus s = natsConnection_FlushTimeout(member->conn.get(), 5000);
            s != NATS_OK) {
            return std::unexpected("responder flush: " + statusText(s));
        }
        pool->members_.push_back(std::move(member));
    }
    return pool;
}

ResponderPool::~ResponderPool() { stop(); }

void ResponderPool::onRequest(natsConnection* nc, natsSubscription*, natsMsg* msg, void* closure) {
    auto* member = static_cast<Member*>(closure);
    const char* data = natsMsg_GetData(msg);
    const int size = natsMsg_GetDataLength(msg);
    const auto header = readPayloadHeader(data, static_cast<std::size_t>(size));
    if (!header) {
        member->tracker.recordInvalid();
    } else if (header->publisher != kWarmupPublisher) {
        member->tracker.record(header->publisher, header->sequence);
    }
    const char* reply = natsMsg_GetReply(msg);
    if (reply != nullptr && *reply != '\0') {
        const natsStatus s = natsConnection_Publish(nc, reply, data, size);
        if (s != NATS_OK && member->error.empty()) member->error = "reply: " + statusText(s);
    }
    natsMsg_Destroy(msg);
}

void ResponderPool::stop() {
    if (stopped_) return;
    stopped_ = true;
    for (auto& m : members_) {
        if (m->sub) m->sub->close();
    }
    for (auto& m : members_) m->conn.reset();
}

DeliveryCheck ResponderPool::check() const {
    std::vector<const SequenceTracker*> trackers;
    for (const auto& m : members_) trackers.push_back(&m->tracker);
    return SequenceTracker::checkUnion(trackers);
}

std::string ResponderPool::error() const {
    for (const auto& m : members_) {
        if (!m->error.empty()) return m->error;
    }
    return {};
}

}  // namespace nwb::bench
