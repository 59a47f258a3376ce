// $SYS requests and events: internal subscriptions hand each message to this service's thread,
// which builds nats-server's reply (ServerAPIResponse, STATSZ, advisories) and publishes it.
#include "engine/monitor/sys_service.h"

#include "engine/core/account.h"
#include "engine/core/server.h"
#include "engine/monitor/go_json.h"
#include "engine/monitor/go_time.h"

#include <boost/asio/post.hpp>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <cctype>
#include <optional>

namespace nwb::monitor {

struct SysService::Handler : core::InternalSubscriber {
    Handler(SysService& owner, core::Account& account, Kind kind, SysEndpoint endpoint,
            std::string scope)
        : owner_(owner), account_(account), kind_(kind), endpoint_(endpoint),
          scope_(std::move(scope)) {}

    void onMessage(const core::InternalMessage& msg) override {
        if (!owner_.running_.load(std::memory_order_acquire)) return;
        Request r{kind_,
                  endpoint_,
                  &account_,
                  scope_,
                  std::string(msg.subject),
                  std::string(msg.reply),
                  std::string(msg.headers),
                  std::string(msg.payload)};
        boost::asio::post(owner_.io_, [&owner = owner_, r = std::move(r)] { owner.handle(r); });
    }

    SysService& owner_;
    core::Account& account_;
    Kind kind_;
    SysEndpoint endpoint_;
    std::string scope_;
};

namespace {

constexpr SysEndpoint kServerEndpoints[] = {
    SysEndpoint::Statsz,   SysEndpoint::Varz,  SysEndpoint::Subsz,    SysEndpoint::Connz,
    SysEndpoint::Routez,   SysEndpoint::Gatewayz, SysEndpoint::Leafz, SysEndpoint::Accountz,
    SysEndpoint::Jsz,      SysEndpoint::Healthz,  SysEndpoint::Idz};

/// The value of header `key` in a NATS/1.0 header block, or nullopt when it has none.
std::optional<std::string> headerValue(std::string_view headers, std::string_view key) {
    std::size_t line = headers.find("\r\n");
    while (line != std::string_view::npos) {
        line += 2;
        const std::size_t end = headers.find("\r\n", line);
        const std::string_view text =
            headers.substr(line, end == std::string_view::npos ? end : end - line);
        if (text.size() > key.size() && text.substr(0, key.size()) == key &&
            text[key.size()] == ':') {
            std::string_view value = text.substr(key.size() + 1);
            while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
            return std::string(value);
        }
        line = end;
    }
    return std::nullopt;
}

/// ConnzOptions.FilterSubject of a request ("" when absent).
std::string filterSubject(const SysRequestOptions& o) {
    const auto it = o.raw.find("filter_subject");
    return it != o.raw.end() && it->value().is_string() ? std::string(it->value().get_string())
                                                        : std::string();
}

/// The <acc> token of $SYS.REQ.ACCOUNT.<acc>.<X>, or "" when the subject is not 5 tokens.
std::string accountToken(std::string_view subject) {
    std::vector<std::string_view> tokens;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = subject.find('.', start);
        tokens.push_back(subject.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return tokens.size() == 5 ? std::string(tokens[3]) : std::string();
}

}  // namespace

SysService::SysService(core::Server& server) : server_(server) {}

SysService::~SysService() { stop(); }

void SysService::subscribe(core::Account& account, const std::string& subject, Kind kind,
                           SysEndpoint endpoint, std::string scope) {
    handlers_.push_back(
        std::make_unique<Handler>(*this, account, kind, endpoint, std::move(scope)));
    if (auto sub = server_.subscribeInternal(account, subject, "", handlers_.back().get())) {
        subscriptions_.push_back(std::move(sub));
    }
}

void SysService::start() {
    system_ = server_.systemAccount();
    if (system_ == nullptr || thread_.joinable()) return;
    running_.store(true, std::memory_order_release);
    const std::string id = server_.serverId();
    subscribe(*system_, "$SYS.REQ.SERVER.PING", Kind::ServerPing, SysEndpoint::Statsz);
    for (const SysEndpoint e : kServerEndpoints) {
        const std::string token(sysEndpointToken(e));
        subscribe(*system_, "$SYS.REQ.SERVER." + id + "." + token, Kind::Server, e);
        subscribe(*system_, "$SYS.REQ.SERVER.PING." + token, Kind::Server, e);
    }
    const std::pair<const char*, Kind> account_requests[] = {
        {"SUBSZ", Kind::AccountSubsz}, {"CONNZ", Kind::AccountConnz},
        {"LEAFZ", Kind::AccountLeafz}, {"JSZ", Kind::AccountJsz},
        {"INFO", Kind::AccountInfo},   {"STATZ", Kind::AccountStatz},
        {"CONNS", Kind::AccountConns}};
    for (const auto& [token, kind] : account_requests) {
        subscribe(*system_, std::string("$SYS.REQ.ACCOUNT.*.") + token, kind,
                  SysEndpoint::Statsz);
    }
    subscribe(*system_, "$SYS.REQ.ACCOUNT.PING.STATZ", Kind::AccountPingStatz,
              SysEndpoint::Statsz);
    subscribe(*system_, "$SYS.REQ.ACCOUNT.NSUBS", Kind::AccountNsubs, SysEndpoint::Statsz);
    subscribe(*system_, "$SYS.DEBUG.SUBSCRIBERS", Kind::DebugSubscribers, SysEndpoint::Statsz);
    // nats-server imports these from the system account into every other account, each
    // mapped to that account's own request.
    for (core::Account* a : server_.accounts()) {
        if (a == system_) continue;
        subscribe(*a, "$SYS.REQ.ACCOUNT.PING.CONNZ", Kind::AccountConnz, SysEndpoint::Connz,
                  a->name());
        subscribe(*a, "$SYS.REQ.SERVER.PING.CONNZ", Kind::AccountConnz, SysEndpoint::Connz,
                  a->name());
        subscribe(*a, "$SYS.REQ.ACCOUNT.PING.STATZ", Kind::AccountStatz, SysEndpoint::Statsz,
                  a->name());
    }
    scheduleSample();
    scheduleStatsz();
    thread_ = std::thread([this] { io_.run(); });
}

void SysService::stop() {
    if (!thread_.joinable()) return;
    running_.store(false, std::memory_order_release);
    for (const core::SubscriptionPtr& sub : subscriptions_) server_.unsubscribeInternal(sub);
    boost::asio::post(io_, [this] {
        statsz_timer_.cancel();
        sample_timer_.cancel();
        work_.reset();
        io_.stop();
    });
    thread_.join();
    subscriptions_.clear();
}

void SysService::onClientEvent(const core::ConnectionInfo& info, bool connected) {
    if (!running_.load(std::memory_order_acquire) || info.account.empty()) return;
    boost::asio::post(io_, [this, info, connected] {
        if (!running_.load(std::memory_order_acquire)) return;
        const bool global = info.account == core::kGlobalAccountName;
        // As nats-server: the account's connection count changes first (not announced when a
        // "$G" client leaves), then the advisory (never for "$G" clients).
        if (!global || connected) {
            if (core::Account* account = server_.findAccount(info.account)) {
                sendAccountConns(*account, connected ? 0 : info.cid);
            }
        }
        if (global) return;
        const std::string subject =
            "$SYS.ACCOUNT." + info.account + (connected ? ".CONNECT" : ".DISCONNECT");
        publish(*system_, subject, clientEvent(server_, info, connected, ++seq_));
    });
}

void SysService::onAuthError(const core::ConnectionInfo& info) {
    if (!running_.load(std::memory_order_acquire)) return;
    boost::asio::post(io_, [this, info] {
        if (!running_.load(std::memory_order_acquire)) return;
        publish(*system_, "$SYS.SERVER." + server_.serverId() + ".CLIENT.AUTH.ERR",
                clientEvent(server_, info, false, ++seq_));
    });
}

void SysService::sendShutdownEvent() {
    if (system_ == nullptr || shutdown_sent_.exchange(true)) return;
    // Nothing more goes out after it: requests and events still queued are dropped.
    running_.store(false, std::memory_order_release);
    publish(*system_, "$SYS.SERVER." + server_.serverId() + ".SHUTDOWN",
            sysServerInfo(server_, ++seq_));
}

boost::json::object SysService::accountConns(core::Account& account, std::uint64_t leaving_cid) {
    std::vector<core::ConnectionInfo> open = server_.connections(false);
    std::erase_if(open, [&](const core::ConnectionInfo& c) { return c.cid == leaving_cid; });
    boost::json::object m;
    m["type"] = "io.nats.server.advisory.v1.account_connections";
    m["id"] = newEventId();
    m["timestamp"] = rfc3339Nano(WallClock::now(), TimeZone::Utc);
    m["server"] = sysServerInfo(server_, ++seq_);
    for (auto& [k, v] : accountStat(server_, account, open)) m[k] = v;
    return m;
}

void SysService::sendAccountConns(core::Account& account, std::uint64_t leaving_cid) {
    const boost::json::object m = accountConns(account, leaving_cid);
    publish(*system_, "$SYS.SERVER.ACCOUNT." + account.name() + ".CONNS", m);
    publish(*system_, "$SYS.ACCOUNT." + account.name() + ".SERVER.CONNS", m);
}

void SysService::scheduleSample() {
    sample_timer_.expires_after(std::chrono::seconds(1));
    sample_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec) return;
        usage_.sample();
        scheduleSample();
    });
}

