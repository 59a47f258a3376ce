// Scenario "kv-put": key-value puts of distinct keys.
#include "app/bench/js_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "kv-put",
    .summary = "kvStore_Put of distinct keys (puts/s, latency)",
    .defaults = {.msgs = 5'000, .size = 128, .pubs = 1, .subs = 0},
    .targets = [](const ScenarioParams&) { return std::vector<Target>{}; },
    .validate = [](const ScenarioParams& p) { return validateJetStreamParams(p, 0); },
    .run = [](const RunContext& ctx, const ScenarioParams& p) { return runKvPut(ctx, p); },
});

}  // namespace
}  // namespace nwb::bench
