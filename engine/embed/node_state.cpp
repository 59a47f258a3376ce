// Names of the node states, for logs, tests and the UI's fallback text.
#include "engine/embed/node_state.h"

namespace nwb::embed {

std::string_view nodeStateName(NodeState state) {
    switch (state) {
        case NodeState::Stopped:
            return "stopped";
        case NodeState::Starting:
            return "starting";
        case NodeState::Running:
            return "running";
        case NodeState::Stopping:
            return "stopping";
        case NodeState::Killed:
            return "killed";
        case NodeState::Failed:
            return "failed";
    }
    return "unknown";
}

}  // namespace nwb::embed
