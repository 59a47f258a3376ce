// Scenario "js-fetch": a durable pull consumer without acks, on a filled stream.
#include "app/bench/js_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "js-fetch",
    .summary = "pull consumer, Fetch of batch, AckNone (msgs/s)",
    .defaults = {.msgs = 20'000, .size = 128, .pubs = 1, .subs = 1, .batch = 256},
    .targets = [](const ScenarioParams&) { return std::vector<Target>{}; },
    .validate = [](const ScenarioParams& p) { return validateJetStreamParams(p, 1); },
    .run = [](const RunContext& ctx, const ScenarioParams& p) { return runJsFetch(ctx, p, false); },
});

}  // namespace
}  // namespace nwb::bench
