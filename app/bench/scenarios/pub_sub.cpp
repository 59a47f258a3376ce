// Scenario "pubsub": one publisher, one subscriber; sequence numbers are checked in order.
#include "app/bench/pubsub_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "pubsub",
    .summary = "pub -> sub 1:1 (delivered msgs/s; MB/s from 1 KiB)",
    .defaults = {.msgs = 1'000'000, .size = 16, .pubs = 1, .subs = 1},
    .targets =
        [](const ScenarioParams& p) {
            return p.size >= 1024 ? std::vector<Target>{{"delivered MB/s", 1.2}}
                                  : std::vector<Target>{{"delivered msgs/s", 1.3}};
        },
    .validate = [](const ScenarioParams& p) -> std::string {
        return p.pubs == 1 && p.subs == 1 ? "" : "pubsub is 1:1 (use nxm for more clients)";
    },
    .run =
        [](const RunContext& ctx, const ScenarioParams& p) {
            return runPubSub(ctx, {p, false});
        },
});

}  // namespace
}  // namespace nwb::bench
