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
    ApiErrorInfo{ApiErrc::InsufficientResources, "JSInsufficientResourcesErr", 503, 10023,
                 "insufficient resources"},
    ApiErrorInfo{ApiErrc::InvalidJson, "JSInvalidJSONErr", 400, 10025, "invalid JSON"},
    ApiErrorInfo{ApiErrc::MaximumStreamsLimit, "JSMaximumStreamsLimitErr", 400, 10027,
                 "maximum number of streams reached"},
    ApiErrorInfo{ApiErrc::MemoryResourcesExceeded, "JSMemoryResourcesExceededErr", 500, 10028,
                 "insufficient memory resources available"},
    ApiErrorInfo{ApiErrc::MirrorWithSubjects, "JSMirrorWithSubjectsErr", 400, 10034,
                 "stream mirrors can not contain subjects"},
    ApiErrorInfo{ApiErrc::NoMessageFound, "JSNoMessageFoundErr", 404, 10037, "no message found"},
    ApiErrorInfo{ApiErrc::NotEmptyRequest, "JSNotEmptyRequestErr", 400, 10038,
                 "expected an empty request payload"},
    ApiErrorInfo{ApiErrc::NotEnabledForAccount, "JSNotEnabledForAccountErr", 503, 10039,
                 "JetStream not enabled for account"},
    ApiErrorInfo{ApiErrc::SequenceNotFound, "JSSequenceNotFoundErrF", 400, 10043,
                 "sequence {seq} not found"},
    ApiErrorInfo{ApiErrc::StorageResourcesExceeded, "JSStorageResourcesExceededErr", 500, 10047,
                 "insufficient storage resources available"},
    ApiErrorInfo{ApiErrc::StreamCreate, "JSStreamCreateErrF", 500, 10049, "{err}"},
    ApiErrorInfo{ApiErrc::StreamDelete, "JSStreamDeleteErrF", 500, 10050, "{err}"},
    ApiErrorInfo{ApiErrc::StreamGeneral, "JSStreamGeneralErrorF", 500, 10051, "{err}"},
    ApiErrorInfo{ApiErrc::StreamInvalidConfig, "JSStreamInvalidConfigF", 500, 10052, "{err}"},
    ApiErrorInfo{ApiErrc::StreamMessageExceedsMaximum, "JSStreamMessageExceedsMaximumErr", 400,
                 10054, "message size exceeds maximum allowed"},
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
    ApiErrorInfo{ApiErrc::StreamHeaderExceedsMaximum, "JSStreamHeaderExceedsMaximumErr", 400,
                 10097, "header size exceeds maximum allowed of 64k"},
    ApiErrorInfo{ApiErrc::StreamSealed, "JSStreamSealedErr", 400, 10109,
                 "invalid operation on sealed stream"},
    ApiErrorInfo{ApiErrc::StreamPurgeFailed, "JSStreamPurgeFailedF", 500, 10110, "{err}"},
    ApiErrorInfo{ApiErrc::StreamRollupFailed, "JSStreamRollupFailedF", 500, 10111, "{err}"},
    ApiErrorInfo{ApiErrc::StreamNameContainsPathSeparators,
                 "JSStreamNameContainsPathSeparatorsErr", 400, 10128,
                 "Stream name can not contain path separators"},
    ApiErrorInfo{ApiErrc::ReplicasCountCannotBeNegative, "JSReplicasCountCannotBeNegative", 400,
                 10133, "replicas count cannot be negative"},
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

std::string errorResponse(std::string_view type, const ApiError& error) {
    std::string out = "{\"type\":";
    appendJsonString(out, type);
    out += ",\"error\":" + apiErrorJson(error) + "}";
    return out;
}

}  // namespace nwb::jetstream
