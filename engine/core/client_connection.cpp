// One client connection: parsing, routing, permissions, keepalive and the outbound buffer.
#include "engine/core/client_connection.h"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/parse.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "engine/auth/reserved_subjects.h"
#include "engine/auth/violation_text.h"
#include "engine/core/delivery_batch.h"
#include "engine/core/message_router.h"
#include "engine/core/server.h"
#include "engine/protocol/subject.h"

namespace nwb::core {
namespace {

constexpr std::size_t kReadBufferSize = 64 * 1024;
constexpr std::size_t kMaxMatchCache = 1024;
constexpr std::size_t kSendFailed = ~std::size_t{0};
/// Outbound buffers above this are freed once written, so a burst does not pin its memory.
constexpr std::size_t kMaxRetainedBuffer = 256 * 1024;

void releaseIfLarge(std::string& buffer) {
    if (buffer.capacity() > kMaxRetainedBuffer) {
        std::string().swap(buffer);
    } else {
        buffer.clear();
    }
}

std::string_view reasonText(CloseReason reason) {
    switch (reason) {
        case CloseReason::ClientClosed: return "Client Closed";
        case CloseReason::ReadError: return "Read Error";
        case CloseReason::WriteError: return "Write Error";
        case CloseReason::ParseError: return "Parse Error";
        case CloseReason::ProtocolViolation: return "Protocol Violation";
        case CloseReason::AuthViolation: return "Authentication Failure";
        case CloseReason::AuthTimeout: return "Authentication Timeout";
        case CloseReason::MaxPayload: return "Maximum Message Payload Exceeded";
        case CloseReason::MaxControlLine: return "Maximum Control Line Exceeded";
        case CloseReason::MaxConnections: return "Maximum Connections Exceeded";
        case CloseReason::StaleConnection: return "Stale Connection";
        case CloseReason::SlowConsumer: return "Slow Consumer (Pending Bytes)";
        case CloseReason::BadClientProtocol: return "Bad Client Protocol Version";
        case CloseReason::NoRespondersRequiresHeaders: return "No Responders Requires Headers";
        case CloseReason::ServerShutdown: return "Server Shutdown";
        case CloseReason::Killed: return "Killed";
    }
    return "Unknown";
}

}  // namespace

ClientConnection::ClientConnection(Server& server, IoWorker& worker,
                                   boost::asio::ip::tcp::socket socket, std::uint64_t cid)
    : server_(server),
      worker_(worker),
      socket_(std::move(socket)),
      cid_(cid),
      parser_(server.options().max_control_line, server.options().max_payload),
      trace_(server.logger().traceEnabled()),
      account_(&server.globalAccount()),
      stall_level_(static_cast<std::size_t>(
          std::clamp<std::int64_t>(server.options().stall_pending, 1,
                                   std::max<std::int64_t>(server.options().max_pending / 2, 1)))),
      ping_timer_(worker.io),
      auth_timer_(worker.io),
      stall_timer_(worker.io) {
    start_ = WallClock::now();
    accepted_at_ = std::chrono::steady_clock::now();
    touchActivity();
    boost::system::error_code ec;
    const auto endpoint = socket_.remote_endpoint(ec);
    if (!ec) {
        client_ip_ = endpoint.address().to_string();
        client_port_ = endpoint.port();
        remote_ = client_ip_ + ":" + std::to_string(endpoint.port());
    }
    socket_.set_option(boost::asio::ip::tcp::no_delay(true), ec);
    socket_.non_blocking(true, ec);
}

ClientConnection::~ClientConnection() = default;

void ClientConnection::start(bool over_max_connections) {
    last_in_ = std::chrono::steady_clock::now();
    sendProto("INFO " + server_.infoJson(cid_, client_ip_, false) + " \r\n");
    if (over_max_connections) {
        server_.logger().error("{} - cid:{} - maximum connections exceeded", remote_, cid_);
        sendErr("maximum connections exceeded");
        closeNow(CloseReason::MaxConnections);
        return;
    }
    server_.logger().debug("{} - cid:{} - Client connection created", remote_, cid_);
    if (server_.authenticator().authRequired()) {
        parser_.setAwaitingConnect(true);
        startAuthTimer();
    }
    startPingTimer(server_.options().ping_interval);
    flush();
    read_buf_.resize(kReadBufferSize);
    readNext();
}

void ClientConnection::readNext() {
    socket_.async_read_some(
        boost::asio::buffer(read_buf_),
        [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
            if (self->closed()) return;
            if (ec) {
                self->closeNow(CloseReason::ClientClosed);
                return;
            }
            self->onRead(n);
        });
}

void ClientConnection::onRead(std::size_t bytes) {
    last_in_ = std::chrono::steady_clock::now();
    touchActivity();
    DeliveryBatch& batch = DeliveryBatch::current();
    batch.takeCongested();  // one noted outside a client's read (an internal publish)
    {
        DeliveryBatch::ReadScope scope(batch);
        const protocol::ParseStatus status =
            parser_.parse(std::string_view(read_buf_.data(), bytes), *this);
        handleParseStatus(status);
    }
    addTallyToServer();
    batch.flushAll(worker_);
    if (closed()) return;
    const std::shared_ptr<ClientConnection> congested = batch.takeCongested();
    if (congested && congested.get() != this && congested->holdProducer(shared_from_this())) {
        stallReading();
        return;
    }
    readNext();
}

void ClientConnection::stallReading() {
    reading_stalled_ = true;
    server_.counters().producer_stalls.fetch_add(1, std::memory_order_relaxed);
    stall_timer_.expires_after(server_.options().stall_timeout);
    stall_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (ec) return;
        if (self->reading_stalled_ && !self->closed()) {
            self->reading_stalled_ = false;
            self->readNext();
        }
    });
}

