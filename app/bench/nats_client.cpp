// libnats connection setup and safe subscription teardown.
#include "app/bench/nats_client.h"

#include <chrono>

namespace nwb::bench {
namespace {

/// How long a SyncSubscription's thread waits for a message before it looks at its stop flag.
constexpr std::int64_t kSyncPollMs = 100;

/// The callbacks' closure: owned by the connection's callbacks, freed by the last one (closed).
struct CallbackClosure {
    std::shared_ptr<ClientEvents> events;
};

void onAsyncError(natsConnection*, natsSubscription*, natsStatus err, void* closure) {
    static_cast<CallbackClosure*>(closure)->events->record(std::string("async error: ") +
                                                           statusText(err));
}

void onDisconnected(natsConnection*, void* closure) {
    const auto& events = static_cast<CallbackClosure*>(closure)->events;
    if (events->armed()) events->record("disconnected by the server");
}

void onClosed(natsConnection*, void* closure) { delete static_cast<CallbackClosure*>(closure); }

}  // namespace

void ClientEvents::record(std::string text) {
    count_.fetch_add(1);
    std::lock_guard lock(mutex_);
    if (first_.empty()) first_ = std::move(text);
}

std::string ClientEvents::first() const {
    std::lock_guard lock(mutex_);
    return first_;
}

void ConnectionCloser::operator()(natsConnection* nc) const {
    natsConnection_Close(nc);
    natsConnection_Destroy(nc);
}

std::string statusText(natsStatus status) { return natsStatus_GetText(status); }

std::expected<ConnectionPtr, std::string> connectClient(
    const std::string& url, const ClientSettings& settings,
    const std::shared_ptr<ClientEvents>& events) {
    natsOptions* raw = nullptr;
    if (natsOptions_Create(&raw) != NATS_OK) return std::unexpected("natsOptions_Create failed");
    std::unique_ptr<natsOptions, decltype(&natsOptions_Destroy)> opts(raw, &natsOptions_Destroy);
    natsStatus s = natsOptions_SetURL(raw, url.c_str());
    if (s == NATS_OK) s = natsOptions_SetName(raw, settings.name.c_str());
    if (s == NATS_OK) s = natsOptions_SetSendAsap(raw, settings.send_asap);
    if (s == NATS_OK) s = natsOptions_SetAllowReconnect(raw, false);
    if (s == NATS_OK) s = natsOptions_SetTimeout(raw, 5000);
    if (s == NATS_OK) s = natsOptions_SetPingInterval(raw, 60'000);
    auto closure = std::make_unique<CallbackClosure>(CallbackClosure{events});
    if (s == NATS_OK && events) s = natsOptions_SetErrorHandler(raw, onAsyncError, closure.get());
    if (s == NATS_OK && events)
        s = natsOptions_SetDisconnectedCB(raw, onDisconnected, closure.get());
    if (s == NATS_OK && events) s = natsOptions_SetClosedCB(raw, onClosed, closure.get());
    if (s != NATS_OK) return std::unexpected("client options: " + statusText(s));
    natsConnection* nc = nullptr;
    s = natsConnection_Connect(&nc, raw);
    if (s != NATS_OK) {
        // Whether libnats still calls back for a failed connect is not documented: leak the
        // closure (a few bytes) rather than risk freeing it twice.
        (void)closure.release();
        return std::unexpected("cannot connect to " + url + ": " + statusText(s));
    }
    if (events) (void)closure.release();  // onClosed frees it
    return ConnectionPtr(nc);
}

std::expected<std::unique_ptr<AsyncSubscription>, std::string> AsyncSubscription::subscribe(
    natsConnection* nc, const std::string& subject, const std::string& queue,
    natsMsgHandler handler, void* closure) {
    natsSubscription* raw = nullptr;
    const natsStatus s = queue.empty()
                             ? natsConnection_Subscribe(&raw, nc, subject.c_str(), handler, closure)
                             : natsConnection_QueueSubscribe(&raw, nc, subject.c_str(),
                                                             queue.c_str(), handler, closure);
    if (s != NATS_OK) return std::unexpected("subscribe " + subject + ": " + statusText(s));
    return adopt(raw, subject);
}

std::expected<std::unique_ptr<AsyncSubscription>, std::string> AsyncSubscription::adopt(
    natsSubscription* raw, const std::string& subject) {
    std::unique_ptr<AsyncSubscription> sub(new AsyncSubscription());
    sub->sub_ = raw;
    auto holder = std::make_unique<std::shared_ptr<Completion>>(sub->completion_);
    if (natsSubscription_SetOnCompleteCB(sub->sub_, &AsyncSubscription::onComplete, holder.get()) !=
        NATS_OK) {
        return std::unexpected("cannot configure the subscription on " + subject);
    }
    (void)holder.release();  // onComplete frees it
    if (natsSubscription_SetPendingLimits(sub->sub_, -1, -1) != NATS_OK) {
        return std::unexpected("cannot lift the pending limits on " + subject);
    }
    return sub;
}

AsyncSubscription::~AsyncSubscription() { close(); }

int AsyncSubscription::pending() const {
    int msgs = 0;
    natsSubscription_GetPending(sub_, &msgs, nullptr);
    return msgs;
}

std::int64_t AsyncSubscription::dropped() const {
    int64_t msgs = 0;
    natsSubscription_GetDropped(sub_, &msgs);
    return msgs;
}

void AsyncSubscription::onComplete(void* closure) {
    const std::unique_ptr<std::shared_ptr<Completion>> holder(
        static_cast<std::shared_ptr<Completion>*>(closure));
    const std::shared_ptr<Completion> completion = *holder;
    std::lock_guard lock(completion->mutex);
    completion->done = true;
    completion->cv.notify_all();
}

void AsyncSubscription::close() {
    if (sub_ == nullptr || closed_) return;
    closed_ = true;
    natsSubscription_Unsubscribe(sub_);
    std::unique_lock lock(completion_->mutex);
    // The callback comes from the subscription's delivery thread once the handler is done.
    if (!completion_->cv.wait_for(lock, std::chrono::seconds(10),
                                  [&] { return completion_->done; })) {
        return;  // leak the subscription rather than free state a late handler might still use
    }
    lock.unlock();
    natsSubscription_Destroy(sub_);
    sub_ = nullptr;
}

std::expected<std::unique_ptr<SyncSubscription>, std::string> SyncSubscription::subscribe(
    natsConnection* nc, const std::string& subject, const std::string& queue,
    natsMsgHandler handler, void* closure) {
    std::unique_ptr<SyncSubscription> sub(new SyncSubscription());
    const natsStatus s =
        queue.empty()
            ? natsConnection_SubscribeSync(&sub->sub_, nc, subject.c_str())
            : natsConnection_QueueSubscribeSync(&sub->sub_, nc, subject.c_str(), queue.c_str());
    if (s != NATS_OK) return std::unexpected("subscribe " + subject + ": " + statusText(s));
    if (natsSubscription_SetPendingLimits(sub->sub_, -1, -1) != NATS_OK) {
        return std::unexpected("cannot lift the pending limits on " + subject);
    }
    sub->thread_ =
        std::thread([raw = sub.get(), nc, handler, closure] { raw->drain(nc, handler, closure); });
    return sub;
}

void SyncSubscription::drain(natsConnection* nc, natsMsgHandler handler, void* closure) {
    for (;;) {
        natsMsg* msg = nullptr;
        const natsStatus s = natsSubscription_NextMsg(&msg, sub_, kSyncPollMs);
        if (s == NATS_OK) {
            handler(nc, sub_, msg, closure);
        } else if (s != NATS_TIMEOUT || stop_.load(std::memory_order_relaxed)) {
            return;  // closed or stopped
        }
    }
}

SyncSubscription::~SyncSubscription() { close(); }

int SyncSubscription::pending() const {
    int msgs = 0;
    natsSubscription_GetPending(sub_, &msgs, nullptr);
    return msgs;
}

std::int64_t SyncSubscription::dropped() const {
    int64_t msgs = 0;
    natsSubscription_GetDropped(sub_, &msgs);
    return msgs;
}

void SyncSubscription::close() {
    if (sub_ == nullptr || closed_) return;
    closed_ = true;
    stop_.store(true);
    natsSubscription_Unsubscribe(sub_);  // wakes a NextMsg that waits
    if (thread_.joinable()) thread_.join();
    natsSubscription_Destroy(sub_);
    sub_ = nullptr;
}

std::expected<std::unique_ptr<Subscription>, std::string> subscribeWith(
    bool sync, natsConnection* nc, const std::string& subject, const std::string& queue,
    natsMsgHandler handler, void* closure) {
    if (sync) {
        auto sub = SyncSubscription::subscribe(nc, subject, queue, handler, closure);
        if (!sub) return std::unexpected(sub.error());
        return std::unique_ptr<Subscription>(std::move(*sub));
    }
    auto sub = AsyncSubscription::subscribe(nc, subject, queue, handler, closure);
    if (!sub) return std::unexpected(sub.error());
    return std::unique_ptr<Subscription>(std::move(*sub));
}

}  // namespace nwb::bench
