// The list of scenarios, filled by the scenario files' static initializers.
#include "app/bench/scenario.h"

#include <algorithm>

namespace nwb::bench {
namespace {

std::vector<ScenarioInfo>& registry() {
    static std::vector<ScenarioInfo> all;
    return all;
}

}  // namespace

bool registerScenario(ScenarioInfo info) {
    auto& all = registry();
    all.push_back(std::move(info));
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return true;
}

const std::vector<ScenarioInfo>& scenarios() { return registry(); }

const ScenarioInfo* findScenario(const std::string& name) {
    for (const auto& s : registry()) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

}  // namespace nwb::bench
