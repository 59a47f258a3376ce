// Scenario "js-pub-sync": JetStream publish, one at a time.
#include "app/bench/js_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "js-pub-sync",
    .summary = "js_Publish one at a time on a file stream (acks/s, publish round trip)",
    .defaults = {.msgs = 5'000, .size = 128, .pubs = 1, .subs = 0},
    .targets = [](const ScenarioParams&) { return std::vector<Target>{}; },
    .validate = [](const ScenarioParams& p) { return validateJetStreamParams(p, 0); },
    .run = [](const RunContext& ctx, const ScenarioParams& p) { return runJsPublishSync(ctx, p); },
});

}  // namespace
}  // namespace nwb::bench
