// Consumer delivery (pull requests and push), acks and redelivery (nats-server consumer.go).
#include "engine/jetstream/consumer.h"

#include "engine/jetstream/json_decode.h"
#include "engine/jetstream/json_text.h"
#include "engine/jetstream/stream_source.h"
#include "engine/protocol/subject.h"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace nwb::jetstream {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t wallNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}


std::uint64_t toUint(std::string_view s) {
    std::uint64_t v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && ptr == s.data() + s.size() ? v : 0;
}

/// Go's time.ParseDuration for the forms a NAK delay uses ("1s", "500ms", "1m30s", "2h").
std::optional<std::int64_t> parseGoDuration(std::string_view s) {
    if (s.empty()) return std::nullopt;
    bool negative = false;
    if (s.front() == '-' || s.front() == '+') {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    if (s == "0") return 0;
    double total = 0;
    while (!s.empty()) {
        std::size_t i = 0;
        while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) ++i;
        if (i == 0) return std::nullopt;
        double value = 0;
        const auto [ptr, ec] = std::from_chars(s.data(), s.data() + i, value);
        if (ec != std::errc() || ptr != s.data() + i) return std::nullopt;
        s.remove_prefix(i);
        std::size_t j = 0;
        while (j < s.size() && !((s[j] >= '0' && s[j] <= '9') || s[j] == '.')) ++j;
        const std::string_view unit = s.substr(0, j);
        s.remove_prefix(j);
        double scale = 0;
        if (unit == "ns")
            scale = 1;
        else if (unit == "us" || unit == "µs")
            scale = 1e3;
        else if (unit == "ms")
            scale = 1e6;
        else if (unit == "s")
            scale = 1e9;
        else if (unit == "m")
            scale = 60e9;
        else if (unit == "h")
            scale = 3600e9;
        else
            return std::nullopt;
        total += value * scale;
    }
    return static_cast<std::int64_t>(negative ? -total : total);
}

bool writeFile(const std::filesystem::path& path, std::string_view data, bool durable) {
    const auto tmp = path.string() + ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (f == nullptr) return false;
    bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
    ok = std::fflush(f) == 0 && ok;
    if (durable) ok = ::fsync(fileno(f)) == 0 && ok;
    ok = std::fclose(f) == 0 && ok;
    if (!ok) return false;
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    return !ec;
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The headers after a pull request's status line: what is left of it.
std::string pendingHeaders(std::int64_t msgs, std::int64_t bytes) {
    return "Nats-Pending-Messages: " + std::to_string(msgs) +
           "\r\nNats-Pending-Bytes: " + std::to_string(bytes) + "\r\n";
}

}  // namespace

std::shared_ptr<Consumer> Consumer::create(ConsumerContext context, ConsumerConfig config,
                                           std::string name, std::int64_t created_ns,
                                           std::filesystem::path directory, bool recover) {
    std::shared_ptr<Consumer> c(new Consumer(std::move(context), std::move(config), std::move(name),
                                             created_ns, std::move(directory)));
    std::lock_guard lock(c->mutex_);
    if (!recover || !c->restoreStateLocked()) c->selectStartLocked();
    return c;
}

Consumer::Consumer(ConsumerContext context, ConsumerConfig config, std::string name,
                   std::int64_t created_ns, std::filesystem::path directory)
    : context_(std::move(context)),
      name_(std::move(name)),
      created_ns_(created_ns),
      ack_prefix_("$JS.ACK." + context_.stream_name + "." + name_ + "."),
      directory_(std::move(directory)),
      strand_(boost::asio::make_strand(context_.pool.get_executor())),
      timer_(strand_),
      state_timer_(strand_),
      config_(std::move(config)) {}

Consumer::~Consumer() = default;

bool Consumer::saveMeta() {
    if (directory_.empty()) return true;
    std::error_code ec;
    std::filesystem::create_directories(directory_, ec);
    if (ec) return false;
    const std::string meta = "{\"created\":" + std::to_string(created_ns_) + ",\"name\":" +
                             [&] {
                                 std::string n;
                                 appendJsonString(n, name_);
                                 return n;
                             }() +
                             ",\"config\":" + encodeConsumerConfig(config()) + "}";
    return writeFile(directory_ / "meta.inf", meta, true);
}

void Consumer::removeFiles() {
    if (directory_.empty()) return;
    // A state write racing the delete would leave the directory (and meta.inf) behind.
    std::lock_guard lock(persist_mutex_);
    files_removed_ = true;
    std::error_code ec;
    std::filesystem::remove_all(directory_, ec);
}

std::string Consumer::stateJsonLocked() const {
    std::string out = "{\"sseq\":" + std::to_string(sseq_) + ",\"dseq\":" + std::to_string(dseq_) +
                      ",\"adflr\":" + std::to_string(adflr_) +
                      ",\"asflr\":" + std::to_string(asflr_) + ",\"lps\":[";
    for (std::size_t i = 0; i < last_per_subject_.size(); ++i) {
        if (i != 0) out += ',';
        out += std::to_string(last_per_subject_[i]);
    }
    out += "],\"pending\":[";
    bool first = true;
    for (const auto& [seq, p] : pending_) {
        if (!first) out += ',';
        first = false;
        out += "[" + std::to_string(seq) + "," + std::to_string(p.dseq) + "," +
               std::to_string(p.deliveries) + "]";
    }
    return out + "]}";
}

