// The small JSON requests of the stream API (nats-server jetstream_api.go request structs),
// decoded with Go's rules. Free of std::expected so that the fuzz build can use it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/jetstream/api_errors.h"

namespace nwb::jetstream {

struct StreamInfoRequest {  ///< JSApiStreamInfoRequest
    std::int64_t offset = 0;
    bool deleted_details = false;
    std::string subjects_filter;
};

struct StreamPurgeRequest {  ///< JSApiStreamPurgeRequest
    std::uint64_t seq = 0;
    std::string filter;
    std::uint64_t keep = 0;
};

struct MsgGetRequest {  ///< JSApiMsgGetRequest (also DIRECT.GET)
    std::uint64_t seq = 0;
    std::string last_by_subj;
    std::string next_by_subj;
};

struct MsgDeleteRequest {  ///< JSApiMsgDeleteRequest
    std::uint64_t seq = 0;
    bool no_erase = false;
};

struct StreamNamesRequest {  ///< JSApiStreamNamesRequest / JSApiStreamListRequest
    std::int64_t offset = 0;
    std::string subject;
};

/// Any thread; nats-server isEmptyRequest: no bytes, or a JSON object with no fields.
bool isEmptyRequest(std::string_view payload);

/// Any thread; each returns 10025 "invalid JSON" when Go's json.Unmarshal would fail.
std::optional<ApiError> decodeStreamInfoRequest(std::string_view json, StreamInfoRequest& out);
std::optional<ApiError> decodeStreamPurgeRequest(std::string_view json, StreamPurgeRequest& out);
std::optional<ApiError> decodeMsgGetRequest(std::string_view json, MsgGetRequest& out);
std::optional<ApiError> decodeMsgDeleteRequest(std::string_view json, MsgDeleteRequest& out);
std::optional<ApiError> decodeStreamNamesRequest(std::string_view json, StreamNamesRequest& out);

}  // namespace nwb::jetstream
