// libnats JetStream plumbing for the JetStream scenarios: a connection with its context, streams
// created fresh for one run, and asynchronous publishing with every ack matched to its message.
#pragma once

#include "app/bench/js_checks.h"
#include "app/bench/latency_histogram.h"
#include "app/bench/nats_client.h"
#include "app/bench/scenario.h"
#include "app/bench/sequence_tracker.h"

#include <nats/nats.h>

#include <atomic>
#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <string_view>

namespace nwb::bench {

struct JsCtxCloser {
    void operator()(jsCtx* js) const { jsCtx_Destroy(js); }
};
using JsCtxPtr = std::unique_ptr<jsCtx, JsCtxCloser>;

struct KvStoreCloser {
    void operator()(kvStore* kv) const { kvStore_Destroy(kv); }
};
using KvStorePtr = std::unique_ptr<kvStore, KvStoreCloser>;

/// "what: status text (JetStream error N): libnats's detail". Call on the failing call's thread.
std::string jsFailure(std::string_view what, natsStatus status, jsErrCode code = jsErrCode(0));

/// Acks of asynchronous publishes. libnats calls onAck on its reply thread, one call at a time;
/// the tracker and histogram may be read once settled() equals the number published.
class AsyncAcks {
public:
    /// `count` messages, payload headers carrying publisher 0 and sequences 0..count-1.
    AsyncAcks(std::uint64_t count, bool measure_latency);

    static void onAck(jsCtx* js, natsMsg* msg, jsPubAck* pa, jsPubAckErr* pae, void* closure);

    /// Acks and failures so far; any thread.
    std::uint64_t settled() const { return settled_.load(std::memory_order_acquire); }
    const SequenceTracker& tracker() const { return tracker_; }
    const LatencyHistogram& latency() const { return latency_; }
    std::uint64_t acked() const { return acked_; }
    std::uint64_t failures() const { return failures_; }
    const std::string& firstError() const { return first_error_; }

private:
    SequenceTracker tracker_;  ///< by payload sequence: each message acked exactly once
    LatencyHistogram latency_;
    const bool measure_latency_;
    std::uint64_t acked_ = 0;
    std::uint64_t failures_ = 0;
    std::string first_error_;
    std::atomic<std::uint64_t> settled_{0};
};

/// One connection with a JetStream context whose API calls wait up to the run's stall timeout.
class JsClient {
public:
    /// `acks` (may be null) receives the context's asynchronous publish acks, with at most
    /// `max_pending` publishes awaiting theirs. Blocks while connecting.
    static std::expected<std::unique_ptr<JsClient>, std::string> connect(const RunContext& ctx,
                                                                         const std::string& name,
                                                                         bool send_asap,
                                                                         AsyncAcks* acks,
                                                                         std::int64_t max_pending);

    natsConnection* connection() const { return conn_.get(); }
    jsCtx* js() const { return js_.get(); }
    const ClientEvents& events() const { return *events_; }
    /// Before closing on purpose: a disconnect after this is not an error.
    void disarm() { events_->disarm(); }

private:
    JsClient() = default;
    std::shared_ptr<ClientEvents> events_;
    ConnectionPtr conn_;  // declared before js_: the context goes first
    JsCtxPtr js_;
};

/// Names for one run's stream, subject and bucket, unique to the run.
struct JsNames {
    std::string stream;   ///< NWBBENCH_<token>
    std::string subject;  ///< nwbbench.<token>.js
    std::string bucket;   ///< nwbbench_<token> (its stream is KV_<bucket>)
};
JsNames freshJsNames();

/// A file-storage stream on one subject, one replica. Returns an error message, "" on success.
std::string createStream(jsCtx* js, const std::string& name, const std::string& subject);
std::string deleteStream(jsCtx* js, const std::string& name);
std::expected<StreamCounts, std::string> streamCounts(jsCtx* js, const std::string& name);
std::expected<ConsumerCounts, std::string> consumerCounts(jsCtx* js, const std::string& stream,
                                                          const std::string& consumer);

/// Publishes `count` messages of `size` bytes (payload header: publisher 0, sequence i, and the
/// send time when `acks` measures latency) with js_PublishAsync, then waits for every ack. The
/// subject is `subject`, or with `per_key` `subject` + kvKey(i). Blocks. Returns an error
/// message, "" when all were acked; `sent` says how many were published.
std::string publishAllAsync(JsClient& client, const AsyncAcks& acks, const std::string& subject,
                            bool per_key, std::uint64_t count, std::uint64_t size,
                            const RunContext& ctx, std::uint64_t& sent,
                            std::int64_t* last_publish_ns = nullptr);

}  // namespace nwb::bench