bool Consumer::restoreStateLocked() {
    if (directory_.empty()) return false;
    const auto text = readFile(directory_ / "state.json");
    boost::json::value v;
    if (text.empty() || !json::parse(text, v) || !v.is_object()) return false;
    const auto& o = v.get_object();
    std::uint64_t sseq = 0, dseq = 0, adflr = 0, asflr = 0;
    if (!json::readUint64(o, "sseq", sseq) || !json::readUint64(o, "dseq", dseq) ||
        !json::readUint64(o, "adflr", adflr) || !json::readUint64(o, "asflr", asflr) || sseq == 0) {
        return false;
    }
    std::deque<std::uint64_t> lps;
    std::map<std::uint64_t, Pending> pending;
    const auto now = context_.clock();
    if (auto it = o.find("lps"); it != o.end() && it->value().is_array()) {
        for (const auto& x : it->value().get_array()) {
            if (x.is_uint64() || x.is_int64()) lps.push_back(x.to_number<std::uint64_t>());
        }
    }
    if (auto it = o.find("pending"); it != o.end() && it->value().is_array()) {
        for (const auto& x : it->value().get_array()) {
            if (!x.is_array() || x.get_array().size() != 3) return false;
            const auto& a = x.get_array();
            std::uint64_t f[3];
            for (int i = 0; i < 3; ++i) {
                if (!a[i].is_uint64() && !a[i].is_int64()) return false;
                f[i] = a[i].to_number<std::uint64_t>();
            }
            pending[f[0]] = Pending{f[1], f[2], now};  // ack wait restarts now
        }
    }
    sseq_ = sseq;
    dseq_ = dseq;
    adflr_ = adflr;
    asflr_ = asflr;
    last_per_subject_ = std::move(lps);
    pending_ = std::move(pending);
    saved_version_ = state_version_;
    return true;
}

void Consumer::persist(const std::string& state, std::uint64_t version) {
    if (state.empty() || directory_.empty()) return;
    // A flush that took its snapshot before stop()'s final one must not overwrite it.
    std::lock_guard lock(persist_mutex_);
    if (files_removed_ || version <= written_version_) return;
    written_version_ = version;
    // Written to the OS, not fsynced: as nats-server's file store, the cursor may replay a little
    // after a machine crash (redelivery), never skip.
    (void)writeFile(directory_ / "state.json", state, false);
}

namespace {
// A busy consumer (thousands of acks a second) writes its cursor a few times a second, not once
// per ack; a graceful stop writes it last, and a crash replays at most this much (redelivery).
constexpr std::chrono::milliseconds kStateWriteInterval{100};
}  // namespace

void Consumer::flushState() {
    std::string state;
    std::uint64_t version = 0;
    std::vector<std::uint64_t> remove;
    bool defer = false;
    {
        std::lock_guard lock(mutex_);
        if (stopped_) return;
        remove.swap(to_remove_);
        if (!directory_.empty() && state_version_ != saved_version_) {
            const auto now = std::chrono::steady_clock::now();
            if (now - last_state_write_ < kStateWriteInterval) {
                defer = !std::exchange(state_write_deferred_, true);
            } else {
                last_state_write_ = now;
                saved_version_ = version = state_version_;
                state = stateJsonLocked();
            }
        }
    }
    if (defer) {
        state_timer_.expires_after(kStateWriteInterval);
        state_timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
            if (ec) return;
            auto self = weak.lock();
            if (!self) return;
            {
                std::lock_guard lock(self->mutex_);
                self->state_write_deferred_ = false;
                self->last_state_write_ = {};
            }
            self->flushState();
        });
    }
    // Workqueue retention: an acked message leaves the stream (no lock held: store I/O).
    for (const auto seq : remove) {
        if (context_.remove_on_ack) (void)context_.store.remove(seq);
        if (context_.on_ack) context_.on_ack(seq);
    }
    persist(state, version);
}

bool Consumer::wants(std::string_view subject) const {
    std::lock_guard lock(mutex_);
    const auto filters = config_.filters();
    if (filters.empty()) return true;
    for (const auto& f : filters) {
        if (protocol::subjectMatches(f, subject)) return true;
    }
    return false;
}

bool Consumer::needsMessage(std::uint64_t seq, std::string_view subject) const {
    if (!wants(subject)) return false;
    std::lock_guard lock(mutex_);
    if (seq >= sseq_ || pending_.contains(seq)) return true;
    return std::find(last_per_subject_.begin(), last_per_subject_.end(), seq) !=
           last_per_subject_.end();
}

