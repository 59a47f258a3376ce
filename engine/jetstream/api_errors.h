// The JetStream API error table (nats-server server/errors.json): constant, HTTP code, err_code,
// description; and the JSON envelopes every $JS.API response and PubAck error uses.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace nwb::jetstream {

/// One row per error the engine emits. Names follow nats-server's constants without "JS"/"Err".
enum class ApiErrc : std::uint16_t {
    AccountResourcesExceeded,    // 10002
    BadRequest,                  // 10003
    InsufficientResources,       // 10023
    InvalidJson,                 // 10025
    MaximumStreamsLimit,         // 10027
    NoMessageFound,              // 10037
    NotEmptyRequest,             // 10038
    NotEnabledForAccount,        // 10039
    SequenceNotFound,            // 10043 {seq}
    StorageResourcesExceeded,    // 10047
    MemoryResourcesExceeded,     // 10028
    StreamCreate,                // 10049 {err}
    StreamDelete,                // 10050 {err}
    StreamGeneral,               // 10051 {err}
    StreamInvalidConfig,         // 10052 {err}
    StreamMessageExceedsMaximum, // 10054
    StreamMismatch,              // 10056
    StreamMsgDeleteFailed,       // 10057 {err}
    StreamNameExist,             // 10058
    StreamNotFound,              // 10059
    StreamNotMatch,              // 10060
    StreamSubjectOverlap,        // 10065
    StreamUpdate,                // 10069 {err}
    StreamWrongLastMsgId,        // 10070 {id}
    StreamWrongLastSequence,     // 10071 {seq}
    StreamReplicasNotSupported,  // 10074
    NotEnabled,                  // 10076
    StreamStoreFailed,           // 10077 {err}
    StreamHeaderExceedsMaximum,  // 10097
    StreamSealed,                // 10109
    StreamPurgeFailed,           // 10110 {err}
    StreamRollupFailed,          // 10111 {err}
    StreamNameContainsPathSeparators,  // 10128
    ReplicasCountCannotBeNegative,     // 10133
    ConsumerEphemeralWithDurableName,  // 10020
    ConsumerNotFound,  // 10014
    MaximumConsumersLimit,  // 10026
    ConsumerCreate,  // 10012
    ConsumerDurableNameNotInSubject,  // 10016
    ConsumerNameExist,  // 10013
    ConsumerDurableNameNotSet,  // 10018
    ConsumerDurableNameNotMatchSubject,  // 10017
    ConsumerConfigRequired,  // 10078
    ConsumerDeliverToWildcards,  // 10079
    ConsumerPushMaxWaiting,  // 10080
    ConsumerDeliverCycle,  // 10081
    ConsumerMaxPendingAckPolicyRequired,  // 10082
    ConsumerSmallHeartbeat,  // 10083
    ConsumerPullRequiresAck,  // 10084
    ConsumerPullWithRateLimit,  // 10086
    ConsumerMaxWaitingNegative,  // 10087
    ConsumerHBRequiresPush,  // 10088
    ConsumerFCRequiresPush,  // 10089
    ConsumerDirectRequiresPush,  // 10090
    ConsumerDirectRequiresEphemeral,  // 10091
    ConsumerInvalidPolicy,  // 10094
    ConsumerInvalidSampling,  // 10095
    ConsumerWQRequiresExplicitAck,  // 10098
    ConsumerWQMultipleUnfiltered,  // 10099
    ConsumerWQConsumerNotUnique,  // 10100
    ConsumerWQConsumerNotDeliverAll,  // 10101
    ConsumerNameTooLong,  // 10102
    ConsumerBadDurableName,  // 10103
    ConsumerStoreFailed,  // 10104
    ConsumerDescriptionTooLong,  // 10107
    ConsumerWithFlowControlNeedsHeartbeats,  // 10108
    ConsumerInvalidDeliverSubject,  // 10112
    ConsumerMaxRequestBatchNegative,  // 10114
    ConsumerMaxRequestExpiresToSmall,  // 10115
    ConsumerMaxDeliverBackoff,  // 10116
    ConsumerMaxPendingAckExcess,  // 10121
    ConsumerMaxRequestBatchExceeded,  // 10125
    ConsumerReplicasExceedsStream,  // 10126
    ConsumerNameContainsPathSeparators,  // 10127
    ConsumerCreateFilterSubjectMismatch,  // 10131
    ConsumerCreateDurableAndNameMismatch,  // 10132
    ConsumerReplicasShouldMatchStream,  // 10134
    ConsumerMetadataLength,  // 10135
    ConsumerDuplicateFilterSubjects,  // 10136
    ConsumerMultipleFiltersNotAllowed,  // 10137
    ConsumerOverlappingSubjectFilters,  // 10138
    ConsumerEmptyFilter,  // 10139
    ConsumerAlreadyExists,  // 10148
    ConsumerDoesNotExist,  // 10149
    ConsumerInactiveThresholdExcess,  // 10153
    MirrorWithSubjects,          // 10034
    StreamExternalApiOverlap,    // 10021 {prefix} {subject}
    MirrorMaxMessageSizeTooBig,  // 10030
    MirrorWithSources,           // 10031
    SourceMaxMessageSizeTooBig,  // 10046
    StreamMirrorNotUpdatable,    // 10055
    SourceDuplicateDetected,     // 10140
    SourceInvalidStreamName,     // 10141
    MirrorInvalidStreamName,     // 10142
    MirrorWithFirstSeq,          // 10143
    SourceMultipleFiltersNotAllowed,  // 10144
    SourceInvalidSubjectFilter,  // 10145
    SourceInvalidTransformDestination,  // 10146
    SourceOverlappingSubjectFilters,    // 10147
    MirrorMultipleFiltersNotAllowed,    // 10150
    MirrorInvalidSubjectFilter,  // 10151
    MirrorOverlappingSubjectFilters,    // 10152
};

