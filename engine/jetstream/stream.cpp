// A stream's publish path, API operations and persistence (nats-server stream.go semantics).
#include "engine/jetstream/stream.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <system_error>

#include <boost/asio/post.hpp>

#include "engine/jetstream/json_text.h"
#include "engine/jetstream/nats_headers.h"
#include "engine/store/crc32c.h"
#include "engine/store/mem_store.h"

namespace nwb::jetstream {

namespace {

constexpr std::string_view kMsgId = "Nats-Msg-Id";
constexpr std::string_view kExpectedStream = "Nats-Expected-Stream";
constexpr std::string_view kExpectedLastSeq = "Nats-Expected-Last-Sequence";
constexpr std::string_view kExpectedLastSubjSeq = "Nats-Expected-Last-Subject-Sequence";
constexpr std::string_view kExpectedLastMsgId = "Nats-Expected-Last-Msg-Id";
constexpr std::string_view kRollup = "Nats-Rollup";
constexpr std::size_t kMaxHeaderSize = 65535;
constexpr std::string_view kErrMaxPayload = "maximum payload exceeded";  ///< nats-server's

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool writeFileDurably(const std::filesystem::path& path, std::string_view data) {
    const auto tmp = path.string() + ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (f == nullptr) return false;
    bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
    ok = std::fflush(f) == 0 && ok;
    ok = ::fsync(fileno(f)) == 0 && ok;
    ok = std::fclose(f) == 0 && ok;
    if (!ok) return false;
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    return !ec;
}

std::string stateJson(const store::StreamState& s, std::size_t consumers) {
    std::string out = "{\"messages\":" + std::to_string(s.msgs) +
                      ",\"bytes\":" + std::to_string(s.bytes) +
                      ",\"first_seq\":" + std::to_string(s.first_seq) + ",\"first_ts\":\"" +
                      goTime(s.first_ts) + "\",\"last_seq\":" + std::to_string(s.last_seq) +
                      ",\"last_ts\":\"" + goTime(s.last_ts) + "\"";
    if (s.num_subjects != 0) out += ",\"num_subjects\":" + std::to_string(s.num_subjects);
    if (!s.subjects.empty()) {
        out += ",\"subjects\":{";
        bool first = true;
        for (const auto& [subject, count] : s.subjects) {
            if (!first) out += ',';
            first = false;
            appendJsonString(out, subject);
            out += ':' + std::to_string(count);
        }
        out += '}';
    }
    if (s.num_deleted != 0) out += ",\"num_deleted\":" + std::to_string(s.num_deleted);
    if (!s.deleted.empty()) {
        out += ",\"deleted\":[";
        for (std::size_t i = 0; i < s.deleted.size(); ++i) {
            if (i != 0) out += ',';
            out += std::to_string(s.deleted[i]);
        }
        out += ']';
    }
    if (!s.lost.empty()) {
        out += ",\"lost\":{\"msgs\":[";
        for (std::size_t i = 0; i < s.lost.size(); ++i) {
            if (i != 0) out += ',';
            out += std::to_string(s.lost[i]);
        }
        out += "],\"bytes\":0}";
    }
    out += ",\"consumer_count\":" + std::to_string(consumers) + "}";
    return out;
}

}  // namespace

store::StoreLimits storeLimits(const StreamConfig& c) {
    store::StoreLimits l;
    l.max_msgs = c.max_msgs;
    l.max_bytes = c.max_bytes;
    l.max_age = std::chrono::nanoseconds(c.max_age > 0 ? c.max_age : 0);
    l.max_msgs_per_subject = c.max_msgs_per_subject;
    l.max_msg_size = c.max_msg_size;
    l.discard = c.discard == DiscardPolicy::New ? store::DiscardPolicy::New : store::DiscardPolicy::Old;
    l.discard_new_per_subject = c.discard_new_per_subject;
    return l;
}

Stream::Stream(StreamContext context, StreamConfig config, std::filesystem::path directory,
               std::int64_t created_ns)
    : context_(std::move(context)),
      name_(config.name),
      directory_(std::move(directory)),
      created_ns_(created_ns),
      strand_(boost::asio::make_strand(context_.pool.get_executor())),
      pub_ack_prefix_(pubAckPrefix()),
      config_(std::move(config)) {
    buildTransformsLocked();
}

void Stream::buildTransformsLocked() {
    // As nats-server: an empty destination means no transform. Invalid pairs never get here
    // (checkStreamConfig and checkInputTransform refuse them).
    auto build = [](std::string_view src, std::string_view dest) -> std::optional<SubjectTransform> {
        if (dest.empty()) return std::nullopt;
        auto t = SubjectTransform::create(src, dest);
        if (!t) return std::nullopt;
        return std::move(*t);
    };
    republish_.reset();
    if (config_.republish) republish_ = build(config_.republish->src, config_.republish->dest);
    std::shared_ptr<const SubjectTransform> input;
    if (config_.subject_transform) {
        if (auto t = build(config_.subject_transform->src, config_.subject_transform->dest)) {
            input = std::make_shared<const SubjectTransform>(std::move(*t));
        }
    }
    input_transform_.store(std::move(input));
}

Stream::~Stream() {
    stopRetries();
    if (store_) store_->stop();
}

std::expected<std::shared_ptr<Stream>, ApiError> Stream::open(StreamContext context,
                                                              StreamConfig config,
                                                              std::filesystem::path directory,
                                                              std::int64_t created_ns, bool fresh) {
    std::shared_ptr<Stream> stream(
        new Stream(std::move(context), std::move(config), std::move(directory), created_ns));
    const StreamConfig& cfg = stream->config_;
    if (cfg.storage == StorageType::Memory) {
        stream->store_ = std::make_unique<store::MemStore>(storeLimits(cfg));
    } else {
        store::FileStoreConfig fs;
        fs.directory = stream->directory_ / "msgs";
        fs.sync = stream->context_.sync;
        fs.limits = storeLimits(cfg);
        // A commit group's acks leave in one socket write per receiver, not one each.
        fs.callback_group = [](const std::function<void()>& group) {
            PublishBatch batch;
            group();
        };
        auto opened = store::FileStore::open(std::move(fs));
        if (!opened) {
            return std::unexpected(
                makeApiError(ApiErrc::StreamCreate, "error creating store for stream"));
        }
        if (!(*opened)->recoveryReport().clean()) {
            stream->context_.server.logger().warn("JetStream stream '{} > {}' recovered: {}",
                                                  stream->context_.account.name(), cfg.name,
                                                  (*opened)->recoveryReport().describe());
        }
        stream->store_ = std::move(*opened);
    }
    if (fresh && cfg.first_seq > 1) {
        if (auto r = stream->store_->compact(cfg.first_seq); !r) {
            return std::unexpected(
                makeApiError(ApiErrc::StreamCreate, "error creating store for stream"));
        }
    }
    std::lock_guard lock(stream->mutex_);
    stream->last_seq_ = stream->store_->fastState().last_seq;
    stream->rebuildDedupLocked();
    stream->buildFollowersLocked();
    return stream;
}

void Stream::start() {
    std::lock_guard lock(mutex_);
    subscribeLocked();
}

void Stream::subscribeLocked() {
    for (const auto& subject : config_.subjects) {
        if (auto sub = context_.server.subscribeInternal(context_.account, subject, {}, this)) {
            subscriptions_.push_back(std::move(sub));
        }
    }
}

void Stream::unsubscribeLocked() {
    for (const auto& sub : subscriptions_) context_.server.unsubscribeInternal(sub);
    subscriptions_.clear();
}

void Stream::stop(bool remove_files) {
    std::map<std::string, std::shared_ptr<Consumer>, std::less<>> consumers;
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        unsubscribeLocked();
        consumers.swap(consumers_);
        followers_.clear();
    }
    {
        std::lock_guard lock(watchers_mutex_);
        watchers_.clear();
    }
    stopRetries();
    for (auto& [name, consumer] : consumers) consumer->stop(remove_files);
    store_->stop();
    if (remove_files && !directory_.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(directory_, ec);
    }
}

