// StreamConfig JSON and nats-server's defaults and validation rules (v2.10 stream.go).
#include "engine/jetstream/stream_config.h"

#include <set>


#include "engine/base/sha256.h"
#include "engine/jetstream/consumer_config.h"
#include "engine/jetstream/json_decode.h"
#include "engine/jetstream/json_text.h"
#include "engine/jetstream/subject_transform.h"
#include "engine/protocol/subject.h"

namespace nwb::jetstream {

namespace {

constexpr std::int64_t kMinWindow = 100'000'000;  // 100ms

ApiError invalid(std::string_view text) { return makeApiError(ApiErrc::StreamInvalidConfig, text); }

std::string goQuote(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

bool readEnum(const boost::json::object& o, std::string_view key,
              std::initializer_list<std::string_view> names, int& out, bool lower = false) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return true;
    if (!it->value().is_string()) return false;
    std::string v(it->value().get_string().data(), it->value().get_string().size());
    if (lower) {
        for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    int i = 0;
    for (auto name : names) {
        if (v == name) {
            out = i;
            return true;
        }
        ++i;
    }
    return false;
}

bool decodeTransforms(const boost::json::object& o, std::vector<SubjectTransformConfig>& out) {
    auto it = o.find("subject_transforms");
    if (it == o.end() || it->value().is_null()) return true;
    if (!it->value().is_array()) return false;
    for (const auto& v : it->value().get_array()) {
        if (!v.is_object()) return false;
        SubjectTransformConfig t;
        if (!json::readString(v.get_object(), "src", t.src) ||
            !json::readString(v.get_object(), "dest", t.dest)) {
            return false;
        }
        out.push_back(std::move(t));
    }
    return true;
}

/// Go json.Unmarshal of a StreamSource object.
bool decodeSource(const boost::json::value& v, StreamSource& out) {
    if (!v.is_object()) return false;
    const auto& o = v.get_object();
    if (!json::readString(o, "name", out.name) ||
        !json::readUint64(o, "opt_start_seq", out.opt_start_seq) ||
        !json::readString(o, "filter_subject", out.filter_subject) ||
        !decodeTransforms(o, out.subject_transforms)) {
        return false;
    }
    if (auto it = o.find("opt_start_time"); it != o.end() && !it->value().is_null()) {
        if (!it->value().is_string()) return false;
        auto ts = parseGoTime(std::string_view(it->value().get_string()));
        if (!ts) return false;
        out.opt_start_time = *ts;
    }
    if (auto it = o.find("external"); it != o.end() && !it->value().is_null()) {
        if (!it->value().is_object()) return false;
        ExternalStream e;
        if (!json::readString(it->value().get_object(), "api", e.api) ||
            !json::readString(it->value().get_object(), "deliver", e.deliver)) {
            return false;
        }
        out.external = std::move(e);
    }
    return true;
}

/// The JSON nats-server marshals for a StreamSource (omitempty as Go).
void encodeSource(std::string& out, const StreamSource& s) {
    out += '{';
    appendStr(out, "name", s.name);
    if (s.opt_start_seq != 0) {
        appendField(out, "opt_start_seq");
        out += std::to_string(s.opt_start_seq);
    }
    if (s.opt_start_time) appendStr(out, "opt_start_time", goTime(*s.opt_start_time));
    if (!s.filter_subject.empty()) appendStr(out, "filter_subject", s.filter_subject);
    if (!s.subject_transforms.empty()) {
        appendField(out, "subject_transforms");
        out += '[';
        for (std::size_t i = 0; i < s.subject_transforms.size(); ++i) {
            if (i != 0) out += ',';
            out += '{';
            appendStr(out, "src", s.subject_transforms[i].src);
            appendStr(out, "dest", s.subject_transforms[i].dest);
            out += '}';
        }
        out += ']';
    }
    if (s.external) {
        appendField(out, "external");
        out += '{';
        appendStr(out, "api", s.external->api);
        appendStr(out, "deliver", s.external->deliver);
        out += '}';
    }
    out += '}';
}

/// nats-server getHash: 8 characters of base 62 from the SHA-256 of `name`.
std::string shortHash(std::string_view name) {
    static constexpr std::string_view kDigits =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const base::Sha256Digest sum = base::sha256(name);
    std::string out(8, '0');
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = kDigits[sum[i] % kDigits.size()];
    return out;
}

std::optional<ApiError> checkMirror(const StreamConfig& cfg) {
    const StreamSource& m = *cfg.mirror;
    if (cfg.first_seq > 0) return makeApiError(ApiErrc::MirrorWithFirstSeq);
    if (!cfg.subjects.empty()) return makeApiError(ApiErrc::MirrorWithSubjects);
    if (!cfg.sources.empty()) return makeApiError(ApiErrc::MirrorWithSources);
    if (!m.filter_subject.empty() && !m.subject_transforms.empty()) {
        return makeApiError(ApiErrc::MirrorMultipleFiltersNotAllowed);
    }
    for (const auto& outer : m.subject_transforms) {
        if (!protocol::isValidSubject(outer.src)) {
            return makeApiError(ApiErrc::MirrorInvalidSubjectFilter);
        }
        for (const auto& inner : m.subject_transforms) {
            if (&inner != &outer && subjectsCollide(outer.src, inner.src)) {
                return makeApiError(ApiErrc::MirrorOverlappingSubjectFilters);
            }
        }
    }
    if (!m.external && !isValidStreamName(m.name)) {
        return makeApiError(ApiErrc::MirrorInvalidStreamName);
    }
    return std::nullopt;
}

std::optional<ApiError> checkSources(const StreamConfig& cfg) {
    std::set<std::string> inames;
    for (const auto& src : cfg.sources) {
        if (!isValidStreamName(src.name)) return makeApiError(ApiErrc::SourceInvalidStreamName);
        if (!inames.insert(sourceIndexName(src)).second) {
            return makeApiError(ApiErrc::SourceDuplicateDetected);
        }
        if (src.external) continue;  // nats-server checks no more of an external source
        if (!src.filter_subject.empty() && !src.subject_transforms.empty()) {
            return makeApiError(ApiErrc::SourceMultipleFiltersNotAllowed);
        }
        for (const auto& t : src.subject_transforms) {
            if (!t.dest.empty() && !SubjectTransform::create(">", t.dest) &&
                !SubjectTransform::create(t.src.empty() ? ">" : t.src, t.dest)) {
                return makeApiError(ApiErrc::SourceInvalidTransformDestination);
            }
        }
        for (const auto& outer : src.subject_transforms) {
            if (!protocol::isValidSubject(outer.src)) {
                return makeApiError(ApiErrc::SourceInvalidSubjectFilter);
            }
            for (const auto& inner : src.subject_transforms) {
                if (&inner != &outer && protocol::subjectIsSubsetOf(outer.src, inner.src)) {
                    return makeApiError(ApiErrc::SourceOverlappingSubjectFilters);
                }
            }
        }
    }
    return std::nullopt;
}

/// nats-server's checks of external api prefixes (delivery prefixes are not used here).
std::optional<ApiError> checkExternalApis(const StreamConfig& cfg) {
    std::vector<const ExternalStream*> externals;
    if (cfg.mirror && cfg.mirror->external) externals.push_back(&*cfg.mirror->external);
    for (const auto& src : cfg.sources) {
        if (src.external) externals.push_back(&*src.external);
    }
    for (const ExternalStream* e : externals) {
        if (e->api.empty()) continue;
        if (!protocol::isValidLiteralSubject(e->api)) {
            return invalid("stream external api prefix " + goQuote(e->api) +
                           " must be a valid subject without wildcards");
        }
        if (subjectsCollide(e->api, "$JS.API")) {
            ApiError error = makeApiError(ApiErrc::StreamExternalApiOverlap);
            error.description = "stream external api prefix " + e->api +
                                " must not overlap with $JS.API";
            return error;
        }
    }
    return std::nullopt;
}

}  // namespace

std::string sourceIndexName(const StreamSource& s) {
    std::string name = s.name;
    if (s.external) name += ":" + shortHash(s.external->api);
    std::string filters = s.filter_subject;
    std::string destinations = ">";
    if (s.subject_transforms.empty()) {
        if (filters.empty()) filters = ">";
    } else {
        filters.clear();
        destinations.clear();
        for (std::size_t i = 0; i < s.subject_transforms.size(); ++i) {
            if (i != 0) {
                filters += '\f';
                destinations += '\f';
            }
            const auto& t = s.subject_transforms[i];
            filters += t.src.empty() ? ">" : t.src;
            destinations += t.dest.empty() ? ">" : t.dest;
        }
    }
    return name + " " + filters + " " + destinations;
}

bool isValidStreamName(std::string_view name) {
    return !name.empty() && name.find_first_of(" \t\r\n\f.*>") == std::string_view::npos;
}

std::optional<ApiError> checkInputTransform(const StreamConfig& cfg, bool update) {
    const auto& t = cfg.subject_transform;
    if (!t || t->dest.empty()) return std::nullopt;  // an empty destination: no transform
    std::string reason;
    if (SubjectTransform::create(t->src, t->dest, &reason)) return std::nullopt;
    const std::string what = std::string(update ? "stream configuration for subject transform"
                                                : "stream subject transform") +
                             " from '" + t->src + "' to '" + t->dest + "': " + reason;
    return makeApiError(update ? ApiErrc::StreamUpdate : ApiErrc::StreamCreate, what);
}

bool subjectsCollide(std::string_view a, std::string_view b) {
    if (a == b) return true;
    const auto ta = protocol::splitSubjectTokens(a);
    const auto tb = protocol::splitSubjectTokens(b);
    const bool a_fwc = !ta.empty() && ta.back() == ">";
    const bool b_fwc = !tb.empty() && tb.back() == ">";
    if (!a_fwc && !b_fwc && ta.size() != tb.size()) return false;
    if (ta.size() < tb.size() && !a_fwc) return false;
    if (tb.size() < ta.size() && !b_fwc) return false;
    const std::size_t stop = std::min(ta.size(), tb.size());
    for (std::size_t i = 0; i < stop; ++i) {
        const auto x = ta[i];
        const auto y = tb[i];
        if (x == "*" || x == ">" || y == "*" || y == ">") continue;
        if (x != y) return false;
    }
    return true;
}

std::optional<ApiError> decodeStreamConfig(std::string_view text, StreamConfig& out) {
    const ApiError bad = makeApiError(ApiErrc::InvalidJson);
    boost::json::value root;
    if (!json::parse(text, root)) return bad;
    if (root.is_null()) return std::nullopt;  // Go: "null" leaves the zero value
    if (!root.is_object()) return bad;
    const auto& o = root.get_object();
    StreamConfig c;
    int retention = 0, storage = 0, discard = 0, compression = 0;
    bool ok = json::readString(o, "name", c.name) &&
              json::readString(o, "description", c.description) &&
              json::readStrings(o, "subjects", c.subjects) &&
              readEnum(o, "retention", {"limits", "interest", "workqueue"}, retention) &&
              json::readInt64(o, "max_consumers", c.max_consumers) &&
              json::readInt64(o, "max_msgs", c.max_msgs) &&
              json::readInt64(o, "max_bytes", c.max_bytes) &&
              json::readInt64(o, "max_age", c.max_age) &&
              json::readInt64(o, "max_msgs_per_subject", c.max_msgs_per_subject) &&
              json::readInt32(o, "max_msg_size", c.max_msg_size) &&
              readEnum(o, "discard", {"old", "new"}, discard, true) &&
              readEnum(o, "storage", {"file", "memory", "any"}, storage) &&
              json::readInt64(o, "num_replicas", c.num_replicas) &&
              json::readBool(o, "no_ack", c.no_ack) &&
              json::readString(o, "template_owner", c.template_owner) &&
              json::readInt64(o, "duplicate_window", c.duplicate_window) &&
              readEnum(o, "compression", {"none", "s2"}, compression) &&
              json::readUint64(o, "first_seq", c.first_seq) &&
              json::readBool(o, "allow_direct", c.allow_direct) &&
              json::readBool(o, "mirror_direct", c.mirror_direct) &&
              json::readBool(o, "discard_new_per_subject", c.discard_new_per_subject) &&
              json::readBool(o, "sealed", c.sealed) &&
              json::readBool(o, "deny_delete", c.deny_delete) &&
              json::readBool(o, "deny_purge", c.deny_purge) &&
              json::readBool(o, "allow_rollup_hdrs", c.allow_rollup_hdrs) &&
              json::readStringMap(o, "metadata", c.metadata);
    if (!ok) return bad;
    c.retention = static_cast<RetentionPolicy>(retention);
    c.storage = storage == 1 ? StorageType::Memory : StorageType::File;
    c.discard = static_cast<DiscardPolicy>(discard);
    c.compression = static_cast<Compression>(compression);

    auto present = [&](std::string_view key, auto kind_ok) -> std::optional<bool> {
        auto it = o.find(key);
        if (it == o.end() || it->value().is_null()) return false;
        if (!kind_ok(it->value())) return std::nullopt;
        return true;
    };
    auto is_object = [](const boost::json::value& v) { return v.is_object(); };
    auto mirror = present("mirror", is_object);
    auto transform = present("subject_transform", is_object);
    auto republish = present("republish", is_object);
    auto placement = present("placement", is_object);
    auto limits = present("consumer_limits", is_object);
    auto sources = present("sources", [](const boost::json::value& v) { return v.is_array(); });
    if (!mirror || !transform || !republish || !placement || !limits || !sources) return bad;
    if (*mirror) {
        StreamSource m;
        if (!decodeSource(o.at("mirror"), m)) return bad;
        c.mirror = std::move(m);
    }
    if (*sources) {
        for (const auto& v : o.at("sources").get_array()) {
            if (v.is_null()) continue;  // Go keeps a nil *StreamSource; nats-server skips it
            StreamSource src;
            if (!decodeSource(v, src)) return bad;
            c.sources.push_back(std::move(src));
        }
    }
    if (*transform) {
        SubjectTransformConfig t;
        const auto& to = o.at("subject_transform").get_object();
        if (!json::readString(to, "src", t.src) || !json::readString(to, "dest", t.dest)) {
            return bad;
        }
        c.subject_transform = std::move(t);
    }
    if (*republish) {
        RePublish r;
        const auto& ro = o.at("republish").get_object();
        if (!json::readString(ro, "src", r.src) || !json::readString(ro, "dest", r.dest) ||
            !json::readBool(ro, "headers_only", r.headers_only)) {
            return bad;
        }
        c.republish = std::move(r);
    }
    if (*placement) {
        Placement p;
        const auto& po = o.at("placement").get_object();
        if (!json::readString(po, "cluster", p.cluster) || !json::readStrings(po, "tags", p.tags)) {
            return bad;
        }
        c.placement = std::move(p);
    }
    if (*limits) {
        const auto& lo = o.at("consumer_limits").get_object();
        if (!json::readInt64(lo, "inactive_threshold", c.consumer_limits.inactive_threshold) ||
            !json::readInt64(lo, "max_ack_pending", c.consumer_limits.max_ack_pending)) {
            return bad;
        }
    }
    out = std::move(c);
    return std::nullopt;
}

std::string encodeStreamConfig(const StreamConfig& c) {
    static constexpr std::string_view kRetention[] = {"limits", "interest", "workqueue"};
    std::string out = "{";
    appendStr(out, "name", c.name);
    if (!c.description.empty()) appendStr(out, "description", c.description);
    if (!c.subjects.empty()) appendStrings(out, "subjects", c.subjects);
    appendStr(out, "retention", kRetention[static_cast<int>(c.retention)]);
    appendInt(out, "max_consumers", c.max_consumers);
    appendInt(out, "max_msgs", c.max_msgs);
    appendInt(out, "max_bytes", c.max_bytes);
    appendInt(out, "max_age", c.max_age);
    appendInt(out, "max_msgs_per_subject", c.max_msgs_per_subject);
    if (c.max_msg_size != 0) appendInt(out, "max_msg_size", c.max_msg_size);
    appendStr(out, "discard", c.discard == DiscardPolicy::New ? "new" : "old");
    appendStr(out, "storage", c.storage == StorageType::Memory ? "memory" : "file");
    appendInt(out, "num_replicas", c.num_replicas);
    if (c.no_ack) appendBool(out, "no_ack", true);
    if (!c.template_owner.empty()) appendStr(out, "template_owner", c.template_owner);
    if (c.duplicate_window != 0) appendInt(out, "duplicate_window", c.duplicate_window);
    if (c.placement) {
        appendField(out, "placement");
        out += '{';
        if (!c.placement->cluster.empty()) appendStr(out, "cluster", c.placement->cluster);
        if (!c.placement->tags.empty()) appendStrings(out, "tags", c.placement->tags);
        out += '}';
    }
    if (c.mirror) {
        appendField(out, "mirror");
        encodeSource(out, *c.mirror);
    }
    if (!c.sources.empty()) {
        appendField(out, "sources");
        out += '[';
        for (std::size_t i = 0; i < c.sources.size(); ++i) {
            if (i != 0) out += ',';
            encodeSource(out, c.sources[i]);
        }
        out += ']';
    }
    appendStr(out, "compression", c.compression == Compression::S2 ? "s2" : "none");
    if (c.first_seq != 0) {
        appendField(out, "first_seq");
        out += std::to_string(c.first_seq);
    }
    if (c.subject_transform) {
        appendField(out, "subject_transform");
        out += '{';
        appendStr(out, "src", c.subject_transform->src);
        appendStr(out, "dest", c.subject_transform->dest);
        out += '}';
    }
    if (c.republish) {
        appendField(out, "republish");
        out += '{';
        if (!c.republish->src.empty()) appendStr(out, "src", c.republish->src);
        appendStr(out, "dest", c.republish->dest);
        if (c.republish->headers_only) appendBool(out, "headers_only", true);
        out += '}';
    }
    appendBool(out, "allow_direct", c.allow_direct);
    appendBool(out, "mirror_direct", c.mirror_direct);
    if (c.discard_new_per_subject) appendBool(out, "discard_new_per_subject", true);
    appendBool(out, "sealed", c.sealed);
    appendBool(out, "deny_delete", c.deny_delete);
    appendBool(out, "deny_purge", c.deny_purge);
    appendBool(out, "allow_rollup_hdrs", c.allow_rollup_hdrs);
    appendField(out, "consumer_limits");
    out += '{';
    if (c.consumer_limits.inactive_threshold != 0) {
        appendInt(out, "inactive_threshold", c.consumer_limits.inactive_threshold);
    }
    if (c.consumer_limits.max_ack_pending != 0) {
        appendInt(out, "max_ack_pending", c.consumer_limits.max_ack_pending);
    }
    out += '}';
    if (!c.metadata.empty()) {
        appendField(out, "metadata");
        out += '{';
        for (const auto& [k, v] : c.metadata) appendStr(out, k, v);
        out += '}';
    }
    out += '}';
    return out;
}

std::optional<ApiError> checkStreamConfig(StreamConfig& cfg) {
    if (!isValidStreamName(cfg.name)) {
        return invalid("stream name is required and can not contain '.', '*', '>'");
    }
    if (cfg.name.size() > kMaxNameLen) {
        return invalid("stream name is too long, maximum allowed is " + std::to_string(kMaxNameLen));
    }
    if (cfg.description.size() > kMaxDescriptionLen) {
        return invalid("stream description is too long, maximum allowed is " +
                       std::to_string(kMaxDescriptionLen));
    }
    std::size_t metadata_len = 0;
    for (const auto& [k, v] : cfg.metadata) metadata_len += k.size() + v.size();
    if (metadata_len > kMaxMetadataLen) {
        return invalid("stream metadata exceeds maximum size of " + std::to_string(kMaxMetadataLen) +
                       " bytes");
    }
    if (cfg.num_replicas == 0) cfg.num_replicas = 1;
    if (cfg.num_replicas > kMaxReplicas) {
        return invalid("maximum replicas is " + std::to_string(kMaxReplicas));
    }
    if (cfg.num_replicas < 0) return makeApiError(ApiErrc::ReplicasCountCannotBeNegative);
    if (cfg.max_msgs == 0) cfg.max_msgs = -1;
    if (cfg.max_msgs_per_subject == 0) cfg.max_msgs_per_subject = -1;
    if (cfg.max_bytes == 0) cfg.max_bytes = -1;
    if (cfg.max_msg_size == 0) cfg.max_msg_size = -1;
    if (cfg.max_consumers == 0) cfg.max_consumers = -1;
    if (cfg.duplicate_window == 0 && !cfg.mirror) {
        cfg.duplicate_window = (cfg.max_age != 0 && cfg.max_age < kDefaultDuplicateWindow)
                                   ? cfg.max_age
                                   : kDefaultDuplicateWindow;
    }
    if (cfg.max_age > 0 && cfg.max_age < kMinWindow) return invalid("max age needs to be >= 100ms");
    if (cfg.duplicate_window < 0) return invalid("duplicates window can not be negative");
    if (cfg.max_age != 0 && cfg.duplicate_window > cfg.max_age) {
        return invalid("duplicates window can not be larger then max age");
    }
    if (cfg.duplicate_window > 0 && cfg.duplicate_window < kMinWindow) {
        return invalid("duplicates window needs to be >= 100ms");
    }
    if (cfg.deny_purge && cfg.allow_rollup_hdrs) {
        return invalid("roll-ups require the purge permission");
    }
    if (cfg.discard_new_per_subject) {
        if (cfg.discard != DiscardPolicy::New) {
            return invalid("discard new per subject requires discard new policy to be set");
        }
        if (cfg.max_msgs_per_subject <= 0) {
            return invalid("discard new per subject requires max msgs per subject > 0");
        }
    }
    if (cfg.mirror) {
        if (auto e = checkMirror(cfg)) return e;
    }
    if (auto e = checkSources(cfg)) return e;
    if (auto e = checkExternalApis(cfg)) return e;

    if (cfg.subjects.empty()) {
        // A mirror or a sourcing stream has only the subjects it is given.
        if (!cfg.mirror && cfg.sources.empty()) cfg.subjects.push_back(cfg.name);
    } else {
        std::set<std::string_view> seen;
        for (const auto& subj : cfg.subjects) {
            if (!protocol::isValidSubject(subj)) return invalid("invalid subject");
            if (!seen.insert(subj).second) return invalid("duplicate subjects detected");
            if (subj == ">") {
                if (!cfg.no_ack) return invalid("capturing all subjects requires no-ack to be true");
                if (cfg.num_replicas != 1) {
                    return invalid("capturing all subjects requires replicas of 1");
                }
            }
            if (!cfg.no_ack && (protocol::subjectIsSubsetOf(subj, "$JS.>") ||
                                protocol::subjectIsSubsetOf(subj, "$JSC.>"))) {
                if (!protocol::subjectIsSubsetOf(subj, "$JS.EVENT.>")) {
                    return invalid("subjects that overlap with jetstream api require no-ack to be true");
                }
            }
            if (!cfg.no_ack && protocol::subjectIsSubsetOf(subj, "$SYS.>")) {
                if (!protocol::subjectIsSubsetOf(subj, "$SYS.ACCOUNT.>")) {
                    return invalid("subjects that overlap with system api require no-ack to be true");
                }
            }
        }
    }
    if (cfg.subjects.size() > 1) {
        for (const auto& subj : cfg.subjects) {
            for (const auto& other : cfg.subjects) {
                if (other != subj && subjectsCollide(other, subj)) {
                    return invalid("subject " + goQuote(subj) + " overlaps with " + goQuote(other));
                }
            }
        }
    }
    if (cfg.republish) {
        auto& rp = *cfg.republish;
        if (rp.src.empty()) rp.src = ">";
        auto collides = [&](std::string_view s) {
            for (const auto& subj : cfg.subjects) {
                if (subjectsCollide(s, subj)) return true;
            }
            return false;
        };
        if (collides(rp.dest)) {
            return invalid("stream configuration for republish destination forms a cycle");
        }
        if (!rp.dest.empty() && !SubjectTransform::create(rp.src, rp.dest)) {
            return invalid("stream configuration for republish with transform from '" + rp.src +
                           "' to '" + rp.dest + "' not valid");
        }
    }
    return std::nullopt;
}

std::optional<ApiError> checkStreamUpdate(const StreamConfig& old, StreamConfig& cfg) {
    if (cfg.name != old.name) return invalid("stream configuration name must match original");
    if (cfg.max_consumers != old.max_consumers) {
        return invalid("stream configuration update can not change MaxConsumers");
    }
    if (cfg.storage != old.storage) {
        return invalid("stream configuration update can not change storage type");
    }
    if (cfg.retention != old.retention && (old.retention == RetentionPolicy::WorkQueue ||
                                           cfg.retention == RetentionPolicy::WorkQueue)) {
        return invalid("stream configuration update can not change retention policy to/from workqueue");
    }
    if (!old.template_owner.empty()) {
        return invalid("stream configuration update not allowed on template owned stream");
    }
    if (!cfg.template_owner.empty()) {
        return invalid("stream configuration update can not be owned by a template");
    }
    if (!cfg.sealed && old.sealed) {
        return invalid("stream configuration update can not unseal a sealed stream");
    }
    if (!cfg.deny_delete && old.deny_delete) {
        return invalid("stream configuration update can not cancel deny message deletes");
    }
    if (!cfg.deny_purge && old.deny_purge) {
        return invalid("stream configuration update can not cancel deny purge");
    }
    if (cfg.mirror != old.mirror) return makeApiError(ApiErrc::StreamMirrorNotUpdatable);
    if (cfg.sealed) {
        cfg.max_age = 0;
        cfg.discard = DiscardPolicy::New;
        cfg.deny_delete = true;
        cfg.deny_purge = true;
        cfg.allow_rollup_hdrs = false;
    }
    return std::nullopt;
}

}  // namespace nwb::jetstream
