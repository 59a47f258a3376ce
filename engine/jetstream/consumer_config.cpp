// ConsumerConfig JSON and nats-server's defaults and validation rules (v2.10 consumer.go).
#include "engine/jetstream/consumer_config.h"

#include "engine/jetstream/json_decode.h"
#include "engine/jetstream/json_text.h"
#include "engine/protocol/subject.h"

#include <charconv>
#include <chrono>
#include <random>

namespace nwb::jetstream {

namespace {

constexpr std::string_view kDeliverNames[] = {
    "all", "last", "new", "by_start_sequence", "by_start_time", "last_per_subject"};
constexpr std::string_view kAckNames[] = {"none", "all", "explicit"};
constexpr std::string_view kReplayNames[] = {"instant", "original"};

bool readEnum(const boost::json::object& o, std::string_view key,
              std::initializer_list<std::string_view> names, int& out) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return true;
    if (!it->value().is_string()) return false;
    const std::string_view v(it->value().get_string().data(), it->value().get_string().size());
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

std::optional<ApiError> decodeObject(const boost::json::object& o, ConsumerConfig& out) {
    const ApiError bad = makeApiError(ApiErrc::InvalidJson);
    ConsumerConfig c;
    int deliver = 0, ack = 0, replay = 0;
    bool ok =
        json::readString(o, "durable_name", c.durable_name) &&
        json::readString(o, "name", c.name) && json::readString(o, "description", c.description) &&
        readEnum(o, "deliver_policy",
                 {"all", "last", "new", "by_start_sequence", "by_start_time", "last_per_subject",
                  "undefined"},
                 deliver) &&
        json::readUint64(o, "opt_start_seq", c.opt_start_seq) &&
        readEnum(o, "ack_policy", {"none", "all", "explicit"}, ack) &&
        json::readInt64(o, "ack_wait", c.ack_wait) &&
        json::readInt64(o, "max_deliver", c.max_deliver) &&
        json::readString(o, "filter_subject", c.filter_subject) &&
        json::readStrings(o, "filter_subjects", c.filter_subjects) &&
        readEnum(o, "replay_policy", {"instant", "original"}, replay) &&
        json::readUint64(o, "rate_limit_bps", c.rate_limit_bps) &&
        json::readString(o, "sample_freq", c.sample_freq) &&
        json::readInt64(o, "max_waiting", c.max_waiting) &&
        json::readInt64(o, "max_ack_pending", c.max_ack_pending) &&
        json::readInt64(o, "idle_heartbeat", c.idle_heartbeat) &&
        json::readBool(o, "flow_control", c.flow_control) &&
        json::readBool(o, "headers_only", c.headers_only) &&
        json::readInt64(o, "max_batch", c.max_batch) &&
        json::readInt64(o, "max_expires", c.max_expires) &&
        json::readInt64(o, "max_bytes", c.max_bytes) &&
        json::readString(o, "deliver_subject", c.deliver_subject) &&
        json::readString(o, "deliver_group", c.deliver_group) &&
        json::readInt64(o, "inactive_threshold", c.inactive_threshold) &&
        json::readInt64(o, "num_replicas", c.num_replicas) &&
        json::readBool(o, "mem_storage", c.mem_storage) && json::readBool(o, "direct", c.direct) &&
        json::readStringMap(o, "metadata", c.metadata);
    if (!ok) return bad;
    c.deliver_policy = deliver == 6 ? DeliverPolicy::All : static_cast<DeliverPolicy>(deliver);
    c.ack_policy = static_cast<AckPolicy>(ack);
    c.replay_policy = static_cast<ReplayPolicy>(replay);
    if (auto it = o.find("opt_start_time"); it != o.end() && !it->value().is_null()) {
        if (!it->value().is_string()) return bad;
        auto ts = parseGoTime(std::string_view(it->value().get_string()));
        if (!ts) return bad;
        c.opt_start_time = *ts;
    }
    if (auto it = o.find("backoff"); it != o.end() && !it->value().is_null()) {
        if (!it->value().is_array()) return bad;
        for (const auto& v : it->value().get_array()) {
            boost::json::object one;
            one["v"] = v;
            std::int64_t d = 0;
            if (!json::readInt64(one, "v", d)) return bad;
            c.backoff.push_back(d);
        }
    }
    out = std::move(c);
    return std::nullopt;
}

int digitsOf(std::string_view s, std::size_t pos, std::size_t n) {
    int v = 0;
    if (pos + n > s.size()) return -1;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

}  // namespace

std::vector<std::string> ConsumerConfig::filters() const {
    if (!filter_subject.empty()) return {filter_subject};
    return filter_subjects;
}

std::optional<std::int64_t> parseGoTime(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
    const int year = digitsOf(s, 0, 4), month = digitsOf(s, 5, 2), day = digitsOf(s, 8, 2);
    const int hour = digitsOf(s, 11, 2), minute = digitsOf(s, 14, 2), second = digitsOf(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
        minute < 0 || minute > 59 || second < 0 || second > 59 || s[4] != '-' || s[7] != '-' ||
        (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') {
        return std::nullopt;
    }
    std::size_t pos = 19;
    std::int64_t frac = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int n = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (n < 9) frac = frac * 10 + (s[pos] - '0');
            ++n;
            ++pos;
        }
        if (n == 0) return std::nullopt;
        for (int i = n; i < 9; ++i) frac *= 10;
    }
    std::int64_t offset = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
        offset = 0;
    } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
        const int oh = digitsOf(s, pos + 1, 2), om = digitsOf(s, pos + 4, 2);
        if (oh < 0 || om < 0) return std::nullopt;
        offset = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    using namespace std::chrono;
    const year_month_day ymd{std::chrono::year(year),
                             std::chrono::month(static_cast<unsigned>(month)),
                             std::chrono::day(static_cast<unsigned>(day))};
    if (!ymd.ok()) return std::nullopt;
    const std::int64_t days = sys_days(ymd).time_since_epoch().count();
    const std::int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offset;
    return secs * 1'000'000'000 + frac;
}

