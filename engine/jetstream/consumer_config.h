// A consumer's configuration (nats-server ConsumerConfig): JSON in and out with nats-server's field
// names, the defaults of setConsumerConfigDefaults and the checks of checkConsumerCfg.
#pragma once

#include "engine/jetstream/api_errors.h"
#include "engine/jetstream/stream_config.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nwb::jetstream {

enum class DeliverPolicy : std::uint8_t {
    All,
    Last,
    New,
    ByStartSequence,
    ByStartTime,
    LastPerSubject
};
enum class AckPolicy : std::uint8_t { None, All, Explicit };
enum class ReplayPolicy : std::uint8_t { Instant, Original };
enum class ConsumerAction : std::uint8_t { CreateOrUpdate, Update, Create };

/// Durations are nanoseconds; zero means "not set" as in Go (omitempty).
struct ConsumerConfig {
    std::string durable_name;
    std::string name;
    std::string description;
    DeliverPolicy deliver_policy = DeliverPolicy::All;
    std::uint64_t opt_start_seq = 0;
    std::optional<std::int64_t> opt_start_time;  ///< ns since the epoch
    AckPolicy ack_policy = AckPolicy::None;
    std::int64_t ack_wait = 0;
    std::int64_t max_deliver = 0;
    std::vector<std::int64_t> backoff;
    std::string filter_subject;
    std::vector<std::string> filter_subjects;
    ReplayPolicy replay_policy = ReplayPolicy::Instant;
    std::uint64_t rate_limit_bps = 0;
    std::string sample_freq;
    std::int64_t max_waiting = 0;
    std::int64_t max_ack_pending = 0;
    std::int64_t idle_heartbeat = 0;
    bool flow_control = false;
    bool headers_only = false;
    std::int64_t max_batch = 0;
    std::int64_t max_expires = 0;
    std::int64_t max_bytes = 0;
    std::string deliver_subject;
    std::string deliver_group;
    std::int64_t inactive_threshold = 0;
    std::int64_t num_replicas = 0;
    bool mem_storage = false;
    bool direct = false;
    std::map<std::string, std::string> metadata;

    bool operator==(const ConsumerConfig&) const = default;
    /// nats-server isDurableConsumer.
    bool durable() const { return !durable_name.empty(); }
    /// filter_subject and filter_subjects together (gatherSubjectFilters); empty: everything.
    std::vector<std::string> filters() const;
};

/// CreateConsumerRequest: {"stream_name", "config", "action"}.
struct CreateConsumerRequest {
    std::string stream_name;
    ConsumerConfig config;
    ConsumerAction action = ConsumerAction::CreateOrUpdate;
};

inline constexpr std::int64_t kDefaultMaxWaiting = 512;          ///< JSWaitQueueDefaultMax
inline constexpr std::int64_t kDefaultAckWait = 30'000'000'000;  ///< JsAckWaitDefault
inline constexpr std::int64_t kDefaultMaxAckPending = 1000;      ///< JsDefaultMaxAckPending
inline constexpr std::int64_t kDefaultInactiveThreshold = 5'000'000'000;  ///< ephemerals, 5 s

/// Any thread; Go json.Unmarshal of a ConsumerConfig. Error: 10025 "invalid JSON".
std::optional<ApiError> decodeConsumerConfig(std::string_view json, ConsumerConfig& out);
/// Any thread; Go json.Unmarshal of a CreateConsumerRequest. Error: 10025 "invalid JSON".
std::optional<ApiError> decodeCreateConsumerRequest(std::string_view json,
                                                    CreateConsumerRequest& out);
/// Any thread; the JSON nats-server marshals for the config (field order and omitempty as Go).
std::string encodeConsumerConfig(const ConsumerConfig& config);

/// Any thread; setConsumerConfigDefaults for a stream (no server or account limits).
void setConsumerDefaults(ConsumerConfig& config, const StreamConfig& stream);
/// Any thread; checkConsumerCfg against the stream's config, with nats-server's codes and texts.
std::optional<ApiError> checkConsumerConfig(const ConsumerConfig& config,
                                            const StreamConfig& stream);

/// Any thread; an RFC 3339 time as Go's time.Time unmarshals it, in ns since the epoch.
std::optional<std::int64_t> parseGoTime(std::string_view text);

/// Any thread; nats-server createConsumerName: 8 characters of [0-9A-Za-z] from a random seed.
std::string generateConsumerName();

}  // namespace nwb::jetstream
