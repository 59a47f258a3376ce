// Subjects, replies and queues no client may use, whatever its permissions (nats-server 2.9.10).
#include "engine/auth/reserved_subjects.h"

namespace nwb::auth {
namespace {

constexpr std::string_view kServiceReplyPrefix = "_R_.";
constexpr std::string_view kJsAckPrefix = "$JS.ACK.";
constexpr std::string_view kGatewayReplyPrefix = "_GR_.";
constexpr std::string_view kSystemQueue = "_sys_";

/// `s` starts with `prefix` and has at least one byte more (nats-server compares `len(s) >
/// len(prefix)`).
bool startsWithAndLonger(std::string_view s, std::string_view prefix) {
    return s.size() > prefix.size() && s.starts_with(prefix);
}

}  // namespace

bool isReservedReply(std::string_view reply) {
    // isServiceReply checks `len > 3` against a 4-byte prefix, so "_R_." alone is reserved.
    return reply.starts_with(kServiceReplyPrefix) || startsWithAndLonger(reply, kJsAckPrefix) ||
           startsWithAndLonger(reply, kGatewayReplyPrefix);
}

bool isReservedPublishSubject(std::string_view subject) {
    return startsWithAndLonger(subject, kGatewayReplyPrefix);
}

bool isReservedQueue(std::string_view queue) { return queue == kSystemQueue; }

}  // namespace nwb::auth