void Consumer::start() {
    auto sub = context_.server.subscribeInternal(context_.account, ack_prefix_ + ">", {}, this);
    core::SubscriptionPtr fc;
    const ConsumerConfig cfg = config();
    if (!cfg.deliver_subject.empty() && cfg.flow_control) {
        fc = context_.server.subscribeInternal(
            context_.account, "$JS.FC." + context_.stream_name + "." + name_ + ".*", {}, this);
    }
    {
        std::lock_guard lock(mutex_);
        ack_sub_ = std::move(sub);
        fc_sub_ = std::move(fc);
        const auto now = context_.clock();
        last_sent_ = now;
        last_activity_ = now;
        rate_at_ = now;
        rate_tokens_ = static_cast<double>(context_.rate_burst);
        if (fc_sub_) {
            // nats-server setMaxPendingBytes(JsFlowControlMaxPending): a window that starts at
            // 1/16 of 32 MiB and doubles with each response.
            pblimit_ = 32 * 1024 * 1024;
            maxpb_ = pblimit_ / 16;
        }
        setInactiveThresholdLocked();
        if (dthresh_ > 0 && !isPush()) delete_at_ = now + std::chrono::nanoseconds(dthresh_);
        scheduleLocked();
    }
    if (cfg.deliver_subject.empty()) return;
    watchInterest();
}

void Consumer::stop(bool deleted) {
    core::SubscriptionPtr sub, fc;
    std::uint64_t watch = 0;
    std::vector<std::string> waiting;
    std::string final_state;
    std::uint64_t final_version = 0;
    {
        std::lock_guard lock(mutex_);
        if (stopped_) return;
        stopped_ = true;
        // A graceful stop writes the cursor now: the queued flush will see stopped_ and skip.
        if (!deleted && !directory_.empty() && state_version_ != saved_version_) {
            saved_version_ = final_version = state_version_;
            final_state = stateJsonLocked();
        }
        sub = std::move(ack_sub_);
        fc = std::move(fc_sub_);
        watch = std::exchange(watch_id_, 0);
        if (deleted) {
            for (const auto& wr : waiting_) waiting.push_back(wr.reply);
        }
        waiting_.clear();
    }
    persist(final_state, final_version);
    if (sub) context_.server.unsubscribeInternal(sub);
    if (fc) context_.server.unsubscribeInternal(fc);
    if (watch != 0) context_.account.trie().unwatch(watch);
    for (const auto& reply : waiting) {
        context_.server.publishInternal(context_.account, reply, {},
                                        "NATS/1.0 409 Consumer Deleted\r\n\r\n", {});
    }
    boost::asio::post(strand_, [self = shared_from_this()] {
        self->timer_.cancel();
        self->state_timer_.cancel();
    });
}

ConsumerConfig Consumer::config() const {
    std::lock_guard lock(mutex_);
    return config_;
}

void Consumer::updateConfig(const ConsumerConfig& config) {
    bool rewatch = false;
    {
        std::lock_guard lock(mutex_);
        rewatch = config.deliver_subject != config_.deliver_subject;
        const bool threshold = config.inactive_threshold != config_.inactive_threshold;
        config_ = config;
        if (rewatch) {
            // nats-server forceExpirePending: everything outstanding goes to the new subject.
            for (const auto& [seq, p] : pending_) {
                if (redeliver_set_.insert(seq).second) redeliver_.push_back(seq);
            }
            std::sort(redeliver_.begin(), redeliver_.end());
        }
        if (threshold) {
            setInactiveThresholdLocked();
            delete_at_.reset();
            if (dthresh_ > 0 && (!isPush() || !active_)) {
                delete_at_ = context_.clock() + std::chrono::nanoseconds(dthresh_);
            }
            scheduleLocked();
        }
    }
    if (rewatch) watchInterest();
}

void Consumer::selectStartLocked() {
    auto& store = context_.store;
    const auto st = store.fastState();
    const auto filters = config_.filters();
    auto lastMatching = [&](std::string_view filter) -> std::uint64_t {
        auto m = store.loadLast(filter);
        return m ? m->seq : 0;
    };
    switch (config_.deliver_policy) {
        case DeliverPolicy::All:
            sseq_ = st.msgs == 0 ? st.last_seq + 1 : st.first_seq;
            break;
        case DeliverPolicy::Last: {
            std::uint64_t last = 0;
            if (filters.empty()) {
                last = st.msgs == 0 ? 0 : st.last_seq;
            } else {
                for (const auto& f : filters) last = std::max(last, lastMatching(f));
            }
            sseq_ = last == 0 ? st.last_seq + 1 : last;
            break;
        }
        case DeliverPolicy::New:
            sseq_ = st.last_seq + 1;
            break;
        case DeliverPolicy::ByStartSequence:
            sseq_ = config_.opt_start_seq;
            break;
        case DeliverPolicy::ByStartTime:
            sseq_ = store.seqFromTime(config_.opt_start_time.value_or(0));
            break;
        case DeliverPolicy::LastPerSubject: {
            std::vector<std::uint64_t> seqs;
            for (const auto& f : filters) {
                for (const auto& [subject, count] : store.subjectCounts(f)) {
                    if (auto seq = lastMatching(subject); seq != 0) seqs.push_back(seq);
                }
            }
            std::sort(seqs.begin(), seqs.end());
            last_per_subject_.assign(seqs.begin(), seqs.end());
            sseq_ = st.last_seq + 1;
            break;
        }
    }
    if (sseq_ == 0) sseq_ = 1;
    // nats-server starts the ack floor just below the first candidate.
    asflr_ = (last_per_subject_.empty() ? sseq_ : last_per_subject_.front()) - 1;
}

