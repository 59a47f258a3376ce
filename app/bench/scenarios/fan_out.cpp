// Scenario "fanout": one publisher, N subscribers that each get every message.
#include "app/bench/pubsub_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "fanout",
    .summary = "1 publisher -> N subscribers, each gets all (deliveries/s)",
    .defaults = {.msgs = 500'000, .size = 16, .pubs = 1, .subs = 4},
    .targets =
        [](const ScenarioParams&) {
            return std::vector<Target>{{"delivered msgs/s", 1.3}};
        },
    .validate = [](const ScenarioParams& p) -> std::string {
        if (p.pubs != 1) return "fanout has one publisher (use nxm)";
        return p.subs >= 1 ? "" : "fanout needs subscribers";
    },
    .run =
        [](const RunContext& ctx, const ScenarioParams& p) {
            return runPubSub(ctx, {p, false});
        },
});

}  // namespace
}  // namespace nwb::bench
