// $JS.API dispatch and the stream requests (nats-server jetstream_api.go, single-server mode).
#include "engine/jetstream/jetstream_service.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include <boost/asio/post.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "engine/jetstream/consumer_config.h"
#include "engine/jetstream/json_decode.h"
#include "engine/jetstream/json_text.h"
#include "engine/jetstream/nats_headers.h"
#include "engine/store/crc32c.h"
#include "engine/protocol/subject.h"

namespace nwb::jetstream {

namespace {

constexpr std::string_view kApiPrefix = "$JS.API.";
constexpr std::int64_t kNamesLimit = 1024;
constexpr std::int64_t kListLimit = 256;
constexpr std::int64_t kMaxSubjectDetails = 100'000;

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}


std::string typed(std::string_view type) {
    std::string out = "{\"type\":";
    appendJsonString(out, type);
    return out;
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

struct JetStreamService::AccountState {
    core::Account* account = nullptr;
    bool enabled = false;
    std::map<std::string, std::shared_ptr<Stream>, std::less<>> streams;  ///< JetStreamService::mutex_
    std::atomic<std::uint64_t> api_total{0};
    std::atomic<std::uint64_t> api_errors{0};
    std::vector<core::SubscriptionPtr> subscriptions;
    std::unique_ptr<ApiSubscriber> subscriber;
};

class JetStreamService::ApiSubscriber final : public core::InternalSubscriber {
public:
    ApiSubscriber(JetStreamService& service, AccountState& account)
        : service_(service), account_(account) {}
    void onMessage(const core::InternalMessage& msg) override {
        service_.onApiMessage(account_, msg);
    }

private:
    JetStreamService& service_;
    AccountState& account_;
};

JetStreamService::JetStreamService(core::Server& server, JetStreamConfig config)
    : server_(server),
      config_(std::move(config)),
      pool_(static_cast<std::size_t>(std::max(1, config_.worker_threads))),
      api_strand_(boost::asio::make_strand(pool_.get_executor())) {
    if (!config_.store_dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(config_.store_dir / "jetstream", ec);
        if (ec) {
            throw std::runtime_error("could not create storage directory " +
                                     config_.store_dir.string() + ": " + ec.message());
        }
    }
    for (core::Account* account : server_.accounts()) {
        auto state = std::make_unique<AccountState>();
        state->account = account;
        const core::Account* system = server_.systemAccount();
        state->enabled = server_.options().jetStreamServes(
            account->name(), system ? std::string_view(system->name()) : std::string_view());
        state->subscriber = std::make_unique<ApiSubscriber>(*this, *state);
        if (state->enabled) recoverAccount(*state);
        accounts_.push_back(std::move(state));
    }
    for (auto& state : accounts_) {
        auto subscribe = [&](const std::string& subject) {
            if (auto sub = server_.subscribeInternal(*state->account, subject, {},
                                                     state->subscriber.get())) {
                state->subscriptions.push_back(std::move(sub));
            }
        };
        subscribe("$JS.API.>");
        if (!config_.domain.empty()) subscribe("$JS." + config_.domain + ".API.>");
    }
}

JetStreamService::~JetStreamService() { stop(); }

void JetStreamService::stop() {
    if (stopped_.exchange(true)) return;
    std::vector<std::shared_ptr<Stream>> streams;
    for (auto& state : accounts_) {
        for (const auto& sub : state->subscriptions) server_.unsubscribeInternal(sub);
        state->subscriptions.clear();
    }
    {
        std::lock_guard lock(mutex_);
        for (auto& state : accounts_) {
            for (auto& [name, stream] : state->streams) streams.push_back(stream);
        }
    }
    for (auto& stream : streams) {
        for (auto& consumer : stream->consumers()) consumer->stop();  // cancels their timers
        stream->stopRetries();  // mirror and source retry timers
    }
    pool_.join();  // queued API requests and messages finish first
    for (auto& stream : streams) stream->stop(false);
}

bool JetStreamService::enabled(const core::Account& account) const {
    for (const auto& state : accounts_) {
        if (state->account == &account) return state->enabled;
    }
    return false;
}

std::optional<AccountUsage> JetStreamService::usage(const core::Account& account) {
    for (auto& state : accounts_) {
        if (state->account != &account) continue;
        if (!state->enabled) return std::nullopt;
        AccountUsage u;
        std::lock_guard lock(mutex_);
        for (auto& [name, stream] : state->streams) {
            const auto st = stream->store().fastState();
            const auto cfg = stream->config();
            const bool memory = cfg.storage == StorageType::Memory;
            (memory ? u.memory : u.storage) += st.bytes;
            if (cfg.max_bytes > 0) {
                (memory ? u.reserved_memory : u.reserved_storage) +=
                    static_cast<std::uint64_t>(cfg.max_bytes);
            }
            ++u.streams;
            u.consumers += stream->consumerCount();
        }
        u.api_total = state->api_total;
        u.api_errors = state->api_errors;
        return u;
    }
    return std::nullopt;
}

std::vector<std::string> JetStreamService::streamNames(const core::Account& account) {
    std::vector<std::string> names;
    std::lock_guard lock(mutex_);
    for (auto& state : accounts_) {
        if (state->account != &account) continue;
        for (auto& [name, stream] : state->streams) names.push_back(name);
    }
    return names;
}

std::shared_ptr<Stream> JetStreamService::findStream(const core::Account& account,
                                                     std::string_view name) {
    for (auto& state : accounts_) {
        if (state->account == &account) return lookup(*state, name);
    }
    return nullptr;
}

std::filesystem::path JetStreamService::streamDirectory(const AccountState& account,
                                                        std::string_view name) const {
    return config_.store_dir / "jetstream" / account.account->name() / "streams" / std::string(name);
}

StreamContext JetStreamService::streamContext(AccountState& account) {
    return StreamContext{server_, *account.account, pool_, config_.domain, config_.sync_interval};
}

void JetStreamService::recoverAccount(AccountState& account) {
    if (config_.store_dir.empty()) return;
    const auto dir = config_.store_dir / "jetstream" / account.account->name() / "streams";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (!entry.is_directory()) continue;
        const auto meta = readFile(entry.path() / "meta.inf");
        const auto sum = readFile(entry.path() / "meta.sum");
        char expected[16];
        std::snprintf(expected, sizeof expected, "%08x", store::crc32c(meta.data(), meta.size()));
        if (meta.empty() || sum != expected) {
            server_.logger().error("JetStream: stream metadata in {} is missing or corrupt, skipped",
                                   entry.path().string());
            continue;
        }
        boost::system::error_code jec;
        const auto root = boost::json::parse(meta, jec);
        StreamConfig cfg;
        std::int64_t created = 0;
        bool ok = !jec && root.is_object() && root.get_object().contains("config") &&
                  root.get_object().contains("created") && root.at("created").is_int64();
        if (ok) {
            created = root.at("created").get_int64();
            ok = !decodeStreamConfig(boost::json::serialize(root.at("config")), cfg) &&
                 !checkStreamConfig(cfg) && cfg.name == entry.path().filename().string();
        }
        if (!ok) {
            server_.logger().error("JetStream: stream metadata in {} is invalid, skipped",
                                   entry.path().string());
            continue;
        }
        auto stream = Stream::open(streamContext(account), cfg, entry.path(), created, false);
        if (!stream) {
            server_.logger().error("JetStream: could not recover stream '{} > {}': {}",
                                   account.account->name(), cfg.name, stream.error().description);
            continue;
        }
        const auto state = (*stream)->store().fastState();
        server_.logger().info("  Restored {} messages for stream '{} > {}'", state.msgs,
                              account.account->name(), cfg.name);
        (*stream)->start();
        recoverConsumers(account, **stream, entry.path() / "obs");
        std::lock_guard lock(mutex_);
        account.streams.emplace(cfg.name, std::move(*stream));
    }
    linkFollowers(account);
}

bool JetStreamService::servedHere(const std::optional<ExternalStream>& external) const {
    if (!external) return true;
    return !config_.domain.empty() && external->api == "$JS." + config_.domain + ".API";
}

std::optional<ApiError> JetStreamService::checkFollowing(AccountState& account,
                                                         StreamConfig& cfg) {
    std::vector<const StreamSource*> origins;
    if (cfg.mirror) origins.push_back(&*cfg.mirror);
    for (const auto& src : cfg.sources) origins.push_back(&src);
    for (const StreamSource* o : origins) {
        if (!servedHere(o->external)) {
            // Not in nats-server: nwb-server follows only streams of its own account and domain.
            return makeApiError(ApiErrc::StreamInvalidConfig,
                                "stream external api prefix \"" + o->external->api +
                                    "\" is not supported: only streams of the same server, account "
                                    "and domain can be mirrored or sourced");
        }
    }
    std::map<std::string, StreamConfig, std::less<>> configs;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [name, stream] : account.streams) configs.emplace(name, stream->config());
    }
    if (cfg.mirror && !cfg.mirror->external) {
        if (auto it = configs.find(cfg.mirror->name); it != configs.end()) {
            const auto theirs = it->second.max_msg_size;
            if (cfg.max_msg_size > 0 && theirs > 0 && cfg.max_msg_size < theirs) {
                return makeApiError(ApiErrc::MirrorMaxMessageSizeTooBig);
            }
            cfg.mirror_direct = it->second.allow_direct;
        }
    }
    for (const auto& src : cfg.sources) {
        if (src.external) continue;
        if (auto it = configs.find(src.name); it != configs.end()) {
            const auto theirs = it->second.max_msg_size;
            if (cfg.max_msg_size > 0 && theirs > 0 && cfg.max_msg_size < theirs) {
                return makeApiError(ApiErrc::SourceMaxMessageSizeTooBig);
            }
        }
    }
    // nats-server's cycle check: walk the sources (and mirrors) from this config.
    const auto cycle = makeApiError(ApiErrc::StreamInvalidConfig, "detected cycle");
    auto overlaps = [](const std::vector<std::string>& subjects, const std::string& filter) {
        if (filter.empty()) return true;
        return std::any_of(subjects.begin(), subjects.end(),
                           [&](const std::string& s) { return subjectsCollide(s, filter); });
    };
    std::vector<const StreamConfig*> to_visit{&cfg};
    std::set<std::string, std::less<>> visited;
    for (std::size_t i = 0; i < to_visit.size(); ++i) {
        const StreamConfig* c = to_visit[i];
        visited.insert(c->name);
        for (const auto& src : c->sources) {
            if (src.external) continue;
            if (visited.contains(src.name)) {
                if (overlaps(c->subjects, src.filter_subject)) return cycle;
            } else if (auto it = configs.find(src.name); it != configs.end()) {
                to_visit.push_back(&it->second);
            }
        }
        if (c->mirror && !c->mirror->external) {
            if (visited.contains(c->mirror->name)) return cycle;
            if (auto it = configs.find(c->mirror->name); it != configs.end()) {
                to_visit.push_back(&it->second);
            }
        }
    }
    return std::nullopt;
}

