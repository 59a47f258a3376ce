// Scenario "pub": publishers only, nobody subscribed; measures how fast the server takes messages.
#include "app/bench/pubsub_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "pub",
    .summary = "publishers only, no subscribers (published msgs/s)",
    .defaults = {.msgs = 2'000'000, .size = 16, .pubs = 1, .subs = 0},
    .targets =
        [](const ScenarioParams&) {
            return std::vector<Target>{{"published msgs/s", 1.3}};
        },
    .validate = [](const ScenarioParams& p) -> std::string {
        return p.subs == 0 ? "" : "pub has no subscribers (use nxm)";
    },
    .run =
        [](const RunContext& ctx, const ScenarioParams& p) {
            return runPubSub(ctx, {p, false});
        },
});

}  // namespace
}  // namespace nwb::bench
