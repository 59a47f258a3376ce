// Scenario "req-open": request-reply at a fixed rate; latency from each intended send time.
#include "app/bench/open_loop_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "req-open",
    .summary = "request-reply at a fixed rate (default 5000/s), latency from intended send time",
    .defaults = {.msgs = 20'000, .size = 16, .pubs = 1, .subs = 1, .subjects = 1, .rate = 5000},
    .targets = [](const ScenarioParams&) { return std::vector<Target>{}; },
    .validate = [](const ScenarioParams& p) -> std::string {
        if (p.rate <= 0) return "req-open needs a rate";
        return p.size >= 16 ? "" : "req-open needs size >= 16 (it carries the send time)";
    },
    .run = runOpenLoop,
});

}  // namespace
}  // namespace nwb::bench