StreamConfig Stream::config() const {
    std::lock_guard lock(mutex_);
    return config_;
}

std::optional<ApiError> Stream::saveMeta() {
    if (directory_.empty()) return std::nullopt;
    std::string meta;
    {
        std::lock_guard lock(mutex_);
        meta = "{\"created\":" + std::to_string(created_ns_) +
               ",\"config\":" + encodeStreamConfig(config_) + "}";
    }
    char sum[16];
    std::snprintf(sum, sizeof sum, "%08x", store::crc32c(meta.data(), meta.size()));
    std::error_code ec;
    std::filesystem::create_directories(directory_, ec);
    if (ec || !writeFileDurably(directory_ / "meta.inf", meta) ||
        !writeFileDurably(directory_ / "meta.sum", sum)) {
        return makeApiError(ApiErrc::StreamCreate, "error creating store for stream");
    }
    return std::nullopt;
}

std::optional<ApiError> Stream::update(StreamConfig next) {
    {
        std::lock_guard lock(mutex_);
        if (closed_) return makeApiError(ApiErrc::StreamNotFound);
        const bool resubscribe = next.subjects != config_.subjects;
        if (resubscribe) unsubscribeLocked();
        const bool refollow = next.mirror != config_.mirror || next.sources != config_.sources;
        config_ = std::move(next);
        buildTransformsLocked();
        if (refollow) buildFollowersLocked();
        if (resubscribe) subscribeLocked();
        expireDedupLocked(nowNs());
    }
    if (auto r = store_->updateLimits(storeLimits(config())); !r) {
        return makeApiError(ApiErrc::StreamUpdate, store::errcText(r.error().code));
    }
    return saveMeta();
}

