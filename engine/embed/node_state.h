// The life-cycle states of an embedded node, as the embedding API reports them.
#pragma once

#include <cstdint>
#include <string_view>

namespace nwb::embed {

/// Stopped → Starting → Running | Failed; Running → Stopping → Stopped (stop);
/// Running → Killed (kill). Stopped, Killed and Failed may start again.
enum class NodeState : std::uint8_t { Stopped, Starting, Running, Stopping, Killed, Failed };

/// "stopped", "starting", "running", "stopping", "killed", "failed". Any thread.
std::string_view nodeStateName(NodeState state);

}  // namespace nwb::embed
