// Scenario "js-fetch-ack": a durable pull consumer acking each message.
#include "app/bench/js_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "js-fetch-ack",
    .summary = "pull consumer, Fetch of batch, natsMsg_Ack each (msgs/s)",
    .defaults = {.msgs = 20'000, .size = 128, .pubs = 1, .subs = 1, .batch = 256},
    .targets = [](const ScenarioParams&) { return std::vector<Target>{}; },
    .validate = [](const ScenarioParams& p) { return validateJetStreamParams(p, 1); },
    .run = [](const RunContext& ctx, const ScenarioParams& p) { return runJsFetch(ctx, p, true); },
});

}  // namespace
}  // namespace nwb::bench
