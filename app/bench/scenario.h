// A benchmark scenario (name, defaults, how to run it) and the registry that lists them. A new
// scenario is one file in app/bench/scenarios/ that calls registerScenario() at static init.
#pragma once

#include "app/bench/run_result.h"
#include "app/bench/scenario_params.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace nwb::bench {

/// How the publish/subscribe scenarios consume: Async, a libnats callback on the subscription's
/// own delivery thread; Sync, natsSubscription_NextMsg on a thread of nwb-bench's.
enum class SubscriberMode : std::uint8_t { Async, Sync };

inline const char* subscriberModeName(SubscriberMode mode) {
    return mode == SubscriberMode::Sync ? "sync" : "async";
}

/// Settings for one run that are not part of the scenario's shape.
struct RunContext {
    std::string url;
    std::string label;     ///< for progress lines, e.g. "pubsub [nwb] round 2"
    bool progress = true;  ///< report progress on stderr every second
    std::chrono::milliseconds stall_timeout{10'000};
    std::uint64_t flush_every = 0;  ///< 0: automatic
    std::uint64_t window = 0;       ///< 0: automatic
    SubscriberMode subscriber_mode = SubscriberMode::Async;
    /// --compare samples CPU time around these when a runner calls them (around its timed part,
    /// leaving out set-up such as filling a stream); otherwise around the whole run. May be empty.
    std::function<void()> measure_begin;
    std::function<void()> measure_end;
};

/// Calls the hook when it is set.
inline void markMeasure(const std::function<void()>& hook) {
    if (hook) hook();
}

/// A --compare goal from issue #3, as a ratio nwb/ref of one metric (direction from the metric).
struct Target {
    std::string metric;
    double ratio = 1.0;
};

struct ScenarioInfo {
    std::string name;
    std::string summary;
    ScenarioParams defaults;
    std::function<std::vector<Target>(const ScenarioParams&)> targets;
    /// Returns an error message when the params do not fit the scenario.
    std::function<std::string(const ScenarioParams&)> validate;
    std::function<RunResult(const RunContext&, const ScenarioParams&)> run;
};

/// Called from each scenario file's static initializer; returns true.
bool registerScenario(ScenarioInfo info);
/// In registration order sorted by name; stable for the whole program.
const std::vector<ScenarioInfo>& scenarios();
const ScenarioInfo* findScenario(const std::string& name);

}  // namespace nwb::bench