std::uint64_t Consumer::numPendingLocked() {
    std::uint64_t n = last_per_subject_.size();
    const auto filters = config_.filters();
    if (filters.empty()) {
        n += context_.store.filteredState("", sseq_).msgs;
    } else {
        for (const auto& f : filters) n += context_.store.filteredState(f, sseq_).msgs;
    }
    return n;
}

std::int64_t Consumer::ackWaitFor(std::uint64_t deliveries) const {
    if (config_.backoff.empty()) return config_.ack_wait;
    const std::size_t i =
        std::min<std::size_t>(deliveries == 0 ? 0 : deliveries - 1, config_.backoff.size() - 1);
    return config_.backoff[i];
}

ConsumerState Consumer::state() {
    std::lock_guard lock(mutex_);
    ConsumerState s;
    s.delivered_consumer = dseq_;
    s.delivered_stream = sseq_ - 1;
    s.delivered_last_ns = last_delivered_ns_;
    s.ack_floor_consumer = adflr_;
    s.ack_floor_stream = asflr_;
    s.ack_floor_last_ns = last_acked_ns_;
    s.num_ack_pending = pending_.size();
    for (const auto& [seq, p] : pending_) s.num_redelivered += p.deliveries > 1 ? 1 : 0;
    s.num_redelivered += exhausted_.size();
    s.num_waiting = waiting_.size();
    s.num_pending = numPendingLocked();
    s.push_bound = isPush() && active_;
    return s;
}

std::string Consumer::infoFields(std::string_view server_name) {
    const auto s = state();
    auto seqInfo = [](std::uint64_t c, std::uint64_t st, std::int64_t last) {
        std::string out =
            "{\"consumer_seq\":" + std::to_string(c) + ",\"stream_seq\":" + std::to_string(st);
        if (last != 0) out += ",\"last_active\":\"" + goTime(last) + "\"";
        return out + "}";
    };
    std::string out = "\"stream_name\":";
    appendJsonString(out, context_.stream_name);
    out += ",\"name\":";
    appendJsonString(out, name_);
    out +=
        ",\"created\":\"" + goTime(created_ns_) +
        "\",\"config\":" + encodeConsumerConfig(config()) +
        ",\"delivered\":" + seqInfo(s.delivered_consumer, s.delivered_stream, s.delivered_last_ns) +
        ",\"ack_floor\":" + seqInfo(s.ack_floor_consumer, s.ack_floor_stream, s.ack_floor_last_ns) +
        ",\"num_ack_pending\":" + std::to_string(s.num_ack_pending) +
        ",\"num_redelivered\":" + std::to_string(s.num_redelivered) +
        ",\"num_waiting\":" + std::to_string(s.num_waiting) +
        ",\"num_pending\":" + std::to_string(s.num_pending);
    if (!server_name.empty()) {
        out += ",\"cluster\":{\"leader\":";
        appendJsonString(out, server_name);
        out += "}";
    }
    if (s.push_bound) out += ",\"push_bound\":true";
    return out + infoTimeStampField();
}

Consumer::Outbound Consumer::status(const std::string& reply, std::string_view line,
                                    std::string_view extra_headers) {
    std::string headers =
        "NATS/1.0 " + std::string(line) + "\r\n" + std::string(extra_headers) + "\r\n";
    return Outbound{reply, reply, {}, std::move(headers), {}, 0};
}

void Consumer::publish(std::vector<Outbound>& out) {
    if (out.empty()) return;
    PublishBatch batch;
    while (!out.empty()) {
        // A request whose inbox nobody listens to any more (nats-server drops such requests
        // before delivering): its messages go back to the front, not counted as delivered.
        std::vector<std::pair<std::string, std::uint64_t>> lost;
        for (const auto& o : out) {
            const bool taken = context_.server.deliverInternal(
                context_.account, o.deliver, o.subject, o.reply, o.headers, o.payload);
            if (!taken && o.sseq != 0) lost.emplace_back(o.deliver, o.sseq);
        }
        out.clear();
        if (lost.empty()) return;
        std::lock_guard lock(mutex_);
        if (stopped_) return;
        if (isPush()) lostPushDeliveryLocked();
        for (const auto& [inbox, seq] : lost) {
            std::erase_if(waiting_, [&](const Waiting& w) { return w.reply == inbox; });
            auto it = pending_.find(seq);
            if (it == pending_.end()) continue;  // ack none: gone, as with a lost delivery
            if (it->second.deliveries > 0) --it->second.deliveries;
            if (redeliver_set_.insert(seq).second) redeliver_.push_back(seq);
        }
        std::sort(redeliver_.begin(), redeliver_.end());
        deliverLocked(out);
        scheduleLocked();
    }
}

void Consumer::onNextRequest(std::string_view reply, std::string_view payload) {
    if (reply.empty()) return;
    boost::asio::post(
        strand_, [self = shared_from_this(), r = std::string(reply), p = std::string(payload)] {
            std::vector<Outbound> out;
            self->processNext(r, p, out);
            self->publish(out);
            self->flushState();
        });
}

