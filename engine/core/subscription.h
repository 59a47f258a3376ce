// One client subscription: what the trie stores and what delivery reads.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace nwb::core {

class Account;
class ClientConnection;
class InternalSubscriber;

struct Subscription {
    std::shared_ptr<ClientConnection> client;  ///< kept until the subscription leaves the trie
    InternalSubscriber* internal = nullptr;     ///< set instead of `client` for in-process ones
    Account* account = nullptr;                 ///< whose trie holds it
    std::string subject;
    std::string queue;     ///< empty: not in a queue group
    std::string sid;
    /// Pre-rendered " <sid> " for MSG lines, so delivery formats nothing per subscription.
    std::string sid_field;
    std::atomic<std::int64_t> delivered{0};
    std::atomic<std::int64_t> max{0};  ///< auto-unsubscribe after this many; 0: no limit
    std::atomic<bool> closed{false};
};

using SubscriptionPtr = std::shared_ptr<Subscription>;

}  // namespace nwb::core