void ClientConnection::resumeReading() {
    boost::asio::post(worker_.io, [self = shared_from_this()] {
        if (!self->reading_stalled_ || self->closed()) return;
        self->reading_stalled_ = false;
        self->stall_timer_.cancel();
        self->readNext();
    });
}

bool ClientConnection::holdProducer(const std::shared_ptr<ClientConnection>& producer) {
    std::lock_guard lock(out_mutex_);
    // Checked again under the lock: a drain that ran before we got here resumes nobody.
    if (socket_closed_ || pendingBytesLocked() <= stall_level_ / 2) return false;
    // A producer released by its timer and held again is listed once.
    const bool listed = std::any_of(held_producers_.begin(), held_producers_.end(),
                                    [&](const auto& held) { return held.lock() == producer; });
    if (!listed) held_producers_.push_back(producer);
    return true;
}

std::vector<std::weak_ptr<ClientConnection>> ClientConnection::takeDrainedProducersLocked(
    bool closing) {
    std::vector<std::weak_ptr<ClientConnection>> producers;
    const std::size_t pending = pendingBytesLocked();
    if (pending <= stall_level_) congested_.store(false, std::memory_order_relaxed);
    if (!held_producers_.empty() && (closing || pending <= stall_level_ / 2)) {
        producers.swap(held_producers_);
    }
    return producers;
}

void ClientConnection::resumeProducers(std::vector<std::weak_ptr<ClientConnection>> producers) {
    for (const auto& weak : producers) {
        if (const auto producer = weak.lock()) producer->resumeReading();
    }
}

void ClientConnection::handleParseStatus(protocol::ParseStatus status) {
    using protocol::ParseStatus;
    switch (status) {
        case ParseStatus::Ok:
        case ParseStatus::Stopped:
            return;
        case ParseStatus::UnknownOp:
            server_.logger().error("{} - cid:{} - Client parser ERROR", remote_, cid_);
            sendErr("Unknown Protocol Operation");
            closeNow(CloseReason::ParseError);
            return;
        case ParseStatus::MaxControlLine:
            server_.logger().error("{} - cid:{} - maximum control line exceeded", remote_, cid_);
            sendErr("maximum control line exceeded");
            closeNow(CloseReason::MaxControlLine);
            return;
        case ParseStatus::MaxPayload:
            server_.logger().error("{} - cid:{} - maximum payload exceeded", remote_, cid_);
            sendErr("Maximum Payload Violation");
            closeNow(CloseReason::MaxPayload);
            return;
        case ParseStatus::BadArgs:
            server_.logger().error("{} - cid:{} - protocol arguments error", remote_, cid_);
            closeNow(CloseReason::ProtocolViolation);
            return;
        case ParseStatus::AuthViolation:
            authViolation();
            return;
    }
}

// ---- control operations -------------------------------------------------------------------

