// Scenario "nxm": N publishers and M subscribers; every subscriber gets every message.
#include "app/bench/pubsub_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "nxm",
    .summary = "N publishers x M subscribers, each gets all (deliveries/s)",
    .defaults = {.msgs = 1'000'000, .size = 16, .pubs = 2, .subs = 2},
    .targets = [](const ScenarioParams&) { return std::vector<Target>{}; },
    .validate = [](const ScenarioParams& p) -> std::string {
        return p.subs >= 1 ? "" : "nxm needs subscribers (use pub)";
    },
    .run =
        [](const RunContext& ctx, const ScenarioParams& p) {
            return runPubSub(ctx, {p, false});
        },
});

}  // namespace
}  // namespace nwb::bench