std::shared_ptr<Stream> JetStreamService::directMirror(AccountState& account,
                                                       std::string_view origin) {
    std::lock_guard lock(mutex_);
    for (const auto& [name, stream] : account.streams) {
        const StreamConfig cfg = stream->config();
        if (cfg.mirror && cfg.mirror_direct && cfg.mirror->name == origin &&
            servedHere(cfg.mirror->external)) {
            return stream;
        }
    }
    return nullptr;
}

void JetStreamService::linkFollowers(AccountState& account) {
    std::map<std::string, std::shared_ptr<Stream>, std::less<>> streams;
    {
        std::lock_guard lock(mutex_);
        streams = account.streams;
    }
    for (const auto& [name, stream] : streams) {
        for (const auto& follower : stream->followers()) {
            std::shared_ptr<Stream> origin;
            if (servedHere(follower->config().external)) {
                if (auto it = streams.find(follower->config().name); it != streams.end()) {
                    origin = it->second;
                }
            }
            if (origin == stream) origin = nullptr;
            if (origin && origin == follower->origin()) continue;
            // As nats-server, whose consumer create on the origin fails with 10059.
            std::optional<ApiError> error;
            if (!origin) error = makeApiError(ApiErrc::StreamNotFound);
            stream->follow(follower, origin, std::move(error));
        }
    }
}