std::expected<std::uint64_t, ApiError> Stream::purge(
    const std::optional<StreamPurgeRequest>& request) {
    {
        std::lock_guard lock(mutex_);
        if (config_.sealed) return std::unexpected(makeApiError(ApiErrc::StreamSealed));
        if (config_.deny_purge) {
            return std::unexpected(
                makeApiError(ApiErrc::StreamPurgeFailed, "stream purge not permitted"));
        }
    }
    auto r = request ? store_->purgeEx(request->filter, request->seq, request->keep)
                     : store_->purge();
    if (!r) return std::unexpected(makeApiError(ApiErrc::StreamGeneral, store::errcText(r.error().code)));
    for (const auto& consumer : consumers()) consumer->onStreamPurged();
    return *r;
}

std::optional<ApiError> Stream::deleteMessage(const MsgDeleteRequest& request) {
    bool file = false;
    {
        std::lock_guard lock(mutex_);
        if (config_.sealed) return makeApiError(ApiErrc::StreamSealed);
        if (config_.deny_delete) {
            return makeApiError(ApiErrc::StreamMsgDeleteFailed, "message delete not permitted");
        }
        file = config_.storage == StorageType::File;
    }
    if (file) {
        // nats-server's file store finds no block for a sequence outside [first, last]: its
        // errors are 10057 texts there; a gap inside the range is 10043 (as the memory store's).
        const auto state = store_->fastState();
        if (request.seq > state.last_seq) {
            return makeApiError(ApiErrc::StreamMsgDeleteFailed, "stream store EOF");
        }
        if (request.seq == 0 || request.seq < state.first_seq) {
            return makeApiError(ApiErrc::StreamMsgDeleteFailed, "no message found");
        }
    }
    auto r = request.no_erase ? store_->remove(request.seq) : store_->erase(request.seq);
    if (!r) return makeApiError(ApiErrc::StreamMsgDeleteFailed, store::errcText(r.error().code));
    if (!*r) return makeApiError(ApiErrc::SequenceNotFound, std::to_string(request.seq));
    return std::nullopt;
}

store::Result<store::StoredMessage> Stream::getMessage(const MsgGetRequest& request) {
    if (request.seq > 0 && request.next_by_subj.empty()) return store_->load(request.seq);
    if (!request.next_by_subj.empty()) return store_->loadNext(request.next_by_subj, request.seq);
    return store_->loadLast(request.last_by_subj);
}

