// Why a connection closed.
#pragma once

#include <cstdint>

namespace nwb::core {

/// Why a connection closed (nats-server's ClosedState names, for logs).
enum class CloseReason : std::uint8_t {
    ClientClosed, ReadError, WriteError, ParseError, ProtocolViolation, AuthViolation, AuthTimeout,
    MaxPayload, MaxControlLine, MaxConnections, StaleConnection, SlowConsumer, BadClientProtocol,
    NoRespondersRequiresHeaders, ServerShutdown,
    Killed,  ///< the embedding API's crash: dropped at once, nothing flushed, no events
};

}  // namespace nwb::core