bool ClientConnection::onConnect(std::string_view json) {
    if (trace_) traceIn("CONNECT", redactPassword(json));
    auth_timer_.cancel();
    if (!applyConnectJson(json, opts_)) {
        server_.logger().error("{} - cid:{} - invalid CONNECT", remote_, cid_);
        closeNow(CloseReason::ProtocolViolation);
        return false;
    }
    connect_received_ = true;
    // As nats-server: the first RTT estimate is the time from accept to CONNECT.
    rtt_ns_.store(std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::steady_clock::now() - accepted_at_)
                      .count());
    {
        std::lock_guard lock(meta_mutex_);
        client_name_ = opts_.name;
        client_lang_ = opts_.lang;
        client_version_ = opts_.version;
    }
    headers_.store(opts_.headers && !server_.options().no_header_support);
    parser_.setHeadersAllowed(headers_.load());
    parser_.setAwaitingConnect(false);
    if (!authorize() || !opts_.account.empty() || opts_.new_account) {
        authViolation();
        return false;
    }
    if (opts_.protocol < 0 || opts_.protocol > 1) {
        sendErr("invalid client protocol");
        closeNow(CloseReason::BadClientProtocol);
        return false;
    }
    if (opts_.no_responders && !headers_.load()) {
        sendErr("no responders requires headers support");
        closeNow(CloseReason::NoRespondersRequiresHeaders);
        return false;
    }
    sendOk();
    if (!announced_) {
        announced_ = true;
        server_.notifyClientEvent(info(false), true);
    }
    return true;
}

bool ClientConnection::authorize() {
    const auth::Authenticator& authenticator = server_.authenticator();
    if (!authenticator.authRequired()) return true;
    const auto user = authenticator.authenticate({opts_.user, opts_.pass, opts_.auth_token});
    if (!user) return false;
    adoptUser(*user);
    return true;
}

void ClientConnection::authViolation() {
    server_.logger().error("{} - cid:{} - authentication error", remote_, cid_);
    sendErr("Authorization Violation");
    closeNow(CloseReason::AuthViolation);
    ConnectionInfo event = info(false);
    event.stop = WallClock::now();
    event.reason = std::string(reasonText(CloseReason::AuthViolation));
    // nats-server's getRawAuthUser: what the client identified itself with (for a JWT its
    // key, which is never known here).
    event.authorized_user = !opts_.nkey.empty()  ? opts_.nkey
                            : !opts_.user.empty() ? opts_.user
                            : !opts_.jwt.empty()  ? std::string()
                                                  : opts_.auth_token;
    server_.notifyAuthError(event);
}

void ClientConnection::adoptUser(const auth::AuthenticatedUser& user) {
    {
        std::lock_guard lock(meta_mutex_);
        authorized_user_ = user.name;
    }
    bindAccount(user.account);
    applyPermissions(user.permissions);
}

void ClientConnection::bindAccount(std::string_view name) {
    Account* account = name.empty() ? &server_.globalAccount() : server_.findAccount(name);
    if (account == nullptr) account = &server_.globalAccount();
    if (account == account_) return;
    // A later CONNECT may move the client: its subscriptions move with it.
    std::lock_guard lock(subs_mutex_);
    for (auto& [sid, sub] : subs_) {
        account_->trie().remove(sub);
        sub->account = account;
        account->trie().insert(sub);
    }
    account_ = account;
    match_cache_.clear();
    last_result_.reset();
    match_cache_generation_ = ~std::uint64_t{0};
    std::lock_guard meta(meta_mutex_);
    account_name_ = account->name();
}

void ClientConnection::applyPermissions(const std::optional<auth::Permissions>& permissions) {
    std::lock_guard lock(perms_mutex_);
    if (permissions) {
        perms_.emplace(*permissions);
        tracks_responses_.store(perms_->tracksResponses());
    } else {
        perms_.reset();
        tracks_responses_.store(false);
    }
    has_perms_.store(perms_.has_value());
    delivery_filter_.store(false);
}

bool ClientConnection::onOpBeforeConnect() {
    // nats-server lets a client skip CONNECT when no_auth_user names a known user: without
    // credentials, authentication yields exactly that user.
    if (server_.options().no_auth_user.empty()) return false;
    const auto user = server_.authenticator().authenticate({});
    if (!user) return false;
    auth_timer_.cancel();
    connect_received_ = true;
    adoptUser(*user);
    announced_ = true;
    server_.notifyClientEvent(info(false), true);
    return true;
}


bool ClientConnection::onPing() {
    if (trace_) traceIn("PING", {});
    sendProto("PONG\r\n");
    if (connect_received_ && !first_pong_sent_) {
        first_pong_sent_ = true;
        takes_async_info_.store(opts_.protocol >= 1);
    }
    return true;
}

bool ClientConnection::onPong() {
    if (trace_) traceIn("PONG", {});
    if (pings_out_ > 0) {
        rtt_ns_.store(std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::steady_clock::now() - ping_sent_at_)
                          .count());
    }
    pings_out_ = 0;
    return true;
}

bool ClientConnection::onInfo(std::string_view json) {
    // nats-server ignores a client's INFO unless it is not valid JSON.
    boost::json::error_code ec;
    boost::json::parse(json, ec);
    if (ec) {
        closeNow(CloseReason::ProtocolViolation);
        return false;
    }
    return true;
}

