// The publish/subscribe runner behind pub, pubsub, fanout, nxm and queue.
#include "app/bench/pubsub_runner.h"

#include "app/bench/clock.h"
#include "app/bench/nats_client.h"
#include "app/bench/payload.h"
#include "app/bench/progress.h"
#include "app/bench/run_token.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace nwb::bench {
namespace {

/// Publishers report progress and check the flow-control window once per this many messages.
constexpr std::uint64_t kBatch = 256;

struct SubscriberState {
    SubscriberState(std::vector<std::uint64_t> expected, bool with_latency)
        : tracker(std::move(expected)), measure_latency(with_latency) {}
    // Written only by the thread that runs the handler (libnats's or ours); read after close().
    SequenceTracker tracker;
    LatencyHistogram latency;
    const bool measure_latency;
    std::uint64_t bytes = 0;
    // Read by the main and publisher threads while the run is going.
    std::atomic<std::uint64_t> received{0};
    std::atomic<std::int64_t> last_ns{0};
};

void onMessage(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
    auto* state = static_cast<SubscriberState*>(closure);
    const std::int64_t now = nowNs();
    const auto size = static_cast<std::size_t>(natsMsg_GetDataLength(msg));
    if (const auto header = readPayloadHeader(natsMsg_GetData(msg), size)) {
        state->tracker.record(header->publisher, header->sequence);
        if (state->measure_latency && header->stamp_ns > 0 && now >= header->stamp_ns) {
            state->latency.record(static_cast<std::uint64_t>(now - header->stamp_ns));
        }
    } else {
        state->tracker.recordInvalid();
    }
    state->bytes += size;
    natsMsg_Destroy(msg);
    state->last_ns.store(now, std::memory_order_relaxed);
    state->received.store(state->received.load(std::memory_order_relaxed) + 1,
                          std::memory_order_release);
}

struct PublisherJob {
    std::uint32_t id = 0;
    std::uint64_t count = 0;
    ConnectionPtr conn;
    std::thread thread;
    // Results, read after join.
    std::string error;
    std::uint64_t sent = 0;
    std::int64_t end_ns = 0;
    std::int64_t max_lag_ns = 0;
    std::atomic<bool> done{false};
};

struct Shared {
    const PubSubShape* shape = nullptr;
    const RunContext* ctx = nullptr;
    std::vector<std::string> subjects;
    std::vector<std::unique_ptr<SubscriberState>> subscribers;
    std::uint64_t window = 0;
    std::uint64_t flush_every = 0;
    std::int64_t start_ns = 0;  ///< written before `go`
    std::atomic<bool> go{false};
    std::atomic<bool> abort{false};
    std::atomic<std::uint64_t> published{0};

