// The JetStream API error table, with nats-server 2.10's codes and exact descriptions.
#include "engine/jetstream/api_errors.h"

#include <array>

#include "engine/jetstream/json_text.h"

namespace nwb::jetstream {

namespace {

// Sorted by err_code. Rows come from nats-server v2.10.22 server/errors.json.
constexpr std::array kTable{
    ApiErrorInfo{ApiErrc::AccountResourcesExceeded, "JSAccountResourcesExceededErr", 400, 10002,
                 "resource limits exceeded for account"},
    ApiErrorInfo{ApiErrc::BadRequest, "JSBadRequestErr", 400, 10003, "bad request"},
    ApiErrorInfo{ApiErrc::ConsumerCreate, "JSConsumerCreateErrF", 500, 10012,
                 "{err}"},
    ApiErrorInfo{ApiErrc::ConsumerNameExist, "JSConsumerNameExistErr", 400, 10013,
                 "consumer name already in use"},
    ApiErrorInfo{ApiErrc::ConsumerNotFound, "JSConsumerNotFoundErr", 404, 10014,
                 "consumer not found"},
    ApiErrorInfo{ApiErrc::ConsumerDurableNameNotInSubject, "JSConsumerDurableNameNotInSubjectErr", 400, 10016,
                 "consumer expected to be durable but no durable name set in subject"},
    ApiErrorInfo{ApiErrc::ConsumerDurableNameNotMatchSubject, "JSConsumerDurableNameNotMatchSubjectErr", 400, 10017,
                 "consumer name in subject does not match durable name in request"},
    ApiErrorInfo{ApiErrc::ConsumerDurableNameNotSet, "JSConsumerDurableNameNotSetErr", 400, 10018,
                 "consumer expected to be durable but a durable name was not set"},
    ApiErrorInfo{ApiErrc::ConsumerEphemeralWithDurableName, "JSConsumerEphemeralWithDurableNameErr", 400, 10020,
                 "consumer expected to be ephemeral but a durable name was set in request"},
    ApiErrorInfo{ApiErrc::StreamExternalApiOverlap, "JSStreamExternalApiOverlapErrF", 400, 10021,
                 "stream external api prefix {prefix} must not overlap with {subject}"},
    ApiErrorInfo{ApiErrc::InsufficientResources, "JSInsufficientResourcesErr", 503, 10023,
                 "insufficient resources"},
    ApiErrorInfo{ApiErrc::InvalidJson, "JSInvalidJSONErr", 400, 10025, "invalid JSON"},
    ApiErrorInfo{ApiErrc::MaximumConsumersLimit, "JSMaximumConsumersLimitErr", 400, 10026,
                 "maximum consumers limit reached"},
    ApiErrorInfo{ApiErrc::MaximumStreamsLimit, "JSMaximumStreamsLimitErr", 400, 10027,
                 "maximum number of streams reached"},
    ApiErrorInfo{ApiErrc::MemoryResourcesExceeded, "JSMemoryResourcesExceededErr", 500, 10028,
                 "insufficient memory resources available"},
    ApiErrorInfo{ApiErrc::MirrorMaxMessageSizeTooBig, "JSMirrorMaxMessageSizeTooBigErr", 400, 10030,
                 "stream mirror must have max message size >= source"},
    ApiErrorInfo{ApiErrc::MirrorWithSources, "JSMirrorWithSourcesErr", 400, 10031,
                 "stream mirrors can not also contain other sources"},
    ApiErrorInfo{ApiErrc::MirrorWithSubjects, "JSMirrorWithSubjectsErr", 400, 10034,
                 "stream mirrors can not contain subjects"},
    ApiErrorInfo{ApiErrc::NoMessageFound, "JSNoMessageFoundErr", 404, 10037, "no message found"},
    ApiErrorInfo{ApiErrc::NotEmptyRequest, "JSNotEmptyRequestErr", 400, 10038,
                 "expected an empty request payload"},
    ApiErrorInfo{ApiErrc::NotEnabledForAccount, "JSNotEnabledForAccountErr", 503, 10039,
                 "JetStream not enabled for account"},
    ApiErrorInfo{ApiErrc::SequenceNotFound, "JSSequenceNotFoundErrF", 400, 10043,
                 "sequence {seq} not found"},
    ApiErrorInfo{ApiErrc::SourceMaxMessageSizeTooBig, "JSSourceMaxMessageSizeTooBigErr", 400, 10046,
                 "stream source must have max message size >= target"},
    ApiErrorInfo{ApiErrc::StorageResourcesExceeded, "JSStorageResourcesExceededErr", 500, 10047,
                 "insufficient storage resources available"},
    ApiErrorInfo{ApiErrc::StreamCreate, "JSStreamCreateErrF", 500, 10049, "{err}"},
    ApiErrorInfo{ApiErrc::StreamDelete, "JSStreamDeleteErrF", 500, 10050, "{err}"},
    ApiErrorInfo{ApiErrc::StreamGeneral, "JSStreamGeneralErrorF", 500, 10051, "{err}"},
    ApiErrorInfo{ApiErrc::StreamInvalidConfig, "JSStreamInvalidConfigF", 500, 10052, "{err}"},
    ApiErrorInfo{ApiErrc::StreamMessageExceedsMaximum, "JSStreamMessageExceedsMaximumErr", 400,
                 10054, "message size exceeds maximum allowed"},
    ApiErrorInfo{ApiErrc::StreamMirrorNotUpdatable, "JSStreamMirrorNotUpdatableErr", 400, 10055,
                 "stream mirror configuration can not be updated"},
    ApiErrorInfo{ApiErrc::StreamMismatch, "JSStreamMismatchErr", 400, 10056,
                 "stream name in subject does not match request"},
    ApiErrorInfo{ApiErrc::StreamMsgDeleteFailed, "JSStreamMsgDeleteFailedF", 500, 10057, "{err}"},
    ApiErrorInfo{ApiErrc::StreamNameExist, "JSStreamNameExistErr", 400, 10058,
                 "stream name already in use with a different configuration"},
    ApiErrorInfo{ApiErrc::StreamNotFound, "JSStreamNotFoundErr", 404, 10059, "stream not found"},
    ApiErrorInfo{ApiErrc::StreamNotMatch, "JSStreamNotMatchErr", 400, 10060,
                 "expected stream does not match"},
    ApiErrorInfo{ApiErrc::StreamSubjectOverlap, "JSStreamSubjectOverlapErr", 400, 10065,
                 "subjects overlap with an existing stream"},
    ApiErrorInfo{ApiErrc::StreamUpdate, "JSStreamUpdateErrF", 500, 10069, "{err}"},
    ApiErrorInfo{ApiErrc::StreamWrongLastMsgId, "JSStreamWrongLastMsgIDErrF", 400, 10070,
                 "wrong last msg ID: {id}"},
    ApiErrorInfo{ApiErrc::StreamWrongLastSequence, "JSStreamWrongLastSequenceErrF", 400, 10071,
                 "wrong last sequence: {seq}"},
    ApiErrorInfo{ApiErrc::StreamReplicasNotSupported, "JSStreamReplicasNotSupportedErr", 500, 10074,
                 "replicas > 1 not supported in non-clustered mode"},
    ApiErrorInfo{ApiErrc::NotEnabled, "JSNotEnabledErr", 503, 10076, "JetStream not enabled"},
    ApiErrorInfo{ApiErrc::StreamStoreFailed, "JSStreamStoreFailedF", 503, 10077, "{err}"},
    ApiErrorInfo{ApiErrc::ConsumerConfigRequired, "JSConsumerConfigRequiredErr", 400, 10078,
                 "consumer config required"},
    ApiErrorInfo{ApiErrc::ConsumerDeliverToWildcards, "JSConsumerDeliverToWildcardsErr", 400, 10079,
                 "consumer deliver subject has wildcards"},
    ApiErrorInfo{ApiErrc::ConsumerPushMaxWaiting, "JSConsumerPushMaxWaitingErr", 400, 10080,
                 "consumer in push mode can not set max waiting"},
    ApiErrorInfo{ApiErrc::ConsumerDeliverCycle, "JSConsumerDeliverCycleErr", 400, 10081,
                 "consumer deliver subject forms a cycle"},
    ApiErrorInfo{ApiErrc::ConsumerMaxPendingAckPolicyRequired, "JSConsumerMaxPendingAckPolicyRequiredErr", 400, 10082,
                 "consumer requires ack policy for max ack pending"},
    ApiErrorInfo{ApiErrc::ConsumerSmallHeartbeat, "JSConsumerSmallHeartbeatErr", 400, 10083,
                 "consumer idle heartbeat needs to be >= 100ms"},
    ApiErrorInfo{ApiErrc::ConsumerPullRequiresAck, "JSConsumerPullRequiresAckErr", 400, 10084,
                 "consumer in pull mode requires ack policy"},
    ApiErrorInfo{ApiErrc::ConsumerPullWithRateLimit, "JSConsumerPullWithRateLimitErr", 400, 10086,
                 "consumer in pull mode can not have rate limit set"},
    ApiErrorInfo{ApiErrc::ConsumerMaxWaitingNegative, "JSConsumerMaxWaitingNegativeErr", 400, 10087,
                 "consumer max waiting needs to be positive"},
    ApiErrorInfo{ApiErrc::ConsumerHBRequiresPush, "JSConsumerHBRequiresPushErr", 400, 10088,
                 "consumer idle heartbeat requires a push based consumer"},
    ApiErrorInfo{ApiErrc::ConsumerFCRequiresPush, "JSConsumerFCRequiresPushErr", 400, 10089,
                 "consumer flow control requires a push based consumer"},
    ApiErrorInfo{ApiErrc::ConsumerDirectRequiresPush, "JSConsumerDirectRequiresPushErr", 400, 10090,
                 "consumer direct requires a push based consumer"},
    ApiErrorInfo{ApiErrc::ConsumerDirectRequiresEphemeral, "JSConsumerDirectRequiresEphemeralErr", 400, 10091,
                 "consumer direct requires an ephemeral consumer"},
    ApiErrorInfo{ApiErrc::ConsumerInvalidPolicy, "JSConsumerInvalidPolicyErrF", 400, 10094,
                 "{err}"},
    ApiErrorInfo{ApiErrc::ConsumerInvalidSampling, "JSConsumerInvalidSamplingErrF", 400, 10095,
                 "failed to parse consumer sampling configuration: {err}"},
    ApiErrorInfo{ApiErrc::StreamHeaderExceedsMaximum, "JSStreamHeaderExceedsMaximumErr", 400,
                 10097, "header size exceeds maximum allowed of 64k"},
    ApiErrorInfo{ApiErrc::ConsumerWQRequiresExplicitAck, "JSConsumerWQRequiresExplicitAckErr", 400, 10098,
                 "workqueue stream requires explicit ack"},
    ApiErrorInfo{ApiErrc::ConsumerWQMultipleUnfiltered, "JSConsumerWQMultipleUnfilteredErr", 400, 10099,
                 "multiple non-filtered consumers not allowed on workqueue stream"},
    ApiErrorInfo{ApiErrc::ConsumerWQConsumerNotUnique, "JSConsumerWQConsumerNotUniqueErr", 400, 10100,
                 "filtered consumer not unique on workqueue stream"},
    ApiErrorInfo{ApiErrc::ConsumerWQConsumerNotDeliverAll, "JSConsumerWQConsumerNotDeliverAllErr", 400, 10101,
                 "consumer must be deliver all on workqueue stream"},
    ApiErrorInfo{ApiErrc::ConsumerNameTooLong, "JSConsumerNameTooLongErrF", 400, 10102,
                 "consumer name is too long, maximum allowed is {err}"},
    ApiErrorInfo{ApiErrc::ConsumerBadDurableName, "JSConsumerBadDurableNameErr", 400, 10103,
                 "durable name can not contain '.', '*', '>'"},
    ApiErrorInfo{ApiErrc::ConsumerStoreFailed, "JSConsumerStoreFailedErrF", 500, 10104,
                 "error creating store for consumer: {err}"},
    ApiErrorInfo{ApiErrc::ConsumerDescriptionTooLong, "JSConsumerDescriptionTooLongErrF", 400, 10107,
                 "consumer description is too long, maximum allowed is {err}"},
    ApiErrorInfo{ApiErrc::ConsumerWithFlowControlNeedsHeartbeats, "JSConsumerWithFlowControlNeedsHeartbeats", 400, 10108,
                 "consumer with flow control also needs heartbeats"},
    ApiErrorInfo{ApiErrc::StreamSealed, "JSStreamSealedErr", 400, 10109,
                 "invalid operation on sealed stream"},
    ApiErrorInfo{ApiErrc::StreamPurgeFailed, "JSStreamPurgeFailedF", 500, 10110, "{err}"},
    ApiErrorInfo{ApiErrc::StreamRollupFailed, "JSStreamRollupFailedF", 500, 10111, "{err}"},
    ApiErrorInfo{ApiErrc::ConsumerInvalidDeliverSubject, "JSConsumerInvalidDeliverSubject", 400, 10112,
                 "invalid push consumer deliver subject"},
    ApiErrorInfo{ApiErrc::ConsumerMaxRequestBatchNegative, "JSConsumerMaxRequestBatchNegativeErr", 400, 10114,
                 "consumer max request batch needs to be > 0"},
    ApiErrorInfo{ApiErrc::ConsumerMaxRequestExpiresToSmall, "JSConsumerMaxRequestExpiresToSmall", 400, 10115,
                 "consumer max request expires needs to be >= 1ms"},
    ApiErrorInfo{ApiErrc::ConsumerMaxDeliverBackoff, "JSConsumerMaxDeliverBackoffErr", 400, 10116,
                 "max deliver is required to be > length of backoff values"},
    ApiErrorInfo{ApiErrc::ConsumerMaxPendingAckExcess, "JSConsumerMaxPendingAckExcessErrF", 400, 10121,
                 "consumer max ack pending exceeds system limit of {err}"},
    ApiErrorInfo{ApiErrc::ConsumerMaxRequestBatchExceeded, "JSConsumerMaxRequestBatchExceededF", 400, 10125,
                 "consumer max request batch exceeds server limit of {err}"},
    ApiErrorInfo{ApiErrc::ConsumerReplicasExceedsStream, "JSConsumerReplicasExceedsStream", 400, 10126,
                 "consumer config replica count exceeds parent stream"},
    ApiErrorInfo{ApiErrc::ConsumerNameContainsPathSeparators, "JSConsumerNameContainsPathSeparatorsErr", 400, 10127,
                 "Consumer name can not contain path separators"},
    ApiErrorInfo{ApiErrc::StreamNameContainsPathSeparators,
                 "JSStreamNameContainsPathSeparatorsErr", 400, 10128,
                 "Stream name can not contain path separators"},
    ApiErrorInfo{ApiErrc::ConsumerCreateFilterSubjectMismatch, "JSConsumerCreateFilterSubjectMismatchErr", 400, 10131,
                 "Consumer create request did not match filtered subject from create subject"},
    ApiErrorInfo{ApiErrc::ConsumerCreateDurableAndNameMismatch, "JSConsumerCreateDurableAndNameMismatch", 400, 10132,
                 "Consumer Durable and Name have to be equal if both are provided"},
    ApiErrorInfo{ApiErrc::ReplicasCountCannotBeNegative, "JSReplicasCountCannotBeNegative", 400,
                 10133, "replicas count cannot be negative"},
    ApiErrorInfo{ApiErrc::ConsumerReplicasShouldMatchStream, "JSConsumerReplicasShouldMatchStream", 400, 10134,
                 "consumer config replicas must match interest retention stream's replicas"},
    ApiErrorInfo{ApiErrc::ConsumerMetadataLength, "JSConsumerMetadataLengthErrF", 400, 10135,
                 "consumer metadata exceeds maximum size of {err}"},
    ApiErrorInfo{ApiErrc::ConsumerDuplicateFilterSubjects, "JSConsumerDuplicateFilterSubjects", 400, 10136,
                 "consumer cannot have both FilterSubject and FilterSubjects specified"},
    ApiErrorInfo{ApiErrc::ConsumerMultipleFiltersNotAllowed, "JSConsumerMultipleFiltersNotAllowed", 400, 10137,
                 "consumer with multiple subject filters cannot use subject based API"},
    ApiErrorInfo{ApiErrc::ConsumerOverlappingSubjectFilters, "JSConsumerOverlappingSubjectFilters", 400, 10138,
                 "consumer subject filters cannot overlap"},
    ApiErrorInfo{ApiErrc::ConsumerEmptyFilter, "JSConsumerEmptyFilter", 400, 10139,
                 "consumer filter in FilterSubjects cannot be empty"},
    ApiErrorInfo{ApiErrc::SourceDuplicateDetected, "JSSourceDuplicateDetected", 400, 10140,
                 "duplicate source configuration detected"},
    ApiErrorInfo{ApiErrc::SourceInvalidStreamName, "JSSourceInvalidStreamName", 400, 10141,
                 "sourced stream name is invalid"},
    ApiErrorInfo{ApiErrc::MirrorInvalidStreamName, "JSMirrorInvalidStreamName", 400, 10142,
                 "mirrored stream name is invalid"},
    ApiErrorInfo{ApiErrc::MirrorWithFirstSeq, "JSMirrorWithFirstSeqErr", 400, 10143,
                 "stream mirrors can not have first sequence configured"},
    ApiErrorInfo{ApiErrc::SourceMultipleFiltersNotAllowed, "JSSourceMultipleFiltersNotAllowed", 400,
                 10144, "source with multiple subject transforms cannot also have a single subject filter"},
    ApiErrorInfo{ApiErrc::SourceInvalidSubjectFilter, "JSSourceInvalidSubjectFilter", 400, 10145,
                 "source subject filter is invalid"},
    ApiErrorInfo{ApiErrc::SourceInvalidTransformDestination, "JSSourceInvalidTransformDestination",
                 400, 10146, "source transform destination is invalid"},
    ApiErrorInfo{ApiErrc::SourceOverlappingSubjectFilters, "JSSourceOverlappingSubjectFilters", 400,
                 10147, "source filters can not overlap"},
    ApiErrorInfo{ApiErrc::ConsumerAlreadyExists, "JSConsumerAlreadyExists", 400, 10148,
                 "consumer already exists"},
    ApiErrorInfo{ApiErrc::ConsumerDoesNotExist, "JSConsumerDoesNotExist", 400, 10149,
                 "consumer does not exist"},
    ApiErrorInfo{ApiErrc::MirrorMultipleFiltersNotAllowed, "JSMirrorMultipleFiltersNotAllowed", 400,
                 10150, "mirror with multiple subject transforms cannot also have a single subject filter"},
    ApiErrorInfo{ApiErrc::MirrorInvalidSubjectFilter, "JSMirrorInvalidSubjectFilter", 400, 10151,
                 "mirror subject filter is invalid"},
    ApiErrorInfo{ApiErrc::MirrorOverlappingSubjectFilters, "JSMirrorOverlappingSubjectFilters", 400,
                 10152, "mirror subject filters can not overlap"},
    ApiErrorInfo{ApiErrc::ConsumerInactiveThresholdExcess, "JSConsumerInactiveThresholdExcess", 400, 10153,
                 "consumer inactive threshold exceeds system limit of {err}"},
};

}  // namespace

const ApiErrorInfo& apiErrorInfo(ApiErrc errc) {
    for (const auto& row : kTable) {
        if (row.errc == errc) return row;
    }
    return kTable[1];  // unreachable for a valid enumerator: every one has a row (unit-tested)
}

std::span<const ApiErrorInfo> apiErrorTable() { return kTable; }

ApiError makeApiError(ApiErrc errc, std::string_view arg) {
    const ApiErrorInfo& row = apiErrorInfo(errc);
    ApiError e{row.code, row.err_code, std::string(row.description)};
    const auto open = e.description.find('{');
    if (open != std::string::npos) {
        const auto close = e.description.find('}', open);
        if (close != std::string::npos) e.description.replace(open, close - open + 1, arg);
    }
    return e;
}

std::string apiErrorJson(const ApiError& error) {
    std::string out = "{\"code\":" + std::to_string(error.code);
    if (error.err_code != 0) out += ",\"err_code\":" + std::to_string(error.err_code);
    if (!error.description.empty()) {
        out += ",\"description\":";
        appendJsonString(out, error.description);
    }
    out += '}';
    return out;
}

std::string errorResponse(std::string_view type, const ApiError& error,
                          std::string_view more_fields) {
    std::string out = "{\"type\":";
    appendJsonString(out, type);
    out += ",\"error\":" + apiErrorJson(error);
    if (!more_fields.empty()) {
        out += ',';
        out += more_fields;
    }
    out += '}';
    return out;
}

}  // namespace nwb::jetstream
