// A stream's configuration (nats-server StreamConfig): JSON in and out with nats-server's field
// names, and the defaults and validation of nats-server's checkStreamCfg / configUpdateCheck.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/jetstream/api_errors.h"

namespace nwb::jetstream {

enum class RetentionPolicy : std::uint8_t { Limits, Interest, WorkQueue };
enum class StorageType : std::uint8_t { File, Memory };
enum class DiscardPolicy : std::uint8_t { Old, New };
enum class Compression : std::uint8_t { None, S2 };

struct Placement {
    std::string cluster;
    std::vector<std::string> tags;
    bool operator==(const Placement&) const = default;
};

/// nats-server RePublish: after a message is stored, a copy goes to the transformed subject.
struct RePublish {
    std::string src;   ///< filter on the stored subject; checkStreamConfig fills ">"
    std::string dest;
    bool headers_only = false;
    bool operator==(const RePublish&) const = default;
};

/// nats-server SubjectTransformConfig: incoming subjects matching `src` are stored as `dest`.
struct SubjectTransformConfig {
    std::string src;
    std::string dest;
    bool operator==(const SubjectTransformConfig&) const = default;
};

/// nats-server ExternalStream: a source in another JetStream domain or account.
struct ExternalStream {
    std::string api;      ///< the API prefix, e.g. "$JS.hub.API"
    std::string deliver;  ///< the delivery prefix
    bool operator==(const ExternalStream&) const = default;
};

/// nats-server StreamSource: the origin of a mirror, or one of a stream's sources.
struct StreamSource {
    std::string name;
    std::uint64_t opt_start_seq = 0;
    std::optional<std::int64_t> opt_start_time;  ///< ns since the epoch
    std::string filter_subject;
    std::vector<SubjectTransformConfig> subject_transforms;
    std::optional<ExternalStream> external;
    bool operator==(const StreamSource&) const = default;
};

/// nats-server composeIName: "<name>[:<hash of api>] <filters> <destinations>", the key of a
/// source in a stream (duplicates are refused) and in its Nats-Stream-Source header.
std::string sourceIndexName(const StreamSource& source);

struct ConsumerLimits {
    std::int64_t inactive_threshold = 0;  ///< ns
    std::int64_t max_ack_pending = 0;
    bool operator==(const ConsumerLimits&) const = default;
};

/// Durations are nanoseconds. Zero values mean "not set" until checkStreamConfig() fills the
/// defaults nats-server fills.
struct StreamConfig {
    std::string name;
    std::string description;
    std::vector<std::string> subjects;
    RetentionPolicy retention = RetentionPolicy::Limits;
    std::int64_t max_consumers = 0;
    std::int64_t max_msgs = 0;
    std::int64_t max_bytes = 0;
    std::int64_t max_age = 0;
    std::int64_t max_msgs_per_subject = 0;
    std::int32_t max_msg_size = 0;
    DiscardPolicy discard = DiscardPolicy::Old;
    StorageType storage = StorageType::File;
    std::int64_t num_replicas = 0;
    bool no_ack = false;
    std::string template_owner;
    std::int64_t duplicate_window = 0;
    std::optional<Placement> placement;
    std::optional<StreamSource> mirror;
    std::vector<StreamSource> sources;
    std::optional<RePublish> republish;
    Compression compression = Compression::None;
    std::uint64_t first_seq = 0;
    std::optional<SubjectTransformConfig> subject_transform;
    bool allow_direct = false;
    bool mirror_direct = false;
    bool discard_new_per_subject = false;
    bool sealed = false;
    bool deny_delete = false;
    bool deny_purge = false;
    bool allow_rollup_hdrs = false;
    ConsumerLimits consumer_limits;
    std::map<std::string, std::string> metadata;

    bool operator==(const StreamConfig&) const = default;
};

inline constexpr std::size_t kMaxNameLen = 255;
inline constexpr std::size_t kMaxDescriptionLen = 4 * 1024;
inline constexpr std::size_t kMaxMetadataLen = 128 * 1024;
inline constexpr std::int64_t kDefaultDuplicateWindow = 120'000'000'000;  ///< 2 minutes
inline constexpr std::int64_t kMaxReplicas = 5;

/// Any thread; Go json.Unmarshal of a StreamConfig. Error: 10025 "invalid JSON".
std::optional<ApiError> decodeStreamConfig(std::string_view json, StreamConfig& out);
/// Any thread; the JSON nats-server marshals for the config (field order and omitempty as Go).
std::string encodeStreamConfig(const StreamConfig& config);

/// Any thread; nats-server's isValidName: non-empty, none of " \t\r\n\f.*>".
bool isValidStreamName(std::string_view name);

/// Any thread; fills defaults and validates one config alone (no other streams), as
/// checkStreamCfg does. Errors are 10052 with nats-server's text, or 10133.
std::optional<ApiError> checkStreamConfig(StreamConfig& config);

/// Any thread; `next` (already through checkStreamConfig) against the stream's current config,
/// as configUpdateCheck does: what may not change, and the adjustments for sealing.
std::optional<ApiError> checkStreamUpdate(const StreamConfig& old, StreamConfig& next);

/// Any thread; the input subject transform as nats-server's addStream (create) or update builds
/// it: 10049 (create) or 10069 (update) with nats-server's text when it is not valid.
std::optional<ApiError> checkInputTransform(const StreamConfig& config, bool update);

/// Any thread; nats-server SubjectsCollide: could one subject match something the other does?
bool subjectsCollide(std::string_view a, std::string_view b);

}  // namespace nwb::jetstream
