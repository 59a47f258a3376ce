// Medians, ratios and the text/JSON/CSV forms of a --compare run.
#include "app/bench/compare_report.h"

#include "app/bench/js_checks.h"
#include "app/bench/result_output.h"
#include "app/bench/stats.h"

#include <boost/json/array.hpp>
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>

namespace nwb::bench {
namespace {

/// Issue #3: server CPU per delivered message at most 0.7x nats-server's, in every scenario.
constexpr double kCpuTarget = 0.7;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string describeParams(const ScenarioParams& p) {
    std::string text =
        fmt::format("{} pub{}, {} sub{}, {} B, {} msgs", p.pubs, p.pubs == 1 ? "" : "s", p.subs,
                    p.subs == 1 ? "" : "s", p.size, groupedInteger(static_cast<double>(p.msgs)));
    if (p.subjects > 1) text += fmt::format(", {} subjects", p.subjects);
    if (p.rate > 0) text += fmt::format(", {} msgs/s", groupedInteger(p.rate));
    if (p.batch > 0) text += fmt::format(", batch {}", p.batch);
    return text;
}

std::string optFigure(const std::optional<double>& v) { return v ? formatFigure(*v) : "-"; }

std::string targetText(const ComparedMetric& m) {
    if (!m.target) return "";
    return fmt::format("{} {:.2f}  {}", m.better == Better::Higher ? ">=" : "<=", *m.target,
                       !m.ratio  ? "-"
                       : m.met() ? "met"
                                 : "MISSED");
}

std::string metricsTable(const std::vector<ComparedMetric>& metrics) {
    std::string out = fmt::format("  {:<20} {:<7} {:>14} {:>14} {:>9}  {}\n", "metric", "better",
                                  "nwb median", "ref median", "nwb/ref", "target (issue #3)");
    for (const auto& m : metrics) {
        out += fmt::format("  {:<20} {:<7} {:>14} {:>14} {:>9}  {}\n", m.name,
                           m.better == Better::Higher ? "higher" : "lower",
                           optFigure(m.medians[kNwb]), optFigure(m.medians[kRef]),
                           m.ratio ? fmt::format("{:.2f}", *m.ratio) : "-", targetText(m));
    }
    return out;
}

}  // namespace

bool ComparedMetric::met() const {
    if (!ratio || !target) return false;
    return better == Better::Higher ? *ratio >= *target : *ratio <= *target;
}

std::string formatFigure(double value) {
    if (!std::isfinite(value)) return "-";
    if (std::fabs(value) >= 1000) return groupedInteger(value);
    if (std::fabs(value) >= 10) return fmt::format("{:.1f}", value);
    if (std::fabs(value) >= 1) return fmt::format("{:.2f}", value);
    return fmt::format("{:.3f}", value);
}

std::vector<ComparedMetric> compareScenario(const ScenarioRecord& record) {
    // Metric name -> per-server values by round (NaN where the run failed or lacked it).
    std::vector<std::string> order;
    struct Series {
        Better better = Better::Higher;
        std::vector<double> by_server[2];
    };
    std::map<std::string, Series> values;
    std::size_t rounds = std::max(record.runs[kNwb].size(), record.runs[kRef].size());
    for (int server = 0; server < 2; ++server) {
        for (std::size_t round = 0; round < record.runs[server].size(); ++round) {
            const RunResult& run = record.runs[server][round];
            if (!run.ok()) continue;
            for (const auto& metric : run.keyMetrics()) {
                auto [it, inserted] = values.try_emplace(metric.name);
                if (inserted) {
                    order.push_back(metric.name);
                    it->second.better = metric.better;
                    for (auto& v : it->second.by_server) v.assign(rounds, kNaN);
                }
                it->second.by_server[server][round] = metric.value;
            }
        }
    }
    std::vector<Target> targets;
    if (record.plan.info != nullptr && record.plan.info->targets)
        targets = record.plan.info->targets(record.plan.params);
    // Issue #3's CPU target is for core messaging; JetStream scenarios have no targets yet.
    if (!isJetStreamScenario(record.plan.spec.name))
        targets.push_back({"server CPU us/msg", kCpuTarget});

    std::vector<ComparedMetric> out;
    for (const auto& name : order) {
        const auto& [better, by_server] = values.at(name);  // Series
        ComparedMetric m;
        m.name = name;
        m.better = better;
        for (int server = 0; server < 2; ++server) m.medians[server] = median(by_server[server]);
        m.ratio = medianOfRatios(by_server[kNwb], by_server[kRef]);
        for (const auto& t : targets) {
            if (t.metric == name) m.target = t.ratio;
        }
        out.push_back(std::move(m));
    }
    if (record.peak_rss_kib[kNwb] || record.peak_rss_kib[kRef]) {
        ComparedMetric m;
        m.name = "peak RSS MiB";
        m.better = Better::Lower;
        for (int server = 0; server < 2; ++server) {
            if (record.peak_rss_kib[server])
                m.medians[server] = static_cast<double>(*record.peak_rss_kib[server]) / 1024.0;
        }
        if (m.medians[kNwb] && m.medians[kRef] && *m.medians[kRef] > 0)
            m.ratio = *m.medians[kNwb] / *m.medians[kRef];
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<ComparedMetric> compareServers(const CompareData& data) {
    std::vector<ComparedMetric> out;
    const auto add = [&](const std::string& name, auto field, double scale, bool with_target) {
        if ((data.servers[kNwb].*field).empty() && (data.servers[kRef].*field).empty()) return;
        ComparedMetric m;
        m.name = name;
        m.better = Better::Lower;
        std::vector<double> by_server[2];
        for (int server = 0; server < 2; ++server) {
            for (const double v : data.servers[server].*field)
                by_server[server].push_back(v * scale);
            m.medians[server] = median(by_server[server]);
        }
        m.ratio = medianOfRatios(by_server[kNwb], by_server[kRef]);
        if (with_target) m.target = 1.0;
        out.push_back(std::move(m));
    };
    add("startup ms", &ServerRecord::startup_seconds, 1e3, true);
    add("idle RSS MiB", &ServerRecord::idle_rss_kib, 1.0 / 1024.0, true);
    add("startup ms (-js)", &ServerRecord::js_startup_seconds, 1e3, false);
    add("idle RSS MiB (-js)", &ServerRecord::js_idle_rss_kib, 1.0 / 1024.0, false);
    return out;
}

std::vector<std::string> failedRuns(const CompareData& data) {
    std::vector<std::string> out;
    for (const auto& s : data.scenarios) {
        if (!s.error.empty()) out.push_back(fmt::format("{}: {}", s.plan.spec.text, s.error));
        for (int server = 0; server < 2; ++server) {
            for (std::size_t round = 0; round < s.runs[server].size(); ++round) {
                const RunResult& r = s.runs[server][round];
                if (!r.ok()) {
                    out.push_back(fmt::format(
                        "{} on {} ({}), round {}: {}", s.plan.spec.text, kServerLabels[server],
                        server == kNwb ? "nwb-server" : "nats-server", round + 1, r.verdict()));
                }
            }
        }
    }
    return out;
}

std::string describePlacement(const CompareData& data) {
    if (!data.placement.active()) return "";
    return fmt::format("{} (read back: nwb {}, ref {}, nwb-bench {})", data.placement.describe(),
                       data.servers[kNwb].cpus, data.servers[kRef].cpus, data.client_cpus);
}

std::string formatCompareReport(const CompareData& data) {
    std::string out = machineHeader(data.machine, describePlacement(data));
    for (int server = 0; server < 2; ++server) {
        out += fmt::format("# {}: {} ({})\n", kServerLabels[server], data.servers[server].binary,
                           data.servers[server].version);
    }
    out += fmt::format(
        "# {} rounds per scenario, alternating nwb, ref; each figure is the median over rounds;\n"
        "# nwb/ref is the median of the per-round ratios (above 1 is better for nwb where higher\n"
        "# is better, below 1 where lower is better). Server CPU per message counts utime+stime\n"
        "# from /proc per message delivered (received, for pub; requests plus replies, for req);\n"
        "# bench CPU is nwb-bench's own, which {}.\n",
        data.rounds,
        data.placement.client.empty() ? "shares the cores with the server under test"
                                      : "runs on its own CPUs (see the placement above)");
    if (data.subscriber_mode == SubscriberMode::Sync) {
        out += "# subscribers: synchronous (natsSubscription_NextMsg on nwb-bench's own threads)\n";
    }
    if (!data.store_note.empty()) {
        out += fmt::format(
            "# JetStream scenarios: each run on a freshly started server with -js and a fresh "
            "store\n"
            "# directory under {}. nwb-server fsyncs before each ack (its default);\n"
            "# nats-server 2.9 fsyncs every 2 minutes (its default), so its acks wait for no "
            "disk.\n"
            "# CPU per message counts messages stored (publishes, puts) or read (consumers, "
            "gets),\n"
            "# over the timed part only: filling a stream before reading it is left out.\n",
            data.store_note);
    }
    for (const auto& s : data.scenarios) {
        out += fmt::format("\n== {}  ({})\n", s.plan.spec.text, describeParams(s.plan.params));
        if (!s.error.empty()) out += "  FAILED: " + s.error + "\n";
        out += metricsTable(compareScenario(s));
        for (int server = 0; server < 2; ++server) {
            std::size_t ok = 0;
            for (const auto& r : s.runs[server]) ok += r.ok() ? 1 : 0;
            out += fmt::format("  {} delivery: {}/{} runs verified", kServerLabels[server], ok,
                               s.runs[server].size());
            out += ok == s.runs[server].size() ? "\n" : "  <-- FAILURES, see below\n";
        }
    }
    out += data.store_note.empty()
               ? "\n== servers (one start per scenario)\n"
               : "\n== servers (one start per scenario; per run for JetStream scenarios)\n";
    out += metricsTable(compareServers(data));
    const auto failures = failedRuns(data);
    if (!failures.empty()) {
        out += "\n!!! " + std::to_string(failures.size()) +
               " RUN(S) FAILED DELIVERY VERIFICATION OR DID NOT COMPLETE:\n";
        for (const auto& f : failures) out += "!!!   " + f + "\n";
    }
    return out;
}

boost::json::object compareToJson(const CompareData& data) {
    boost::json::object root;
    root["machine"] = boost::json::object{
        {"cores", data.machine.cores},     {"cpu_model", data.machine.cpu_model},
        {"kernel", data.machine.kernel},   {"date", data.machine.date_utc},
        {"libnats", data.machine.libnats}, {"load_average", data.machine.load_average}};
    root["rounds"] = data.rounds;
    if (!data.store_note.empty()) root["jetstream_store"] = data.store_note;
    root["placement"] = boost::json::object{
        {"requested", data.placement.active() ? data.placement.describe() : "none"},
        {"server_cpus_nwb", data.servers[kNwb].cpus},
        {"server_cpus_ref", data.servers[kRef].cpus},
        {"client_cpus", data.client_cpus}};
    root["subscriber_mode"] = subscriberModeName(data.subscriber_mode);
    const auto metricJson = [](const ComparedMetric& m) {
        boost::json::object o{{"metric", m.name},
                              {"better", m.better == Better::Higher ? "higher" : "lower"}};
        o["nwb"] =
            m.medians[kNwb] ? boost::json::value(*m.medians[kNwb]) : boost::json::value(nullptr);
        o["ref"] =
            m.medians[kRef] ? boost::json::value(*m.medians[kRef]) : boost::json::value(nullptr);
        o["ratio_nwb_over_ref"] =
            m.ratio ? boost::json::value(*m.ratio) : boost::json::value(nullptr);
        if (m.target) {
            o["target"] = *m.target;
            o["met"] = m.met();
        }
        return o;
    };
    boost::json::object servers;
    for (int server = 0; server < 2; ++server) {
        const auto& s = data.servers[server];
        boost::json::array startup(s.startup_seconds.begin(), s.startup_seconds.end());
        boost::json::array idle(s.idle_rss_kib.begin(), s.idle_rss_kib.end());
        boost::json::array js_startup(s.js_startup_seconds.begin(), s.js_startup_seconds.end());
        boost::json::array js_idle(s.js_idle_rss_kib.begin(), s.js_idle_rss_kib.end());
        servers[kServerLabels[server]] = boost::json::object{{"binary", s.binary},
                                                             {"version", s.version},
                                                             {"startup_seconds", startup},
                                                             {"idle_rss_kib", idle},
                                                             {"js_startup_seconds", js_startup},
                                                             {"js_idle_rss_kib", js_idle}};
    }
    boost::json::array server_summary;
    for (const auto& m : compareServers(data)) server_summary.push_back(metricJson(m));
    servers["summary"] = std::move(server_summary);
    root["servers"] = std::move(servers);
    boost::json::array scenarios;
    for (const auto& s : data.scenarios) {
        boost::json::object o;
        o["spec"] = s.plan.spec.text;
        o["error"] = s.error;
        boost::json::array summary;
        for (const auto& m : compareScenario(s)) summary.push_back(metricJson(m));
        o["summary"] = std::move(summary);
        boost::json::array runs;
        for (std::size_t round = 0; round < data.rounds; ++round) {
            for (int server = 0; server < 2; ++server) {
                if (round >= s.runs[server].size()) continue;
                auto run = resultToJson(s.runs[server][round]);
                run["round"] = round + 1;
                run["server"] = kServerLabels[server];
                runs.push_back(std::move(run));
            }
        }
        o["runs"] = std::move(runs);
        for (int server = 0; server < 2; ++server) {
            if (s.peak_rss_kib[server])
                o[std::string("peak_rss_kib_") + kServerLabels[server]] = *s.peak_rss_kib[server];
        }
        scenarios.push_back(std::move(o));
    }
    root["scenarios"] = std::move(scenarios);
    return root;
}

std::string compareToCsv(const CompareData& data) {
    std::string out = csvHeader();
    for (const auto& s : data.scenarios) {
        for (std::size_t round = 0; round < data.rounds; ++round) {
            for (int server = 0; server < 2; ++server) {
                if (round >= s.runs[server].size()) continue;
                out += csvRow({static_cast<std::uint32_t>(round + 1), kServerLabels[server],
                               s.runs[server][round]});
            }
        }
    }
    return out;
}

}  // namespace nwb::bench