void Consumer::signal() {
    boost::asio::post(strand_, [self = shared_from_this()] {
        std::vector<Outbound> out;
        {
            std::lock_guard lock(self->mutex_);
            if (self->stopped_) return;
            self->deliverLocked(out);
            self->scheduleLocked();
        }
        self->publish(out);
        self->flushState();
    });
}

void Consumer::onStreamPurged() {
    boost::asio::post(strand_, [self = shared_from_this()] {
        std::vector<Outbound> out;
        {
            std::lock_guard lock(self->mutex_);
            if (self->stopped_) return;
            auto& store = self->context_.store;
            const auto st = store.fastState();
            const std::uint64_t first = st.msgs == 0 ? st.last_seq + 1 : st.first_seq;
            if (self->sseq_ < first) self->sseq_ = first;
            std::erase_if(self->pending_,
                          [&](const auto& entry) { return !store.load(entry.first); });
            std::erase_if(self->exhausted_, [&](std::uint64_t seq) { return seq < first; });
            std::erase_if(self->last_per_subject_,
                          [&](std::uint64_t seq) { return !store.load(seq); });
            std::erase_if(self->redeliver_, [&](std::uint64_t seq) {
                if (self->pending_.contains(seq)) return false;
                self->redeliver_set_.erase(seq);
                return true;
            });
            ++self->state_version_;
            self->updateFloorLocked();
            self->deliverLocked(out);
            self->scheduleLocked();
        }
        self->publish(out);
        self->flushState();
    });
}

void Consumer::onMessage(const core::InternalMessage& msg) {
    if (msg.subject.starts_with("$JS.FC.")) {
        boost::asio::post(strand_, [self = shared_from_this(), s = std::string(msg.subject)] {
            self->processFlowControl(s);
        });
        return;
    }
    // Queued into reused buffers; one strand wakeup takes every ack queued meanwhile and then
    // delivers, reschedules and saves the state once for all of them.
    bool wake = false;
    {
        std::lock_guard lock(ack_inbox_mutex_);
        if (ack_inbox_used_ == ack_inbox_.size()) ack_inbox_.emplace_back();
        AckIn& in = ack_inbox_[ack_inbox_used_++];
        in.subject.assign(msg.subject);
        in.reply.assign(msg.reply);
        in.payload.assign(msg.payload);
        wake = !std::exchange(ack_inbox_woken_, true);
    }
    if (wake) boost::asio::post(strand_, [self = shared_from_this()] { self->drainAcks(); });
}

void Consumer::drainAcks() {
    std::size_t count = 0;
    {
        std::lock_guard lock(ack_inbox_mutex_);
        ack_inbox_.swap(acks_draining_);
        count = std::exchange(ack_inbox_used_, 0);
        ack_inbox_woken_ = false;
    }
    PublishBatch batch;  // ack replies and deliveries leave together
    std::vector<Outbound> out;
    for (std::size_t i = 0; i < count; ++i) {
        const AckIn& in = acks_draining_[i];
        processAck(in.subject, in.reply, in.payload, out);
    }
    {
        std::lock_guard lock(mutex_);
        if (!stopped_) {
            deliverLocked(out);
            scheduleLocked();
        }
    }
    publish(out);
    flushState();
    constexpr std::size_t kKeepEntries = 4096;
    if (acks_draining_.size() > kKeepEntries) acks_draining_.resize(kKeepEntries);
}

void Consumer::processNext(const std::string& reply, const std::string& payload,
                           std::vector<Outbound>& out) {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    if (isPush()) {
        out.push_back(status(reply, "409 Consumer is push based"));
        return;
    }
    Waiting wr;
    wr.reply = reply;
    std::int64_t expires = 0;
    const std::string_view req = trim(payload);
    if (!req.empty() && req.front() == '{') {
        boost::json::value v;
        std::int64_t heartbeat = 0;
        bool ok = json::parse(req, v) && v.is_object();
        if (ok) {
            const auto& o = v.get_object();
            ok = json::readInt64(o, "expires", expires) && json::readInt64(o, "batch", wr.batch) &&
                 json::readInt64(o, "max_bytes", wr.max_bytes) &&
                 json::readBool(o, "no_wait", wr.no_wait) &&
                 json::readInt64(o, "idle_heartbeat", heartbeat);
            if (ok && !o.contains("batch")) wr.batch = 0;
        }
        if (!ok) {
            out.push_back(status(reply, "400 Bad Request - invalid JSON"));
            return;
        }
        if (heartbeat > 0 && heartbeat * 2 > expires) {
            out.push_back(status(reply, "400 Bad Request - heartbeat value too large"));
            return;
        }
        wr.heartbeat = heartbeat;
    } else if (!req.empty()) {
        std::int64_t n = 0;
        const auto [ptr, ec] = std::from_chars(req.data(), req.data() + req.size(), n);
        if (ec == std::errc() && ptr == req.data() + req.size()) wr.batch = n;
    }
    const auto now = context_.clock();
    wr.last_sent = now;
    if (expires > 0) wr.expires = now + std::chrono::nanoseconds(expires);
    if (config_.max_batch > 0 && wr.batch > config_.max_batch) {
        out.push_back(
            status(reply, "409 Exceeded MaxRequestBatch of " + std::to_string(config_.max_batch)));
        return;
    }
    if (expires > 0 && config_.max_expires > 0 && expires > config_.max_expires) {
        out.push_back(
            status(reply, "409 Exceeded MaxRequestExpires of " + goDuration(config_.max_expires)));
        return;
    }
    if (wr.max_bytes > 0 && config_.max_bytes > 0 && wr.max_bytes > config_.max_bytes) {
        out.push_back(status(
            reply, "409 Exceeded MaxRequestMaxBytes of " + std::to_string(config_.max_bytes)));
        return;
    }
    expireLocked(out);
    if (wr.no_wait) {
        const std::uint64_t pending = numPendingLocked() + redeliver_.size();
        if (pending == 0 && !wr.expires) {
            last_activity_ = now;
            out.push_back(status(reply, "404 No Messages"));
            return;
        }
    }
    if (wr.batch <= 0) wr.batch = 1;
    if (static_cast<std::int64_t>(waiting_.size()) >= config_.max_waiting) {
        out.push_back(status(reply, "409 Exceeded MaxWaiting"));
        return;
    }
    waiting_.push_back(std::move(wr));
    last_activity_ = now;
    deliverLocked(out);
    scheduleLocked();
}