bool ClientConnection::onErr(std::string_view text) {
    server_.logger().error("{} - cid:{} - Client Error {}", remote_, cid_, text);
    closeNow(CloseReason::ParseError);
    return false;
}

bool ClientConnection::onSub(std::string_view subject, std::string_view queue,
                             std::string_view sid) {
    if (trace_) {
        traceIn("SUB", std::string(subject) + (queue.empty() ? "" : " " + std::string(queue)) + " " +
                           std::string(sid));
    }
    bool allowed = true;
    if (has_perms_.load(std::memory_order_relaxed)) {
        std::lock_guard lock(perms_mutex_);
        allowed = perms_->canSubscribe(subject, queue);
        // An allowed wildcard overlapping a deny entry filters every later delivery.
        if (perms_->deliveryFilterActive()) delivery_filter_.store(true);
    }
    if (!allowed || (!queue.empty() && auth::isReservedQueue(queue))) {
        const std::string text = auth::subscribeViolation(subject, queue);
        server_.logger().error("{} - cid:{} - {}", remote_, cid_, text);
        sendErr(text);
        return true;
    }
    const int max_subs = server_.options().max_subscriptions;
    {
        std::unique_lock lock(subs_mutex_);
        if (max_subs > 0 && subs_.size() >= static_cast<std::size_t>(max_subs)) {
            lock.unlock();
            server_.logger().error("{} - cid:{} - maximum subscriptions exceeded", remote_, cid_);
            sendErr("maximum subscriptions exceeded");
            return true;
        }
        if (subs_.find(std::string(sid)) != subs_.end()) {
            lock.unlock();
            sendOk();  // a duplicate sid keeps the existing subscription
            return true;
        }
        auto sub = std::make_shared<Subscription>();
        sub->client = shared_from_this();
        sub->subject.assign(subject);
        sub->queue.assign(queue);
        sub->sid.assign(sid);
        sub->sid_field = " " + sub->sid + " ";
        sub->account = account_;
        if (!account_->trie().insert(sub)) {
            lock.unlock();
            sendErr("Invalid Subject");
            return true;
        }
        subs_.emplace(sub->sid, std::move(sub));
    }
    sendOk();
    return true;
}

bool ClientConnection::onUnsub(std::string_view sid, std::int64_t max) {
    if (trace_) traceIn("UNSUB", std::string(sid) + (max >= 0 ? " " + std::to_string(max) : ""));
    SubscriptionPtr to_remove;
    {
        std::lock_guard lock(subs_mutex_);
        auto it = subs_.find(std::string(sid));
        if (it != subs_.end()) {
            const SubscriptionPtr& sub = it->second;
            if (max > 0 && max > sub->delivered.load()) {
                sub->max.store(max);
            } else {
                to_remove = sub;
                subs_.erase(it);
            }
        }
    }
    sendOk();
    if (to_remove) {
        to_remove->closed.store(true);
        account_->trie().remove(to_remove);
    }
    return true;
}

void ClientConnection::dropSubscription(const SubscriptionPtr& sub) {
    if (sub->closed.exchange(true)) return;
    {
        std::lock_guard lock(subs_mutex_);
        auto it = subs_.find(sub->sid);
        if (it != subs_.end() && it->second == sub) subs_.erase(it);
    }
    sub->account->trie().remove(sub);
}

// ---- messages -------------------------------------------------------------------------------

bool ClientConnection::onPubArgs(const protocol::PubArgs& args) {
    if (opts_.pedantic && !protocol::isValidLiteralSubject(args.subject)) {
        sendErr("Invalid Publish Subject");
    }
    return true;
}

bool ClientConnection::onMsg(const protocol::PubArgs& pa, std::string_view data) {
    ++tally_.in_msgs;
    tally_.in_bytes += static_cast<std::int64_t>(data.size());
    if (trace_) {
        std::string args(pa.subject);
        if (!pa.reply.empty()) args += " " + std::string(pa.reply);
        if (pa.header_size >= 0) args += " " + std::string(pa.header_size_text);
        args += " " + std::string(pa.total_size_text);
        traceIn(pa.header_size >= 0 ? "HPUB" : "PUB", args);
        server_.logger().trace("{} - cid:{} - <<- MSG_PAYLOAD: [\"{}\"]", remote_, cid_, data);
    }
    if (auth::isReservedPublishSubject(pa.subject)) {
        const std::string text = auth::publishViolation(pa.subject);
        server_.logger().error("{} - cid:{} - {}", remote_, cid_, text);
        sendErr(text);
        return true;
    }
    if (has_perms_.load(std::memory_order_relaxed)) {
        bool allowed;
        {
            std::lock_guard lock(perms_mutex_);
            allowed = perms_->canPublish(pa.subject, auth::Clock::now());
        }
        if (!allowed) {
            const std::string text = auth::publishViolation(pa.subject);
            server_.logger().error("{} - cid:{} - {}", remote_, cid_, text);
            sendErr(text);
            return true;
        }
    }
    if (!pa.reply.empty() && auth::isReservedReply(pa.reply)) {
        const std::string text = auth::publishWithReplyViolation(pa.reply);
        server_.logger().error("{} - cid:{} - {}", remote_, cid_, text);
        sendErr(text);
        return true;
    }
    sendOk();
    deliver(pa, data);
    return true;
}

