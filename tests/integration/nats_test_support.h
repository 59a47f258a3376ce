// libnats ownership wrappers and a thread-safe mailbox for values handed over by libnats
// callbacks, shared by the integration tests.
#pragma once

#include <nats/nats.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <expected>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace nwb::test {

struct NatsDeleter {
    void operator()(natsConnection* p) const noexcept { natsConnection_Destroy(p); }
    void operator()(natsOptions* p) const noexcept { natsOptions_Destroy(p); }
    void operator()(natsSubscription* p) const noexcept { natsSubscription_Destroy(p); }
    void operator()(natsMsg* p) const noexcept { natsMsg_Destroy(p); }
};
using ConnectionPtr = std::unique_ptr<natsConnection, NatsDeleter>;
using OptionsPtr = std::unique_ptr<natsOptions, NatsDeleter>;
using SubscriptionPtr = std::unique_ptr<natsSubscription, NatsDeleter>;
using MsgPtr = std::unique_ptr<natsMsg, NatsDeleter>;
using SharedMsg = std::shared_ptr<natsMsg>;  ///< for messages kept in a Mailbox

/// Options for one test connection: the URL, no reconnect (a lost connection must show), 5 s
/// connect timeout.
inline OptionsPtr makeOptions(const std::string& url) {
    natsOptions* raw = nullptr;
    if (natsOptions_Create(&raw) != NATS_OK) return nullptr;
    OptionsPtr options(raw);
    natsOptions_SetURL(raw, url.c_str());
    natsOptions_SetAllowReconnect(raw, false);
    natsOptions_SetTimeout(raw, 5000);
    return options;
}

/// On failure returns the status; nats_GetLastError() then holds the text.
inline std::expected<ConnectionPtr, natsStatus> connect(natsOptions* options) {
    natsConnection* raw = nullptr;
    const natsStatus status = natsConnection_Connect(&raw, options);
    if (status != NATS_OK) return std::unexpected(status);
    return ConnectionPtr(raw);
}

inline std::expected<ConnectionPtr, natsStatus> connect(
    const std::string& url, const std::function<void(natsOptions*)>& configure = {}) {
    OptionsPtr options = makeOptions(url);
    if (configure) configure(options.get());
    return connect(options.get());
}

inline std::expected<SubscriptionPtr, natsStatus> subscribeSync(natsConnection* nc,
                                                                const std::string& subject,
                                                                const std::string& queue = {}) {
    natsSubscription* raw = nullptr;
    const natsStatus status =
        queue.empty() ? natsConnection_SubscribeSync(&raw, nc, subject.c_str())
                      : natsConnection_QueueSubscribeSync(&raw, nc, subject.c_str(), queue.c_str());
    if (status != NATS_OK) return std::unexpected(status);
    return SubscriptionPtr(raw);
}

/// Next message or the status (NATS_TIMEOUT when nothing arrived within `timeout_ms`).
inline std::expected<MsgPtr, natsStatus> nextMsg(natsSubscription* sub, int64_t timeout_ms) {
    natsMsg* raw = nullptr;
    const natsStatus status = natsSubscription_NextMsg(&raw, sub, timeout_ms);
    if (status != NATS_OK) return std::unexpected(status);
    return MsgPtr(raw);
}

inline std::string msgData(natsMsg* msg) {
    const char* data = natsMsg_GetData(msg);
    return data == nullptr ? std::string() : std::string(data, natsMsg_GetDataLength(msg));
}

inline std::string msgReply(natsMsg* msg) {
    const char* reply = natsMsg_GetReply(msg);
    return reply == nullptr ? std::string() : std::string(reply);
}

inline int pendingMsgs(natsSubscription* sub) {
    int msgs = 0;
    int bytes = 0;
    natsSubscription_GetPending(sub, &msgs, &bytes);
    return msgs;
}

/// Values pushed from libnats callback threads; the test thread waits for them with a deadline.
template <typename T>
class Mailbox {
public:
    /// Any thread; never blocks for long.
    void push(T value) {
        {
            std::lock_guard lock(mutex_);
            items_.push_back(std::move(value));
        }
        changed_.notify_all();
    }

    /// Waits until at least `count` values arrived. Returns false on timeout.
    bool waitForCount(std::size_t count, std::chrono::milliseconds timeout) const {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return items_.size() >= count; });
    }

    std::vector<T> snapshot() const {
        std::lock_guard lock(mutex_);
        return items_;
    }

    std::size_t size() const {
        std::lock_guard lock(mutex_);
        return items_.size();
    }

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::vector<T> items_;
};

}  // namespace nwb::test