void JetStreamService::recoverConsumers(AccountState& account, Stream& stream,
                                        const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return;
    const StreamConfig scfg = stream.config();
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (!entry.is_directory()) continue;
        const auto meta = readFile(entry.path() / "meta.inf");
        boost::system::error_code jec;
        const auto root = boost::json::parse(meta, jec);
        ConsumerConfig cfg;
        bool ok = !jec && root.is_object() && root.get_object().contains("config") &&
                  root.get_object().contains("created") && root.at("created").is_int64() &&
                  !decodeConsumerConfig(boost::json::serialize(root.at("config")), cfg) &&
                  cfg.durable() && cfg.durable_name == entry.path().filename().string();
        if (!ok) {
            server_.logger().error("JetStream: consumer metadata in {} is invalid, skipped",
                                   entry.path().string());
            continue;
        }
        ConsumerContext context{server_, *account.account, pool_, stream.store(), stream.name()};
        context.remove_on_ack = scfg.retention == RetentionPolicy::WorkQueue;
        if (scfg.retention == RetentionPolicy::Interest) {
            context.on_ack = [weak = stream.weak_from_this()](std::uint64_t seq) {
                if (auto s = weak.lock()) s->onConsumerAck(seq);
            };
        }
        context.on_inactive = inactiveRemover(stream.weak_from_this());
        context.rate_burst =
            scfg.max_msg_size > 0 ? scfg.max_msg_size : server_.options().max_payload;
        auto consumer = Consumer::create(std::move(context), cfg, cfg.durable_name,
                                         root.at("created").get_int64(), entry.path(), true);
        consumer->start();
        stream.addConsumer(consumer);
        consumer->signal();  // arms the ack timers of the recovered pending messages
    }
}

std::function<void(const std::shared_ptr<Consumer>&)> JetStreamService::inactiveRemover(
    std::weak_ptr<Stream> stream) {
    return [stream = std::move(stream)](const std::shared_ptr<Consumer>& consumer) {
        auto s = stream.lock();
        if (!s || s->findConsumer(consumer->name()) != consumer) return;
        if (auto removed = s->removeConsumer(consumer->name())) removed->removeFiles();
    };
}

std::shared_ptr<Stream> JetStreamService::lookup(AccountState& account, std::string_view name) {
    std::lock_guard lock(mutex_);
    auto it = account.streams.find(name);
    return it == account.streams.end() ? nullptr : it->second;
}

bool JetStreamService::overlaps(AccountState& account, const StreamConfig& config,
                                const Stream* self) {
    std::lock_guard lock(mutex_);
    for (const auto& [name, stream] : account.streams) {
        if (stream.get() == self) continue;
        for (const auto& theirs : stream->config().subjects) {
            for (const auto& ours : config.subjects) {
                if (subjectsCollide(ours, theirs)) return true;
            }
        }
    }
    return false;
}

void JetStreamService::onApiMessage(AccountState& account, const core::InternalMessage& msg) {
    if (stopped_) return;
    std::string_view subject = msg.subject;
    if (subject.starts_with(kApiPrefix)) {
        subject.remove_prefix(kApiPrefix.size());
    } else if (!config_.domain.empty()) {
        const std::string prefix = "$JS." + config_.domain + ".API.";
        if (!subject.starts_with(prefix)) return;
        subject.remove_prefix(prefix.size());
    } else {
        return;
    }
    auto request = std::make_shared<Request>(Request{std::string(subject), std::string(msg.reply),
                                                     std::string(msg.headers),
                                                     std::string(msg.payload)});
    if (subject.starts_with("CONSUMER.MSG.NEXT.")) {
        // The consumer's own subscription in nats-server: not an API call (no api.total).
        const auto t = protocol::splitSubjectTokens(subject);
        if (t.size() == 5) consumerNext(account, t[3], t[4], msg);
        return;
    }
    if (subject.starts_with("DIRECT.GET.")) {
        boost::asio::post(pool_, [this, &account, request] { handleDirectGet(account, *request); });
    } else {
        boost::asio::post(api_strand_, [this, &account, request] { handle(account, *request); });
    }
}

void JetStreamService::handle(AccountState& account, const Request& request) {
    const auto t = protocol::splitSubjectTokens(request.subject);
    auto is = [&](std::initializer_list<std::string_view> want) {
        if (t.size() != want.size() + 1 && t.size() != want.size()) return false;
        return std::equal(want.begin(), want.end(), t.begin());
    };
    const bool known =
        (t.size() == 1 && t[0] == "INFO") || (t.size() == 2 && (is({"STREAM", "NAMES"}) || is({"STREAM", "LIST"}))) ||
        (t.size() == 3 && t[0] == "STREAM" &&
         (t[1] == "CREATE" || t[1] == "UPDATE" || t[1] == "INFO" || t[1] == "DELETE" || t[1] == "PURGE")) ||
        (t.size() == 4 && t[0] == "STREAM" && t[1] == "MSG" && (t[2] == "GET" || t[2] == "DELETE")) ||
        (t.size() >= 3 && t[0] == "CONSUMER" && t[1] == "CREATE") ||
        (t.size() == 5 && t[0] == "CONSUMER" && t[1] == "DURABLE" && t[2] == "CREATE") ||
        (t.size() == 4 && t[0] == "CONSUMER" && (t[1] == "INFO" || t[1] == "DELETE")) ||
        (t.size() == 3 && t[0] == "CONSUMER" && (t[1] == "NAMES" || t[1] == "LIST"));
    if (!known) return;  // not an API this slice serves: no responder, as with no subscription
    Reply reply;
    if (t.size() == 1 && t[0] == "INFO") {
        reply = accountInfo(account);
    } else if (t.size() == 3 && is({"STREAM", "CREATE"})) {
        reply = streamCreate(account, t[2], request);
    } else if (t.size() == 3 && is({"STREAM", "UPDATE"})) {
        reply = streamUpdate(account, t[2], request);
    } else if (t.size() == 3 && is({"STREAM", "INFO"})) {
        reply = streamInfo(account, t[2], request);
    } else if (t.size() == 3 && is({"STREAM", "DELETE"})) {
        reply = streamDelete(account, t[2], request);
    } else if (t.size() == 3 && is({"STREAM", "PURGE"})) {
        reply = streamPurge(account, t[2], request);
    } else if (t.size() == 2 && is({"STREAM", "NAMES"})) {
        reply = streamNames(account, request, false);
    } else if (t.size() == 2 && is({"STREAM", "LIST"})) {
        reply = streamNames(account, request, true);
    } else if (t.size() == 4 && is({"STREAM", "MSG", "GET"})) {
        reply = msgGet(account, t[3], request);
    } else if (t.size() == 4 && is({"STREAM", "MSG", "DELETE"})) {
        reply = msgDelete(account, t[3], request);
    } else if (t[0] == "CONSUMER" && (t[1] == "CREATE" || t[1] == "DURABLE")) {
        reply = consumerCreate(account, t, request);
    } else if (t[0] == "CONSUMER" && t[1] == "INFO") {
        reply = consumerInfo(account, t[2], t[3], request);
    } else if (t[0] == "CONSUMER" && t[1] == "DELETE") {
        reply = consumerDelete(account, t[2], t[3], request);
    } else if (t[0] == "CONSUMER" && (t[1] == "NAMES" || t[1] == "LIST")) {
        reply = consumerNames(account, t[2], request, t[1] == "LIST");
    }
    // Counted once the reply is built, as nats-server does: INFO does not count itself.
    ++account.api_total;
    if (reply.error) ++account.api_errors;
    if (!request.reply.empty()) {
        server_.publishInternal(*account.account, request.reply, {}, {}, reply.body);
    }
}