void SysService::scheduleStatsz() {
    // As nats-server: the first one after 250 ms, then twice the delay up to the interval.
    statsz_timer_.expires_after(statsz_delay_);
    statsz_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec) return;
        statsz_delay_ = std::min<std::chrono::milliseconds>(statsz_delay_ * 2, kStatszInterval);
        sendStatsz("$SYS.SERVER." + server_.serverId() + ".STATSZ");
        scheduleStatsz();
    });
}

void SysService::publish(core::Account& account, const std::string& subject,
                         const boost::json::value& message) {
    if (subject.empty()) return;
    server_.publishInternal(account, subject, "", "", goJson(message, false));
}

void SysService::sendStatsz(const std::string& subject) {
    boost::json::object m;
    m["server"] = sysServerInfo(server_, ++seq_);
    m["statsz"] = serverStats(server_, usage_);
    publish(*system_, subject, m);
}

void SysService::sendEnvelope(core::Account& account, const std::string& reply,
                              boost::json::value data, int error_code, const std::string& error,
                              bool null_data, ContentEncoding encoding) {
    boost::json::object m;
    m["server"] = sysServerInfo(server_, ++seq_);
    if (null_data) m["data"] = nullptr;
    if (error_code != 0) {
        boost::json::object e;
        e["code"] = error_code;
        if (!error.empty()) e["description"] = error;
        m["error"] = std::move(e);
    } else if (!data.is_null()) {
        m["data"] = std::move(data);
    }
    if (encoding == ContentEncoding::None) {
        publish(account, reply, m);
        return;
    }
    server_.publishInternal(account, reply, "", contentEncodingHeaders(encoding),
                            encodePayload(encoding, goJson(m, false)));
}

