// Open-loop request-reply: paced PublishRequest calls, replies on a per-requester inbox.
#include "app/bench/open_loop_runner.h"

#include "app/bench/clock.h"
#include "app/bench/nats_client.h"
#include "app/bench/payload.h"
#include "app/bench/progress.h"
#include "app/bench/pubsub_runner.h"
#include "app/bench/responder_pool.h"
#include "app/bench/run_token.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace nwb::bench {
namespace {

struct Requester {
    Requester(std::uint32_t index, std::vector<std::uint64_t> expected)
        : id(index), tracker(std::move(expected)) {}
    std::uint32_t id;
    std::uint64_t count = 0;
    std::string inbox;
    ConnectionPtr conn;
    std::unique_ptr<AsyncSubscription> replies_sub;
    std::thread thread;
    // Sender thread.
    std::string error;
    std::int64_t max_lag_ns = 0;
    std::atomic<std::uint64_t> sent{0};
    std::atomic<bool> done{false};
    // Reply handler (the subscription's delivery thread); read after the subscription closed.
    SequenceTracker tracker;
    LatencyHistogram latency;
    std::atomic<std::uint64_t> replies{0};
    std::atomic<std::int64_t> last_reply_ns{0};
};

void onReply(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
    auto* r = static_cast<Requester*>(closure);
    const std::int64_t now = nowNs();
    const auto header = readPayloadHeader(natsMsg_GetData(msg),
                                          static_cast<std::size_t>(natsMsg_GetDataLength(msg)));
    if (header && header->publisher == r->id) {
        r->tracker.record(header->publisher, header->sequence);
        if (now >= header->stamp_ns)
            r->latency.record(static_cast<std::uint64_t>(now - header->stamp_ns));
    } else {
        r->tracker.recordInvalid();
    }
    natsMsg_Destroy(msg);
    r->last_reply_ns.store(now, std::memory_order_relaxed);
    r->replies.store(r->replies.load(std::memory_order_relaxed) + 1, std::memory_order_release);
}

void sendLoop(Requester& r, const std::string& subject, const ScenarioParams& p,
              const std::atomic<std::int64_t>& start_ns, const std::atomic<bool>& abort) {
    std::string payload(p.size, 'x');
    start_ns.wait(0);
    const std::int64_t start = start_ns.load();
    const double interval_ns = 1e9 * p.pubs / p.rate;
    // Requesters are staggered so that together they send evenly.
    const double offset_ns = interval_ns * r.id / p.pubs;
    for (std::uint64_t seq = 0; seq < r.count && !abort.load(std::memory_order_relaxed); ++seq) {
        const auto intended =
            start + static_cast<std::int64_t>(offset_ns + static_cast<double>(seq) * interval_ns);
        const std::int64_t now = nowNs();
        if (intended > now)
            sleepUntilNs(intended);
        else
            r.max_lag_ns = std::max(r.max_lag_ns, now - intended);
        writePayloadHeader(payload.data(), payload.size(), {r.id, seq, intended});
        const natsStatus s =
            natsConnection_PublishRequest(r.conn.get(), subject.c_str(), r.inbox.c_str(),
                                          payload.data(), static_cast<int>(payload.size()));
        if (s != NATS_OK) {
            r.error = "publish request: " + statusText(s);
            break;
        }
        r.sent.store(seq + 1, std::memory_order_relaxed);
    }
    r.done.store(true);
}

}  // namespace

