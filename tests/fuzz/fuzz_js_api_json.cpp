// Fuzzes the $JS.API request decoding: stream configs (decode, defaults and validation, update
// rules) and the small request bodies must never crash, and an accepted config must round-trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/jetstream/api_requests.h"
#include "engine/jetstream/stream_config.h"
#include "engine/jetstream/subject_transform.h"

namespace {

void check(bool ok) {
    if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace nwb::jetstream;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    StreamConfig cfg;
    if (!decodeStreamConfig(text, cfg)) {
        const StreamConfig decoded = cfg;
        if (!checkStreamConfig(cfg)) {
            // Defaults are a fixed point, and what we write we read back identically.
            StreamConfig again = cfg;
            check(!checkStreamConfig(again) && again == cfg);
            StreamConfig round;
            check(!decodeStreamConfig(encodeStreamConfig(cfg), round));
            check(!checkStreamConfig(round) && round == cfg);
            StreamConfig next = cfg;
            (void)checkStreamUpdate(decoded, next);
            for (const auto& a : cfg.subjects) check(subjectsCollide(a, a));
            // The input transform either builds or names the failure; a built one maps any
            // subject it matches to a valid subject.
            if (!checkInputTransform(cfg, false) && cfg.subject_transform &&
                !cfg.subject_transform->dest.empty()) {
                auto tr = SubjectTransform::create(cfg.subject_transform->src,
                                                   cfg.subject_transform->dest);
                check(tr.has_value());
                for (const auto& subject : cfg.subjects) (void)tr->match(subject);
            }
        }
    }
    (void)isEmptyRequest(text);
    StreamInfoRequest info;
    (void)decodeStreamInfoRequest(text, info);
    StreamPurgeRequest purge;
    (void)decodeStreamPurgeRequest(text, purge);
    MsgGetRequest get;
    (void)decodeMsgGetRequest(text, get);
    MsgDeleteRequest del;
    (void)decodeMsgDeleteRequest(text, del);
    StreamNamesRequest names;
    (void)decodeStreamNamesRequest(text, names);
    return 0;
}
