// --compare: starts nwb-server and nats-server, runs every scenario against both in alternating
// rounds, and samples each server's CPU time, RSS and startup time from /proc.
#pragma once

#include "app/bench/compare_report.h"
#include "app/bench/cpu_placement.h"
#include "app/bench/planned_scenario.h"
#include "app/bench/scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nwb::bench {

struct CompareSettings {
    std::string binaries[2];  ///< kNwb, kRef
    std::uint32_t rounds = 5;
    RunContext context;  ///< url and label are filled per run
    std::string store_parent;  ///< JetStream store directories go here; empty: the temp directory
    /// For the report; the caller has already pinned nwb-bench itself to `placement.client`.
    CpuPlacement placement;
    /// Set on both servers before exec: `placement.server`, or with only the client pinned, the
    /// CPUs nwb-bench had before (a child would otherwise inherit the client's). Empty: inherit.
    CpuList server_affinity;
};

/// Each scenario gets fresh servers (so peak RSS is per scenario); rounds alternate nwb, ref.
/// For a JetStream scenario both run with `-js -sd <dir>`, and every run gets a freshly started
/// server on a fresh store directory, removed after it; peak RSS is the highest of those.
CompareData runCompare(const CompareSettings& settings, const std::vector<PlannedScenario>& plan);

/// ../server/nwb-server relative to this executable's directory.
std::string defaultNwbBinary();
/// nats-server from PATH, else /usr/sbin/nats-server.
std::string defaultRefBinary();

}  // namespace nwb::bench