RunResult runOpenLoop(const RunContext& ctx, const ScenarioParams& p) {
    RunResult result;
    result.kind = ScenarioKind::Request;
    result.params = p;
    result.has_latency = true;
    if (p.size < kStampedBytes) {
        result.error = "size must be at least 16 bytes (sequence number and send time)";
        return result;
    }
    if (p.rate <= 0) {
        result.error = "an open loop needs a rate (--rate)";
        return result;
    }
    if (p.pubs > kMaxPublishers) {
        result.error = "too many requesters";
        return result;
    }
    const std::string token = randomToken();
    const std::string subject = "nwbbench." + token + ".req";
    std::vector<std::uint64_t> per_requester;
    for (std::uint32_t i = 0; i < p.pubs; ++i)
        per_requester.push_back(messagesForPublisher(p.msgs, p.pubs, i));

    const auto events = std::make_shared<ClientEvents>();
    auto responders = ResponderPool::start(ctx.url, subject, std::max<std::uint32_t>(1, p.subs),
                                           per_requester, events);
    if (!responders) {
        result.error = responders.error();
        return result;
    }
    std::vector<std::unique_ptr<Requester>> requesters;
    const auto closeAll = [&] {
        for (auto& r : requesters) {
            if (r->replies_sub) r->replies_sub->close();
        }
        events->disarm();
        (*responders)->stop();
        for (auto& r : requesters) r->conn.reset();
    };
    for (std::uint32_t i = 0; i < p.pubs; ++i) {
        std::vector<std::uint64_t> expected(p.pubs, 0);
        expected[i] = per_requester[i];
        auto r = std::make_unique<Requester>(i, std::move(expected));
        r->count = per_requester[i];
        r->inbox = "_INBOX.nwbbench." + token + "." + std::to_string(i);
        auto conn = connectClient(ctx.url, {true, "nwb-bench-requester"}, events);
        if (!conn) {
            result.error = conn.error();
            closeAll();
            return result;
        }
        r->conn = std::move(*conn);
        auto sub = AsyncSubscription::subscribe(r->conn.get(), r->inbox, "", onReply, r.get());
        if (!sub) {
            result.error = sub.error();
            closeAll();
            return result;
        }
        r->replies_sub = std::move(*sub);
        natsConnection_FlushTimeout(r->conn.get(), 5000);
        requesters.push_back(std::move(r));
    }

    std::atomic<std::int64_t> start_ns{0};
    std::atomic<bool> abort{false};
    for (auto& r : requesters) {
        r->thread = std::thread(sendLoop, std::ref(*r), std::cref(subject), std::cref(p),
                                std::cref(start_ns), std::cref(abort));
    }
    const std::int64_t start = nowNs();
    start_ns.store(start);
    start_ns.notify_all();

    ProgressReporter progress(ctx);
    std::uint64_t last_progress = 0;
    std::int64_t last_change = nowNs();
    for (;;) {
        bool all_sent = true;
        std::uint64_t sent = 0;
        std::uint64_t replies = 0;
        for (const auto& r : requesters) {
            all_sent = all_sent && r->done.load();
            sent += r->sent.load(std::memory_order_relaxed);
            replies += r->replies.load(std::memory_order_acquire);
        }
        if (all_sent && (replies >= p.msgs || abort.load())) break;
        if (events->count() > 0 && result.error.empty()) {
            result.error = events->first();
            abort.store(true);
        }
        const std::int64_t now = nowNs();
        if (sent + replies != last_progress) {
            last_progress = sent + replies;
            last_change = now;
        } else if (now - last_change > ctx.stall_timeout.count() * 1'000'000) {
            if (result.error.empty()) result.error = "replies stopped coming";
            abort.store(true);
            if (all_sent) break;
        }
        progress.update(sent, p.msgs, replies, p.msgs);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    for (auto& r : requesters) r->thread.join();
    for (auto& r : requesters)
        natsConnection_FlushTimeout(r->conn.get(), 2000);  // let late duplicates in
    closeAll();

    std::int64_t end = start;
    std::int64_t max_lag_ns = 0;
    std::vector<const SequenceTracker*> trackers;
    for (auto& r : requesters) {
        end = std::max(end, r->last_reply_ns.load());
        max_lag_ns = std::max(max_lag_ns, r->max_lag_ns);
        result.published += r->sent.load();
        result.delivered += r->replies.load();
        result.latency.merge(r->latency);
        trackers.push_back(&r->tracker);
        if (result.error.empty() && !r->error.empty()) result.error = r->error;
    }
    if (result.error.empty() && events->count() > 0) result.error = events->first();
    if (result.error.empty()) result.error = (*responders)->error();
    result.payload_bytes_delivered = result.delivered * p.size;
    result.total_seconds = static_cast<double>(end - start) / 1e9;
    result.publish_seconds = result.total_seconds;
    result.check = SequenceTracker::checkEach(trackers);
    result.server_side_check = (*responders)->check();
    const std::uint64_t unsent = p.msgs - std::min(p.msgs, result.published);
    result.check.excludeUnsent(unsent);
    result.server_side_check.excludeUnsent(unsent);
    if (max_lag_ns > 1'000'000) {
        result.warnings.push_back("the client sent up to " + std::to_string(max_lag_ns / 1000) +
                                  " us late; that delay is counted as latency");
    }
    return result;
}

}  // namespace nwb::bench
