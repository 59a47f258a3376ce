// Decoding of the stream API's request bodies.
#include "engine/jetstream/api_requests.h"

#include "engine/jetstream/json_decode.h"

namespace nwb::jetstream {

namespace {

/// Parses `text` and hands its object to `read`; null is Go's zero value.
template <typename Read>
std::optional<ApiError> decodeObject(std::string_view text, Read read) {
    boost::json::value root;
    if (!json::parse(text, root)) return makeApiError(ApiErrc::InvalidJson);
    if (root.is_null()) return std::nullopt;
    if (!root.is_object() || !read(root.get_object())) return makeApiError(ApiErrc::InvalidJson);
    return std::nullopt;
}

}  // namespace

bool isEmptyRequest(std::string_view payload) {
    if (payload.empty() || payload == "{}") return true;
    boost::json::value root;
    if (!json::parse(payload, root)) return false;
    return root.is_object() && root.get_object().empty();
}

std::optional<ApiError> decodeStreamInfoRequest(std::string_view text, StreamInfoRequest& out) {
    return decodeObject(text, [&](const boost::json::object& o) {
        return json::readInt64(o, "offset", out.offset) &&
               json::readBool(o, "deleted_details", out.deleted_details) &&
               json::readString(o, "subjects_filter", out.subjects_filter);
    });
}

std::optional<ApiError> decodeStreamPurgeRequest(std::string_view text, StreamPurgeRequest& out) {
    return decodeObject(text, [&](const boost::json::object& o) {
        return json::readUint64(o, "seq", out.seq) && json::readString(o, "filter", out.filter) &&
               json::readUint64(o, "keep", out.keep);
    });
}

std::optional<ApiError> decodeMsgGetRequest(std::string_view text, MsgGetRequest& out) {
    return decodeObject(text, [&](const boost::json::object& o) {
        return json::readUint64(o, "seq", out.seq) &&
               json::readString(o, "last_by_subj", out.last_by_subj) &&
               json::readString(o, "next_by_subj", out.next_by_subj);
    });
}

std::optional<ApiError> decodeMsgDeleteRequest(std::string_view text, MsgDeleteRequest& out) {
    return decodeObject(text, [&](const boost::json::object& o) {
        return json::readUint64(o, "seq", out.seq) && json::readBool(o, "no_erase", out.no_erase);
    });
}

std::optional<ApiError> decodeStreamNamesRequest(std::string_view text, StreamNamesRequest& out) {
    return decodeObject(text, [&](const boost::json::object& o) {
        return json::readInt64(o, "offset", out.offset) &&
               json::readString(o, "subject", out.subject);
    });
}

}  // namespace nwb::jetstream