void Consumer::expireLocked(std::vector<Outbound>& out) {
    const auto now = context_.clock();
    // Pull requests past their expiry: 408 with what is left of them.
    for (auto it = waiting_.begin(); it != waiting_.end();) {
        if (it->expires && now >= *it->expires) {
            out.push_back(
                status(it->reply, "408 Request Timeout", pendingHeaders(it->batch, it->max_bytes)));
            it = waiting_.erase(it);
        } else {
            ++it;
        }
    }
    // Deliveries past their ack wait: redeliver, or drop once max_deliver is reached.
    if (config_.ack_policy == AckPolicy::None) return;
    bool dropped = false;
    for (auto it = pending_.begin(); it != pending_.end();) {
        const auto& [seq, p] = *it;
        const auto due = p.sent + std::chrono::nanoseconds(ackWaitFor(p.deliveries));
        if (now < due || redeliver_set_.contains(seq)) {
            ++it;
            continue;
        }
        if (config_.max_deliver > 0 &&
            p.deliveries >= static_cast<std::uint64_t>(config_.max_deliver)) {
            if (p.deliveries > 1) exhausted_.insert(seq);
            it = pending_.erase(it);
            dropped = true;
            continue;
        }
        redeliver_.push_back(seq);
        redeliver_set_.insert(seq);
        ++it;
    }
    std::sort(redeliver_.begin(), redeliver_.end());
    // nats-server leaves the ack floor alone here: the next ack moves it.
    if (dropped) ++state_version_;
}

std::string Consumer::ackReply(std::uint64_t deliveries, std::uint64_t sseq, std::uint64_t dseq,
                               std::int64_t ts, std::uint64_t pending) const {
    // $JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<dseq>.<ts>.<pending>, in one allocation.
    std::string reply;
    reply.reserve(ack_prefix_.size() + 5 * 21);
    reply.append(ack_prefix_);
    auto put = [&reply](auto v) {
        char digits[24];
        reply.append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
    };
    put(deliveries);
    reply += '.';
    put(sseq);
    reply += '.';
    put(dseq);
    reply += '.';
    put(ts);
    reply += '.';
    put(pending);
    return reply;
}

