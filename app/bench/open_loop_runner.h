// Request-reply in an open loop: requests leave at a fixed rate whether or not replies have come,
// and latency counts from each request's intended send time (no coordinated omission).
#pragma once

#include "app/bench/run_result.h"
#include "app/bench/scenario.h"

namespace nwb::bench {

/// pubs requesters sharing params.rate requests/s; subs responders (at least one).
RunResult runOpenLoop(const RunContext& ctx, const ScenarioParams& params);

}  // namespace nwb::bench
