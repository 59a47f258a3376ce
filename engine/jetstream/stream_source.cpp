// Mirrors and sources: follower state, the Nats-Stream-Source header, StreamSourceInfo, and the
// Stream methods that link and copy (nats-server v2.10 stream.go, see stream_source.h).
#include "engine/jetstream/stream_source.h"

#include "engine/jetstream/json_text.h"
#include "engine/jetstream/nats_headers.h"
#include "engine/jetstream/stream.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <limits>

namespace nwb::jetstream {

namespace {

constexpr std::string_view kStreamSourceHeader = "Nats-Stream-Source";

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::vector<std::string_view> splitSpaces(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == ' ') {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

}  // namespace

SourceFollower::SourceFollower(StreamSource config, bool mirror)
    : config_(std::move(config)), mirror_(mirror), index_name_(sourceIndexName(config_)) {
    if (config_.subject_transforms.empty()) {
        filters_.push_back(config_.filter_subject == ">" ? std::string() : config_.filter_subject);
        return;
    }
    for (const auto& t : config_.subject_transforms) {
        filters_.push_back(t.src == ">" ? std::string() : t.src);
        std::optional<SubjectTransform> transform;
        if (!t.dest.empty()) transform = SubjectTransform::create(t.src, t.dest);
        transforms_.push_back(std::move(transform));
    }
}

std::string SourceFollower::storedSubject(std::string_view subject) const {
    for (const auto& t : transforms_) {
        if (!t) continue;
        if (std::string mapped = t->match(subject); !mapped.empty()) return mapped;
    }
    return std::string(subject);
}

std::string SourceFollower::sourceHeader(std::uint64_t origin_seq) const {
    // The index name is "<name> <filters> <destinations>": the sequence goes after the name.
    const auto space = index_name_.find(' ');
    return index_name_.substr(0, space) + " " + std::to_string(origin_seq) +
           index_name_.substr(space);
}

std::shared_ptr<Stream> SourceFollower::origin() const {
    std::lock_guard lock(mutex_);
    return origin_.lock();
}

void SourceFollower::setOrigin(const std::shared_ptr<Stream>& origin,
                               std::optional<ApiError> error) {
    std::lock_guard lock(mutex_);
    origin_ = origin;
    error_ = std::move(error);
    if (origin) last_active_ns_ = nowNs();
}

std::uint64_t SourceFollower::cursor() const {
    std::lock_guard lock(mutex_);
    return cursor_;
}

void SourceFollower::setCursor(std::uint64_t seq) {
    std::lock_guard lock(mutex_);
    cursor_ = seq;
}

void SourceFollower::noteProgress(std::uint64_t lag) {
    std::lock_guard lock(mutex_);
    lag_ = lag;
    last_active_ns_ = nowNs();
}

SourceFollower::Clock::duration SourceFollower::noteRefused(Clock::time_point now) {
    std::lock_guard lock(mutex_);
    ++refusals_;
    waiting_retry_ = true;
    Clock::duration wait = kRetrySettle;
    if (last_retry_ && now - *last_retry_ < kRetryInterval) {
        wait += kRetryInterval - (now - *last_retry_);
    }
    return wait;
}

void SourceFollower::endRetryWait(Clock::time_point now) {
    std::lock_guard lock(mutex_);
    waiting_retry_ = false;
    last_retry_ = now;
}

bool SourceFollower::waitingRetry() const {
    std::lock_guard lock(mutex_);
    return waiting_retry_;
}

std::uint64_t SourceFollower::refusals() const {
    std::lock_guard lock(mutex_);
    return refusals_;
}

std::string SourceFollower::infoJson() const {
    std::lock_guard lock(mutex_);
    std::string out = "{";
    appendStr(out, "name", config_.name);
    if (config_.external) {
        appendField(out, "external");
        out += '{';
        appendStr(out, "api", config_.external->api);
        appendStr(out, "deliver", config_.external->deliver);
        out += '}';
    }
    appendInt(out, "lag", static_cast<std::int64_t>(lag_));
    appendInt(out, "active", last_active_ns_ == 0 ? -1 : nowNs() - last_active_ns_);
    if (error_) {
        appendField(out, "error");
        out += apiErrorJson(*error_);
    }
    if (!config_.filter_subject.empty()) appendStr(out, "filter_subject", config_.filter_subject);
    if (!config_.subject_transforms.empty()) {
        appendField(out, "subject_transforms");
        out += '[';
        for (std::size_t i = 0; i < config_.subject_transforms.size(); ++i) {
            if (i != 0) out += ',';
            out += '{';
            appendStr(out, "src", config_.subject_transforms[i].src);
            appendStr(out, "dest", transforms_[i] ? config_.subject_transforms[i].dest : "");
            out += '}';
        }
        out += ']';
    }
    out += '}';
    return out;
}

std::optional<std::pair<std::string, std::uint64_t>> parseSourceHeader(std::string_view value) {
    const auto fields = splitSpaces(value);
    auto number = [](std::string_view s) -> std::optional<std::uint64_t> {
        const std::uint64_t n = parseSequenceHeader(s);
        if (n == std::numeric_limits<std::uint64_t>::max()) return std::nullopt;
        return n;
    };
    if (fields.size() == 2) {
        auto seq = number(fields[1]);
        if (!seq) return std::nullopt;
        return std::pair{std::string(fields[0]), *seq};
    }
    if (fields.size() < 4) return std::nullopt;
    auto seq = number(fields[1]);
    if (!seq) return std::nullopt;
    std::string iname =
        std::string(fields[0]) + " " + std::string(fields[2]) + " " + std::string(fields[3]);
    return std::pair{std::move(iname), *seq};
}

std::string sourcedHeaders(std::string_view headers, std::string_view source_value) {
    std::string out;
    if (headers.size() >= 4) {
        // Keep the status line and every header line but the ones a source replaces or drops.
        std::size_t pos = headers.find("\r\n");
        out.assign(headers.substr(0, pos == std::string_view::npos ? headers.size() : pos + 2));
        while (pos != std::string_view::npos) {
            const std::size_t start = pos + 2;
            const std::size_t end = headers.find("\r\n", start);
            if (end == std::string_view::npos || end == start) break;
            const std::string_view line = headers.substr(start, end - start);
            const bool source = line.starts_with(kStreamSourceHeader) &&
                                line.size() > kStreamSourceHeader.size() &&
                                line[kStreamSourceHeader.size()] == ':';
            if (!source && !line.starts_with("Nats-Expected-")) {
                out.append(line).append("\r\n");
            }
            pos = end;
        }
        out += "\r\n";
    }
    appendHeader(out, kStreamSourceHeader, source_value);
    return out;
}

store::Result<store::StoredMessage> loadNextMatching(store::StreamStore& store,
                                                     const std::vector<std::string>& filters,
                                                     std::uint64_t start) {
    if (filters.empty()) return store.loadNext("", start);
    if (filters.size() == 1) return store.loadNext(filters.front(), start);
    std::optional<store::StoredMessage> best;
    for (const auto& filter : filters) {
        auto m = store.loadNext(filter, start);
        if (!m) {
            if (m.error().code != store::Errc::Eof && m.error().code != store::Errc::NotFound) {
                return m;
            }
            continue;
        }
        if (!best || m->seq < best->seq) best = std::move(*m);
    }
    if (!best) return store::makeError(store::Errc::Eof);
    return std::move(*best);
}

// ---- The Stream side: linking, waking and copying, on the following stream's strand ----

std::vector<std::shared_ptr<SourceFollower>> Stream::followers() const {
    std::lock_guard lock(mutex_);
    return followers_;
}

void Stream::buildFollowersLocked() {
    std::vector<std::pair<StreamSource, bool>> wanted;
    if (config_.mirror) wanted.emplace_back(*config_.mirror, true);
    for (const auto& src : config_.sources) wanted.emplace_back(src, false);
    std::vector<std::shared_ptr<SourceFollower>> next;
    std::vector<std::shared_ptr<SourceFollower>> fresh_sources;
    for (auto& [cfg, mirror] : wanted) {
        std::shared_ptr<SourceFollower> kept;
        for (const auto& f : followers_) {
            if (f->mirror() == mirror && f->config() == cfg) kept = f;
        }
        if (!kept) {
            kept = std::make_shared<SourceFollower>(std::move(cfg), mirror);
            if (!mirror) fresh_sources.push_back(kept);
        }
        next.push_back(std::move(kept));
    }
    followers_ = std::move(next);
    const auto state = store_->fastState();
    if (config_.mirror && followers_.front()->cursor() == 0 && state.last_seq > 0) {
        // nats-server setupMirrorConsumer: a mirror with state resumes after its last sequence.
        followers_.front()->setCursor(state.last_seq + 1);
    }
    if (fresh_sources.empty() || state.msgs == 0) return;
    // nats-server setStartingSequenceForSources: the newest Nats-Stream-Source header of each
    // source, from the last message back, tells where that source resumes.
    std::size_t missing = fresh_sources.size();
    for (std::uint64_t seq = state.last_seq; seq >= state.first_seq && seq > 0 && missing > 0;
         --seq) {
        auto m = store_->load(seq);
        if (!m || m->headers.empty()) continue;
        auto value = headerValue(m->headers, "Nats-Stream-Source");
        if (!value) continue;
        auto parsed = parseSourceHeader(*value);
        if (!parsed) continue;
        for (const auto& f : fresh_sources) {
            if (f->cursor() != 0) continue;
            // A two-field value (older servers) names only the stream.
            const bool same =
                parsed->first == f->indexName() ||
                (parsed->first.find(' ') == std::string::npos && parsed->first == f->config().name);
            if (same) {
                f->setCursor(parsed->second + 1);
                --missing;
            }
        }
    }
}

void Stream::follow(const std::shared_ptr<SourceFollower>& follower,
                    const std::shared_ptr<Stream>& origin, std::optional<ApiError> error) {
    if (origin && follower->cursor() == 0) {
        // First contact: where to start (nats-server uses the options only the first time).
        const StreamSource& cfg = follower->config();
        std::uint64_t start = 1;
        if (cfg.opt_start_seq > 0) {
            start = cfg.opt_start_seq;
        } else if (cfg.opt_start_time) {
            start = origin->store().seqFromTime(*cfg.opt_start_time);
        }
        follower->setCursor(start);
    }
    follower->setOrigin(origin, std::move(error));
    if (!origin) return;
    origin->addWatcher(weak_from_this(), follower);
    wakeSource(follower);
}

void Stream::addWatcher(std::weak_ptr<Stream> target, std::weak_ptr<SourceFollower> follower) {
    std::lock_guard lock(watchers_mutex_);
    std::erase_if(watchers_, [&](const Watcher& w) {
        return w.follower.expired() || w.target.expired() || w.follower.lock() == follower.lock();
    });
    watchers_.push_back(Watcher{std::move(target), std::move(follower)});
}

void Stream::wakeWatchers() {
    std::vector<Watcher> watchers;
    {
        std::lock_guard lock(watchers_mutex_);
        if (watchers_.empty()) return;
        watchers = watchers_;
    }
    for (const auto& w : watchers) {
        auto target = w.target.lock();
        auto follower = w.follower.lock();
        if (target && follower) target->wakeSource(follower);
    }
}

void Stream::wakeSource(const std::shared_ptr<SourceFollower>& follower) {
    if (closed_ || follower->markQueued()) return;
    boost::asio::post(strand_, [self = shared_from_this(), follower] {
        follower->clearQueued();
        self->pumpSource(follower);
    });
}

void Stream::pumpSource(const std::shared_ptr<SourceFollower>& follower) {
    constexpr std::size_t kBatch = 1024;  // then yield the strand to published messages
    if (closed_) return;
    {
        // A follower dropped by an update no longer copies.
        std::lock_guard lock(mutex_);
        if (std::find(followers_.begin(), followers_.end(), follower) == followers_.end()) return;
    }
    // A refused message waits for its retry, and nothing after it is copied meanwhile.
    if (follower->waitingRetry()) return;
    auto origin = follower->origin();
    if (!origin || follower->cursor() == 0) return;
    store::StreamStore& from = origin->store();
    std::size_t copied = 0;
    bool refused = false;
    while (copied < kBatch) {
        auto m = loadNextMatching(from, follower->filters(), follower->cursor());
        if (!m) break;
        auto refusal =
            follower->mirror() ? copyMirrored(*follower, *m) : copySourced(*follower, *m);
        if (refusal) {
            // The cursor stays on the refused message: the retry copies it first.
            follower->setCursor(m->seq);
            refuseCopy(follower, *refusal);
            refused = true;
            break;
        }
        follower->setCursor(m->seq + 1);
        ++copied;
    }
    // nats-server's lag is the origin's pending count after the last delivered message, which
    // for a refused one is the message itself.
    const std::uint64_t lag_from = follower->cursor() + (refused ? 1 : 0);
    std::uint64_t lag = 0;
    for (const auto& filter : follower->filters()) {
        lag += from.filteredState(filter, lag_from).msgs;
    }
    follower->noteProgress(lag);
    if (copied == kBatch) wakeSource(follower);
}

void Stream::refuseCopy(const std::shared_ptr<SourceFollower>& follower, const Refusal& refusal) {
    if (closed_) return;
    const auto now = context_.clock();
    const auto wait = follower->noteRefused(now);
    // nats-server 2.10 processInboundSourceMsg / processInboundMirrorMsg: a source refused for
    // max_msgs only logs processJetStreamMsg's debug line; every other refusal is a warning.
    // Both go through RateLimitWarnf/RateLimitDebugf, and nothing is logged on recovery.
    if (refusal.store_limit && context_.server.logger().debugEnabled()) {
        std::string line = fmt::format("JetStream failed to store a msg on stream '{} > {}': {}",
                                       context_.account.name(), name_, refusal.text);
        if (source_log_.admit(line, now)) context_.server.logger().debug("{}", line);
    }
    if (follower->mirror() || !refusal.max_msgs) {
        std::string line =
            follower->mirror()
                ? fmt::format("Error processing inbound mirror message for '{}' > '{}': {}",
                              context_.account.name(), name_, refusal.text)
                : fmt::format("Error processing inbound source \"{}\" for '{}' > '{}': {}",
                              follower->indexName(), context_.account.name(), name_,
                              refusal.text);
        if (source_log_.admit(line, now)) context_.server.logger().warn("{}", line);
    }
    std::weak_ptr<Stream> weak = weak_from_this();
    scheduleRetry(wait, [weak, follower] {
        auto self = weak.lock();
        if (!self || self->closed_) return;
        boost::asio::post(self->strand_, [self, follower] {
            follower->endRetryWait(self->context_.clock());
            self->pumpSource(follower);
        });
    });
}

void Stream::scheduleRetry(std::chrono::nanoseconds delay, std::function<void()> fn) {
    if (context_.schedule) {
        if (!retries_stopped_) context_.schedule(delay, std::move(fn));
        return;
    }
    auto timer = std::make_shared<boost::asio::steady_timer>(strand_, delay);
    std::lock_guard lock(mutex_);
    // Under mutex_, so that stopRetries() either prevents the wait or cancels it.
    if (retries_stopped_) return;
    std::erase_if(retry_timers_, [](const auto& t) { return t.expired(); });
    retry_timers_.push_back(timer);
    timer->async_wait([timer, fn = std::move(fn)](const boost::system::error_code& ec) {
        if (!ec) fn();
    });
}

void Stream::stopRetries() {
    std::vector<std::weak_ptr<boost::asio::steady_timer>> timers;
    {
        std::lock_guard lock(mutex_);
        retries_stopped_ = true;
        timers.swap(retry_timers_);
    }
    for (const auto& weak : timers) {
        if (auto timer = weak.lock()) timer->cancel();
    }
}

std::optional<Stream::Refusal> Stream::copyMirrored(const SourceFollower& follower,
                                                    const store::StoredMessage& m) {
    std::unique_lock lock(mutex_);
    if (closed_) return storeRefusal(store::Errc::Closed);
    if (m.seq <= last_seq_) return std::nullopt;  // already held (after a restart)
    const std::string subject = follower.storedSubject(m.subject);
    auto self = shared_from_this();
    // At the origin's sequence: the ones skipped over become deleted, as nats-server's SkipMsgs.
    const auto appended =
        store_->storeAsyncAt(m.seq, store::NewMessage{subject, m.headers, m.payload, m.ts},
                             [self](store::Result<store::StoreAck> r) {
                                 if (r) self->queueNotify();
                             });
    if (!appended) return storeRefusal(appended.error().code);
    last_seq_ = *appended;
    return std::nullopt;
}

std::optional<Stream::Refusal> Stream::copySourced(const SourceFollower& follower,
                                                   const store::StoredMessage& m) {
    // As nats-server processInboundSourceMsg: the source's transform, then the stream's own
    // input transform and the whole publish path (dedup, limits, republish), with no reply.
    Inbound in;
    in.subject = follower.storedSubject(m.subject);
    if (auto transform = input_transform_.load()) {
        if (std::string mapped = transform->match(in.subject); !mapped.empty()) {
            in.subject = std::move(mapped);
        }
    }
    in.headers = sourcedHeaders(m.headers, follower.sourceHeader(m.seq));
    in.payload = m.payload;
    return process(in);
}

}  // namespace nwb::jetstream