std::string Stream::infoFields(const store::StreamState& state, bool with_domain,
                               bool with_cluster) const {
    std::string out = "\"config\":" + encodeStreamConfig(config()) + ",\"created\":\"" +
                      goTime(created_ns_) + "\",\"state\":" + stateJson(state, consumerCount());
    if (with_domain && !context_.domain.empty()) {
        out += ",\"domain\":";
        appendJsonString(out, context_.domain);
    }
    if (with_cluster) {
        out += ",\"cluster\":{\"leader\":";
        appendJsonString(out, context_.server.serverName());
        out += "}";
    }
    // nats-server: "mirror" and "sources" only when configured.
    const auto followers = this->followers();
    if (!followers.empty() && followers.front()->mirror()) {
        out += ",\"mirror\":" + followers.front()->infoJson();
    } else if (!followers.empty()) {
        out += ",\"sources\":[";
        for (std::size_t i = 0; i < followers.size(); ++i) {
            if (i != 0) out += ',';
            out += followers[i]->infoJson();
        }
        out += ']';
    }
    return out + infoTimeStampField();
}

std::shared_ptr<Consumer> Stream::findConsumer(std::string_view name) const {
    std::lock_guard lock(mutex_);
    auto it = consumers_.find(name);
    return it == consumers_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<Consumer>> Stream::consumers() const {
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<Consumer>> out;
    for (const auto& [name, consumer] : consumers_) out.push_back(consumer);
    return out;
}

std::size_t Stream::consumerCount() const {
    std::lock_guard lock(mutex_);
    return consumers_.size();
}

void Stream::addConsumer(std::shared_ptr<Consumer> consumer) {
    std::lock_guard lock(mutex_);
    consumers_.emplace(consumer->name(), std::move(consumer));
}

std::shared_ptr<Consumer> Stream::removeConsumer(std::string_view name) {
    std::shared_ptr<Consumer> consumer;
    {
        std::lock_guard lock(mutex_);
        auto it = consumers_.find(name);
        if (it == consumers_.end()) return nullptr;
        consumer = it->second;
        consumers_.erase(it);
    }
    consumer->stop(true);
    return consumer;
}

void Stream::onConsumerAck(std::uint64_t seq) {
    auto msg = store_->load(seq);
    if (!msg) return;
    for (const auto& consumer : consumers()) {
        if (consumer->needsMessage(seq, msg->subject)) return;
    }
    (void)store_->remove(seq);
}

void Stream::notifyConsumers() {
    for (const auto& consumer : consumers()) consumer->signal();
    wakeWatchers();
}

void Stream::queueNotify() {
    // One queued notification covers every message made durable before it runs.
    if (notify_queued_.exchange(true)) return;
    boost::asio::post(strand_, [self = shared_from_this()] {
        self->notify_queued_ = false;
        self->notifyConsumers();
    });
}

void Stream::onMessage(const core::InternalMessage& msg) {
    if (closed_) return;
    // nats-server applies the input transform before anything else; a subject the source does
    // not match is stored as it came.
    std::string mapped;
    if (auto transform = input_transform_.load()) mapped = transform->match(msg.subject);
    const std::string_view subject = mapped.empty() ? msg.subject : std::string_view(mapped);
    // Queued into reused buffers; one strand wakeup drains everything queued meanwhile.
    bool wake = false;
    {
        std::lock_guard lock(inbox_mutex_);
        if (inbox_used_ == inbox_.size()) inbox_.emplace_back();
        Inbound& in = inbox_[inbox_used_++];
        in.subject.assign(subject);
        in.reply.assign(msg.reply);
        in.headers.assign(msg.headers);
        in.payload.assign(msg.payload);
        wake = !std::exchange(inbox_woken_, true);
    }
    if (wake) boost::asio::post(strand_, [self = shared_from_this()] { self->drainInbox(); });
}

void Stream::drainInbox() {
    std::size_t count = 0;
    {
        std::lock_guard lock(inbox_mutex_);
        inbox_.swap(draining_);  // the last drained batch's buffers take the next messages
        count = std::exchange(inbox_used_, 0);
        inbox_woken_ = false;
    }
    for (std::size_t i = 0; i < count; ++i) process(draining_[i]);
    // Keep the buffers of ordinary bursts; give back what a burst of large messages grew.
    constexpr std::size_t kKeepEntries = 8192;
    constexpr std::size_t kKeepBytes = 64 * 1024;
    if (draining_.size() > kKeepEntries) draining_.resize(kKeepEntries);
    for (std::size_t i = 0; i < std::min(count, draining_.size()); ++i) {
        Inbound& in = draining_[i];
        if (in.headers.capacity() + in.payload.capacity() > kKeepBytes) in = Inbound{};
    }
}

void Stream::reply(const std::string& subject, std::string_view body) {
    if (!subject.empty()) context_.server.publishInternal(context_.account, subject, {}, {}, body);
}

void Stream::republish(const std::string& destination, const Inbound& in, std::uint64_t seq,
                       std::uint64_t last_subject_seq, bool headers_only) {
    // nats-server: Nats-Stream, Nats-Subject, Nats-Sequence, Nats-Last-Sequence appended to the
    // message's own headers, then Nats-Msg-Size (with an empty payload) for headers_only.
    std::string headers = in.headers;
    appendHeader(headers, "Nats-Stream", name_);
    appendHeader(headers, "Nats-Subject", in.subject);
    appendHeader(headers, "Nats-Sequence", std::to_string(seq));
    appendHeader(headers, "Nats-Last-Sequence", std::to_string(last_subject_seq));
    if (headers_only) appendHeader(headers, "Nats-Msg-Size", std::to_string(in.payload.size()));
    const std::string_view payload = headers_only ? std::string_view() : in.payload;
    context_.server.publishInternal(context_.account, destination, {}, headers, payload);
}

std::string Stream::pubAck(std::uint64_t seq, bool duplicate) const {
    // nats-server's template: {"stream":"S", ["domain":"D", ]"seq":N[,"duplicate": true]}
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, seq).ptr;
    const std::string_view tail = duplicate ? ",\"duplicate\": true}" : "}";
    std::string out;
    out.reserve(pub_ack_prefix_.size() + std::size_t(end - digits) + tail.size());
    out += pub_ack_prefix_;
    out.append(digits, end);
    out += tail;
    return out;
}

