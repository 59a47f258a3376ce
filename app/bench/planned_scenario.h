// A scenario chosen on the command line, with its parameters resolved.
#pragma once

#include "app/bench/bench_options.h"
#include "app/bench/scenario.h"

namespace nwb::bench {

struct PlannedScenario {
    ScenarioSpec spec;
    const ScenarioInfo* info = nullptr;
    ScenarioParams params;
};

}  // namespace nwb::bench
