// The pure parts of the JetStream scenarios: which scenarios need JetStream, the checks of a
// stream's and a consumer's final state, KV key names and the random order kv-get reads them in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nwb::bench {

/// The JetStream set that --js selects.
inline constexpr std::string_view kJetStreamScenarios =
    "js-pub-sync,js-pub-async,js-fetch,js-fetch-ack,js-ordered,kv-put,kv-get";

/// True for the scenarios that need a server with JetStream enabled (js-*, kv-*).
bool isJetStreamScenario(std::string_view name);

/// What a stream reports about its messages (STREAM.INFO's state).
struct StreamCounts {
    std::uint64_t msgs = 0;
    std::uint64_t first_seq = 0;
    std::uint64_t last_seq = 0;
};

/// A fresh stream that was sent `expected` messages must hold exactly them, as sequences
/// 1..expected. Returns what is wrong, or "" when nothing is.
std::string checkStreamCounts(const StreamCounts& got, std::uint64_t expected);

/// What a consumer reports (CONSUMER.INFO).
struct ConsumerCounts {
    std::uint64_t delivered_consumer = 0;  ///< deliveries, redeliveries included
    std::uint64_t delivered_stream = 0;    ///< last stream sequence delivered
    std::uint64_t ack_floor_stream = 0;
    std::uint64_t num_ack_pending = 0;
    std::uint64_t num_redelivered = 0;
    std::uint64_t num_pending = 0;
};

/// A consumer on a stream of `expected` messages that delivered all of them once: nothing left,
/// nothing redelivered and, when `acked`, every delivery acknowledged (ack floor at the end).
/// Returns what is wrong, or "" when nothing is.
std::string checkConsumerCounts(const ConsumerCounts& got, std::uint64_t expected, bool acked);

/// The key kv-put writes and kv-get reads for message `index`.
std::string kvKey(std::uint64_t index);

/// 0..count-1 in a random order drawn from `seed` (the same seed gives the same order).
std::vector<std::uint64_t> shuffledIndexes(std::uint64_t count, std::uint64_t seed);

/// A name for the filesystem type in statfs's f_type ("ext4" for the ext family, "tmpfs"...),
/// or the number in hex when unknown.
std::string filesystemName(std::uint64_t magic);

}  // namespace nwb::bench
