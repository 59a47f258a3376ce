// Values passed to and returned by stream stores: limits, messages and stream state.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nwb::store {

enum class DiscardPolicy : std::uint8_t { Old, New };

/// Retention limits the store enforces itself on every store (nats-server StreamConfig fields).
/// A value <= 0 (or a zero max_age) means unlimited.
struct StoreLimits {
    std::int64_t max_msgs = -1;
    std::int64_t max_bytes = -1;
    std::chrono::nanoseconds max_age{0};
    std::int64_t max_msgs_per_subject = -1;
    std::int64_t max_msg_size = -1;  ///< headers + payload
    DiscardPolicy discard = DiscardPolicy::Old;
    bool discard_new_per_subject = false;
};

/// Nanoseconds since the Unix epoch. Tests inject their own.
using Clock = std::function<std::int64_t()>;
Clock systemClock();

struct NewMessage {
    std::string_view subject;
    std::string_view headers;  ///< the NATS/1.0 header block, or empty
    std::string_view payload;
    std::optional<std::int64_t> ts;  ///< default: the store's clock
};

struct StoredMessage {
    std::uint64_t seq = 0;
    std::int64_t ts = 0;
    std::string subject;
    std::string headers;
    std::string payload;
};

struct StoreAck {
    std::uint64_t seq = 0;
    std::int64_t ts = 0;
};

/// Messages matching a filter: count and first/last sequence (nats-server SimpleState).
struct SubjectState {
    std::uint64_t msgs = 0;
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    bool operator==(const SubjectState&) const = default;
};

/// StreamInfo.state. An empty new store has first_seq = last_seq = 0; after a purge,
/// first_seq = last_seq + 1. Times are ns since the epoch, 0 when unset.
struct StreamState {
    std::uint64_t msgs = 0;
    std::uint64_t bytes = 0;
    std::uint64_t first_seq = 0;
    std::int64_t first_ts = 0;
    std::uint64_t last_seq = 0;
    std::int64_t last_ts = 0;
    std::uint64_t num_subjects = 0;
    std::uint64_t num_deleted = 0;
    std::vector<std::uint64_t> deleted;          ///< with StateOptions::deleted_details
    std::map<std::string, std::uint64_t> subjects;  ///< with StateOptions::subjects_filter
    std::vector<std::uint64_t> lost;             ///< records found corrupt when read
    bool operator==(const StreamState&) const = default;
};

struct StateOptions {
    bool deleted_details = false;
    std::optional<std::string> subjects_filter;  ///< per-subject counts for matching subjects
};

}  // namespace nwb::store