/// A row of the table: what the wire carries.
struct ApiErrorInfo {
    ApiErrc errc;
    std::string_view constant;     ///< nats-server's constant, e.g. "JSStreamNotFoundErr"
    int code;                      ///< HTTP-like status
    std::uint16_t err_code;        ///< JetStream error code
    std::string_view description;  ///< exact text; "{err}", "{seq}", "{id}" are placeholders
};

/// A filled-in error, ready to send.
struct ApiError {
    int code = 500;
    std::uint16_t err_code = 0;
    std::string description;
    bool operator==(const ApiError&) const = default;
};

/// Any thread; the table row for `errc`.
const ApiErrorInfo& apiErrorInfo(ApiErrc errc);
/// Any thread; every row, in err_code order (for tests and docs).
std::span<const ApiErrorInfo> apiErrorTable();

/// Any thread; the error with its placeholder ({err}, {seq} or {id}) replaced by `arg`.
ApiError makeApiError(ApiErrc errc, std::string_view arg = {});

/// Any thread; `{"code":N,"err_code":N,"description":"..."}` as nats-server marshals ApiError.
std::string apiErrorJson(const ApiError& error);
/// Any thread; `{"type":"<type>","error":{...}}`, plus `,<more_fields>` when given (the paged
/// replies of nats-server carry their zeroed total/offset/limit along with an error).
std::string errorResponse(std::string_view type, const ApiError& error,
                          std::string_view more_fields = {});

/// Response types ($JS.API reply "type" field).
namespace response_type {
inline constexpr std::string_view kAccountInfo = "io.nats.jetstream.api.v1.account_info_response";
inline constexpr std::string_view kStreamCreate = "io.nats.jetstream.api.v1.stream_create_response";
inline constexpr std::string_view kStreamUpdate = "io.nats.jetstream.api.v1.stream_update_response";
inline constexpr std::string_view kStreamInfo = "io.nats.jetstream.api.v1.stream_info_response";
inline constexpr std::string_view kStreamDelete = "io.nats.jetstream.api.v1.stream_delete_response";
inline constexpr std::string_view kStreamPurge = "io.nats.jetstream.api.v1.stream_purge_response";
inline constexpr std::string_view kStreamNames = "io.nats.jetstream.api.v1.stream_names_response";
inline constexpr std::string_view kStreamList = "io.nats.jetstream.api.v1.stream_list_response";
inline constexpr std::string_view kMsgGet = "io.nats.jetstream.api.v1.stream_msg_get_response";
inline constexpr std::string_view kMsgDelete = "io.nats.jetstream.api.v1.stream_msg_delete_response";
inline constexpr std::string_view kConsumerCreate = "io.nats.jetstream.api.v1.consumer_create_response";
inline constexpr std::string_view kConsumerDelete = "io.nats.jetstream.api.v1.consumer_delete_response";
inline constexpr std::string_view kConsumerInfo = "io.nats.jetstream.api.v1.consumer_info_response";
inline constexpr std::string_view kConsumerNames = "io.nats.jetstream.api.v1.consumer_names_response";
inline constexpr std::string_view kConsumerList = "io.nats.jetstream.api.v1.consumer_list_response";
inline constexpr std::string_view kSystem = "io.nats.jetstream.api.v1.system_response";
}  // namespace response_type

}  // namespace nwb::jetstream