const MatchResultPtr& ClientConnection::matchCached(std::string_view subject) {
    const std::uint64_t generation = account_->trie().generation();
    if (generation != match_cache_generation_) {
        match_cache_.clear();
        last_result_.reset();
        match_cache_generation_ = generation;
    } else if (last_result_ && subject == last_subject_) {
        return last_result_;  // publishers tend to repeat a subject
    } else if (auto it = match_cache_.find(subject); it != match_cache_.end()) {
        last_subject_.assign(subject);
        last_result_ = it->second;
        return last_result_;
    }
    MatchResultPtr result = account_->trie().match(subject);
    if (match_cache_.size() >= kMaxMatchCache) match_cache_.clear();
    match_cache_.emplace(std::string(subject), result);
    last_subject_.assign(subject);
    last_result_ = std::move(result);
    return last_result_;
}

void ClientConnection::deliver(const protocol::PubArgs& pa, std::string_view data) {
    // A reference is safe: nothing below calls matchCached(), the only place the cache changes.
    const MatchResultPtr& result = matchCached(pa.subject);
    DeliveryTally delivered_tally;
    const bool delivered =
        routeMessage(*result, pa, data, this, opts_.echo, cid_, delivered_tally);
    tally_.out_msgs += delivered_tally.out_msgs;
    tally_.out_bytes += delivered_tally.out_bytes;
    if (!delivered && !pa.reply.empty() && opts_.no_responders) sendNoResponders(pa.reply);
}

bool ClientConnection::acceptDelivery(const SubscriptionPtr& sub, const protocol::PubArgs& pa,
                                      std::string_view data, DeliveryTally& tally) {
    if (sub->closed.load(std::memory_order_relaxed) || closed()) return false;
    if (delivery_filter_.load(std::memory_order_relaxed)) {
        std::lock_guard lock(perms_mutex_);
        if (perms_ && perms_->deliveryDenied(pa.subject)) return false;
    }
    bool last = false;
    const std::int64_t max = sub->max.load(std::memory_order_relaxed);
    const std::int64_t n = sub->delivered.fetch_add(1, std::memory_order_relaxed) + 1;
    if (max > 0) {
        if (n > max) {
            dropSubscription(sub);
            return false;
        }
        last = n == max;
    }
    const bool queued = enqueueDelivery(*sub, pa, data);
    if (queued) {
        if (congested()) DeliveryBatch::current().noteCongested(sub->client);
        ++tally.out_msgs;
        tally.out_bytes += static_cast<std::int64_t>(
            pa.header_size > 0 && !supportsHeaders()
                ? data.size() - static_cast<std::size_t>(pa.header_size)
                : data.size());
        if (!pa.reply.empty() && tracks_responses_.load(std::memory_order_relaxed)) {
            std::lock_guard lock(perms_mutex_);
            if (perms_) perms_->recordRequestReply(pa.reply, auth::Clock::now());
        }
        DeliveryBatch::current().touch(sub->client);
    }
    if (last) dropSubscription(sub);
    return queued;
}

