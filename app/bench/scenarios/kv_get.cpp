// Scenario "kv-get": key-value gets of existing keys in a random order.
#include "app/bench/js_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "kv-get",
    .summary = "kvStore_Get of every key in random order (gets/s, latency)",
    .defaults = {.msgs = 20'000, .size = 128, .pubs = 1, .subs = 0},
    .targets = [](const ScenarioParams&) { return std::vector<Target>{}; },
    .validate = [](const ScenarioParams& p) { return validateJetStreamParams(p, 0); },
    .run = [](const RunContext& ctx, const ScenarioParams& p) { return runKvGet(ctx, p); },
});

}  // namespace
}  // namespace nwb::bench