template <typename Fn>
void SysService::answer(const Request& request, SysEndpoint options_of, Fn&& produce) {
    if (request.reply.empty()) return;
    auto options = parseSysOptions(server_, options_of, request.payload);
    if (!options) {
        sendEnvelope(*request.account, request.reply, nullptr, 400, options.error());
        return;
    }
    if (options->ignore) return;
    std::optional<EndpointResult> result = produce(*options);
    if (!result) return;  // nats-server's errSkipZreq: no answer at all
    if (!*result) {
        // The endpoint ran and failed: nats-server then writes "data": null before the error.
        sendEnvelope(*request.account, request.reply, nullptr, 500, result->error(), true);
        return;
    }
    // As nats-server's zReq: a successful reply is compressed as the request's Accept-Encoding
    // header asks.
    sendEnvelope(*request.account, request.reply, std::move(**result), 0, {}, false,
                 acceptedEncoding(request.headers));
}

void SysService::handle(const Request& request) {
    if (!running_.load(std::memory_order_acquire)) return;
    if (request.kind == Kind::Server || request.kind == Kind::ServerPing) {
        handleServer(request);
    } else if (request.kind == Kind::AccountNsubs || request.kind == Kind::DebugSubscribers) {
        handleSubscriberCount(request);
    } else {
        handleAccount(request);
    }
}