std::string generateConsumerName() {
    static constexpr std::string_view kDigits =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    thread_local std::mt19937_64 rng{std::random_device{}()};
    std::string out(8, '0');
    for (char& c : out) c = kDigits[rng() % kDigits.size()];
    return out;
}

std::optional<ApiError> decodeConsumerConfig(std::string_view text, ConsumerConfig& out) {
    boost::json::value v;
    if (!json::parse(text, v) || !v.is_object()) return makeApiError(ApiErrc::InvalidJson);
    return decodeObject(v.get_object(), out);
}

std::optional<ApiError> decodeCreateConsumerRequest(std::string_view text,
                                                    CreateConsumerRequest& out) {
    const ApiError bad = makeApiError(ApiErrc::InvalidJson);
    boost::json::value v;
    if (!json::parse(text, v)) return bad;
    if (v.is_null()) return std::nullopt;  // Go: unmarshalling null leaves the zero request
    if (!v.is_object()) return bad;
    const auto& o = v.get_object();
    CreateConsumerRequest r;
    if (!json::readString(o, "stream_name", r.stream_name)) return bad;
    if (auto it = o.find("config"); it != o.end() && !it->value().is_null()) {
        if (!it->value().is_object()) return bad;
        if (auto e = decodeObject(it->value().get_object(), r.config)) return e;
    }
    if (auto it = o.find("action"); it != o.end()) {
        // Go's UnmarshalJSON sees the raw token: only "create", "update" and "" are accepted.
        if (!it->value().is_string()) return bad;
        const auto& a = it->value().get_string();
        if (a == "create") {
            r.action = ConsumerAction::Create;
        } else if (a == "update") {
            r.action = ConsumerAction::Update;
        } else if (a.empty()) {
            r.action = ConsumerAction::CreateOrUpdate;
        } else {
            return bad;
        }
    }
    out = std::move(r);
    return std::nullopt;
}