JetStreamService::Reply JetStreamService::accountInfo(AccountState& account) {
    if (!account.enabled) {
        return {errorResponse(response_type::kAccountInfo,
                              makeApiError(ApiErrc::NotEnabledForAccount)), true};
    }
    const auto u = usage(*account.account).value_or(AccountUsage{});
    std::string out = typed(response_type::kAccountInfo);
    // JetStreamAccountStats of 2.10. Reserved bytes are the sum of the streams' positive
    // max_bytes (nats-server 2.10 also adds -1 limits as 2^64-1 here; see docs/compat.md).
    out += ",\"memory\":" + std::to_string(u.memory) + ",\"storage\":" + std::to_string(u.storage) +
           ",\"reserved_memory\":" + std::to_string(u.reserved_memory) +
           ",\"reserved_storage\":" + std::to_string(u.reserved_storage) +
           ",\"streams\":" + std::to_string(u.streams) +
           ",\"consumers\":" + std::to_string(u.consumers) +
           ",\"limits\":{\"max_memory\":-1,\"max_storage\":-1,\"max_streams\":-1,"
           "\"max_consumers\":-1,\"max_ack_pending\":-1,\"memory_max_stream_bytes\":-1,"
           "\"storage_max_stream_bytes\":-1,\"max_bytes_required\":false}";
    if (!config_.domain.empty()) {
        out += ",\"domain\":";
        appendJsonString(out, config_.domain);
    }
    out += ",\"api\":{\"total\":" + std::to_string(u.api_total) +
           ",\"errors\":" + std::to_string(u.api_errors) + "}}";
    return {out, false};
}

JetStreamService::Reply JetStreamService::streamCreate(AccountState& account,
                                                       std::string_view name,
                                                       const Request& request) {
    const auto type = response_type::kStreamCreate;
    auto error = [&](const ApiError& e) { return Reply{errorResponse(type, e), true}; };
    if (!account.enabled) return error(makeApiError(ApiErrc::NotEnabledForAccount));
    StreamConfig cfg;
    if (auto e = decodeStreamConfig(request.payload, cfg)) return error(*e);
    if (name != cfg.name) return error(makeApiError(ApiErrc::StreamMismatch));
    if (name.find_first_of("\\/") != std::string_view::npos) {
        return error(makeApiError(ApiErrc::StreamNameContainsPathSeparators));
    }
    if (cfg.sealed) {
        return error(makeApiError(ApiErrc::StreamInvalidConfig,
                                  "stream configuration for create can not be sealed"));
    }
    if (cfg.mirror_direct && !cfg.mirror) {
        return error(makeApiError(ApiErrc::StreamInvalidConfig,
                                  "stream has no mirror but does have mirror direct"));
    }
    if (auto e = checkStreamConfig(cfg)) return error(*e);
    if (auto e = checkFollowing(account, cfg)) return error(*e);
    if (cfg.num_replicas > 1) return error(makeApiError(ApiErrc::StreamReplicasNotSupported));

    std::shared_ptr<Stream> stream = lookup(account, cfg.name);
    if (stream) {
        if (stream->config() != cfg) return error(makeApiError(ApiErrc::StreamNameExist));
    } else {
        if (overlaps(account, cfg, nullptr)) return error(makeApiError(ApiErrc::StreamSubjectOverlap));
        // Server limits (nats-server checkAllLimits): reservations by max_bytes.
        const bool memory = cfg.storage == StorageType::Memory;
        const std::int64_t limit = memory ? config_.max_memory_store : config_.max_file_store;
        if (limit >= 0 && cfg.max_bytes > 0) {
            std::int64_t reserved = 0;
            for (auto& state : accounts_) {
                if (!state->enabled) continue;
                const auto u = usage(*state->account).value_or(AccountUsage{});
                reserved += static_cast<std::int64_t>(memory ? u.reserved_memory : u.reserved_storage);
            }
            if (reserved + cfg.max_bytes > limit) {
                return error(makeApiError(memory ? ApiErrc::MemoryResourcesExceeded
                                                 : ApiErrc::StorageResourcesExceeded));
            }
        }
        if (!memory && config_.store_dir.empty()) {
            return error(makeApiError(ApiErrc::StreamCreate, "error creating store for stream"));
        }
        if (auto e = checkInputTransform(cfg, false)) return error(*e);
        const auto dir = memory ? std::filesystem::path() : streamDirectory(account, cfg.name);
        auto opened = Stream::open(streamContext(account), cfg, dir, nowNs(), true);
        if (!opened) return error(opened.error());
        stream = std::move(*opened);
        if (auto e = stream->saveMeta()) {
            stream->stop(true);
            return error(*e);
        }
        stream->start();
        {
            std::lock_guard lock(mutex_);
            account.streams.emplace(cfg.name, stream);
        }
        linkFollowers(account);
    }
    std::string out = typed(type);
    out += "," + stream->infoFields(stream->store().fastState(), false, false) + ",\"did_create\":true}";
    return {out, false};
}

