// Scenario "req": request-reply in a closed loop; round-trip latency and requests/s.
#include "app/bench/closed_loop_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "req",
    .summary = "request-reply, closed loop: N requesters, M responders (latency, req/s)",
    .defaults = {.msgs = 20'000, .size = 16, .pubs = 1, .subs = 1},
    .targets =
        [](const ScenarioParams&) {
            return std::vector<Target>{{"latency p50 us", 0.8}, {"latency p99 us", 0.6}};
        },
    .validate = [](const ScenarioParams& p) -> std::string {
        return p.rate == 0 ? "" : "req is a closed loop (use req-open for a fixed rate)";
    },
    .run = runClosedLoop,
});

}  // namespace
}  // namespace nwb::bench
