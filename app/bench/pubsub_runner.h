// Runs P publishers and M subscribers (plain or as one queue group) against one server, with
// flow control that keeps every subscriber within a window, and verifies every delivery.
#pragma once

#include "app/bench/run_result.h"
#include "app/bench/scenario.h"

namespace nwb::bench {

struct PubSubShape {
    ScenarioParams params;  ///< subs 0: publish only
    bool queue = false;     ///< the subscribers form one queue group
};

RunResult runPubSub(const RunContext& ctx, const PubSubShape& shape);

/// Messages publisher `index` of `pubs` sends out of `total` (the first ones take the remainder).
std::uint64_t messagesForPublisher(std::uint64_t total, std::uint32_t pubs, std::uint32_t index);

}  // namespace nwb::bench