    /// How far the subscribers are: the slowest one, or the whole queue group together.
    std::uint64_t deliveredProgress() const {
        if (subscribers.empty()) return 0;
        if (shape->queue) {
            std::uint64_t sum = 0;
            for (const auto& s : subscribers) sum += s->received.load(std::memory_order_acquire);
            return sum;
        }
        std::uint64_t slowest = ~std::uint64_t{0};
        for (const auto& s : subscribers) {
            slowest = std::min(slowest, s->received.load(std::memory_order_acquire));
        }
        return slowest;
    }
};

/// Blocks while the publishers are more than `window` messages ahead of the subscribers.
bool waitForWindow(Shared& shared) {
    if (shared.subscribers.empty() || shared.window == 0) return true;
    std::uint64_t last_progress = ~std::uint64_t{0};
    std::int64_t last_change = nowNs();
    for (;;) {
        const std::uint64_t progress = shared.deliveredProgress();
        if (shared.published.load(std::memory_order_relaxed) <= progress + shared.window)
            return true;
        if (shared.abort.load(std::memory_order_relaxed)) return false;
        const std::int64_t now = nowNs();
        if (progress != last_progress) {
            last_progress = progress;
            last_change = now;
        } else if (now - last_change > shared.ctx->stall_timeout.count() * 1'000'000) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
}

void publishLoop(PublisherJob& job, Shared& shared) {
    const ScenarioParams& p = shared.shape->params;
    std::string payload(p.size, 'x');
    shared.go.wait(false);
    const std::int64_t start = shared.start_ns;
    const double interval_ns = p.rate > 0 ? 1e9 * p.pubs / p.rate : 0;
    const std::int64_t flush_timeout_ms = shared.ctx->stall_timeout.count();
    natsConnection* nc = job.conn.get();
    std::size_t subject_index = job.id % shared.subjects.size();
    std::uint64_t unreported = 0;
    std::uint64_t seq = 0;
    for (; seq < job.count; ++seq) {
        std::int64_t stamp_ns = 0;
        if (interval_ns > 0) {
            // Open loop: the latency clock starts at the intended send time, however late we are.
            stamp_ns = start + static_cast<std::int64_t>(static_cast<double>(seq) * interval_ns);
            const std::int64_t now = nowNs();
            if (stamp_ns > now)
                sleepUntilNs(stamp_ns);
            else
                job.max_lag_ns = std::max(job.max_lag_ns, now - stamp_ns);
        }
        writePayloadHeader(payload.data(), payload.size(), {job.id, seq, stamp_ns});
        natsStatus s = natsConnection_Publish(nc, shared.subjects[subject_index].c_str(),
                                              payload.data(), static_cast<int>(payload.size()));
        if (++subject_index == shared.subjects.size()) subject_index = 0;
        if (s != NATS_OK) {
            job.error = "publish: " + statusText(s);
            break;
        }
        if (++unreported == kBatch) {
            shared.published.fetch_add(kBatch, std::memory_order_relaxed);
            unreported = 0;
            if (!waitForWindow(shared)) {
                if (!shared.abort.load()) job.error = "subscribers stopped receiving";
                ++seq;
                break;
            }
        }
        if (shared.flush_every != 0 && (seq + 1) % shared.flush_every == 0) {
            s = natsConnection_FlushTimeout(nc, flush_timeout_ms);
            if (s != NATS_OK) {
                job.error = "flush: " + statusText(s);
                ++seq;
                break;
            }
        }
        if (shared.abort.load(std::memory_order_relaxed)) {
            ++seq;
            break;
        }
    }
    shared.published.fetch_add(unreported, std::memory_order_relaxed);
    job.sent = seq;
    if (job.error.empty() && !shared.abort.load()) {
        // The server has processed everything this publisher sent once the PONG is back.
        const natsStatus s = natsConnection_FlushTimeout(nc, flush_timeout_ms);
        if (s != NATS_OK) job.error = "final flush: " + statusText(s);
    }
    job.end_ns = nowNs();
    if (!job.error.empty()) shared.abort.store(true);
    job.done.store(true);
}

}  // namespace

std::uint64_t messagesForPublisher(std::uint64_t total, std::uint32_t pubs, std::uint32_t index) {
    return total / pubs + (index < total % pubs ? 1 : 0);
}

RunResult runPubSub(const RunContext& ctx, const PubSubShape& shape) {
    const ScenarioParams& p = shape.params;
    RunResult result;
    result.kind = p.subs == 0 ? ScenarioKind::PubOnly : ScenarioKind::PubSub;
    result.params = p;
    if (p.size < kSequenceBytes) {
        result.error = "size must be at least 8 bytes (the sequence number)";
        return result;
    }
    if (p.pubs > kMaxPublishers) {
        result.error = "too many publishers";
        return result;
    }

    Shared shared;
    shared.shape = &shape;
    shared.ctx = &ctx;
    const std::uint64_t framed = p.size + 48;  // payload plus a typical MSG line
    shared.window =
        ctx.window != 0 ? ctx.window : std::max<std::uint64_t>(1000, (16u << 20) / framed);
    shared.flush_every =
        ctx.flush_every != 0 ? ctx.flush_every : std::max<std::uint64_t>(1000, (8u << 20) / framed);
    const std::string prefix = "nwbbench." + randomToken();
    if (p.subjects == 1) {
        shared.subjects.push_back(prefix);
    } else {
        for (std::uint32_t i = 0; i < p.subjects; ++i)
            shared.subjects.push_back(prefix + "." + std::to_string(i));
    }
    const std::string sub_subject = p.subjects == 1 ? prefix : prefix + ".*";

    std::vector<std::uint64_t> per_publisher;
    for (std::uint32_t i = 0; i < p.pubs; ++i)
        per_publisher.push_back(messagesForPublisher(p.msgs, p.pubs, i));
    const bool measure_latency = p.rate > 0 && p.size >= kStampedBytes;

    const auto events = std::make_shared<ClientEvents>();
    std::vector<ConnectionPtr> sub_conns;
    std::vector<std::unique_ptr<Subscription>> subs;
    const auto teardown = [&] {
        for (auto& s : subs) s->close();
        events->disarm();
        subs.clear();
        sub_conns.clear();
    };
    for (std::uint32_t i = 0; i < p.subs; ++i) {
        auto conn = connectClient(ctx.url, {false, "nwb-bench-sub"}, events);
        if (!conn) {
            result.error = conn.error();
            teardown();
            return result;
        }
        shared.subscribers.push_back(
            std::make_unique<SubscriberState>(per_publisher, measure_latency));
        auto sub = subscribeWith(ctx.subscriber_mode == SubscriberMode::Sync, conn->get(),
                                 sub_subject, shape.queue ? "nwb-bench-q" : "", onMessage,
                                 shared.subscribers.back().get());
        if (!sub) {
            result.error = sub.error();
            teardown();
            return result;
        }
        subs.push_back(std::move(*sub));
        // The PONG proves the server has registered the subscription before anyone publishes.
        if (const natsStatus s = natsConnection_FlushTimeout(conn->get(), 5000); s != NATS_OK) {
            result.error = "subscriber flush: " + statusText(s);
            teardown();
            return result;
        }
        sub_conns.push_back(std::move(*conn));
    }

    std::vector<std::unique_ptr<PublisherJob>> jobs;
    for (std::uint32_t i = 0; i < p.pubs; ++i) {
        auto conn = connectClient(ctx.url, {p.rate > 0, "nwb-bench-pub"}, events);
        if (!conn) {
            result.error = conn.error();
            jobs.clear();
            teardown();
            return result;
        }
        auto job = std::make_unique<PublisherJob>();
        job->id = i;
        job->count = per_publisher[i];
        job->conn = std::move(*conn);
        jobs.push_back(std::move(job));
    }
    for (auto& job : jobs) job->thread = std::thread(publishLoop, std::ref(*job), std::ref(shared));

    shared.start_ns = nowNs();
    shared.go.store(true);
    shared.go.notify_all();

    const std::uint64_t to_receive = shape.queue ? p.msgs : p.msgs * p.subs;
    ProgressReporter progress(ctx);
    std::uint64_t last_progress = 0;
    std::int64_t last_change = nowNs();
    for (;;) {
        bool publishers_done = true;
        for (const auto& job : jobs) publishers_done = publishers_done && job->done.load();
        std::uint64_t received = 0;
        for (const auto& s : shared.subscribers)
            received += s->received.load(std::memory_order_acquire);
        const std::uint64_t published = shared.published.load(std::memory_order_relaxed);
        if (publishers_done && (received >= to_receive || shared.abort.load())) break;
        if (events->count() > 0 && result.error.empty()) {
            result.error = events->first();
            shared.abort.store(true);
        }
        const std::int64_t now = nowNs();
        if (published + received != last_progress) {
            last_progress = published + received;
            last_change = now;
        } else if (now - last_change > ctx.stall_timeout.count() * 1'000'000) {
            if (result.error.empty()) {
                result.error =
                    "no progress for " + std::to_string(ctx.stall_timeout.count() / 1000) + " s";
            }
            shared.abort.store(true);
            if (publishers_done) break;
        }
        progress.update(published, p.msgs, received, to_receive);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    for (auto& job : jobs) job->thread.join();

    // Let late (duplicate) deliveries arrive before counting: after the PONG, the server has
    // written everything it meant for this connection; then wait for the library's queue.
    for (std::size_t i = 0; i < sub_conns.size(); ++i) {
        natsConnection_FlushTimeout(sub_conns[i].get(), 2000);
        const std::int64_t deadline = nowNs() + 2'000'000'000;
        while (subs[i]->pending() > 0 && nowNs() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    std::int64_t dropped = 0;
    for (const auto& s : subs) dropped += s->dropped();
    teardown();  // the handlers have returned for the last time after this
    std::int64_t publish_end = shared.start_ns;
    std::int64_t max_lag_ns = 0;
    for (const auto& job : jobs) {
        publish_end = std::max(publish_end, job->end_ns);
        max_lag_ns = std::max(max_lag_ns, job->max_lag_ns);
        result.published += job->sent;
        if (result.error.empty() && !job->error.empty()) result.error = job->error;
    }
    jobs.clear();  // closes the publishers' connections
    if (events->count() > 0 && result.error.empty()) result.error = events->first();
    if (dropped > 0 && result.error.empty()) {
        result.error = "the client library dropped " + std::to_string(dropped) + " messages";
    }

    result.publish_seconds = static_cast<double>(publish_end - shared.start_ns) / 1e9;
    std::int64_t last_delivery = shared.start_ns;
    std::vector<const SequenceTracker*> trackers;
    for (const auto& s : shared.subscribers) {
        result.delivered += s->received.load();
        result.payload_bytes_delivered += s->bytes;
        last_delivery = std::max(last_delivery, s->last_ns.load());
        trackers.push_back(&s->tracker);
        result.latency.merge(s->latency);
    }
    result.has_latency = measure_latency;
    result.total_seconds = p.subs == 0 ? result.publish_seconds
                                       : static_cast<double>(last_delivery - shared.start_ns) / 1e9;
    if (p.subs > 0) {
        result.check = shape.queue ? SequenceTracker::checkUnion(trackers)
                                   : SequenceTracker::checkEach(trackers);
        const std::uint64_t unsent = p.msgs - std::min(p.msgs, result.published);
        result.check.excludeUnsent(shape.queue ? unsent : unsent * p.subs);
    } else if (result.published != p.msgs && result.error.empty()) {
        result.error =
            "published " + std::to_string(result.published) + " of " + std::to_string(p.msgs);
    }
    if (p.rate > 0) {
        const double achieved = result.publishRate();
        if (achieved < 0.95 * p.rate || max_lag_ns > 100'000'000) {
            result.warnings.push_back("publishers fell behind the requested rate (achieved " +
                                      std::to_string(static_cast<std::uint64_t>(achieved)) +
                                      " msgs/s, worst lag " +
                                      std::to_string(max_lag_ns / 1'000'000) + " ms)");
        }
    }
    return result;
}

}  // namespace nwb::bench
