// RunResult's derived figures.
#include "app/bench/run_result.h"

namespace nwb::bench {

std::string RunResult::verdict() const {
    std::string text;
    if (!error.empty()) text = "FAILED: " + error;
    if (!check.ok()) text += (text.empty() ? "" : "; ") + check.describe();
    if (!server_side_check.ok())
        text += (text.empty() ? "" : "; ") + ("at responders " + server_side_check.describe());
    return text.empty() ? "ok" : text;
}

double RunResult::publishRate() const {
    return publish_seconds > 0 ? static_cast<double>(published) / publish_seconds : 0;
}

double RunResult::deliveryRate() const {
    return total_seconds > 0 ? static_cast<double>(delivered) / total_seconds : 0;
}

double RunResult::deliveredMBps() const {
    return total_seconds > 0 ? static_cast<double>(payload_bytes_delivered) / total_seconds / 1e6
                             : 0;
}

std::uint64_t RunResult::serverMessages() const {
    switch (kind) {
        case ScenarioKind::PubOnly:
        case ScenarioKind::JsPublish:
        case ScenarioKind::KvPut:
            return published;
        case ScenarioKind::PubSub:
        case ScenarioKind::JsConsume:
        case ScenarioKind::KvGet:
            return delivered;
        case ScenarioKind::Request:
            return published + delivered;
    }
    return delivered;
}

std::optional<double> RunResult::cpuMicrosPerMessage() const {
    if (!server_cpu_seconds || serverMessages() == 0) return std::nullopt;
    return *server_cpu_seconds * 1e6 / static_cast<double>(serverMessages());
}

std::optional<double> RunResult::clientCpuMicrosPerMessage() const {
    if (!client_cpu_seconds || serverMessages() == 0) return std::nullopt;
    return *client_cpu_seconds * 1e6 / static_cast<double>(serverMessages());
}

std::vector<Metric> RunResult::keyMetrics() const {
    std::vector<Metric> metrics;
    switch (kind) {
        case ScenarioKind::PubOnly:
            metrics.push_back({"published msgs/s", publishRate(), Better::Higher});
            break;
        case ScenarioKind::PubSub:
            metrics.push_back({"delivered msgs/s", deliveryRate(), Better::Higher});
            if (params.size >= 1024)
                metrics.push_back({"delivered MB/s", deliveredMBps(), Better::Higher});
            break;
        case ScenarioKind::Request:
            if (params.rate == 0) metrics.push_back({"requests/s", deliveryRate(), Better::Higher});
            break;
        case ScenarioKind::JsPublish:
            metrics.push_back({"acked msgs/s", deliveryRate(), Better::Higher});
            break;
        case ScenarioKind::JsConsume:
            metrics.push_back({"consumed msgs/s", deliveryRate(), Better::Higher});
            if (params.size >= 1024)
                metrics.push_back({"consumed MB/s", deliveredMBps(), Better::Higher});
            break;
        case ScenarioKind::KvPut:
            metrics.push_back({"puts/s", deliveryRate(), Better::Higher});
            break;
        case ScenarioKind::KvGet:
            metrics.push_back({"gets/s", deliveryRate(), Better::Higher});
            break;
    }
    if (has_latency && latency.count() > 0) {
        const auto us = [&](double p) {
            return static_cast<double>(latency.valueAtPercentile(p)) / 1e3;
        };
        metrics.push_back({"latency p50 us", us(50), Better::Lower});
        metrics.push_back({"latency p90 us", us(90), Better::Lower});
        metrics.push_back({"latency p99 us", us(99), Better::Lower});
        metrics.push_back({"latency p99.9 us", us(99.9), Better::Lower});
        metrics.push_back(
            {"latency max us", static_cast<double>(latency.max()) / 1e3, Better::Lower});
    }
    if (const auto cpu = cpuMicrosPerMessage()) {
        metrics.push_back({"server CPU us/msg", *cpu, Better::Lower});
    }
    if (const auto cpu = clientCpuMicrosPerMessage()) {
        metrics.push_back({"bench CPU us/msg", *cpu, Better::Lower});
    }
    return metrics;
}

}  // namespace nwb::bench
