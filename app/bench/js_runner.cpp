// JetStream publish, consume and key-value runners for nwb-bench.
#include "app/bench/js_runner.h"

#include "app/bench/clock.h"
#include "app/bench/jetstream_client.h"
#include "app/bench/payload.h"
#include "app/bench/progress.h"

#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <thread>

namespace nwb::bench {
namespace {

constexpr std::int64_t kFillWindow = 4096;
constexpr const char* kDurable = "nwbbench";

void setError(RunResult& result, const std::string& text) {
    if (result.error.empty() && !text.empty()) result.error = text;
}

RunResult newResult(ScenarioKind kind, const ScenarioParams& p, bool latency) {
    RunResult result;
    result.kind = kind;
    result.params = p;
    result.has_latency = latency;
    return result;
}

double secondsBetween(std::int64_t from_ns, std::int64_t to_ns) {
    return static_cast<double>(std::max<std::int64_t>(to_ns - from_ns, 0)) / 1e9;
}

/// What the acks of `sent` asynchronous publishes say: "" when each was acked once, in order.
std::string ackProblems(const AsyncAcks& acks, std::uint64_t sent, std::uint64_t planned) {
    if (acks.failures() > 0) {
        return fmt::format("{} publishes failed; first: {}", acks.failures(), acks.firstError());
    }
    const SequenceTracker* trackers[] = {&acks.tracker()};
    DeliveryCheck check = SequenceTracker::checkEach(trackers);
    check.excludeUnsent(planned - sent);
    return check.ok() ? "" : "publish acks: " + check.describe();
}

/// Fills the fresh stream behind `subject` with p.msgs messages (outside the timed part) through
/// the client's asynchronous publishing, whose acks go to `acks`, and checks what it holds.
std::string fill(JsClient& client, const AsyncAcks& acks, const std::string& subject, bool per_key,
                 const std::string& stream, const ScenarioParams& p, const RunContext& ctx) {
    RunContext filling = ctx;
    filling.label = ctx.label + " (filling)";
    std::uint64_t sent = 0;
    if (auto error = publishAllAsync(client, acks, subject, per_key, p.msgs, p.size, filling, sent);
        !error.empty()) {
        return "filling the stream: " + error;
    }
    if (auto problems = ackProblems(acks, sent, p.msgs); !problems.empty()) {
        return "filling the stream: " + problems;
    }
    const auto counts = streamCounts(client.js(), stream);
    if (!counts) return counts.error();
    if (auto problem = checkStreamCounts(*counts, p.msgs); !problem.empty()) {
        return "after filling, " + problem;
    }
    return "";
}

/// After the timed part: the stream must hold the `stored` messages (unless the run already
/// failed), then it goes. Errors go to result.error, the first one winning.
void finishStream(JsClient& client, const std::string& stream, std::uint64_t stored,
                  RunResult& result) {
    if (result.ok()) {
        const auto counts = streamCounts(client.js(), stream);
        if (!counts)
            setError(result, counts.error());
        else
            setError(result, checkStreamCounts(*counts, stored));
    }
    setError(result, deleteStream(client.js(), stream));
    if (client.events().count() > 0) setError(result, client.events().first());
    client.disarm();
}

/// The async acks' owner: libnats may still call back into them when some publish never settled,
/// so then they are leaked on purpose rather than freed under a late callback.
void releaseUnlessSettled(std::unique_ptr<AsyncAcks>& acks, std::uint64_t sent) {
    if (acks && acks->settled() != sent) (void)acks.release();
}

std::string kvStreamName(const std::string& bucket) { return "KV_" + bucket; }

std::expected<KvStorePtr, std::string> createBucket(jsCtx* js, const std::string& bucket) {
    kvConfig config;
    kvConfig_Init(&config);
    config.Bucket = bucket.c_str();
    config.History = 1;
    config.StorageType = js_FileStorage;
    config.Replicas = 1;
    kvStore* kv = nullptr;
    if (const natsStatus s = js_CreateKeyValue(&kv, js, &config); s != NATS_OK)
        return std::unexpected(jsFailure("create KV bucket " + bucket, s));
    return KvStorePtr(kv);
}

void finishBucket(JsClient& client, KvStorePtr kv, const std::string& bucket, std::uint64_t stored,
                  RunResult& result) {
    kv.reset();
    if (result.ok()) {
        const auto counts = streamCounts(client.js(), kvStreamName(bucket));
        if (!counts)
            setError(result, counts.error());
        else
            setError(result, checkStreamCounts(*counts, stored));
    }
    if (const natsStatus s = js_DeleteKeyValue(client.js(), bucket.c_str()); s != NATS_OK)
        setError(result, jsFailure("delete KV bucket " + bucket, s));
    if (client.events().count() > 0) setError(result, client.events().first());
    client.disarm();
}

/// The ordered consumer's handler state: written by the subscription's delivery thread only.
struct OrderedState {
    explicit OrderedState(std::uint64_t count) : tracker(std::vector<std::uint64_t>{count}) {}
    SequenceTracker tracker;
    std::uint64_t bytes = 0;
    std::atomic<std::uint64_t> received{0};
    std::atomic<std::int64_t> last_ns{0};
};

void onOrderedMessage(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
    auto* state = static_cast<OrderedState*>(closure);
    const auto size = static_cast<std::size_t>(natsMsg_GetDataLength(msg));
    if (const auto header = readPayloadHeader(natsMsg_GetData(msg), size))
        state->tracker.record(header->publisher, header->sequence);
    else
        state->tracker.recordInvalid();
    state->bytes += size;
    natsMsg_Destroy(msg);
    state->last_ns.store(nowNs(), std::memory_order_relaxed);
    state->received.store(state->received.load(std::memory_order_relaxed) + 1,
                          std::memory_order_release);
}

}  // namespace

std::string validateJetStreamParams(const ScenarioParams& p, std::uint32_t subs) {
    if (p.pubs != 1) return "JetStream scenarios have one client (pubs=1)";
    if (p.subs != subs) return fmt::format("this scenario has subs={}", subs);
    if (p.subjects != 1) return "JetStream scenarios use one subject";
    if (p.rate != 0) return "JetStream scenarios run flat out (no rate)";
    if (p.size < kSequenceBytes) return "size must be at least 8 bytes (the sequence number)";
    if (p.msgs > 0x7FFFFFFF) return "at most 2^31-1 messages";
    return "";
}

RunResult runJsPublishSync(const RunContext& ctx, const ScenarioParams& p) {
    RunResult result = newResult(ScenarioKind::JsPublish, p, true);
    auto client = JsClient::connect(ctx, "nwb-bench-js", false, nullptr, 0);
    if (!client) {
        result.error = client.error();
        return result;
    }
    const JsNames names = freshJsNames();
    if (auto error = createStream((*client)->js(), names.stream, names.subject); !error.empty()) {
        result.error = error;
        return result;
    }
    SequenceTracker tracker(std::vector<std::uint64_t>{p.msgs});
    std::string payload(p.size, 'x');
    jsPubOptions options;
    jsPubOptions_Init(&options);
    options.MaxWait = ctx.stall_timeout.count();
    ProgressReporter progress(ctx);

    markMeasure(ctx.measure_begin);
    const std::int64_t start = nowNs();
    std::uint64_t sent = 0;
    for (std::uint64_t seq = 0; seq < p.msgs; ++seq) {
        const std::int64_t before = nowNs();
        writePayloadHeader(payload.data(), payload.size(), {0, seq, before});
        jsPubAck* ack = nullptr;
        jsErrCode code = jsErrCode(0);
        const natsStatus s =
            js_Publish(&ack, (*client)->js(), names.subject.c_str(), payload.data(),
                       static_cast<int>(payload.size()), &options, &code);
        const std::int64_t after = nowNs();
        ++sent;
        if (s != NATS_OK) {
            result.error = jsFailure(fmt::format("js_Publish #{}", seq), s, code);
            break;
        }
        // A fresh stream stores one connection's publishes in order: message i is sequence i+1.
        if (ack->Duplicate || ack->Sequence != seq + 1)
            tracker.recordInvalid();
        else
            tracker.record(0, seq);
        jsPubAck_Destroy(ack);
        ++result.delivered;
        result.latency.record(static_cast<std::uint64_t>(after - before));
        progress.update(sent, p.msgs, result.delivered, p.msgs);
    }
    const std::int64_t end = nowNs();
    markMeasure(ctx.measure_end);

    result.published = sent;
    result.payload_bytes_delivered = result.delivered * p.size;
    result.publish_seconds = result.total_seconds = secondsBetween(start, end);
    const SequenceTracker* trackers[] = {&tracker};
    result.check = SequenceTracker::checkEach(trackers);
    result.check.excludeUnsent(p.msgs - result.delivered);  // a failed publish was never due
    finishStream(**client, names.stream, result.delivered, result);
    return result;
}

RunResult runJsPublishAsync(const RunContext& ctx, const ScenarioParams& p) {
    RunResult result = newResult(ScenarioKind::JsPublish, p, p.size >= kStampedBytes);
    const std::uint32_t window = p.batch != 0 ? p.batch : kDefaultAsyncWindow;
    auto acks = std::make_unique<AsyncAcks>(p.msgs, result.has_latency);
    auto client = JsClient::connect(ctx, "nwb-bench-js", false, acks.get(), window);
    if (!client) {
        result.error = client.error();
        return result;
    }
    const JsNames names = freshJsNames();
    if (auto error = createStream((*client)->js(), names.stream, names.subject); !error.empty()) {
        result.error = error;
        return result;
    }

    markMeasure(ctx.measure_begin);
    const std::int64_t start = nowNs();
    std::uint64_t sent = 0;
    std::int64_t last_publish = start;
    result.error = publishAllAsync(**client, *acks, names.subject, false, p.msgs, p.size, ctx, sent,
                                   &last_publish);
    const std::int64_t end = nowNs();
    markMeasure(ctx.measure_end);

    result.published = sent;
    result.publish_seconds = secondsBetween(start, last_publish);
    result.total_seconds = secondsBetween(start, end);
    if (acks->settled() == sent) {
        result.delivered = acks->acked();
        result.payload_bytes_delivered = result.delivered * p.size;
        result.latency.merge(acks->latency());
        const SequenceTracker* trackers[] = {&acks->tracker()};
        result.check = SequenceTracker::checkEach(trackers);
        result.check.excludeUnsent(p.msgs - sent);
        if (acks->failures() > 0) {
            setError(result, fmt::format("{} publishes failed; first: {}", acks->failures(),
                                         acks->firstError()));
        }
    }
    finishStream(**client, names.stream, result.delivered, result);
    releaseUnlessSettled(acks, sent);
    return result;
}

/// A fresh stream holding p.msgs messages, filled before the timed part of a consumer
/// scenario; finish() checks and deletes it.
struct FilledStream {
    std::unique_ptr<AsyncAcks> fill_acks;
    std::unique_ptr<JsClient> client;  ///< destroyed before fill_acks, which it reports to
    JsNames names;
    std::uint64_t msgs = 0;