bool ClientConnection::enqueueDelivery(const Subscription& sub, const protocol::PubArgs& pa,
                                       std::string_view data) {
    const bool has_headers = pa.header_size > 0;
    const bool send_headers = has_headers && headers_.load(std::memory_order_relaxed);
    std::string_view body = data;
    if (has_headers && !send_headers) body = data.substr(static_cast<std::size_t>(pa.header_size));

    using namespace std::string_view_literals;
    // The frame's pieces, then one resize_and_overwrite: this is the hottest loop of the server.
    const std::string_view op = send_headers ? "HMSG "sv : "MSG "sv;
    char stripped_size[24];
    std::string_view size_field = pa.total_size_text;
    if (has_headers && !send_headers) {
        const auto res = std::to_chars(stripped_size, stripped_size + sizeof stripped_size,
                                       static_cast<std::int64_t>(body.size()));
        size_field = std::string_view(stripped_size, static_cast<std::size_t>(res.ptr - stripped_size));
    }
    const std::size_t frame = op.size() + pa.subject.size() + sub.sid_field.size() +
                              (pa.reply.empty() ? 0 : pa.reply.size() + 1) +
                              (send_headers ? pa.header_size_text.size() + 1 : 0) +
                              size_field.size() + 2 + body.size() + 2;
    const auto put = [](char* w, std::string_view v) {
        std::memcpy(w, v.data(), v.size());
        return w + v.size();
    };
    std::unique_lock lock(out_mutex_);
    if (closed() || slow_consumer_) return false;
    const std::size_t old = pending_.size();
    // The size is returned explicitly: GCC 12's resize_and_overwrite can pass a larger `n`.
    pending_.resize_and_overwrite(old + frame, [&](char* p, std::size_t) {
        char* w = put(p + old, op);
        w = put(w, pa.subject);
        w = put(w, sub.sid_field);
        if (!pa.reply.empty()) {
            w = put(w, pa.reply);
            *w++ = ' ';
        }
        if (send_headers) {
            w = put(w, pa.header_size_text);
            *w++ = ' ';
        }
        w = put(w, size_field);
        w = put(w, "\r\n"sv);
        w = put(w, body);
        put(w, "\r\n"sv);
        return old + frame;
    });
    ++out_msgs_;
    out_bytes_ += static_cast<std::int64_t>(body.size());
    if (pendingBytesLocked() > stall_level_ && !congested()) {
        congested_.store(true, std::memory_order_relaxed);
    }
    if (isSlowConsumerLocked()) {
        // Counted and logged once: senders on other threads may get here before the close.
        slow_consumer_ = true;
        server_.counters().slow_consumers.fetch_add(1, std::memory_order_relaxed);
        lock.unlock();
        server_.logger().info("{} - cid:{} - Slow Consumer Detected: MaxPending of {} Exceeded",
                              remote_, cid_, server_.options().max_pending);
        closeAsync(CloseReason::SlowConsumer);
        return false;
    }
    return true;
}

bool ClientConnection::isSlowConsumerLocked() const {
    return static_cast<std::int64_t>(pending_.size() + writing_.size()) >
           server_.options().max_pending;
}

void ClientConnection::sendNoResponders(std::string_view reply) {
    // nats-server 2.9.10 answers on the publisher's own subscription that matches the reply.
    SubscriptionPtr target;
    {
        const MatchResultPtr result = account_->trie().match(reply);
        for (const SubscriptionPtr& sub : result->plain) {
            if (sub->client.get() == this) {
                target = sub;
                break;
            }
        }
    }
    if (!target) return;
    std::string proto = "HMSG ";
    proto.append(reply);
    proto.append(target->sid_field);
    proto.append("16 16\r\nNATS/1.0 503\r\n\r\n\r\n");
    sendProto(proto);
}

// ---- output ---------------------------------------------------------------------------------

void ClientConnection::traceIn(std::string_view op, std::string_view args) {
    if (args.empty()) {
        server_.logger().trace("{} - cid:{} - <<- [{}]", remote_, cid_, op);
    } else {
        server_.logger().trace("{} - cid:{} - <<- [{} {}]", remote_, cid_, op, args);
    }
}

std::string ClientConnection::redactPassword(std::string_view connect_json) {
    // As nats-server's removePassFromTrace: the value of "pass" never reaches the log.
    std::string out(connect_json);
    const std::size_t key = out.find("\"pass\"");
    if (key == std::string::npos) return out;
    const std::size_t open = out.find('"', out.find(':', key));
    const std::size_t close = open == std::string::npos ? open : out.find('"', open + 1);
    if (close != std::string::npos) out.replace(open + 1, close - open - 1, "[REDACTED]");
    return out;
}

void ClientConnection::sendProto(std::string_view bytes) {
    if (trace_ && !bytes.empty()) {
        std::string_view line = bytes.substr(0, bytes.find('\r'));
        server_.logger().trace("{} - cid:{} - ->> [{}]", remote_, cid_, line);
    }
    {
        std::lock_guard lock(out_mutex_);
        if (socket_closed_) return;
        pending_.append(bytes);
    }
    DeliveryBatch::current().touch(shared_from_this());
}

void ClientConnection::sendErr(std::string_view text) {
    std::string line = "-ERR '";
    line.append(text);
    line.append("'\r\n");
    sendProto(line);
}

