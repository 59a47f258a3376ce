// Scenario "queue": publishers and one queue group of N members; each message reaches one member.
#include "app/bench/pubsub_runner.h"
#include "app/bench/scenario.h"

namespace nwb::bench {
namespace {

const bool kRegistered = registerScenario({
    .name = "queue",
    .summary = "queue group of N members, each message to one (delivered msgs/s)",
    .defaults = {.msgs = 1'000'000, .size = 16, .pubs = 1, .subs = 4},
    .targets =
        [](const ScenarioParams&) {
            return std::vector<Target>{{"delivered msgs/s", 1.3}};
        },
    .validate = [](const ScenarioParams& p) -> std::string {
        return p.subs >= 1 ? "" : "queue needs members (subs)";
    },
    .run =
        [](const RunContext& ctx, const ScenarioParams& p) {
            return runPubSub(ctx, {p, true});
        },
});

}  // namespace
}  // namespace nwb::bench
