// Scenario "js-ordered": an ordered push consumer reading a filled stream.
#include "app/bench/js_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "js-ordered",
    .summary = "ordered push consumer reading the whole stream (msgs/s)",
    .defaults = {.msgs = 20'000, .size = 128, .pubs = 1, .subs = 1},
    .targets = [](const ScenarioParams&) { return std::vector<Target>{}; },
    .validate = [](const ScenarioParams& p) { return validateJetStreamParams(p, 1); },
    .run = [](const RunContext& ctx, const ScenarioParams& p) { return runJsOrdered(ctx, p); },
});

}  // namespace
}  // namespace nwb::bench