std::string encodeConsumerConfig(const ConsumerConfig& c) {
    std::string out = "{";
    if (!c.durable_name.empty()) appendStr(out, "durable_name", c.durable_name);
    if (!c.name.empty()) appendStr(out, "name", c.name);
    if (!c.description.empty()) appendStr(out, "description", c.description);
    appendStr(out, "deliver_policy", kDeliverNames[static_cast<int>(c.deliver_policy)]);
    if (c.opt_start_seq != 0) {
        appendField(out, "opt_start_seq");
        out += std::to_string(c.opt_start_seq);
    }
    if (c.opt_start_time) appendStr(out, "opt_start_time", goTime(*c.opt_start_time));
    appendStr(out, "ack_policy", kAckNames[static_cast<int>(c.ack_policy)]);
    if (c.ack_wait != 0) appendInt(out, "ack_wait", c.ack_wait);
    if (c.max_deliver != 0) appendInt(out, "max_deliver", c.max_deliver);
    if (!c.backoff.empty()) {
        appendField(out, "backoff");
        out += '[';
        for (std::size_t i = 0; i < c.backoff.size(); ++i) {
            if (i != 0) out += ',';
            out += std::to_string(c.backoff[i]);
        }
        out += ']';
    }
    if (!c.filter_subject.empty()) appendStr(out, "filter_subject", c.filter_subject);
    if (!c.filter_subjects.empty()) {
        appendField(out, "filter_subjects");
        out += '[';
        for (std::size_t i = 0; i < c.filter_subjects.size(); ++i) {
            if (i != 0) out += ',';
            appendJsonString(out, c.filter_subjects[i]);
        }
        out += ']';
    }
    appendStr(out, "replay_policy", kReplayNames[static_cast<int>(c.replay_policy)]);
    if (c.rate_limit_bps != 0) {
        appendField(out, "rate_limit_bps");
        out += std::to_string(c.rate_limit_bps);
    }
    if (!c.sample_freq.empty()) appendStr(out, "sample_freq", c.sample_freq);
    if (c.max_waiting != 0) appendInt(out, "max_waiting", c.max_waiting);
    if (c.max_ack_pending != 0) appendInt(out, "max_ack_pending", c.max_ack_pending);
    if (c.idle_heartbeat != 0) appendInt(out, "idle_heartbeat", c.idle_heartbeat);
    if (c.flow_control) {
        appendField(out, "flow_control");
        out += "true";
    }
    if (c.headers_only) {
        appendField(out, "headers_only");
        out += "true";
    }
    if (c.max_batch != 0) appendInt(out, "max_batch", c.max_batch);
    if (c.max_expires != 0) appendInt(out, "max_expires", c.max_expires);
    if (c.max_bytes != 0) appendInt(out, "max_bytes", c.max_bytes);
    if (!c.deliver_subject.empty()) appendStr(out, "deliver_subject", c.deliver_subject);
    if (!c.deliver_group.empty()) appendStr(out, "deliver_group", c.deliver_group);
    if (c.inactive_threshold != 0) appendInt(out, "inactive_threshold", c.inactive_threshold);
    appendInt(out, "num_replicas", c.num_replicas);
    if (c.mem_storage) {
        appendField(out, "mem_storage");
        out += "true";
    }
    if (c.direct) {
        appendField(out, "direct");
        out += "true";
    }
    if (!c.metadata.empty()) {
        appendField(out, "metadata");
        out += '{';
        bool first = true;
        for (const auto& [k, v] : c.metadata) {
            if (!first) out += ',';
            first = false;
            appendJsonString(out, k);
            out += ':';
            appendJsonString(out, v);
        }
        out += '}';
    }
    out += '}';
    return out;
}