JetStreamService::Reply JetStreamService::streamUpdate(AccountState& account,
                                                       std::string_view name,
                                                       const Request& request) {
    const auto type = response_type::kStreamUpdate;
    auto error = [&](const ApiError& e) { return Reply{errorResponse(type, e), true}; };
    if (!account.enabled) return error(makeApiError(ApiErrc::NotEnabledForAccount));
    StreamConfig cfg;
    if (auto e = decodeStreamConfig(request.payload, cfg)) return error(*e);
    if (auto e = checkStreamConfig(cfg)) return error(*e);
    if (name != cfg.name) return error(makeApiError(ApiErrc::StreamMismatch));
    auto stream = lookup(account, name);
    if (!stream) return error(makeApiError(ApiErrc::StreamNotFound));
    if (auto e = checkStreamUpdate(stream->config(), cfg)) return error(*e);
    if (auto e = checkFollowing(account, cfg)) return error(*e);
    if (overlaps(account, cfg, stream.get())) return error(makeApiError(ApiErrc::StreamSubjectOverlap));
    if (cfg.subject_transform != stream->config().subject_transform) {
        if (auto e = checkInputTransform(cfg, true)) return error(*e);
    }
    if (auto e = stream->update(std::move(cfg))) return error(*e);
    linkFollowers(account);
    std::string out = typed(type);
    out += "," + stream->infoFields(stream->store().fastState(), true, false) + "}";
    return {out, false};
}

JetStreamService::Reply JetStreamService::streamInfo(AccountState& account, std::string_view name,
                                                     const Request& request) {
    const auto type = response_type::kStreamInfo;
    auto error = [&](const ApiError& e) {
        return Reply{errorResponse(type, e, "\"total\":0,\"offset\":0,\"limit\":0"), true};
    };
    if (!account.enabled) return error(makeApiError(ApiErrc::NotEnabledForAccount));
    StreamInfoRequest req;
    if (!isEmptyRequest(request.payload)) {
        if (auto e = decodeStreamInfoRequest(request.payload, req)) return error(*e);
    }
    auto stream = lookup(account, name);
    if (!stream) return error(makeApiError(ApiErrc::StreamNotFound));
    store::StateOptions options;
    options.deleted_details = req.deleted_details;
    auto state = req.deleted_details ? stream->store().state(options) : stream->store().fastState();
    std::int64_t total = 0, offset = 0, limit = 0;
    if (!req.subjects_filter.empty()) {
        auto counts = stream->store().subjectCounts(req.subjects_filter);
        if (!counts.empty()) {
            total = static_cast<std::int64_t>(counts.size());
            offset = std::clamp<std::int64_t>(req.offset, 0, total);
            limit = kMaxSubjectDetails;
            auto first = counts.begin();
            std::advance(first, offset);
            auto last = first;
            std::advance(last, std::min<std::int64_t>(kMaxSubjectDetails, total - offset));
            state.subjects = std::map<std::string, std::uint64_t>(first, last);
            offset = req.offset;  // Go reports the offset as requested
        }
    }
    std::string out = typed(type);
    out += ",\"total\":" + std::to_string(total) + ",\"offset\":" + std::to_string(offset) +
           ",\"limit\":" + std::to_string(limit) + "," + stream->infoFields(state, true, false) + "}";
    return {out, false};
}

JetStreamService::Reply JetStreamService::streamDelete(AccountState& account,
                                                       std::string_view name,
                                                       const Request& request) {
    const auto type = response_type::kStreamDelete;
    auto error = [&](const ApiError& e) { return Reply{errorResponse(type, e), true}; };
    if (!account.enabled) return error(makeApiError(ApiErrc::NotEnabledForAccount));
    if (!isEmptyRequest(request.payload)) return error(makeApiError(ApiErrc::NotEmptyRequest));
    std::shared_ptr<Stream> stream;
    {
        std::lock_guard lock(mutex_);
        auto it = account.streams.find(name);
        if (it == account.streams.end()) return error(makeApiError(ApiErrc::StreamNotFound));
        stream = it->second;
        account.streams.erase(it);
        retired_.push_back(stream);
    }
    stream->stop(true);
    linkFollowers(account);
    return {typed(type) + ",\"success\":true}", false};
}

JetStreamService::Reply JetStreamService::streamPurge(AccountState& account, std::string_view name,
                                                      const Request& request) {
    const auto type = response_type::kStreamPurge;
    auto error = [&](const ApiError& e) { return Reply{errorResponse(type, e), true}; };
    if (!account.enabled) return error(makeApiError(ApiErrc::NotEnabledForAccount));
    std::optional<StreamPurgeRequest> req;
    if (!isEmptyRequest(request.payload)) {
        req.emplace();
        if (auto e = decodeStreamPurgeRequest(request.payload, *req)) return error(*e);
        if (req->seq > 0 && req->keep > 0) return error(makeApiError(ApiErrc::BadRequest));
    }
    auto stream = lookup(account, name);
    if (!stream) return error(makeApiError(ApiErrc::StreamNotFound));
    auto purged = stream->purge(req);
    if (!purged) return error(purged.error());
    return {typed(type) + ",\"success\":true,\"purged\":" + std::to_string(*purged) + "}", false};
}