std::string Stream::pubAckPrefix() const {
    std::string out = "{\"stream\":";
    appendJsonString(out, name_);
    if (!context_.domain.empty()) {
        out += ", \"domain\":";
        appendJsonString(out, context_.domain);
    }
    out += ", \"seq\":";
    return out;
}

std::string Stream::pubAckError(const ApiError& error) const {
    std::string out = "{\"error\":" + apiErrorJson(error) + ",\"stream\":";
    appendJsonString(out, name_);
    out += ",\"seq\":0}";
    return out;
}

void Stream::expireDedupLocked(std::int64_t now) {
    const std::int64_t window = config_.duplicate_window;
    while (!dedup_order_.empty() && now - dedup_order_.front().second >= window) {
        auto it = dedup_.find(dedup_order_.front().first);
        if (it != dedup_.end() && it->second.ts == dedup_order_.front().second) dedup_.erase(it);
        dedup_order_.pop_front();
    }
}

void Stream::rebuildDedupLocked() {
    // nats-server rebuildDedupe: message ids of the messages inside the window, and the last id.
    const auto state = store_->fastState();
    if (state.msgs == 0) return;
    if (auto last = store_->load(state.last_seq)) {
        if (auto id = headerValue(last->headers, kMsgId)) last_msg_id_.assign(*id);
    }
    if (config_.duplicate_window <= 0) return;
    const std::int64_t now = nowNs();
    for (std::uint64_t seq = store_->seqFromTime(now - config_.duplicate_window);
         seq <= state.last_seq; ++seq) {
        auto m = store_->load(seq);
        if (!m) continue;
        if (auto id = headerValue(m->headers, kMsgId)) {
            dedup_[std::string(*id)] = DedupEntry{m->seq, m->ts};
            dedup_order_.emplace_back(std::string(*id), m->ts);
        }
    }
}

