// Subjects, replies and queues no client may use, whatever its permissions (nats-server 2.9.10).
#pragma once

#include <string_view>

namespace nwb::auth {

/// A reply subject reserved for the server: service-import replies `_R_.…`, JetStream acks
/// `$JS.ACK.…` and gateway-routed replies `_GR_.…` (nats-server isReservedReply). A client PUB with
/// such a reply is refused with publishWithReplyViolation(). The bare prefixes `$JS.ACK.` and
/// `_GR_.` are not reserved; `_R_.` is. Any thread.
bool isReservedReply(std::string_view reply);

/// A publish subject reserved for gateway-routed replies (`_GR_.` and at least one more byte).
/// Refused with publishViolation() even for clients without permissions. Any thread.
bool isReservedPublishSubject(std::string_view subject);

/// The queue group `_sys_`, which clients may never use (exact, case-sensitive match).
/// Refused with subscribeViolation() even for clients without permissions. Any thread.
bool isReservedQueue(std::string_view queue);

}  // namespace nwb::auth
