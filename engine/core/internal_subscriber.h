// In-process receivers of messages ($JS.API handlers, $SYS requests): no socket, a callback.
#pragma once

#include <cstdint>
#include <string_view>

namespace nwb::core {

/// One message as an internal subscriber sees it. Views are valid during the call only.
struct InternalMessage {
    std::string_view subject;
    std::string_view reply;
    std::string_view headers;  ///< the "NATS/1.0..." block, or empty
    std::string_view payload;
    std::uint64_t sender_cid = 0;  ///< 0: published by the server itself
};

/// Implemented by engine services. onMessage() runs on the publisher's thread (an I/O thread or
/// whichever thread published internally): it must not block, and must hand long work off.
class InternalSubscriber {
public:
    virtual ~InternalSubscriber() = default;
    virtual void onMessage(const InternalMessage& msg) = 0;
};

}  // namespace nwb::core
