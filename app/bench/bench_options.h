// nwb-bench's command line: global options, scenario specs (name[:key=value...]) and their
// resolution into ScenarioParams.
#pragma once

#include "app/bench/cpu_placement.h"
#include "app/bench/scenario.h"
#include "app/bench/scenario_params.h"

#include <chrono>
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nwb::bench {

/// One requested scenario: `fanout:subs=8:size=1k` is name "fanout" with two overrides.
struct ScenarioSpec {
    std::string text;
    std::string name;
    std::map<std::string, std::string, std::less<>> overrides;
};

/// Options that apply to every scenario unless its spec overrides them.
struct ParamOverrides {
    std::optional<std::uint64_t> msgs;
    std::optional<std::uint64_t> size;
    std::optional<std::uint32_t> pubs;
    std::optional<std::uint32_t> subs;
    std::optional<std::uint32_t> subjects;
    std::optional<double> rate;
    std::optional<std::uint32_t> batch;
};

struct BenchOptions {
    std::string url = "nats://127.0.0.1:4222";
    std::vector<ScenarioSpec> scenarios;  ///< empty: the standard set
    ParamOverrides params;
    std::optional<std::uint32_t> rounds;  ///< default 1, or 5 with --compare
    std::uint64_t flush_every = 0;        ///< 0: automatic
    std::uint64_t window = 0;             ///< 0: automatic
    std::chrono::milliseconds stall_timeout{10'000};
    std::string json_path;  ///< "-" for stdout
    std::string csv_path;
    bool compare = false;
    std::string nwb_binary;  ///< empty: ../server/nwb-server beside nwb-bench
    std::string ref_binary;  ///< empty: nats-server from PATH, else /usr/sbin
    std::string store_parent;  ///< --compare's JetStream store directories go here; empty: $TMPDIR
    PlacementRequest placement;  ///< --pin, --server-cpus, --client-cpus
    SubscriberMode subscriber_mode = SubscriberMode::Async;
    bool quiet = false;
    bool list = false;
    bool help = false;
};

/// The scenarios run when none are named: the ones issue #3 sets targets for.
inline constexpr std::string_view kStandardScenarios =
    "pub,pubsub,fanout:subs=4,queue:subs=4,pubsub:size=1KiB,req";

std::string usageText();

/// Parses argv[1..]. Errors name the offending argument.
std::expected<BenchOptions, std::string> parseCommandLine(const std::vector<std::string>& args);

/// Parses a comma-separated list of specs.
std::expected<std::vector<ScenarioSpec>, std::string> parseScenarioList(std::string_view text);
std::expected<ScenarioSpec, std::string> parseScenarioSpec(std::string_view text);

/// A count: digits with an optional k/m/g suffix (×1000, ×10^6, ×10^9).
std::expected<std::uint64_t, std::string> parseCount(std::string_view text);
/// A byte size: digits with an optional k/KiB/m/MiB suffix (×1024, ×1024²).
std::expected<std::uint64_t, std::string> parseByteSize(std::string_view text);
/// A rate: a count as above, or a decimal number.
std::expected<double, std::string> parseRate(std::string_view text);

/// Spec overrides win over the global options, which win over the scenario's defaults.
std::expected<ScenarioParams, std::string> resolveParams(const ScenarioParams& defaults,
                                                         const ParamOverrides& global,
                                                         const ScenarioSpec& spec);

}  // namespace nwb::bench