void Consumer::deliverLocked(std::vector<Outbound>& out) {
    if (stopped_) return;
    expireLocked(out);
    if (!isPush() && !waiting_.empty()) {
        // One allocation for a pull request's batch rather than a regrowth every few messages.
        const auto batch = std::clamp<std::int64_t>(waiting_.front().batch, 1, 1024);
        out.reserve(out.size() + static_cast<std::size_t>(batch) + 1);
    }
    auto& store = context_.store;
    const auto filters = config_.filters();
    const bool push = isPush();
    // num_pending for the ack replies: counted once per pass (a store query), then one less per
    // new message delivered, so a batch costs one count rather than one per message.
    std::optional<std::uint64_t> pending_base;
    std::uint64_t delivered_since_base = 0;
    for (;;) {
        // Push: while someone listens and flow control and the rate limit allow. Pull: while a
        // request waits.
        Waiting* wr = nullptr;
        if (push) {
            if (pushBlockedLocked() || rateLimitedLocked()) break;
        } else {
            if (waiting_.empty()) break;
            wr = &waiting_.front();
        }
        std::optional<store::StoredMessage> msg;
        bool redelivery = false;
        // 1. Redeliveries first.
        while (!msg && !redeliver_.empty()) {
            const auto seq = redeliver_.front();
            redeliver_.pop_front();
            redeliver_set_.erase(seq);
            if (!pending_.contains(seq)) continue;
            auto m = store.load(seq);
            if (!m) {
                pending_.erase(seq);
                updateFloorLocked();
                continue;
            }
            msg = std::move(*m);
            redelivery = true;
        }
        // 2. New messages while max_ack_pending allows.
        const bool blocked = config_.ack_policy != AckPolicy::None && config_.max_ack_pending > 0 &&
                             static_cast<std::int64_t>(pending_.size()) >= config_.max_ack_pending;
        bool from_last_per_subject = false;
        while (!msg && !blocked && !last_per_subject_.empty()) {
            const auto seq = last_per_subject_.front();
            last_per_subject_.pop_front();
            if (auto m = store.load(seq)) {
                msg = std::move(*m);
                from_last_per_subject = true;
            }
        }
        if (!msg && !blocked) {
            if (auto next = loadNextMatching(store, filters, sseq_)) {
                sseq_ = next->seq + 1;
                msg = std::move(*next);
            }
        }
        if (!msg) {
            if (push) break;
            // End of stream: a no_wait request that got something is done (408).
            if (wr->no_wait && wr->delivered > 0) {
                out.push_back(status(wr->reply, "408 Request Timeout",
                                     pendingHeaders(wr->batch, wr->max_bytes)));
                waiting_.pop_front();
                continue;
            }
            if (wr->no_wait && !wr->expires) {
                out.push_back(status(wr->reply, "404 No Messages"));
                waiting_.pop_front();
                continue;
            }
            break;
        }
        std::uint64_t deliveries = 1;
        if (redelivery) deliveries = pending_[msg->seq].deliveries + 1;
        if (!pending_base) {
            pending_base = numPendingLocked();
        } else if (!redelivery) {
            ++delivered_since_base;
        }
        const std::uint64_t num_pending =
            *pending_base > delivered_since_base ? *pending_base - delivered_since_base : 0;
        std::string reply = ackReply(deliveries, msg->seq, dseq_ + 1, msg->ts, num_pending);
        std::string headers = std::move(msg->headers);
        std::string payload = std::move(msg->payload);
        if (config_.headers_only) {
            // nats-server convertToHeadersOnly: the stored headers plus Nats-Msg-Size.
            if (headers.empty()) {
                headers = "NATS/1.0\r\n";
            } else {
                headers.resize(headers.size() - 2);
            }
            headers += "Nats-Msg-Size: " + std::to_string(payload.size()) + "\r\n\r\n";
            payload.clear();
        }
        // nats-server counts subject, ack reply, headers and data against max_bytes.
        const auto size = static_cast<std::int64_t>(msg->subject.size() + reply.size() +
                                                    headers.size() + payload.size());
        if (wr != nullptr && wr->max_bytes > 0) {
            if (size > wr->max_bytes) {
                out.push_back(status(wr->reply, "409 Message Size Exceeds MaxBytes",
                                     pendingHeaders(wr->batch, wr->max_bytes)));
                waiting_.pop_front();
                if (redelivery) {  // the message stays first in line
                    redeliver_.push_front(msg->seq);
                    redeliver_set_.insert(msg->seq);
                } else if (from_last_per_subject) {
                    last_per_subject_.push_front(msg->seq);
                } else {
                    sseq_ = msg->seq;
                }
                continue;
            }
            wr->max_bytes -= size;
            if (wr->max_bytes == 0) wr->batch = 1;  // this one, then the request is done
        }
        ++dseq_;
        ++state_version_;
        const auto now = context_.clock();
        if (config_.ack_policy == AckPolicy::None) {
            adflr_ = dseq_;
            asflr_ = msg->seq;
            // Interest or workqueue retention: an unacknowledged delivery counts as acked.
            if (context_.remove_on_ack || context_.on_ack) to_remove_.push_back(msg->seq);
        } else if (redelivery) {
            auto& p = pending_[msg->seq];
            p.dseq = dseq_;
            p.deliveries = deliveries;
            p.sent = now;
        } else {
            pending_[msg->seq] = Pending{dseq_, 1, now};
        }
        last_delivered_ns_ = wallNs();
        const std::string& target = push ? config_.deliver_subject : wr->reply;
        out.push_back(Outbound{target, std::move(msg->subject), std::move(reply),
                               std::move(headers), std::move(payload), msg->seq});
        if (push) {
            afterPushDeliveryLocked(size + static_cast<std::int64_t>(target.size()) -
                                        static_cast<std::int64_t>(out.back().subject.size()),
                                    out);
            continue;
        }
        last_activity_ = now;
        wr->last_sent = now;
        ++wr->delivered;
        if (--wr->batch <= 0) {
            if (wr->max_bytes > 0) {
                out.push_back(
                    status(wr->reply, "409 Batch Completed", pendingHeaders(0, wr->max_bytes)));
            }
            waiting_.pop_front();
        }
    }
}

void Consumer::updateFloorLocked() {
    if (pending_.empty()) {
        adflr_ = dseq_;
        asflr_ = sseq_ - 1;
        if (!last_per_subject_.empty()) asflr_ = last_per_subject_.front() - 1;
    } else {
        const auto& [seq, p] = *pending_.begin();
        adflr_ = p.dseq - 1;
        asflr_ = seq - 1;
    }
}