void SysService::handleServer(const Request& request) {
    if (request.endpoint == SysEndpoint::Statsz) {
        // No reply: broadcast on the STATSZ subject, as nats-server's statszReq.
        const std::string reply = request.reply.empty()
                                      ? "$SYS.SERVER." + server_.serverId() + ".STATSZ"
                                      : request.reply;
        auto options = parseSysOptions(server_, SysEndpoint::Statsz, request.payload);
        if (!options) {
            sendEnvelope(*system_, reply, nullptr, 400, options.error());
            return;
        }
        if (options->ignore) return;
        sendStatsz(reply);
        return;
    }
    scratch_stats_.clear();
    MonitorContext ctx{server_, usage_, scratch_stats_, jetstream_.load()};
    answer(request, request.endpoint,
           [&](const SysRequestOptions& o) -> std::optional<EndpointResult> {
               switch (request.endpoint) {
                   case SysEndpoint::Varz: {
                       EndpointResult v = varz(ctx, o.query);
                       if (v && v->is_object()) {
                           // The HTTP request counters belong to the HTTP monitor.
                           v->as_object()["http_req_stats"] = boost::json::object();
                           if (server_.systemAccount() != nullptr &&
                               !v->as_object().contains("system_account")) {
                               v->as_object()["system_account"] =
                                   server_.systemAccount()->name();
                           }
                       }
                       return v;
                   }
                   case SysEndpoint::Subsz:
                       return subszDocument(ctx, o.query, o.query.get("acc"));
                   case SysEndpoint::Connz: {
                       const std::string acc = o.query.get("acc");
                       const std::string filter = filterSubject(o);
                       if (acc.empty()) {
                           EndpointResult doc = sysConnz(ctx, o.query);
                           // Checked after the other options, as nats-server's Connz does.
                           if (doc && !filter.empty() && filter != ">") {
                               return std::unexpected(std::string(
                                   "filter by subject only valid with account filtering"));
                           }
                           return doc;
                       }
                       return accountConnz(ctx, o.query, acc, filter);
                   }
                   case SysEndpoint::Routez:
                       return routez(ctx, o.query);
                   case SysEndpoint::Gatewayz:
                       return gatewayz(ctx, o.query);
                   case SysEndpoint::Leafz:
                       return leafz(ctx, o.query);
                   case SysEndpoint::Accountz:
                       return sysAccountz(ctx, o.query);
                   case SysEndpoint::Jsz:
                       return jsz(ctx, o.query);
                   case SysEndpoint::Healthz:
                       return healthz(ctx, o.query);
                   case SysEndpoint::Idz: {
                       boost::json::object id;
                       id["name"] = server_.serverName();
                       id["host"] = server_.options().client_advertise.empty()
                                        ? server_.options().host
                                        : server_.options().client_advertise;
                       id["id"] = server_.serverId();
                       return EndpointResult(std::move(id));
                   }
                   case SysEndpoint::Statsz:
                       break;
               }
               return std::nullopt;
           });
}

void SysService::handleAccount(const Request& request) {
    const std::string acc = request.scope.empty() ? accountToken(request.subject) : request.scope;
    scratch_stats_.clear();
    MonitorContext ctx{server_, usage_, scratch_stats_, jetstream_.load()};
    const auto includeUnused = [](const SysRequestOptions& o) {
        const auto it = o.raw.find("include_unused");
        return it != o.raw.end() && it->value().is_bool() && it->value().get_bool();
    };
    switch (request.kind) {
        case Kind::AccountConnz:
            answer(request, SysEndpoint::Connz,
                   [&](const SysRequestOptions& o) -> std::optional<EndpointResult> {
                       if (acc.empty()) return std::unexpected("subject \"" + request.subject +
                                                               "\" is malformed");
                       return accountConnz(ctx, o.query, acc, filterSubject(o));
                   });
            return;
        case Kind::AccountSubsz:
            answer(request, SysEndpoint::Subsz,
                   [&](const SysRequestOptions& o) -> std::optional<EndpointResult> {
                       return subszDocument(ctx, o.query, acc, true);
                   });
            return;
        case Kind::AccountLeafz:
            answer(request, SysEndpoint::Leafz,
                   [&](const SysRequestOptions& o) -> std::optional<EndpointResult> {
                       return leafz(ctx, o.query);
                   });
            return;
        case Kind::AccountJsz:
            answer(request, SysEndpoint::Jsz,
                   [&](const SysRequestOptions& o) -> std::optional<EndpointResult> {
                       return jszAccount(ctx, acc, o.query);
                   });
            return;
        case Kind::AccountInfo:
            answer(request, SysEndpoint::Statsz,
                   [&](const SysRequestOptions&) -> std::optional<EndpointResult> {
                       auto info = accountInfo(server_, acc);
                       if (!info) return std::unexpected(info.error());
                       return EndpointResult(std::move(*info));
                   });
            return;
        case Kind::AccountStatz:
        case Kind::AccountPingStatz:
            answer(request, SysEndpoint::Statsz,
                   [&](const SysRequestOptions& o) -> std::optional<EndpointResult> {
                       std::vector<std::string> names;
                       if (request.kind == Kind::AccountStatz) {
                           if (acc == "PING") return std::nullopt;
                           names.push_back(acc);
                       } else if (const auto it = o.raw.find("accounts");
                                  it != o.raw.end() && it->value().is_array()) {
                           for (const auto& n : it->value().get_array()) {
                               if (n.is_string()) names.emplace_back(n.get_string());
                           }
                       }
                       std::size_t listed = 0;
                       boost::json::object stz =
                           accountStatz(server_, names, includeUnused(o), listed);
                       if (listed == 0 && !includeUnused(o)) return std::nullopt;
                       return EndpointResult(std::move(stz));
                   });
            return;
        case Kind::AccountConns: {
            // nats-server's connsRequest: the account's connection count, if it has any here.
            core::Account* account = server_.findAccount(acc);
            if (account == nullptr || request.reply.empty()) return;
            if (!request.payload.empty()) {
                boost::system::error_code ec;
                const boost::json::value v = boost::json::parse(request.payload, ec);
                if (ec || !v.is_object()) return;
                const auto it = v.as_object().find("acc");
                const std::string claimed = it != v.as_object().end() && it->value().is_string()
                                                ? std::string(it->value().get_string())
                                                : std::string();
                if (claimed != acc) return;
            }
            boost::json::object m = accountConns(*account, 0);
            if (m["conns"].as_int64() == 0) return;
            publish(*system_, request.reply, m);
            return;
        }
        case Kind::Server:
        case Kind::ServerPing:
        case Kind::AccountNsubs:
        case Kind::DebugSubscribers:
            return;
    }
}