JetStreamService::Reply JetStreamService::streamNames(AccountState& account,
                                                      const Request& request, bool list) {
    const auto type = list ? response_type::kStreamList : response_type::kStreamNames;
    // As nats-server: names sends a nil list with an error, list an empty one.
    auto error = [&](const ApiError& e) {
        return Reply{errorResponse(type, e,
                                   list ? "\"total\":0,\"offset\":0,\"limit\":0,\"streams\":[]"
                                        : "\"total\":0,\"offset\":0,\"limit\":0,\"streams\":null"),
                     true};
    };
    if (!account.enabled) return error(makeApiError(ApiErrc::NotEnabledForAccount));
    StreamNamesRequest req;
    if (!isEmptyRequest(request.payload)) {
        if (auto e = decodeStreamNamesRequest(request.payload, req)) return error(*e);
    }
    std::vector<std::shared_ptr<Stream>> matched;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [stream_name, stream] : account.streams) {  // sorted by name
            if (req.subject.empty()) {
                matched.push_back(stream);
                continue;
            }
            for (const auto& subject : stream->config().subjects) {
                if (subjectsCollide(req.subject, subject)) {
                    matched.push_back(stream);
                    break;
                }
            }
        }
    }
    const auto total = static_cast<std::int64_t>(matched.size());
    const std::int64_t offset = std::clamp<std::int64_t>(req.offset, 0, total);
    const std::int64_t limit = list ? kListLimit : kNamesLimit;
    const std::int64_t end = std::min(total, offset + limit);
    std::string out = typed(type);
    out += ",\"total\":" + std::to_string(total) + ",\"offset\":" + std::to_string(offset) +
           ",\"limit\":" + std::to_string(limit) + ",\"streams\":";
    if (!list && end == offset) {
        out += "null}";  // Go marshals the nil slice
        return {out, false};
    }
    out += '[';
    for (std::int64_t i = offset; i < end; ++i) {
        if (i != offset) out += ',';
        const auto& stream = matched[static_cast<std::size_t>(i)];
        if (list) {
            out += "{" + stream->infoFields(stream->store().fastState(), true, false) + "}";
        } else {
            appendJsonString(out, stream->name());
        }
    }
    out += "]}";
    return {out, false};
}

JetStreamService::Reply JetStreamService::msgGet(AccountState& account, std::string_view name,
                                                 const Request& request) {
    const auto type = response_type::kMsgGet;
    auto error = [&](const ApiError& e) { return Reply{errorResponse(type, e), true}; };
    if (!account.enabled) return error(makeApiError(ApiErrc::NotEnabledForAccount));
    if (isEmptyRequest(request.payload)) return error(makeApiError(ApiErrc::BadRequest));
    MsgGetRequest req;
    if (auto e = decodeMsgGetRequest(request.payload, req)) return error(*e);
    if ((req.seq > 0 && !req.last_by_subj.empty()) ||
        (req.seq == 0 && req.last_by_subj.empty() && req.next_by_subj.empty()) ||
        (!req.last_by_subj.empty() && !req.next_by_subj.empty())) {
        return error(makeApiError(ApiErrc::BadRequest));
    }
    auto stream = lookup(account, name);
    if (!stream) return error(makeApiError(ApiErrc::StreamNotFound));
    auto msg = stream->getMessage(req);
    if (!msg) return error(makeApiError(ApiErrc::NoMessageFound));
    std::string out = typed(type) + ",\"message\":{\"subject\":";
    appendJsonString(out, msg->subject);
    out += ",\"seq\":" + std::to_string(msg->seq);
    if (!msg->headers.empty()) out += ",\"hdrs\":\"" + base64Encode(msg->headers) + "\"";
    if (!msg->payload.empty()) out += ",\"data\":\"" + base64Encode(msg->payload) + "\"";
    out += ",\"time\":\"" + goTime(msg->ts) + "\"}}";
    return {out, false};
}

JetStreamService::Reply JetStreamService::msgDelete(AccountState& account, std::string_view name,
                                                    const Request& request) {
    const auto type = response_type::kMsgDelete;
    auto error = [&](const ApiError& e) { return Reply{errorResponse(type, e), true}; };
    if (!account.enabled) return error(makeApiError(ApiErrc::NotEnabledForAccount));
    if (isEmptyRequest(request.payload)) return error(makeApiError(ApiErrc::BadRequest));
    MsgDeleteRequest req;
    if (auto e = decodeMsgDeleteRequest(request.payload, req)) return error(*e);
    auto stream = lookup(account, name);
    if (!stream) return error(makeApiError(ApiErrc::StreamNotFound));
    if (auto e = stream->deleteMessage(req)) return error(*e);
    return {typed(type) + ",\"success\":true}", false};
}

void JetStreamService::handleDirectGet(AccountState& account, const Request& request) {
    if (request.reply.empty()) return;
    // DIRECT.GET.<stream> with a JSON body, or DIRECT.GET.<stream>.<subject...> with none.
    std::string_view rest = std::string_view(request.subject).substr(std::string_view("DIRECT.GET.").size());
    const auto dot = rest.find('.');
    const std::string_view name = rest.substr(0, dot);
    auto stream = lookup(account, name);
    if (!stream || !stream->config().allow_direct) {
        // nats-server: a mirror with mirror_direct also answers for its origin (the origin and
        // its mirrors form one queue group; here the origin answers while it allows it).
        stream = directMirror(account, name);
    }
    if (!stream) return;  // no direct responder
    auto status = [&](std::string_view line) {
        server_.publishInternal(*account.account, request.reply, {},
                                "NATS/1.0 " + std::string(line) + "\r\n\r\n", {});
    };
    MsgGetRequest req;
    if (dot == std::string_view::npos) {
        if (request.payload.empty()) return status("408 Empty Request");
        if (decodeMsgGetRequest(request.payload, req)) return status("408 Malformed Request");
        if (req.seq == 0 && req.last_by_subj.empty() && req.next_by_subj.empty()) {
            return status("408 Empty Request");
        }
        if ((req.seq > 0 && !req.last_by_subj.empty()) ||
            (!req.last_by_subj.empty() && !req.next_by_subj.empty())) {
            return status("408 Bad Request");
        }
    } else {
        if (!request.payload.empty()) return status("408 Bad Request");
        req.last_by_subj = std::string(rest.substr(dot + 1));
        if (req.last_by_subj.empty()) return status("408 Bad Request");
    }
    auto msg = stream->getMessage(req);
    if (!msg) return status("404 Message Not Found");
    std::string headers = msg->headers;
    if (headers.size() < 4) headers.clear();
    appendHeader(headers, "Nats-Stream", stream->name());
    appendHeader(headers, "Nats-Subject", msg->subject);
    appendHeader(headers, "Nats-Sequence", std::to_string(msg->seq));
    appendHeader(headers, "Nats-Time-Stamp", goTime(msg->ts));
    server_.publishInternal(*account.account, request.reply, {}, headers, msg->payload);
}