    /// Null with result.error set when the client, the stream or the fill failed.
    static std::unique_ptr<FilledStream> prepare(const RunContext& ctx, const ScenarioParams& p,
                                                 RunResult& result) {
        auto filled = std::make_unique<FilledStream>();
        filled->msgs = p.msgs;
        filled->fill_acks = std::make_unique<AsyncAcks>(p.msgs, false);
        auto client =
            JsClient::connect(ctx, "nwb-bench-js", false, filled->fill_acks.get(), kFillWindow);
        if (!client) {
            result.error = client.error();
            return nullptr;
        }
        filled->client = std::move(*client);
        filled->names = freshJsNames();
        const JsNames& names = filled->names;
        if (auto error = createStream(filled->client->js(), names.stream, names.subject);
            !error.empty()) {
            result.error = error;
            return nullptr;
        }
        if (auto error = fill(*filled->client, *filled->fill_acks, names.subject, false,
                              names.stream, p, ctx);
            !error.empty()) {
            result.error = error;
            filled->finish(result);
            return nullptr;
        }
        return filled;
    }

    void finish(RunResult& result) {
        finishStream(*client, names.stream, msgs, result);
        releaseUnlessSettled(fill_acks, msgs);
    }
};

RunResult runJsFetch(const RunContext& ctx, const ScenarioParams& p, bool ack_each) {
    RunResult result = newResult(ScenarioKind::JsConsume, p, false);
    const std::uint32_t batch = p.batch != 0 ? p.batch : kDefaultFetchBatch;
    auto filled = FilledStream::prepare(ctx, p, result);
    if (!filled) return result;
    JsClient& c = *filled->client;
    const JsNames& names = filled->names;
    const auto cleanup = [&] { filled->finish(result); };

    jsConsumerConfig config;
    jsConsumerConfig_Init(&config);
    config.Durable = kDurable;
    config.DeliverPolicy = js_DeliverAll;
    config.AckPolicy = ack_each ? js_AckExplicit : js_AckNone;
    jsConsumerInfo* info = nullptr;
    jsErrCode code = jsErrCode(0);
    if (const natsStatus s =
            js_AddConsumer(&info, c.js(), names.stream.c_str(), &config, nullptr, &code);
        s != NATS_OK) {
        result.error = jsFailure("create pull consumer", s, code);
        cleanup();
        return result;
    }
    jsConsumerInfo_Destroy(info);
    jsSubOptions sub_options;
    jsSubOptions_Init(&sub_options);
    sub_options.Stream = names.stream.c_str();
    sub_options.Consumer = kDurable;
    natsSubscription* sub = nullptr;
    if (const natsStatus s = js_PullSubscribe(&sub, c.js(), names.subject.c_str(), kDurable,
                                              nullptr, &sub_options, &code);
        s != NATS_OK) {
        result.error = jsFailure("pull subscribe", s, code);
        cleanup();
        return result;
    }

    SequenceTracker tracker(std::vector<std::uint64_t>{p.msgs});
    ProgressReporter progress(ctx);
    const std::int64_t timeout_ms = ctx.stall_timeout.count();
    markMeasure(ctx.measure_begin);
    const std::int64_t start = nowNs();
    std::int64_t last_ns = start;
    while (result.delivered < p.msgs && result.error.empty()) {
        natsMsgList list{};
        const auto want =
            static_cast<int>(std::min<std::uint64_t>(batch, p.msgs - result.delivered));
        const natsStatus s = natsSubscription_Fetch(&list, sub, want, timeout_ms, &code);
        if (s != NATS_OK) {
            result.error =
                jsFailure(fmt::format("fetch after {} messages", result.delivered), s, code);
            break;
        }
        for (int i = 0; i < list.Count; ++i) {
            natsMsg* msg = list.Msgs[i];
            const auto size = static_cast<std::size_t>(natsMsg_GetDataLength(msg));
            if (const auto header = readPayloadHeader(natsMsg_GetData(msg), size))
                tracker.record(header->publisher, header->sequence);
            else
                tracker.recordInvalid();
            result.payload_bytes_delivered += size;
            ++result.delivered;
            if (ack_each) {
                if (const natsStatus a = natsMsg_Ack(msg, nullptr); a != NATS_OK) {
                    setError(result, jsFailure("ack", a));
                }
            }
        }
        natsMsgList_Destroy(&list);
        last_ns = nowNs();
        if (c.events().count() > 0) setError(result, c.events().first());
        progress.update(p.msgs, p.msgs, result.delivered, p.msgs);
    }
    // Acks are fire-and-forget: the PONG says the server has read them all.
    if (ack_each && result.error.empty()) {
        if (const natsStatus s = natsConnection_FlushTimeout(c.connection(), timeout_ms);
            s != NATS_OK) {
            setError(result, jsFailure("flush after the acks", s));
        }
        last_ns = nowNs();
    }
    markMeasure(ctx.measure_end);
    result.total_seconds = result.publish_seconds = secondsBetween(start, last_ns);
    result.published = p.msgs;
    natsSubscription_Unsubscribe(sub);
    natsSubscription_Destroy(sub);

    const SequenceTracker* trackers[] = {&tracker};
    result.check = SequenceTracker::checkEach(trackers);
    if (result.ok()) {
        // The server may apply acks a little after reading them; give it the stall timeout.
        const std::int64_t deadline = nowNs() + timeout_ms * 1'000'000;
        std::string problem;
        for (;;) {
            const auto counts = consumerCounts(c.js(), names.stream, kDurable);
            problem = counts ? checkConsumerCounts(*counts, p.msgs, ack_each) : counts.error();
            if (problem.empty() || nowNs() > deadline) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        setError(result, problem);
    }
    cleanup();
    return result;
}

RunResult runJsOrdered(const RunContext& ctx, const ScenarioParams& p) {
    RunResult result = newResult(ScenarioKind::JsConsume, p, false);
    auto filled = FilledStream::prepare(ctx, p, result);
    if (!filled) return result;
    JsClient& c = *filled->client;
    const JsNames& names = filled->names;
    const auto cleanup = [&] { filled->finish(result); };

    auto state = std::make_unique<OrderedState>(p.msgs);
    jsSubOptions sub_options;
    jsSubOptions_Init(&sub_options);
    sub_options.Stream = names.stream.c_str();
    sub_options.Ordered = true;
    ProgressReporter progress(ctx);
    markMeasure(ctx.measure_begin);
    const std::int64_t start = nowNs();
    natsSubscription* raw = nullptr;
    jsErrCode code = jsErrCode(0);
    if (const natsStatus s = js_Subscribe(&raw, c.js(), names.subject.c_str(), onOrderedMessage,
                                          state.get(), nullptr, &sub_options, &code);
        s != NATS_OK) {
        markMeasure(ctx.measure_end);
        result.error = jsFailure("ordered consumer", s, code);
        cleanup();
        return result;
    }
    auto sub = AsyncSubscription::adopt(raw, names.subject);
    if (!sub) {
        // The handler may still run: leave its state to it.
        (void)state.release();
        markMeasure(ctx.measure_end);
        result.error = sub.error();
        cleanup();
        return result;
    }
    std::uint64_t last_seen = 0;
    std::int64_t last_change = start;
    for (;;) {
        const std::uint64_t received = state->received.load(std::memory_order_acquire);
        if (received >= p.msgs) break;
        const std::int64_t now = nowNs();
        if (received != last_seen) {
            last_seen = received;
            last_change = now;
        } else if (now - last_change > ctx.stall_timeout.count() * 1'000'000) {
            result.error = fmt::format("no progress for {} s after {} messages",
                                       ctx.stall_timeout.count() / 1000, received);
            break;
        }
        if (c.events().count() > 0) {
            result.error = c.events().first();
            break;
        }
        progress.update(p.msgs, p.msgs, received, p.msgs);
        std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    markMeasure(ctx.measure_end);
    // Let a duplicate arrive before counting: after the PONG, wait for the library's queue.
    natsConnection_FlushTimeout(c.connection(), 2000);
    const std::int64_t deadline = nowNs() + 2'000'000'000;
    while ((*sub)->pending() > 0 && nowNs() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    (*sub)->close();  // unsubscribing deletes the ephemeral consumer; the handler is done after

    result.published = p.msgs;
    result.delivered = state->received.load();
    result.payload_bytes_delivered = state->bytes;
    result.total_seconds = result.publish_seconds =
        secondsBetween(start, std::max(start, state->last_ns.load()));
    const SequenceTracker* trackers[] = {&state->tracker};
    result.check = SequenceTracker::checkEach(trackers);
    cleanup();
    return result;
}

RunResult runKvPut(const RunContext& ctx, const ScenarioParams& p) {
    RunResult result = newResult(ScenarioKind::KvPut, p, true);
    auto client = JsClient::connect(ctx, "nwb-bench-kv", false, nullptr, 0);
    if (!client) {
        result.error = client.error();
        return result;
    }
    JsClient& c = **client;
    const JsNames names = freshJsNames();
    auto kv = createBucket(c.js(), names.bucket);
    if (!kv) {
        result.error = kv.error();
        return result;
    }
    SequenceTracker tracker(std::vector<std::uint64_t>{p.msgs});
    std::string payload(p.size, 'x');
    ProgressReporter progress(ctx);
    markMeasure(ctx.measure_begin);
    const std::int64_t start = nowNs();
    for (std::uint64_t seq = 0; seq < p.msgs; ++seq) {
        const std::string key = kvKey(seq);
        const std::int64_t before = nowNs();
        writePayloadHeader(payload.data(), payload.size(), {0, seq, before});
        std::uint64_t revision = 0;
        const natsStatus s = kvStore_Put(&revision, kv->get(), key.c_str(), payload.data(),
                                         static_cast<int>(payload.size()));
        const std::int64_t after = nowNs();
        if (s != NATS_OK) {
            result.error = jsFailure("kvStore_Put " + key, s);
            break;
        }
        // Distinct keys on a fresh bucket: put i is revision i+1.
        if (revision == seq + 1)
            tracker.record(0, seq);
        else
            tracker.recordInvalid();
        ++result.published;
        result.latency.record(static_cast<std::uint64_t>(after - before));
        progress.update(result.published, p.msgs, result.published, p.msgs);
    }
    const std::int64_t end = nowNs();
    markMeasure(ctx.measure_end);
    result.delivered = result.published;
    result.payload_bytes_delivered = result.published * p.size;
    result.total_seconds = result.publish_seconds = secondsBetween(start, end);
    const SequenceTracker* trackers[] = {&tracker};
    result.check = SequenceTracker::checkEach(trackers);
    result.check.excludeUnsent(p.msgs - result.published);
    finishBucket(c, std::move(*kv), names.bucket, result.published, result);
    return result;
}

RunResult runKvGet(const RunContext& ctx, const ScenarioParams& p) {
    RunResult result = newResult(ScenarioKind::KvGet, p, true);
    auto fill_acks = std::make_unique<AsyncAcks>(p.msgs, false);
    auto client = JsClient::connect(ctx, "nwb-bench-kv", false, fill_acks.get(), kFillWindow);
    if (!client) {
        result.error = client.error();
        return result;
    }
    JsClient& c = **client;
    const JsNames names = freshJsNames();
    auto kv = createBucket(c.js(), names.bucket);
    if (!kv) {
        result.error = kv.error();
        return result;
    }
    // A put is a publish to $KV.<bucket>.<key>: filling that way keeps set-up short.
    if (auto error = fill(c, *fill_acks, "$KV." + names.bucket + ".", true,
                          kvStreamName(names.bucket), p, ctx);
        !error.empty()) {
        result.error = error;
        finishBucket(c, std::move(*kv), names.bucket, p.msgs, result);
        releaseUnlessSettled(fill_acks, p.msgs);
        return result;
    }

    std::random_device device;
    const auto order = shuffledIndexes(p.msgs, (std::uint64_t{device()} << 32) | device());
    SequenceTracker tracker(std::vector<std::uint64_t>{p.msgs});
    ProgressReporter progress(ctx);
    markMeasure(ctx.measure_begin);
    const std::int64_t start = nowNs();
    std::uint64_t attempted = 0;
    for (std::uint64_t position = 0; position < p.msgs; ++position) {
        const std::uint64_t index = order[position];
        const std::string key = kvKey(index);
        const std::int64_t before = nowNs();
        kvEntry* entry = nullptr;
        const natsStatus s = kvStore_Get(&entry, kv->get(), key.c_str());
        const std::int64_t after = nowNs();
        ++attempted;
        if (s != NATS_OK) {
            result.error = jsFailure("kvStore_Get " + key, s);
            break;
        }
        const auto size = static_cast<std::size_t>(kvEntry_ValueLen(entry));
        const auto header = readPayloadHeader(static_cast<const char*>(kvEntry_Value(entry)), size);
        // The value put under key i carries sequence i and was stored as revision i+1.
        if (header && header->sequence == index && kvEntry_Revision(entry) == index + 1)
            tracker.record(0, position);
        else
            tracker.recordInvalid();
        kvEntry_Destroy(entry);
        ++result.delivered;
        result.payload_bytes_delivered += size;
        result.latency.record(static_cast<std::uint64_t>(after - before));
        progress.update(attempted, p.msgs, result.delivered, p.msgs);
    }
    const std::int64_t end = nowNs();
    markMeasure(ctx.measure_end);
    result.published = attempted;
    result.total_seconds = result.publish_seconds = secondsBetween(start, end);
    const SequenceTracker* trackers[] = {&tracker};
    result.check = SequenceTracker::checkEach(trackers);
    result.check.excludeUnsent(p.msgs - result.delivered);
    finishBucket(c, std::move(*kv), names.bucket, p.msgs, result);
    releaseUnlessSettled(fill_acks, p.msgs);
    return result;
}

}  // namespace nwb::bench
