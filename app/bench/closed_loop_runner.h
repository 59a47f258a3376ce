// Request-reply in a closed loop: each requester waits for its reply before the next request.
#pragma once

#include "app/bench/run_result.h"
#include "app/bench/scenario.h"

namespace nwb::bench {

/// pubs requesters, subs responders (at least one; more form a queue group).
RunResult runClosedLoop(const RunContext& ctx, const ScenarioParams& params);

}  // namespace nwb::bench
