// The JetStream scenarios' runners: each creates its stream or KV bucket fresh (file storage),
// fills it outside the timed part where the scenario reads, verifies every message and ack,
// checks the stream's or consumer's final state, and deletes what it created.
#pragma once

#include "app/bench/run_result.h"
#include "app/bench/scenario.h"

namespace nwb::bench {

/// Default async publishes awaiting their ack (js-pub-async) and messages per fetch.
inline constexpr std::uint32_t kDefaultAsyncWindow = 4096;
inline constexpr std::uint32_t kDefaultFetchBatch = 256;

/// js_Publish, one at a time: acks/s and the publish round trip.
RunResult runJsPublishSync(const RunContext& ctx, const ScenarioParams& p);
/// js_PublishAsync with at most p.batch awaiting their ack: acks/s, send-to-ack latency.
RunResult runJsPublishAsync(const RunContext& ctx, const ScenarioParams& p);
/// A durable pull consumer fetching p.batch at a time, with AckNone or acking each message.
RunResult runJsFetch(const RunContext& ctx, const ScenarioParams& p, bool ack_each);
/// An ordered push consumer (js_Subscribe with Ordered) reading the whole stream.
RunResult runJsOrdered(const RunContext& ctx, const ScenarioParams& p);
/// kvStore_Put of distinct keys: puts/s and put latency.
RunResult runKvPut(const RunContext& ctx, const ScenarioParams& p);
/// kvStore_Get of every key in a random order: gets/s and get latency.
RunResult runKvGet(const RunContext& ctx, const ScenarioParams& p);

/// The shared validation: one client, one subject, no rate, payloads of at least 8 bytes.
std::string validateJetStreamParams(const ScenarioParams& p, std::uint32_t subs);

}  // namespace nwb::bench
