// What one run of a scenario against one server measured, and the metrics derived from it.
#pragma once

#include "app/bench/latency_histogram.h"
#include "app/bench/scenario_params.h"
#include "app/bench/sequence_tracker.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nwb::bench {

/// JsPublish: JetStream publishes and their acks; JsConsume: messages consumed from a stream;
/// KvPut, KvGet: key-value operations, one request each.
enum class ScenarioKind : std::uint8_t {
    PubOnly,
    PubSub,
    Request,
    JsPublish,
    JsConsume,
    KvPut,
    KvGet
};
enum class Better : std::uint8_t { Higher, Lower };

struct Metric {
    std::string name;
    double value = 0;
    Better better = Better::Higher;
};

struct RunResult {
    std::string scenario;  ///< the spec as given, e.g. "pubsub:size=1KiB"
    ScenarioKind kind = ScenarioKind::PubSub;
    ScenarioParams params;

    std::string error;                  ///< a failure other than a delivery problem; empty if none
    std::vector<std::string> warnings;  ///< e.g. the client could not keep the requested rate
    DeliveryCheck check;                ///< at subscribers / requesters
    DeliveryCheck server_side_check;    ///< requests seen by responders (request scenarios)

    std::uint64_t published = 0;  ///< messages or requests sent (JetStream: stored, or put)
    std::uint64_t delivered = 0;  ///< messages or replies received (JetStream: acks, or gets)
    std::uint64_t payload_bytes_delivered = 0;
    double publish_seconds = 0;  ///< first send to the last publisher's final flush
    double total_seconds = 0;    ///< first send to the last delivery
    bool has_latency = false;
    LatencyHistogram latency;  ///< nanoseconds

    std::optional<double>
        server_cpu_seconds;  ///< --compare: utime+stime of the server during the run
    std::optional<double> client_cpu_seconds;  ///< --compare: the same for nwb-bench itself

    bool ok() const { return error.empty() && check.ok() && server_side_check.ok(); }
    /// "ok", or what went wrong.
    std::string verdict() const;

    double publishRate() const;    ///< msgs/s
    double deliveryRate() const;   ///< msgs/s (replies/s for requests)
    double deliveredMBps() const;  ///< payload MB/s (10^6 bytes)
    /// Messages the server handled as deliveries: delivered messages; for pub-only, those
    /// received; for request-reply, requests plus replies; for JetStream publishes and puts,
    /// the messages stored; for consumers and gets, the messages read.
    std::uint64_t serverMessages() const;
    std::optional<double> cpuMicrosPerMessage() const;
    /// nwb-bench's own CPU per message, to tell when the client is the bottleneck.
    std::optional<double> clientCpuMicrosPerMessage() const;

    /// The figures --compare compares, with which direction is better.
    std::vector<Metric> keyMetrics() const;
};

}  // namespace nwb::bench