void Consumer::ackLocked(std::uint64_t sseq) {
    switch (config_.ack_policy) {
        case AckPolicy::None:
            return;
        case AckPolicy::Explicit: {
            const bool was_pending = pending_.erase(sseq) != 0;
            const bool was_exhausted = exhausted_.erase(sseq) != 0;
            if (!was_pending && !was_exhausted) return;
            if (context_.remove_on_ack || context_.on_ack) to_remove_.push_back(sseq);
            break;
        }
        case AckPolicy::All: {
            const auto end = pending_.upper_bound(sseq);
            const auto exhausted_end = exhausted_.upper_bound(sseq);
            if (end == pending_.begin() && exhausted_end == exhausted_.begin()) return;
            if (context_.remove_on_ack || context_.on_ack) {
                for (auto it = pending_.begin(); it != end; ++it) to_remove_.push_back(it->first);
            }
            pending_.erase(pending_.begin(), end);
            exhausted_.erase(exhausted_.begin(), exhausted_end);
            break;
        }
    }
    last_acked_ns_ = wallNs();
    ++state_version_;
    updateFloorLocked();
}

void Consumer::processAck(const std::string& subject, const std::string& reply,
                          const std::string& payload, std::vector<Outbound>& out) {
    if (!subject.starts_with(ack_prefix_)) return;
    const auto t = protocol::splitSubjectTokens(std::string_view(subject).substr(ack_prefix_.size()));
    if (t.size() != 5) return;  // <delivered>.<sseq>.<dseq>.<ts>.<pending>
    const std::uint64_t sseq = toUint(t[1]);
    bool ack_reply = !reply.empty();
    std::optional<std::pair<std::string, std::string>> next_request;
    {
        std::lock_guard lock(mutex_);
        if (stopped_) return;
        const std::string_view msg = payload;
        const auto now = context_.clock();
        if (msg.empty() || msg == "+ACK" || msg == "+OK") {
            ackLocked(sseq);
        } else if (msg.starts_with("+NXT")) {
            ackLocked(sseq);
            ack_reply = false;
            if (!reply.empty()) {
                next_request.emplace(reply, std::string(msg.substr(4)));
            }
        } else if (msg.starts_with("-NAK")) {
            auto it = pending_.find(sseq);
            if (it != pending_.end()) {
                std::optional<std::int64_t> delay;
                const std::string_view arg = trim(msg.substr(4));
                if (!arg.empty()) {
                    if (arg.front() == '{') {
                        boost::json::value v;
                        std::int64_t d = 0;
                        if (json::parse(arg, v) && v.is_object() &&
                            json::readInt64(v.get_object(), "delay", d)) {
                            delay = d;
                        }
                    } else {
                        delay = parseGoDuration(arg);
                    }
                }
                if (delay && *delay > 0) {
                    // Due again `delay` from now: sent as if ack_wait ago, plus the delay.
                    it->second.sent = now -
                                      std::chrono::nanoseconds(ackWaitFor(it->second.deliveries)) +
                                      std::chrono::nanoseconds(*delay);
                } else if (!redeliver_set_.contains(sseq)) {
                    redeliver_.push_back(sseq);
                    redeliver_set_.insert(sseq);
                    std::sort(redeliver_.begin(), redeliver_.end());
                }
            }
        } else if (msg == "+WPI") {
            if (auto it = pending_.find(sseq); it != pending_.end()) it->second.sent = now;
        } else if (msg.starts_with("+TERM")) {
            if (pending_.erase(sseq) + exhausted_.erase(sseq) != 0) {
                if (context_.remove_on_ack || context_.on_ack) to_remove_.push_back(sseq);
                ++state_version_;
                last_acked_ns_ = wallNs();
                updateFloorLocked();
            }
        } else {
            ack_reply = false;
        }
        noteActivityLocked();
    }
    if (ack_reply) context_.server.publishInternal(context_.account, reply, {}, {}, {});
    if (next_request) processNext(next_request->first, next_request->second, out);
}

void Consumer::scheduleLocked() {
    if (stopped_) return;
    std::optional<Clock::time_point> first;
    auto consider = [&](Clock::time_point t) {
        if (!first || t < *first) first = t;
    };
    for (const auto& wr : waiting_) {
        if (wr.expires) consider(*wr.expires);
    }
    if (config_.ack_policy != AckPolicy::None) {
        for (const auto& [seq, p] : pending_) {
            if (!redeliver_set_.contains(seq)) {
                consider(p.sent + std::chrono::nanoseconds(ackWaitFor(p.deliveries)));
            }
        }
    }
    scheduleExtraLocked(consider);
    if (!first) {
        timer_.cancel();
        return;
    }
    // The timer runs on the steady clock; an injected clock is mapped by its offset from now.
    const auto delay = *first - context_.clock();
    timer_.expires_after(std::max(delay, Clock::duration::zero()));
    timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
        if (ec) return;
        if (auto self = weak.lock()) self->onTimer();
    });
}

void Consumer::onTimer() {
    std::vector<Outbound> out;
    bool inactive = false;
    {
        std::lock_guard lock(mutex_);
        if (stopped_) return;
        deliverLocked(out);
        heartbeatLocked(out);
        inactive = checkInactiveLocked();
        scheduleLocked();
    }
    publish(out);
    flushState();
    if (inactive && context_.on_inactive) context_.on_inactive(shared_from_this());
}

}  // namespace nwb::jetstream