void ClientConnection::flush() {
    flush_needed_.store(false, std::memory_order_release);
    std::unique_lock lock(out_mutex_);
    if (write_in_progress_ || socket_closed_) return;
    if (!pending_.empty()) {
        // One non-blocking send under the lock, so the pending count is exact when it returns;
        // only what the socket does not take goes to an asynchronous write.
        const std::size_t done = sendPendingLocked();
        if (done == kSendFailed) {
            lock.unlock();
            closeNow(CloseReason::WriteError);
            finishClose();
            return;
        }
        if (done < pending_.size()) {
            writing_.swap(pending_);
            releaseIfLarge(pending_);  // it now holds the previous write's buffer
            write_in_progress_ = true;
            auto drained = takeDrainedProducersLocked(false);
            lock.unlock();
            resumeProducers(std::move(drained));
            boost::asio::async_write(
                socket_, boost::asio::buffer(writing_.data() + done, writing_.size() - done),
                [self = shared_from_this()](boost::system::error_code wec, std::size_t) {
                    self->onWriteDone(wec, 0);
                });
            return;
        }
        releaseIfLarge(pending_);
    }
    auto drained = takeDrainedProducersLocked(false);
    lock.unlock();
    resumeProducers(std::move(drained));
    if (close_after_flush_) finishClose();
}

std::size_t ClientConnection::sendPendingLocked() {
    // The descriptor cannot close under us: finishClose() takes out_mutex_ first.
    const ssize_t n = ::send(socket_.native_handle(), pending_.data(), pending_.size(),
                             MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0) {
        return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? 0 : kSendFailed;
    }
    touchActivity();
    return static_cast<std::size_t>(n);
}

bool ClientConnection::flushFromOtherThread() {
    flush_needed_.store(false, std::memory_order_release);
    std::unique_lock lock(out_mutex_);
    // An asynchronous write owns the socket's output meanwhile.
    if (write_in_progress_ || socket_closed_) return false;
    if (pending_.empty()) return true;
    const std::size_t done = sendPendingLocked();
    if (done == kSendFailed || done == 0) return false;  // the own thread meets the error
    const bool all = done == pending_.size();
    if (all) {
        releaseIfLarge(pending_);
    } else {
        pending_.erase(0, done);
    }
    auto drained = takeDrainedProducersLocked(false);
    lock.unlock();
    resumeProducers(std::move(drained));
    return all;
}

void ClientConnection::onWriteDone(boost::system::error_code ec, std::size_t) {
    {
        std::lock_guard lock(out_mutex_);
        write_in_progress_ = false;
        releaseIfLarge(writing_);
    }
    if (ec) {
        closeNow(CloseReason::WriteError);
        finishClose();
        return;
    }
    flush();  // more may have arrived meanwhile; also completes a pending close
}

// ---- keepalive and timeouts -----------------------------------------------------------------

void ClientConnection::startPingTimer(std::chrono::milliseconds after) {
    ping_timer_.expires_after(after);
    ping_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (!ec && !self->closed()) self->onPingTimer();
    });
}

void ClientConnection::onPingTimer() {
    const auto interval = server_.options().ping_interval;
    // Data from the client inside the interval makes a PING unnecessary.
    if (std::chrono::steady_clock::now() - last_in_ >= interval || pings_out_ > 0) {
        if (pings_out_ + 1 > server_.options().ping_max) {
            server_.logger().debug("{} - cid:{} - Stale Client Connection - Closing", remote_, cid_);
            sendErr("Stale Connection");
            closeNow(CloseReason::StaleConnection);
            flush();
            return;
        }
        ++pings_out_;
        ping_sent_at_ = std::chrono::steady_clock::now();
        sendProto("PING\r\n");
        DeliveryBatch::current().flushAll(worker_);
    }
    startPingTimer(interval);
}

void ClientConnection::startAuthTimer() {
    auth_timer_.expires_after(server_.options().auth_timeout);
    auth_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (ec || self->closed() || self->connect_received_) return;
        self->sendErr("Authentication Timeout");
        self->closeNow(CloseReason::AuthTimeout);
        DeliveryBatch::current().flushAll(self->worker_);
    });
}

// ---- closing --------------------------------------------------------------------------------

void ClientConnection::closeAsync(CloseReason reason) {
    boost::asio::post(worker_.io, [self = shared_from_this(), reason] {
        self->closeNow(reason);
        DeliveryBatch::current().flushAll(self->worker_);
    });
}