JetStreamService::Reply JetStreamService::consumerCreate(AccountState& account,
                                                         const std::vector<std::string_view>& t,
                                                         const Request& request) {
    const auto type = response_type::kConsumerCreate;
    auto error = [&](const ApiError& e) { return Reply{errorResponse(type, e), true}; };
    CreateConsumerRequest req;
    if (auto e = decodeCreateConsumerRequest(request.payload, req)) return error(*e);
    // CONSUMER.CREATE.<stream>, CONSUMER.CREATE.<stream>.<name>[.<filter>],
    // CONSUMER.DURABLE.CREATE.<stream>.<durable>
    enum class Form { LegacyEphemeral, LegacyDurable, New } form;
    std::string_view stream_name, consumer_name;
    std::string filtered;
    if (t[1] == "DURABLE") {
        form = Form::LegacyDurable;
        stream_name = t[3];
        consumer_name = t[4];
    } else if (t.size() == 3) {
        form = Form::LegacyEphemeral;
        stream_name = t[2];
    } else {
        form = Form::New;
        stream_name = t[2];
        consumer_name = t[3];
        for (std::size_t i = 4; i < t.size(); ++i) {
            if (i != 4) filtered += '.';
            filtered += t[i];
        }
    }
    if (!account.enabled) return error(makeApiError(ApiErrc::NotEnabledForAccount));
    if (stream_name != req.stream_name) return error(makeApiError(ApiErrc::StreamMismatch));
    if (consumer_name.find_first_of("\\/") != std::string_view::npos) {
        return error(makeApiError(ApiErrc::ConsumerNameContainsPathSeparators));
    }
    auto& cfg = req.config;
    if (form == Form::LegacyDurable) {
        if (cfg.durable_name.empty()) return error(makeApiError(ApiErrc::ConsumerDurableNameNotSet));
        if (consumer_name != cfg.durable_name) {
            return error(makeApiError(ApiErrc::ConsumerDurableNameNotMatchSubject));
        }
    }
    if (form == Form::New) {
        if (!cfg.durable_name.empty() && consumer_name != cfg.durable_name) {
            return error(makeApiError(ApiErrc::ConsumerDurableNameNotMatchSubject));
        }
        cfg.name = std::string(consumer_name);
    }
    if (form == Form::LegacyEphemeral && !cfg.durable_name.empty()) {
        return error(makeApiError(ApiErrc::ConsumerEphemeralWithDurableName));
    }
    if (!filtered.empty() && !cfg.filter_subjects.empty()) {
        return error(makeApiError(ApiErrc::ConsumerMultipleFiltersNotAllowed));
    }
    if (!filtered.empty() && cfg.filter_subject != filtered) {
        return error(makeApiError(ApiErrc::ConsumerCreateFilterSubjectMismatch));
    }
    if (cfg.num_replicas > 1) return error(makeApiError(ApiErrc::StreamReplicasNotSupported));
    auto stream = lookup(account, stream_name);
    if (!stream) return error(makeApiError(ApiErrc::StreamNotFound));

    // nats-server addConsumerWithAssignment, single server.
    const StreamConfig scfg = stream->config();
    setConsumerDefaults(cfg, scfg);
    if (auto e = checkConsumerConfig(cfg, scfg)) return error(*e);
    std::string name = cfg.durable() ? cfg.durable_name : cfg.name;
    if (!name.empty()) {
        if (auto existing = stream->findConsumer(name)) {
            const ConsumerConfig current = existing->config();
            if (req.action == ConsumerAction::Create && cfg != current) {
                return error(makeApiError(ApiErrc::ConsumerAlreadyExists));
            }
            if (cfg != current) {
                // updateConfig: what may not change (a subset of nats-server's checks).
                auto fail = [&](std::string_view text) {
                    return error(makeApiError(ApiErrc::ConsumerCreate, text));
                };
                if (cfg.deliver_policy != current.deliver_policy) {
                    return fail("deliver policy can not be updated");
                }
                if (cfg.opt_start_seq != current.opt_start_seq) {
                    return fail("start sequence can not be updated");
                }
                if (cfg.opt_start_time != current.opt_start_time) {
                    return fail("start time can not be updated");
                }
                if (cfg.ack_policy != current.ack_policy) return fail("ack policy can not be updated");
                if (cfg.replay_policy != current.replay_policy) {
                    return fail("replay policy can not be updated");
                }
                if (cfg.mem_storage != current.mem_storage) {
                    return fail("can not update memory storage setting");
                }
                if (cfg.idle_heartbeat != current.idle_heartbeat) {
                    return fail("heart beats can not be updated");
                }
                if (cfg.flow_control != current.flow_control) {
                    return fail("flow control can not be updated");
                }
                if (cfg.max_waiting != current.max_waiting) {
                    return fail("max waiting can not be updated");
                }
                if (cfg.deliver_subject != current.deliver_subject) {
                    if (current.deliver_subject.empty()) {
                        return fail("can not update pull consumer to push based");
                    }
                    if (cfg.deliver_subject.empty()) {
                        return fail("can not update push consumer to pull based");
                    }
                    if (!account.account->trie().match(current.deliver_subject)->empty()) {
                        return error(makeApiError(ApiErrc::ConsumerNameExist));
                    }
                }
                existing->updateConfig(cfg);
                (void)existing->saveMeta();
                existing->signal();
            }
            std::string out = typed(type);
            out += "," + existing->infoFields() + "}";
            return {out, false};
        }
    }
    if (req.action == ConsumerAction::Update) return error(makeApiError(ApiErrc::ConsumerDoesNotExist));
    if (scfg.max_consumers > 0 &&
        static_cast<std::int64_t>(stream->consumerCount()) >= scfg.max_consumers) {
        return error(makeApiError(ApiErrc::MaximumConsumersLimit));
    }
    if (scfg.retention == RetentionPolicy::WorkQueue && !cfg.direct) {
        if (cfg.ack_policy != AckPolicy::Explicit) {
            return error(makeApiError(ApiErrc::ConsumerWQRequiresExplicitAck));
        }
        const auto others = stream->consumers();
        if (!others.empty()) {
            const auto mine = cfg.filters();
            if (mine.empty()) return error(makeApiError(ApiErrc::ConsumerWQMultipleUnfiltered));
            for (const auto& other : others) {
                const auto theirs = other->config().filters();
                bool unique = !theirs.empty();
                for (const auto& a : mine) {
                    for (const auto& b : theirs) {
                        if (subjectsCollide(a, b)) unique = false;
                    }
                }
                if (!unique) return error(makeApiError(ApiErrc::ConsumerWQConsumerNotUnique));
            }
        }
        if (cfg.deliver_policy != DeliverPolicy::All) {
            return error(makeApiError(ApiErrc::ConsumerWQConsumerNotDeliverAll));
        }
    }
    if (cfg.durable() && cfg.durable_name.size() > kMaxNameLen) {
        return error(makeApiError(ApiErrc::ConsumerNameTooLong, std::to_string(kMaxNameLen)));
    }
    if (name.empty()) {
        do {
            name = generateConsumerName();
        } while (stream->findConsumer(name));
    }
    if (!isValidStreamName(name)) return error(makeApiError(ApiErrc::ConsumerBadDurableName));
    ConsumerContext context{server_, *account.account, pool_, stream->store(), stream->name()};
    context.remove_on_ack = scfg.retention == RetentionPolicy::WorkQueue;
    if (scfg.retention == RetentionPolicy::Interest) {
        context.on_ack = [weak = std::weak_ptr<Stream>(stream)](std::uint64_t seq) {
            if (auto s = weak.lock()) s->onConsumerAck(seq);
        };
    }
    std::filesystem::path dir;
    if (cfg.durable() && scfg.storage == StorageType::File && !config_.store_dir.empty()) {
        dir = streamDirectory(account, stream->name()) / "obs" / name;
    }
    context.on_inactive = inactiveRemover(stream);
    context.rate_burst =
        scfg.max_msg_size > 0 ? scfg.max_msg_size : server_.options().max_payload;
    auto consumer = Consumer::create(std::move(context), cfg, name, nowNs(), dir);
    if (!consumer->saveMeta()) {
        consumer->removeFiles();
        return error(makeApiError(ApiErrc::ConsumerStoreFailed, "could not write consumer metadata"));
    }
    consumer->start();
    stream->addConsumer(consumer);
    std::string out = typed(type);
    out += "," + consumer->infoFields() + "}";
    return {out, false};
}

