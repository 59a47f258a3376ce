// Routes one message to the subscriptions its subject matched.
#include "engine/core/message_router.h"

#include <random>

#include "engine/core/client_connection.h"
#include "engine/core/internal_subscriber.h"

namespace nwb::core {
namespace {

/// A fast per-thread generator for picking queue-group members.
std::size_t randomIndex(std::size_t n) {
    thread_local std::minstd_rand rng(std::random_device{}());
    return static_cast<std::size_t>(rng()) % n;
}

bool deliverOne(const SubscriptionPtr& sub, const protocol::PubArgs& pa, std::string_view data,
                const ClientConnection* sender, bool echo, std::uint64_t sender_cid,
                DeliveryTally& tally) {
    if (sub->internal != nullptr) {
        if (sub->closed.load(std::memory_order_relaxed)) return false;
        const std::size_t hdr = pa.header_size > 0 ? static_cast<std::size_t>(pa.header_size) : 0;
        sub->internal->onMessage(
            {pa.subject, pa.reply, data.substr(0, hdr), data.substr(hdr), sender_cid});
        return true;
    }
    if (sub->client.get() == sender && !echo) return false;
    return sub->client->acceptDelivery(sub, pa, data, tally);
}

}  // namespace

bool routeMessage(const MatchResult& matches, const protocol::PubArgs& pa, std::string_view data,
                  const ClientConnection* sender, bool echo, std::uint64_t sender_cid,
                  DeliveryTally& tally) {
    bool delivered = false;
    for (const SubscriptionPtr& sub : matches.plain) {
        delivered |= deliverOne(sub, pa, data, sender, echo, sender_cid, tally);
    }
    for (const auto& group : matches.queues) {
        // One member per group, chosen at random; try the others if that one cannot take it.
        const std::size_t start = randomIndex(group.size());
        for (std::size_t k = 0; k < group.size(); ++k) {
            if (deliverOne(group[(start + k) % group.size()], pa, data, sender, echo, sender_cid,
                           tally)) {
                delivered = true;
                break;
            }
        }
    }
    return delivered;
}

}  // namespace nwb::core
