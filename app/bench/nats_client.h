// Thin RAII over libnats for the benchmark: connections that count asynchronous errors, and
// async subscriptions that can be closed safely while their handler's state is still alive.
#pragma once

#include <nats/nats.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <expected>
#include <memory>
#include <mutex>
#include <string>

namespace nwb::bench {

/// Problems libnats reports asynchronously (slow consumer, disconnects) for one run's clients.
/// Thread-safe.
class ClientEvents {
public:
    void record(std::string text);
    /// Stops counting disconnects: called before the run closes its own connections.
    void disarm() { armed_.store(false); }
    bool armed() const { return armed_.load(); }
    std::uint64_t count() const { return count_.load(); }
    std::string first() const;

private:
    std::atomic<bool> armed_{true};
    std::atomic<std::uint64_t> count_{0};
    mutable std::mutex mutex_;
    std::string first_;
};

struct ConnectionCloser {
    void operator()(natsConnection* nc) const;
};
using ConnectionPtr = std::unique_ptr<natsConnection, ConnectionCloser>;

struct ClientSettings {
    bool send_asap = false;  ///< true for latency runs: every publish goes out at once
    std::string name = "nwb-bench";
};

/// Connects without reconnects (a dropped connection must fail the run, not hide in a retry).
/// libnats calls the connection's callbacks on its own thread, possibly after the connection
/// was closed and destroyed, so `events` is shared with them until the final "closed" callback.
std::expected<ConnectionPtr, std::string> connectClient(
    const std::string& url, const ClientSettings& settings,
    const std::shared_ptr<ClientEvents>& events);

std::string statusText(natsStatus status);

/// An async subscription with no pending limits. close() returns only after the handler has
/// returned for the last time, so the handler's closure may be freed afterwards.
class AsyncSubscription {
public:
    static std::expected<std::unique_ptr<AsyncSubscription>, std::string> subscribe(
        natsConnection* nc, const std::string& subject, const std::string& queue,
        natsMsgHandler handler, void* closure);
    /// Takes over a subscription made elsewhere (js_Subscribe): close() then unsubscribes it,
    /// which also deletes a consumer the subscribe call created.
    static std::expected<std::unique_ptr<AsyncSubscription>, std::string> adopt(
        natsSubscription* sub, const std::string& what);
    ~AsyncSubscription();
    AsyncSubscription(const AsyncSubscription&) = delete;
    AsyncSubscription& operator=(const AsyncSubscription&) = delete;

    natsSubscription* get() const { return sub_; }
    /// Messages received by the library but not yet handed to the handler.
    int pending() const;
    /// Messages the library dropped (it should not: there is no limit).
    std::int64_t dropped() const;
    void close();

private:
    /// Shared with libnats's completion callback, which may outlive a timed-out close().
    struct Completion {
        std::mutex mutex;
        std::condition_variable cv;
        bool done = false;
    };

    AsyncSubscription() = default;
    static void onComplete(void* closure);

    natsSubscription* sub_ = nullptr;
    std::shared_ptr<Completion> completion_ = std::make_shared<Completion>();
    bool closed_ = false;
};

}  // namespace nwb::bench
