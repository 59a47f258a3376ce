// Closed-loop request-reply: round-trip latency of natsConnection_Request, and requests/s.
#include "app/bench/closed_loop_runner.h"

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
    ConnectionPtr conn;
    std::thread thread;
    SequenceTracker tracker;
    LatencyHistogram latency;
    std::string error;
    std::uint64_t count = 0;
    std::int64_t end_ns = 0;
    std::atomic<std::uint64_t> sent{0};
    std::atomic<std::uint64_t> replies{0};
    std::atomic<bool> done{false};
};

void requestLoop(Requester& r, const std::string& subject, const ScenarioParams& p,
                 const RunContext& ctx, const std::atomic<bool>& go,
                 const std::atomic<bool>& abort) {
    std::string payload(p.size, 'x');
    go.wait(false);
    const auto timeout_ms = ctx.stall_timeout.count();
    for (std::uint64_t seq = 0; seq < r.count && !abort.load(std::memory_order_relaxed); ++seq) {
        const std::int64_t start = nowNs();
        writePayloadHeader(payload.data(), payload.size(), {r.id, seq, start});
        natsMsg* reply = nullptr;
        const natsStatus s =
            natsConnection_Request(&reply, r.conn.get(), subject.c_str(), payload.data(),
                                   static_cast<int>(payload.size()), timeout_ms);
        const std::int64_t end = nowNs();
        r.sent.store(seq + 1, std::memory_order_relaxed);
        if (s != NATS_OK) {
            r.error = "request " + std::to_string(seq) + ": " + statusText(s);
            break;
        }
        const auto header = readPayloadHeader(
            natsMsg_GetData(reply), static_cast<std::size_t>(natsMsg_GetDataLength(reply)));
        if (header && header->publisher == r.id && header->sequence == seq) {
            r.tracker.record(header->publisher, header->sequence);
        } else {
            r.tracker.recordInvalid();  // a reply to some other request
        }
        natsMsg_Destroy(reply);
        r.latency.record(static_cast<std::uint64_t>(end - start));
        r.replies.store(seq + 1, std::memory_order_release);
    }
    r.end_ns = nowNs();
    r.done.store(true);
}

}  // namespace

RunResult runClosedLoop(const RunContext& ctx, const ScenarioParams& p) {
    RunResult result;
    result.kind = ScenarioKind::Request;
    result.params = p;
    result.has_latency = true;
    if (p.size < kSequenceBytes) {
        result.error = "size must be at least 8 bytes (the sequence number)";
        return result;
    }
    if (p.pubs > kMaxPublishers) {
        result.error = "too many requesters";
        return result;
    }
    const std::string subject = "nwbbench." + randomToken() + ".req";
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
    for (std::uint32_t i = 0; i < p.pubs; ++i) {
        std::vector<std::uint64_t> expected(p.pubs, 0);
        expected[i] = per_requester[i];
        auto r = std::make_unique<Requester>(i, std::move(expected));
        r->count = per_requester[i];
        auto conn = connectClient(ctx.url, {false, "nwb-bench-requester"}, events);
        if (!conn) {
            result.error = conn.error();
            return result;
        }
        r->conn = std::move(*conn);
        // Warm up: the first request also sets up the client's reply subscription.
        std::string warmup(p.size, 'x');
        writePayloadHeader(warmup.data(), warmup.size(), {kWarmupPublisher, 0, 0});
        natsMsg* reply = nullptr;
        if (const natsStatus s =
                natsConnection_Request(&reply, r->conn.get(), subject.c_str(), warmup.data(),
                                       static_cast<int>(warmup.size()), 5000);
            s != NATS_OK) {
            result.error = "warm-up request: " + statusText(s);
            return result;
        }
        natsMsg_Destroy(reply);
        requesters.push_back(std::move(r));
    }

    std::atomic<bool> go{false};
    std::atomic<bool> abort{false};
    for (auto& r : requesters) {
        r->thread = std::thread(requestLoop, std::ref(*r), std::cref(subject), std::cref(p),
                                std::cref(ctx), std::cref(go), std::cref(abort));
    }
    const std::int64_t start = nowNs();
    go.store(true);
    go.notify_all();

    ProgressReporter progress(ctx);
    for (;;) {
        bool all_done = true;
        std::uint64_t sent = 0;
        std::uint64_t replies = 0;
        for (const auto& r : requesters) {
            all_done = all_done && r->done.load();
            sent += r->sent.load(std::memory_order_relaxed);
            replies += r->replies.load(std::memory_order_relaxed);
        }
        if (all_done) break;
        if (events->count() > 0) abort.store(true);
        progress.update(sent, p.msgs, replies, p.msgs);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    for (auto& r : requesters) r->thread.join();
    events->disarm();
    (*responders)->stop();

    std::int64_t end = start;
    std::vector<const SequenceTracker*> trackers;
    for (auto& r : requesters) {
        end = std::max(end, r->end_ns);
        result.published += r->sent.load();
        result.delivered += r->replies.load();
        result.latency.merge(r->latency);
        trackers.push_back(&r->tracker);
        if (result.error.empty() && !r->error.empty()) result.error = r->error;
    }
    result.check = SequenceTracker::checkEach(trackers);
    requesters.clear();
    if (result.error.empty() && events->count() > 0) result.error = events->first();
    if (result.error.empty()) result.error = (*responders)->error();
    result.payload_bytes_delivered = result.delivered * p.size;
    result.publish_seconds = result.total_seconds = static_cast<double>(end - start) / 1e9;
    result.server_side_check = (*responders)->check();
    const std::uint64_t unsent = p.msgs - std::min(p.msgs, result.published);
    result.check.excludeUnsent(unsent);
    result.server_side_check.excludeUnsent(unsent);
    return result;
}

}  // namespace nwb::bench