void setConsumerDefaults(ConsumerConfig& c, const StreamConfig& stream) {
    if (c.deliver_subject.empty() && c.max_waiting == 0) c.max_waiting = kDefaultMaxWaiting;
    if (c.ack_wait == 0 &&
        (c.ack_policy == AckPolicy::Explicit || c.ack_policy == AckPolicy::All)) {
        c.ack_wait = kDefaultAckWait;
    }
    if (c.max_deliver == 0) c.max_deliver = -1;
    if (!c.backoff.empty()) c.ack_wait = c.backoff.front();
    if (c.max_ack_pending == 0) c.max_ack_pending = stream.consumer_limits.max_ack_pending;
    if (c.inactive_threshold == 0) c.inactive_threshold = stream.consumer_limits.inactive_threshold;
    // nats-server updateInactiveThreshold: ephemerals always have one (JsDeleteWaitTimeDefault).
    if (!c.durable() && c.inactive_threshold <= 0) c.inactive_threshold = kDefaultInactiveThreshold;
    if ((c.ack_policy == AckPolicy::Explicit || c.ack_policy == AckPolicy::All) &&
        c.max_ack_pending == 0) {
        c.max_ack_pending = kDefaultMaxAckPending;
    }
}

std::optional<ApiError> checkConsumerConfig(const ConsumerConfig& c, const StreamConfig& stream) {
    using E = ApiErrc;
    if (c.num_replicas > 0 && c.num_replicas > stream.num_replicas) {
        return makeApiError(E::ConsumerReplicasExceedsStream);
    }
    if (c.num_replicas < 0) return makeApiError(E::ReplicasCountCannotBeNegative);
    if ((stream.retention == RetentionPolicy::Interest ||
         stream.retention == RetentionPolicy::WorkQueue) &&
        c.num_replicas != 0 && c.num_replicas != stream.num_replicas) {
        return makeApiError(E::ConsumerReplicasShouldMatchStream);
    }
    if (!c.backoff.empty() && c.max_deliver != -1 &&
        c.max_deliver <= static_cast<std::int64_t>(c.backoff.size())) {
        return makeApiError(E::ConsumerMaxDeliverBackoff);
    }
    if (c.description.size() > kMaxDescriptionLen) {
        return makeApiError(E::ConsumerDescriptionTooLong, std::to_string(kMaxDescriptionLen));
    }
    if (!c.deliver_subject.empty()) {
        if (protocol::hasWildcard(c.deliver_subject))
            return makeApiError(E::ConsumerDeliverToWildcards);
        if (!protocol::isValidSubject(c.deliver_subject)) {
            return makeApiError(E::ConsumerInvalidDeliverSubject);
        }
        for (const auto& subject : stream.subjects) {
            if (protocol::subjectMatches(subject, c.deliver_subject)) {
                return makeApiError(E::ConsumerDeliverCycle);
            }
        }
        if (c.max_waiting != 0) return makeApiError(E::ConsumerPushMaxWaiting);
        if (c.max_ack_pending > 0 && c.ack_policy == AckPolicy::None) {
            return makeApiError(E::ConsumerMaxPendingAckPolicyRequired);
        }
        if (c.idle_heartbeat > 0 && c.idle_heartbeat < 100'000'000) {
            return makeApiError(E::ConsumerSmallHeartbeat);
        }
    } else {
        if (c.ack_policy == AckPolicy::None && stream.retention == RetentionPolicy::WorkQueue) {
            return makeApiError(E::ConsumerPullRequiresAck);
        }
        if (c.rate_limit_bps > 0) return makeApiError(E::ConsumerPullWithRateLimit);
        if (c.max_waiting < 0) return makeApiError(E::ConsumerMaxWaitingNegative);
        if (c.idle_heartbeat > 0) return makeApiError(E::ConsumerHBRequiresPush);
        if (c.flow_control) return makeApiError(E::ConsumerFCRequiresPush);
        if (c.max_batch < 0) return makeApiError(E::ConsumerMaxRequestBatchNegative);
        if (c.max_expires != 0 && c.max_expires < 1'000'000) {
            return makeApiError(E::ConsumerMaxRequestExpiresToSmall);
        }
    }
    const auto& limits = stream.consumer_limits;
    if (limits.max_ack_pending > 0 && c.max_ack_pending > limits.max_ack_pending) {
        return makeApiError(E::ConsumerMaxPendingAckExcess, std::to_string(limits.max_ack_pending));
    }
    if (limits.inactive_threshold > 0 && c.inactive_threshold > limits.inactive_threshold) {
        return makeApiError(E::ConsumerInactiveThresholdExcess,
                            goDuration(limits.inactive_threshold));
    }
    if (c.direct) {
        if (c.deliver_subject.empty()) return makeApiError(E::ConsumerDirectRequiresPush);
        if (c.durable()) return makeApiError(E::ConsumerDirectRequiresEphemeral);
    }
    if (!c.filter_subject.empty() && !c.filter_subjects.empty()) {
        return makeApiError(E::ConsumerDuplicateFilterSubjects);
    }
    if (!c.filter_subject.empty() && !protocol::isValidSubject(c.filter_subject)) {
        return makeApiError(E::StreamInvalidConfig, "invalid subject");
    }
    for (const auto& f : c.filter_subjects) {
        if (f.empty()) return makeApiError(E::ConsumerEmptyFilter);
    }
    const auto filters = c.filters();
    for (std::size_t i = 0; i < filters.size(); ++i) {
        if (!protocol::isValidSubject(filters[i])) {
            return makeApiError(E::StreamInvalidConfig, "invalid subject");
        }
        for (std::size_t j = 0; j < filters.size(); ++j) {
            if (i != j && subjectsCollide(filters[i], filters[j])) {
                return makeApiError(E::ConsumerOverlappingSubjectFilters);
            }
        }
    }
    auto badStart = [](std::string_view dp, std::string_view start) {
        return makeApiError(E::ConsumerInvalidPolicy,
                            "consumer delivery policy is deliver " + std::string(dp) +
                                ", but optional start " + std::string(start) + " is also set");
    };
    auto notSet = [](std::string_view dp, std::string_view what) {
        return makeApiError(E::ConsumerInvalidPolicy, "consumer delivery policy is deliver " +
                                                          std::string(dp) + ", but optional " +
                                                          std::string(what) + " is not set");
    };
    switch (c.deliver_policy) {
        case DeliverPolicy::All:
        case DeliverPolicy::Last:
        case DeliverPolicy::New:
        case DeliverPolicy::LastPerSubject: {
            const std::string_view dp = c.deliver_policy == DeliverPolicy::All    ? "all"
                                        : c.deliver_policy == DeliverPolicy::Last ? "last"
                                        : c.deliver_policy == DeliverPolicy::New
                                            ? "new"
                                            : "last per subject";
            if (c.opt_start_seq > 0) return badStart(dp, "sequence");
            if (c.opt_start_time) return badStart(dp, "time");
            if (c.deliver_policy == DeliverPolicy::LastPerSubject && filters.empty()) {
                return notSet(dp, "filter subject");
            }
            break;
        }
        case DeliverPolicy::ByStartSequence:
            if (c.opt_start_seq == 0) return notSet("by start sequence", "start sequence");
            if (c.opt_start_time) return badStart("by start sequence", "time");
            break;
        case DeliverPolicy::ByStartTime:
            if (!c.opt_start_time) return notSet("by start time", "start time");
            if (c.opt_start_seq != 0) return badStart("by start time", "start sequence");
            break;
    }
    if (!c.sample_freq.empty()) {
        std::string_view s = c.sample_freq;
        if (s.ends_with('%')) s.remove_suffix(1);
        int v = 0;
        const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || ptr != s.data() + s.size()) {
            return makeApiError(E::ConsumerInvalidSampling,
                                "strconv.Atoi: parsing \"" + std::string(s) + "\": invalid syntax");
        }
        if (v < 0) return makeApiError(E::ConsumerInvalidSampling, "<nil>");
    }
    if (c.flow_control && c.idle_heartbeat == 0) {
        return makeApiError(E::ConsumerWithFlowControlNeedsHeartbeats);
    }
    if (!c.durable_name.empty() && !c.name.empty() && c.name != c.durable_name) {
        return makeApiError(E::ConsumerCreateDurableAndNameMismatch);
    }
    std::size_t metadata_len = 0;
    for (const auto& [k, v] : c.metadata) metadata_len += k.size() + v.size();
    if (metadata_len > kMaxMetadataLen) {
        return makeApiError(E::ConsumerMetadataLength,
                            std::to_string(kMaxMetadataLen / 1024) + "KB");
    }
    return std::nullopt;
}

}  // namespace nwb::jetstream