void ClientConnection::closeNow(CloseReason reason) {
    if (closed_.exchange(true, std::memory_order_acq_rel)) return;
    close_reason_ = reason;
    server_.logger().debug("{} - cid:{} - Client connection closed: {}", remote_, cid_,
                           reasonText(reason));
    ping_timer_.cancel();
    auth_timer_.cancel();
    stall_timer_.cancel();
    addTallyToServer();  // counts of a read cut short by this close
    // What /connz?state=closed shows, taken before the subscriptions go.
    ConnectionInfo final_info = info(true);
    final_info.stop = WallClock::now();
    final_info.reason = std::string(reasonText(reason));
    std::unordered_map<std::string, SubscriptionPtr> subs;
    {
        std::lock_guard lock(subs_mutex_);
        subs.swap(subs_);
    }
    for (auto& [sid, sub] : subs) {
        sub->closed.store(true);
        sub->account->trie().remove(sub);
    }
    // Subscriptions keep their client alive while other connections' match caches still hold
    // them; drop our own cached results so no subscription of ours points back at us.
    match_cache_.clear();
    last_result_.reset();
    account_->addClosed(final_info.in_msgs, final_info.in_bytes, final_info.out_msgs,
                        final_info.out_bytes);
    if (announced_ && reason != CloseReason::Killed) server_.notifyClientEvent(final_info, false);
    server_.onClientClosed(cid_, std::move(final_info));
    if (reason == CloseReason::SlowConsumer || reason == CloseReason::WriteError ||
        reason == CloseReason::ReadError || reason == CloseReason::ClientClosed ||
        reason == CloseReason::Killed) {
        finishClose();  // nothing more can be written usefully
        return;
    }
    // Let pending bytes (an -ERR) go out first; the batch or the running write completes it.
    close_after_flush_ = true;
    DeliveryBatch::current().touch(shared_from_this());
}

void ClientConnection::finishClose() {
    std::unique_lock lock(out_mutex_);
    if (socket_closed_) return;
    socket_closed_ = true;
    std::string().swap(pending_);  // release the buffers now; the object may linger
    std::string().swap(read_buf_);
    auto held = takeDrainedProducersLocked(true);
    boost::system::error_code ec;
    socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    socket_.close(ec);
    lock.unlock();
    resumeProducers(std::move(held));
}

void ClientConnection::touchActivity() {
    last_activity_ns_.store(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                WallClock::now().time_since_epoch())
                                .count(),
                            std::memory_order_relaxed);
}

void ClientConnection::addTallyToServer() {
    ServerCounters& c = server_.counters();
    if (tally_.in_msgs != 0) {
        c.in_msgs.fetch_add(tally_.in_msgs, std::memory_order_relaxed);
        c.in_bytes.fetch_add(tally_.in_bytes, std::memory_order_relaxed);
        in_msgs_.fetch_add(tally_.in_msgs, std::memory_order_relaxed);
        in_bytes_.fetch_add(tally_.in_bytes, std::memory_order_relaxed);
    }
    if (tally_.out_msgs != 0) {
        c.out_msgs.fetch_add(tally_.out_msgs, std::memory_order_relaxed);
        c.out_bytes.fetch_add(tally_.out_bytes, std::memory_order_relaxed);
    }
    tally_ = Tally{};
}

ConnectionInfo ClientConnection::info(bool with_subscriptions) {
    ConnectionInfo ci;
    ci.cid = cid_;
    ci.ip = client_ip_;
    ci.port = client_port_;
    ci.start = start_;
    ci.last_activity = WallClock::time_point(std::chrono::duration_cast<WallClock::duration>(
        std::chrono::nanoseconds(last_activity_ns_.load(std::memory_order_relaxed))));
    ci.rtt = std::chrono::nanoseconds(rtt_ns_.load(std::memory_order_relaxed));
    ci.in_msgs = in_msgs_.load(std::memory_order_relaxed);
    ci.in_bytes = in_bytes_.load(std::memory_order_relaxed);
    {
        std::lock_guard lock(out_mutex_);
        ci.out_msgs = out_msgs_;
        ci.out_bytes = out_bytes_;
        ci.pending_bytes = static_cast<std::int64_t>(pending_.size() + writing_.size());
    }
    {
        std::lock_guard lock(meta_mutex_);
        ci.name = client_name_;
        ci.lang = client_lang_;
        ci.version = client_version_;
        ci.authorized_user = authorized_user_;
        ci.account = account_name_;
    }
    {
        std::lock_guard lock(subs_mutex_);
        ci.num_subs = static_cast<std::uint32_t>(subs_.size());
        if (with_subscriptions) {
            for (const auto& [sid, sub] : subs_) {
                ci.subscriptions.push_back({sub->subject, sub->queue, sub->sid,
                                            sub->delivered.load(std::memory_order_relaxed),
                                            sub->max.load(std::memory_order_relaxed), cid_});
            }
        }
    }
    return ci;
}

void ClientConnection::sendLameDuckInfo() {
    if (!takes_async_info_.load()) return;
    boost::asio::post(worker_.io, [self = shared_from_this()] {
        if (self->closed()) return;
        self->sendProto("INFO " + self->server_.infoJson(self->cid_, self->client_ip_, true) +
                        " \r\n");
        self->flush();
    });
}

}  // namespace nwb::core