JetStreamService::Reply JetStreamService::consumerInfo(AccountState& account,
                                                       std::string_view stream_name,
                                                       std::string_view name,
                                                       const Request& request) {
    const auto type = response_type::kConsumerInfo;
    auto error = [&](const ApiError& e) { return Reply{errorResponse(type, e), true}; };
    if (!account.enabled) return error(makeApiError(ApiErrc::NotEnabledForAccount));
    if (!isEmptyRequest(request.payload)) return error(makeApiError(ApiErrc::NotEmptyRequest));
    auto stream = lookup(account, stream_name);
    if (!stream) return error(makeApiError(ApiErrc::StreamNotFound));
    auto consumer = stream->findConsumer(name);
    if (!consumer) return error(makeApiError(ApiErrc::ConsumerNotFound));
    std::string out = typed(type);
    out += "," + consumer->infoFields() + "}";
    return {out, false};
}

JetStreamService::Reply JetStreamService::consumerDelete(AccountState& account,
                                                         std::string_view stream_name,
                                                         std::string_view name,
                                                         const Request& request) {
    const auto type = response_type::kConsumerDelete;
    auto error = [&](const ApiError& e) { return Reply{errorResponse(type, e), true}; };
    if (!account.enabled) return error(makeApiError(ApiErrc::NotEnabledForAccount));
    if (!isEmptyRequest(request.payload)) return error(makeApiError(ApiErrc::NotEmptyRequest));
    auto stream = lookup(account, stream_name);
    if (!stream) return error(makeApiError(ApiErrc::StreamNotFound));
    auto consumer = stream->removeConsumer(name);
    if (!consumer) return error(makeApiError(ApiErrc::ConsumerNotFound));
    consumer->removeFiles();
    return {typed(type) + ",\"success\":true}", false};
}

JetStreamService::Reply JetStreamService::consumerNames(AccountState& account,
                                                        std::string_view stream_name,
                                                        const Request& request, bool list) {
    const auto type = list ? response_type::kConsumerList : response_type::kConsumerNames;
    auto error = [&](const ApiError& e) {
        return Reply{errorResponse(type, e, "\"total\":0,\"offset\":0,\"limit\":0,\"consumers\":[]"),
                     true};
    };
    if (!account.enabled) return error(makeApiError(ApiErrc::NotEnabledForAccount));
    std::int64_t offset = 0;
    if (!isEmptyRequest(request.payload)) {
        boost::json::value v;
        if (!json::parse(request.payload, v) || !v.is_object() ||
            !json::readInt64(v.get_object(), "offset", offset)) {
            return error(makeApiError(ApiErrc::InvalidJson));
        }
    }
    auto stream = lookup(account, stream_name);
    if (!stream) return error(makeApiError(ApiErrc::StreamNotFound));
    const auto consumers = stream->consumers();  // sorted by name
    const auto total = static_cast<std::int64_t>(consumers.size());
    offset = std::clamp<std::int64_t>(offset, 0, total);
    const std::int64_t limit = list ? kListLimit : kNamesLimit;
    const std::int64_t end = std::min(total, offset + limit);
    std::string out = typed(type);
    out += ",\"total\":" + std::to_string(total) + ",\"offset\":" + std::to_string(offset) +
           ",\"limit\":" + std::to_string(limit) + ",\"consumers\":[";
    for (std::int64_t i = offset; i < end; ++i) {
        if (i != offset) out += ',';
        const auto& consumer = consumers[static_cast<std::size_t>(i)];
        if (list) {
            out += "{" + consumer->infoFields() + "}";
        } else {
            appendJsonString(out, consumer->name());
        }
    }
    out += "]}";
    return {out, false};
}

void JetStreamService::consumerNext(AccountState& account, std::string_view stream_name,
                                    std::string_view name, const core::InternalMessage& msg) {
    auto stream = lookup(account, stream_name);
    if (!stream) return;
    auto consumer = stream->findConsumer(name);
    if (!consumer) return;  // no responder, as nats-server without the consumer's subscription
    consumer->onNextRequest(msg.reply, msg.payload);
}

}  // namespace nwb::jetstream
