// Thin RAII over libnats for the benchmark: connections that count asynchronous errors, and
// subscriptions that can be closed safely while their handler's state is still alive.
#pragma once

#include <nats/nats.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <expected>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

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

/// A subscription with no pending limits that hands each message to a handler. close() returns
/// only after the handler has returned for the last time, so its closure may be freed then.
class Subscription {
public:
    virtual ~Subscription() = default;
    /// Messages received by the library but not yet handed to the handler.
    virtual int pending() const = 0;
    /// Messages the library dropped (it should not: there is no limit).
    virtual std::int64_t dropped() const = 0;
    virtual void close() = 0;
};

/// The handler runs on libnats's delivery thread for the subscription.
class AsyncSubscription final : public Subscription {
public:
    static std::expected<std::unique_ptr<AsyncSubscription>, std::string> subscribe(
        natsConnection* nc, const std::string& subject, const std::string& queue,
        natsMsgHandler handler, void* closure);
    /// Takes over a subscription made elsewhere (js_Subscribe): close() then unsubscribes it,
    /// which also deletes a consumer the subscribe call created.
    static std::expected<std::unique_ptr<AsyncSubscription>, std::string> adopt(
        natsSubscription* sub, const std::string& what);
    ~AsyncSubscription() override;
    AsyncSubscription(const AsyncSubscription&) = delete;
    AsyncSubscription& operator=(const AsyncSubscription&) = delete;

    natsSubscription* get() const { return sub_; }
    int pending() const override;
    std::int64_t dropped() const override;
    void close() override;

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

/// A synchronous subscription drained with natsSubscription_NextMsg by a thread of its own, which
/// calls the handler: one thread fewer in libnats, and no callback dispatch.
class SyncSubscription final : public Subscription {
public:
    static std::expected<std::unique_ptr<SyncSubscription>, std::string> subscribe(
        natsConnection* nc, const std::string& subject, const std::string& queue,
        natsMsgHandler handler, void* closure);
    ~SyncSubscription() override;
    SyncSubscription(const SyncSubscription&) = delete;
    SyncSubscription& operator=(const SyncSubscription&) = delete;

    int pending() const override;
    std::int64_t dropped() const override;
    void close() override;

private:
    SyncSubscription() = default;
    void drain(natsConnection* nc, natsMsgHandler handler, void* closure);

    natsSubscription* sub_ = nullptr;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    bool closed_ = false;
};

/// AsyncSubscription or SyncSubscription, as `sync` says.
std::expected<std::unique_ptr<Subscription>, std::string> subscribeWith(
    bool sync, natsConnection* nc, const std::string& subject, const std::string& queue,
    natsMsgHandler handler, void* closure);

}  // namespace nwb::bench
