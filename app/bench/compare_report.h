// What --compare measured (every round of every scenario on both servers) and its report:
// medians per server, the median of per-round nwb/ref ratios, and issue #3's targets.
#pragma once

#include "app/bench/cpu_placement.h"
#include "app/bench/machine_info.h"
#include "app/bench/planned_scenario.h"
#include "app/bench/run_result.h"
#include "app/bench/scenario.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nwb::bench {

/// Index 0 is nwb-server, index 1 the reference nats-server.
inline constexpr int kNwb = 0;
inline constexpr int kRef = 1;
inline constexpr const char* kServerLabels[2] = {"nwb", "ref"};

struct ServerRecord {
    std::string binary;
    std::string version;
    std::vector<double> startup_seconds;  ///< one per start
    std::vector<double> idle_rss_kib;     ///< one per start
    std::vector<double> js_startup_seconds;  ///< the same for starts with JetStream (-js)
    std::vector<double> js_idle_rss_kib;     ///< one per JetStream scenario
    std::string cpus;  ///< CPU affinity read back from the last process started
};

struct ScenarioRecord {
    PlannedScenario plan;
    std::vector<RunResult> runs[2];  ///< per server, in round order
    std::optional<std::uint64_t> peak_rss_kib[2];
    std::string error;  ///< e.g. a server would not start
};

struct CompareData {
    MachineInfo machine;
    std::uint32_t rounds = 5;
    ServerRecord servers[2];
    std::vector<ScenarioRecord> scenarios;
    std::string store_note;  ///< where JetStream stores were, e.g. "/tmp (ext4)"; empty: none
    /// What was asked for; not active: no pinning.
    CpuPlacement placement;
    /// nwb-bench's CPU affinity at the start, e.g. "1".
    std::string client_cpus;
    SubscriberMode subscriber_mode = SubscriberMode::Async;
};

/// One row of the summary.
struct ComparedMetric {
    std::string name;
    Better better = Better::Higher;
    std::optional<double> medians[2];
    std::optional<double> ratio;   ///< median over rounds of nwb/ref
    std::optional<double> target;  ///< nwb/ref goal from issue #3
    bool met() const;
};

/// Metrics of one scenario; failed runs are left out of the medians.
std::vector<ComparedMetric> compareScenario(const ScenarioRecord& record);
/// Startup time and idle RSS, plain and (when measured) with JetStream enabled.
std::vector<ComparedMetric> compareServers(const CompareData& data);

/// What was asked for and what was read back; empty when nothing was pinned.
std::string describePlacement(const CompareData& data);
std::string formatCompareReport(const CompareData& data);
boost::json::object compareToJson(const CompareData& data);
std::string compareToCsv(const CompareData& data);
/// Every run that failed or lost, duplicated or reordered messages, one line each.
std::vector<std::string> failedRuns(const CompareData& data);

/// 1234567 -> "1,234,567"; 12.345 -> "12.35"; 0.1234 -> "0.123".
std::string formatFigure(double value);

}  // namespace nwb::bench
