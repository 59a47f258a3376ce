// Scenario "js-pub-async": JetStream publish with a window of acks in flight.
#include "app/bench/js_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "js-pub-async",
    .summary = "js_PublishAsync, at most batch awaiting acks (acks/s)",
    .defaults = {.msgs = 100'000, .size = 128, .pubs = 1, .subs = 0, .batch = 4096},
    .targets = [](const ScenarioParams&) { return std::vector<Target>{}; },
    .validate = [](const ScenarioParams& p) { return validateJetStreamParams(p, 0); },
    .run = [](const RunContext& ctx, const ScenarioParams& p) { return runJsPublishAsync(ctx, p); },
});

}  // namespace
}  // namespace nwb::bench