void SysService::handleSubscriberCount(const Request& request) {
    std::string account;
    std::string subject;
    std::optional<std::string> queue;
    if (request.kind == Kind::AccountNsubs) {
        // nats-server's nsubsRequest: {"acc","subject","queue" (base64)}; anything it cannot
        // read, and an account without connections here, get no answer.
        if (request.payload.empty()) return;
        boost::system::error_code ec;
        const boost::json::value v = boost::json::parse(request.payload, ec);
        if (ec || !v.is_object()) return;
        const boost::json::object& o = v.get_object();
        const auto text = [&](const char* key) -> std::optional<std::string> {
            const auto it = o.find(key);
            if (it == o.end() || it->value().is_null()) return std::string();
            if (!it->value().is_string()) return std::nullopt;
            return std::string(it->value().get_string());
        };
        const auto acc = text("acc");
        const auto subj = text("subject");
        if (!acc || !subj) return;
        if (const auto it = o.find("queue"); it != o.end() && !it->value().is_null()) {
            if (!it->value().is_string()) return;
            queue = decodeBase64(it->value().get_string());
            if (!queue) return;
        }
        account = *acc;
        subject = *subj;
    } else {
        // nats-server's debugSubscribers: "<subject> [<queue>]" about the requester's account
        // (the system account, or the one a Nats-Request-Info header names).
        account = system_->name();
        if (!request.headers.empty()) {
            auto info = headerValue(request.headers, "Nats-Request-Info");
            if (!info) return;
            boost::system::error_code ec;
            const boost::json::value v = boost::json::parse(*info, ec);
            if (ec || !v.is_object()) return;
            for (const char* key : {"acc", "service"}) {
                const auto it = v.get_object().find(key);
                if (it != v.get_object().end() && it->value().is_string() &&
                    !it->value().get_string().empty()) {
                    account = std::string(it->value().get_string());
                }
            }
            if (server_.findAccount(account) == nullptr) return;
        }
        std::string_view body = request.payload;
        while (!body.empty() && std::isspace(static_cast<unsigned char>(body.front()))) {
            body.remove_prefix(1);
        }
        while (!body.empty() && std::isspace(static_cast<unsigned char>(body.back()))) {
            body.remove_suffix(1);
        }
        const std::size_t space = body.find(' ');
        subject = std::string(body.substr(0, space));
        if (space != std::string_view::npos) {
            const std::string_view rest = body.substr(space + 1);
            queue = std::string(rest.substr(0, rest.find(' ')));
        }
    }
    if (request.reply.empty()) return;
    std::int64_t n = countClientSubscriptions(server_, account, subject, queue);
    if (n < 0) {
        if (request.kind == Kind::AccountNsubs) return;
        n = 0;  // the debug request answers whatever the account's connections
    }
    server_.publishInternal(*system_, request.reply, "", "", std::to_string(n));
}

}  // namespace nwb::monitor
