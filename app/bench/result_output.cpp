// Formatting of run results.
#include "app/bench/result_output.h"

#include <boost/json/array.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <fstream>

namespace nwb::bench {
namespace {

std::string kindName(ScenarioKind kind) {
    switch (kind) {
        case ScenarioKind::PubOnly:
            return "pub-only";
        case ScenarioKind::PubSub:
            return "pub-sub";
        case ScenarioKind::Request:
            return "request";
        case ScenarioKind::JsPublish:
            return "js-publish";
        case ScenarioKind::JsConsume:
            return "js-consume";
        case ScenarioKind::KvPut:
            return "kv-put";
        case ScenarioKind::KvGet:
            return "kv-get";
    }
    return "?";
}

double micros(std::uint64_t ns) { return static_cast<double>(ns) / 1e3; }

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string groupedInteger(double value) {
    if (!std::isfinite(value)) return "-";
    const bool negative = value < 0;
    std::string digits = std::to_string(static_cast<long long>(std::llround(std::fabs(value))));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return negative ? "-" + out : out;
}

std::string formatTable(const std::vector<RoundResult>& rows) {
    bool any_server = false;
    for (const auto& r : rows) any_server = any_server || !r.server.empty();
    std::string out = fmt::format(
        "{:<28} {:>5} {}{:>4} {:>4} {:>7} {:>10} {:>8} {:>13} {:>13} {:>8} {:>9} {:>9} {:>9} {:>9} "
        "{:>9}  {}\n",
        "scenario", "round", any_server ? fmt::format("{:<6} ", "server") : "", "pubs", "subs",
        "size", "msgs", "secs", "sent msgs/s", "recv msgs/s", "MB/s", "p50 us", "p90 us", "p99 us",
        "p99.9 us", "max us", "check");
    for (const auto& row : rows) {
        const RunResult& r = row.result;
        const auto lat = [&](double p) -> std::string {
            if (!r.has_latency || r.latency.count() == 0) return "-";
            return fmt::format("{:.1f}", p >= 100 ? micros(r.latency.max())
                                                  : micros(r.latency.valueAtPercentile(p)));
        };
        const bool receives = r.kind != ScenarioKind::PubOnly;
        // Consumers and gets read a stream filled before the timed part: nothing is sent then.
        const bool sends = r.kind != ScenarioKind::JsConsume && r.kind != ScenarioKind::KvGet;
        out += fmt::format(
            "{:<28} {:>5} {}{:>4} {:>4} {:>7} {:>10} {:>8.3f} {:>13} {:>13} {:>8} {:>9} {:>9} "
            "{:>9} {:>9} {:>9}  {}\n",
            r.scenario, row.round, any_server ? fmt::format("{:<6} ", row.server) : "",
            r.params.pubs, r.params.subs, r.params.size, r.params.msgs, r.total_seconds,
            sends ? groupedInteger(r.publishRate()) : "-",
            receives ? groupedInteger(r.deliveryRate()) : "-",
            receives ? fmt::format("{:.1f}", r.deliveredMBps()) : "-", lat(50), lat(90), lat(99),
            lat(99.9), lat(100), r.verdict());
        for (const auto& w : r.warnings) out += fmt::format("{:<28} note: {}\n", "", w);
    }
    return out;
}

boost::json::object resultToJson(const RunResult& r) {
    boost::json::object o;
    o["scenario"] = r.scenario;
    o["kind"] = kindName(r.kind);
    o["params"] = boost::json::object{{"msgs", r.params.msgs},         {"size", r.params.size},
                                      {"pubs", r.params.pubs},         {"subs", r.params.subs},
                                      {"subjects", r.params.subjects}, {"rate", r.params.rate}};
    if (r.params.batch != 0) o["params"].as_object()["batch"] = r.params.batch;
    o["ok"] = r.ok();
    o["verdict"] = r.verdict();
    o["error"] = r.error;
    boost::json::array warnings;
    for (const auto& w : r.warnings) warnings.emplace_back(w);
    o["warnings"] = std::move(warnings);
    const auto check = [](const DeliveryCheck& c) {
        return boost::json::object{
            {"expected", c.expected},     {"received", c.received},         {"lost", c.lost},
            {"duplicates", c.duplicates}, {"out_of_order", c.out_of_order}, {"invalid", c.invalid}};
    };
    o["delivery"] = check(r.check);
    if (r.kind == ScenarioKind::Request) o["responders"] = check(r.server_side_check);
    o["published"] = r.published;
    o["delivered"] = r.delivered;
    o["publish_seconds"] = r.publish_seconds;
    o["total_seconds"] = r.total_seconds;
    o["published_per_second"] = r.publishRate();
    o["delivered_per_second"] = r.deliveryRate();
    o["delivered_mb_per_second"] = r.deliveredMBps();
    if (r.has_latency && r.latency.count() > 0) {
        const auto& h = r.latency;
        o["latency_us"] = boost::json::object{{"count", h.count()},
                                              {"min", micros(h.min())},
                                              {"mean", h.mean() / 1e3},
                                              {"p50", micros(h.valueAtPercentile(50))},
                                              {"p90", micros(h.valueAtPercentile(90))},
                                              {"p99", micros(h.valueAtPercentile(99))},
                                              {"p99_9", micros(h.valueAtPercentile(99.9))},
                                              {"max", micros(h.max())}};
    }
    if (r.server_cpu_seconds) {
        o["server_cpu_seconds"] = *r.server_cpu_seconds;
        o["server_messages"] = r.serverMessages();
        if (const auto cpu = r.cpuMicrosPerMessage()) o["server_cpu_us_per_message"] = *cpu;
    }
    if (r.client_cpu_seconds) o["client_cpu_seconds"] = *r.client_cpu_seconds;
    return o;
}

std::string csvHeader() {
    return "scenario,round,server,kind,msgs,size,pubs,subs,subjects,rate,ok,verdict,published,"
           "delivered,"
           "lost,duplicates,out_of_order,publish_seconds,total_seconds,published_per_second,"
           "delivered_per_second,delivered_mb_per_second,p50_us,p90_us,p99_us,p99_9_us,max_us,"
           "server_cpu_seconds,server_cpu_us_per_message,client_cpu_seconds\n";
}

std::string csvRow(const RoundResult& row) {
    const RunResult& r = row.result;
    const bool lat = r.has_latency && r.latency.count() > 0;
    const auto p = [&](double pct) {
        return lat ? fmt::format("{:.3f}", micros(r.latency.valueAtPercentile(pct)))
                   : std::string();
    };
    const DeliveryCheck c = [&] {
        DeliveryCheck all = r.check;
        all += r.server_side_check;
        return all;
    }();
    return fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{:.6f},{:.6f},{:.1f},{:.1f},{:.3f},{},{"
        "},{},{},{},{},{}\n",
        csvField(r.scenario), row.round, csvField(row.server), kindName(r.kind), r.params.msgs,
        r.params.size, r.params.pubs, r.params.subs, r.params.subjects, r.params.rate,
        r.ok() ? 1 : 0, csvField(r.verdict()), r.published, r.delivered, c.lost, c.duplicates,
        c.out_of_order, r.publish_seconds, r.total_seconds, r.publishRate(), r.deliveryRate(),
        r.deliveredMBps(), p(50), p(90), p(99), p(99.9),
        lat ? fmt::format("{:.3f}", micros(r.latency.max())) : std::string(),
        r.server_cpu_seconds ? fmt::format("{:.3f}", *r.server_cpu_seconds) : std::string(),
        r.cpuMicrosPerMessage() ? fmt::format("{:.4f}", *r.cpuMicrosPerMessage()) : std::string(),
        r.client_cpu_seconds ? fmt::format("{:.3f}", *r.client_cpu_seconds) : std::string());
}

std::string writeOutput(const std::string& path, const std::string& text) {
    if (path == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
        return {};
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    return out ? std::string() : "cannot write " + path;
}

}  // namespace nwb::bench
