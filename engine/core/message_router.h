// Routes one message to the subscriptions its subject matched: every plain one, one member of
// each queue group, in-process subscribers by callback.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/core/subject_trie.h"
#include "engine/protocol/client_parser.h"

namespace nwb::core {

class ClientConnection;

/// What one batch of routing delivered, added to the server's counters once per batch.
struct DeliveryTally {
    std::int64_t out_msgs = 0;
    std::int64_t out_bytes = 0;
};

/// Delivers `data` (headers then payload, as in PUB/HPUB) to `matches`. `sender` is the
/// publishing connection (nullptr for the server itself); with `echo` false it gets no copy.
/// Returns true if anyone took the message. Receivers touched join the calling thread's
/// DeliveryBatch, which the caller flushes. Any thread.
bool routeMessage(const MatchResult& matches, const protocol::PubArgs& pa, std::string_view data,
                  const ClientConnection* sender, bool echo, std::uint64_t sender_cid,
                  DeliveryTally& tally);

}  // namespace nwb::core