std::optional<Stream::Refusal> Stream::process(const Inbound& in) {
    std::unique_lock lock(mutex_);
    if (closed_) return std::nullopt;
    const bool can_respond = !config_.no_ack && !in.reply.empty();
    // `text` is what nats-server's processJetStreamMsg returns, when not the error's own text.
    auto fail = [&](const ApiError& error, std::string_view text = {}) -> std::optional<Refusal> {
        lock.unlock();
        if (can_respond) reply(in.reply, pubAckError(error));
        return Refusal{std::string(text.empty() ? std::string_view(error.description) : text)};
    };
    if (config_.sealed) return fail(makeApiError(ApiErrc::StreamSealed));

    std::string msg_id;
    bool rollup_sub = false;
    bool rollup_all = false;
    const std::string_view hdr = in.headers;
    const std::int64_t now = nowNs();
    if (!hdr.empty()) {
        if (auto expected = headerValue(hdr, kExpectedStream); expected && *expected != name_) {
            return fail(makeApiError(ApiErrc::StreamNotMatch));
        }
        if (auto id = headerValue(hdr, kMsgId)) {
            msg_id.assign(*id);
            expireDedupLocked(now);
            if (auto it = dedup_.find(msg_id); it != dedup_.end()) {
                const std::uint64_t seq = it->second.seq;
                lock.unlock();
                if (can_respond) reply(in.reply, pubAck(seq, true));
                return std::nullopt;
            }
        }
        if (auto v = headerValue(hdr, kExpectedLastSubjSeq)) {
            const std::uint64_t want = parseSequenceHeader(*v);
            std::uint64_t found = 0;
            auto last = store_->loadLast(in.subject);
            bool ok = false;
            if (last) {
                found = last->seq;
                ok = found == want;
            } else if (last.error().code == store::Errc::NotFound ||
                       last.error().code == store::Errc::Eof) {
                ok = want == 0;
            }
            if (!ok) {
                return fail(makeApiError(ApiErrc::StreamWrongLastSequence, std::to_string(found)));
            }
        }
        if (auto v = headerValue(hdr, kExpectedLastSeq)) {
            if (parseSequenceHeader(*v) != last_seq_) {
                return fail(
                    makeApiError(ApiErrc::StreamWrongLastSequence, std::to_string(last_seq_)));
            }
        }
        if (auto v = headerValue(hdr, kExpectedLastMsgId); v && *v != last_msg_id_) {
            return fail(makeApiError(ApiErrc::StreamWrongLastMsgId, last_msg_id_));
        }
        if (auto v = headerValue(hdr, kRollup)) {
            if (!config_.allow_rollup_hdrs || config_.deny_purge) {
                return fail(makeApiError(ApiErrc::StreamRollupFailed, "rollup not permitted"),
                            "rollup not permitted");
            }
            std::string mode(*v);
            for (char& c : mode) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (mode == "sub") {
                rollup_sub = true;
            } else if (mode == "all") {
                rollup_all = true;
            } else {
                return std::nullopt;  // nats-server drops it without a reply
            }
        }
    }
    if (config_.max_msg_size >= 0 &&
        hdr.size() + in.payload.size() > static_cast<std::size_t>(config_.max_msg_size)) {
        return fail(makeApiError(ApiErrc::StreamMessageExceedsMaximum), kErrMaxPayload);
    }
    if (hdr.size() > kMaxHeaderSize) {
        return fail(makeApiError(ApiErrc::StreamHeaderExceedsMaximum), kErrMaxPayload);
    }

    const store::NewMessage message{in.subject, in.headers, in.payload, std::nullopt};
    auto remember = [&](std::uint64_t seq, std::int64_t ts) {
        last_seq_ = seq;
        last_msg_id_ = msg_id;
        if (!msg_id.empty()) {
            dedup_[msg_id] = DedupEntry{seq, ts};
            dedup_order_.emplace_back(msg_id, ts);
        }
    };

    bool interest = config_.retention != RetentionPolicy::Interest;
    for (auto it = consumers_.begin(); !interest && it != consumers_.end(); ++it) {
        interest = it->second->wants(in.subject);
    }
    if (!interest) {
        // No consumer takes the subject: nats-server skips the message (SkipMsg), using up its
        // sequence, and still acks it.
        const std::uint64_t seq = last_seq_ + 1;
        if (auto r = store_->compact(seq + 1); !r) {
            fail(makeApiError(ApiErrc::StreamStoreFailed, store::errcText(r.error().code)));
            return storeRefusal(r.error().code);
        }
        remember(seq, now);
        lock.unlock();
        if (can_respond) reply(in.reply, pubAck(seq, false));
        return std::nullopt;
    }
    // Republish: the destination, and the last sequence of this subject before this message.
    std::string republish_to;
    std::uint64_t last_subject_seq = 0;
    const bool headers_only = config_.republish && config_.republish->headers_only;
    if (republish_) {
        republish_to = republish_->match(in.subject);
        if (!republish_to.empty()) {
            if (auto last = store_->loadLast(in.subject)) last_subject_seq = last->seq;
        }
    }
    if (rollup_sub || rollup_all) {
        // Rare: store, then purge what the rollup replaces, then ack (all on this strand).
        auto stored = store_->store(message);
        if (!stored) {
            fail(makeApiError(ApiErrc::StreamStoreFailed, store::errcText(stored.error().code)));
            return storeRefusal(stored.error().code);
        }
        remember(stored->seq, now);
        lock.unlock();
        (void)store_->purgeEx(rollup_sub ? std::string_view(in.subject) : std::string_view(), 0, 1);
        if (!republish_to.empty()) {
            republish(republish_to, in, stored->seq, last_subject_seq, headers_only);
        }
        notifyConsumers();
        if (can_respond) reply(in.reply, pubAck(stored->seq, false));
        return std::nullopt;
    }

    // The ack goes out from the store's flusher once the record is durable. A republish goes
    // out just before it, with no lock held: when the store calls back before storeAsync
    // returns (MemStore, with mutex_ held), both wait until process() has unlocked.
    struct RepublishJob {
        Inbound in;
        std::string destination;
        std::uint64_t last_subject_seq = 0;
        bool headers_only = false;
        std::mutex mutex;
        bool returned = false;
        std::function<void()> pending;
    };
    std::shared_ptr<RepublishJob> job;
    if (!republish_to.empty()) {
        job = std::make_shared<RepublishJob>();
        job->in = in;
        job->destination = std::move(republish_to);
        job->last_subject_seq = last_subject_seq;
        job->headers_only = headers_only;
    }
    auto self = shared_from_this();
    std::string reply_to = can_respond ? in.reply : std::string();
    auto on_durable = [self, reply_to = std::move(reply_to), job](
                          store::Result<store::StoreAck> r) mutable {
        // MemStore runs this before storeAsync returns, with mutex_ held: notify from the strand.
        if (r) self->queueNotify();
        auto finish = [self, reply_to = std::move(reply_to), job, r] {
            if (job && r) {
                self->republish(job->destination, job->in, r->seq, job->last_subject_seq,
                                job->headers_only);
            }
            if (reply_to.empty()) return;
            if (r) {
                self->reply(reply_to, self->pubAck(r->seq, false));
            } else {
                self->reply(reply_to,
                            self->pubAckError(makeApiError(ApiErrc::StreamStoreFailed,
                                                           store::errcText(r.error().code))));
            }
        };
        if (job) {
            std::lock_guard job_lock(job->mutex);
            if (!job->returned) {
                job->pending = std::move(finish);
                return;
            }
        }
        finish();
    };
    const auto appended = store_->storeAsync(message, std::move(on_durable));
    std::optional<Refusal> refusal;
    if (appended) {
        remember(*appended, now);
    } else {
        refusal = storeRefusal(appended.error().code);
    }
    if (job) {
        lock.unlock();
        std::function<void()> pending;
        {
            std::lock_guard job_lock(job->mutex);
            job->returned = true;
            pending = std::move(job->pending);
        }
        if (pending) pending();
    }
    return refusal;
}

Stream::Refusal Stream::storeRefusal(store::Errc code) {
    const bool limit = code == store::Errc::MaxMsgs || code == store::Errc::MaxBytes ||
                       code == store::Errc::MaxMsgsPerSubject || code == store::Errc::MsgTooLarge;
    return Refusal{std::string(store::errcText(code)), code == store::Errc::MaxMsgs, limit};
}

}  // namespace nwb::jetstream
