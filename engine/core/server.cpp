// The NATS server: listener, I/O threads, connections, lame-duck mode and shutdown.
#include "engine/core/server.h"

#include <boost/asio/post.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <stdexcept>

#include "engine/base/server_id.h"
#include "engine/base/usable_cpus.h"
#include "engine/core/client_connection.h"
#include "engine/core/delivery_batch.h"
#include "engine/core/message_router.h"

namespace nwb::core {
namespace {

thread_local IoWorker* t_current_worker = nullptr;  ///< the I/O worker this thread runs, if any

IoWorker* currentWorker() { return t_current_worker; }

base::LogSettings logSettings(const ServerOptions& o) {
    base::LogSettings s;
    s.debug = o.debug;
    s.trace = o.trace;
    s.logtime = o.logtime;
    s.logtime_utc = o.logtime_utc;
    s.file = o.log_file;
    return s;
}

auth::AuthSettings authSettings(const ServerOptions& o) {
    auth::AuthSettings s;
    s.username = o.username;
    s.password = o.password;
    s.auth_token = o.auth_token;
    s.users = o.users;
    s.default_permissions = o.default_permissions;
    s.no_auth_user = o.no_auth_user;
    return s;
}

/// nats-server's configureAccounts: a system account named in the config and no other account
/// (besides "$G"), no no_auth_user: clients without credentials join "$G" as a made-up user
/// "nats-" + 8 base-62 digits. Returns that name, or "" when the rule does not apply.
std::string systemAccountOnlyUser(const ServerOptions& o) {
    std::set<std::string_view> configured(o.accounts.begin(), o.accounts.end());
    configured.erase(kGlobalAccountName);
    std::string_view system = o.system_account;
    // nats-server makes an account named $SYS the system account.
    if (system.empty() && configured.contains(kDefaultSystemAccountName)) {
        system = kDefaultSystemAccountName;
    }
    if (system.empty() || configured.size() != 1 || !configured.contains(system) ||
        !o.no_auth_user.empty()) {
        return {};
    }
    static constexpr char kDigits[] =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    std::mt19937_64 rng(std::random_device{}());
    std::string name = "nats-";
    for (int i = 0; i < 8; ++i) name += kDigits[rng() % 62];
    return name;
}

ServerOptions withImplicitNoAuthUser(ServerOptions o, const std::string& name) {
    if (name.empty()) return o;
    o.users.push_back(auth::User{name, name.substr(5), std::nullopt, {}});
    o.no_auth_user = name;
    return o;
}

std::string jsonString(std::string_view s) {
    return boost::json::serialize(boost::json::string(s));
}

}  // namespace

Server::Server(ServerOptions options)
    : implicit_no_auth_user_(systemAccountOnlyUser(options)),
      options_(withImplicitNoAuthUser(std::move(options), implicit_no_auth_user_)),
      logger_(logSettings(options_)),
      server_id_(base::newServerId()),
      server_name_(options_.server_name.empty() ? server_id_ : options_.server_name),
      authenticator_(authSettings(options_)) {
    const auto add = [this](std::string_view name) -> Account* {
        auto it = accounts_.find(name);
        if (it == accounts_.end()) {
            it = accounts_.emplace(std::string(name), std::make_unique<Account>(std::string(name)))
                     .first;
        }
        return it->second.get();
    };
    global_account_ = add(kGlobalAccountName);
    for (const std::string& name : options_.accounts) add(name);
    for (const auth::User& user : options_.users) {
        if (!user.account.empty()) add(user.account);
    }
    if (!options_.no_system_account) {
        system_account_ = add(options_.system_account.empty() ? kDefaultSystemAccountName
                                                              : std::string_view(options_.system_account));
    }
}

Account* Server::findAccount(std::string_view name) {
    auto it = accounts_.find(name);
    return it == accounts_.end() ? nullptr : it->second.get();
}

std::vector<Account*> Server::accounts() {
    std::vector<Account*> out;
    for (auto& [name, account] : accounts_) out.push_back(account.get());
    return out;
}

Server::~Server() { shutdown(); }

void Server::start() {
    namespace ip = boost::asio::ip;
    logger_.info("Starting nwb-server");
    logger_.info("  Version:  {}", kAdvertisedVersion);
    logger_.info("  Name:     {}", server_name_);
    logger_.info("  ID:       {}", server_id_);
    if (!options_.config_file.empty()) logger_.info("Using configuration file: {}", options_.config_file);

    // One per CPU this process may use: under `taskset -c 0` nats-server's Go runtime runs one
    // thread too (GOMAXPROCS follows the affinity mask).
    const int threads = options_.io_threads > 0 ? options_.io_threads : base::usableCpus();
    for (int i = 0; i < threads; ++i) {
        workers_.push_back(std::make_unique<IoWorker>());
        guards_.push_back(boost::asio::make_work_guard(workers_.back()->io));
    }

    boost::system::error_code ec;
    const ip::address address = ip::make_address(options_.host, ec);
    if (ec) throw std::runtime_error("invalid listen address \"" + options_.host + "\"");
    const auto port = static_cast<unsigned short>(options_.port < 0 ? 0 : options_.port);
    const ip::tcp::endpoint endpoint(address, port);
    acceptor_ = std::make_unique<ip::tcp::acceptor>(workers_.front()->io);
    acceptor_->open(endpoint.protocol(), ec);
    if (!ec) acceptor_->set_option(ip::tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor_->bind(endpoint, ec);
    if (!ec) acceptor_->listen(boost::asio::socket_base::max_listen_connections, ec);
    if (ec) {
        const std::string where = options_.host + ":" + std::to_string(options_.port);
        logger_.fatal("Error listening on port: {}, \"{}\"", where, ec.message());
        throw std::runtime_error("error listening on " + where + ": " + ec.message());
    }
    port_ = acceptor_->local_endpoint().port();
    if (options_.max_payload > 8 * 1024 * 1024) {
        logger_.warn("Maximum payloads over 8.00 MB are generally discouraged and could lead to "
                     "poor performance");
    }
    logger_.info("Listening for client connections on {}:{}",
                 address.is_v6() ? "[" + options_.host + "]" : options_.host, port_);
    {
        std::lock_guard lock(state_mutex_);
        running_ = true;
    }
    acceptNext();
    for (auto& worker : workers_) {
        worker->thread = std::thread([w = worker.get()] {
            t_current_worker = w;
            w->io.run();
        });
    }
    logger_.info("Server is ready");
}

void Server::acceptNext() {
    IoWorker& target = *workers_[next_worker_];
    next_worker_ = (next_worker_ + 1) % workers_.size();
    acceptor_->async_accept(target.io, [this, &target](boost::system::error_code ec,
                                                       boost::asio::ip::tcp::socket socket) {
        if (ec == boost::asio::error::operation_aborted || !acceptor_ || !acceptor_->is_open()) {
            return;
        }
        if (!ec) {
            boost::asio::post(target.io, [this, &target, s = std::move(socket)]() mutable {
                onAccepted(target, std::move(s));
            });
        } else {
            logger_.error("Error accepting client connection: {}", ec.message());
        }
        acceptNext();
    });
}

void Server::onAccepted(IoWorker& owner, boost::asio::ip::tcp::socket socket) {
    // Runs on the worker that owns the socket.
    const std::uint64_t cid = next_cid_.fetch_add(1) + 1;
    auto client = std::make_shared<ClientConnection>(*this, owner, std::move(socket), cid);
    bool over_limit;
    {
        std::lock_guard lock(clients_mutex_);
        over_limit = options_.max_connections > 0 &&
                     clients_.size() >= static_cast<std::size_t>(options_.max_connections);
        if (!over_limit) clients_.emplace(cid, client);
    }
    counters_.total_connections.fetch_add(1, std::memory_order_relaxed);
    client->start(over_limit);
    DeliveryBatch::current().flushAll(owner);
}

void Server::onClientClosed(std::uint64_t cid, ConnectionInfo final_info) {
    {
        std::lock_guard lock(clients_mutex_);
        clients_.erase(cid);
    }
    if (options_.max_closed_clients <= 0) return;
    std::lock_guard lock(closed_mutex_);
    closed_.push_back(std::move(final_info));
    while (closed_.size() > static_cast<std::size_t>(options_.max_closed_clients)) {
        closed_.pop_front();
    }
}

SubscriptionPtr Server::subscribeInternal(Account& account, std::string_view subject,
                                          std::string_view queue, InternalSubscriber* subscriber) {
    auto sub = std::make_shared<Subscription>();
    sub->internal = subscriber;
    sub->subject.assign(subject);
    sub->queue.assign(queue);
    sub->sid = "internal";
    sub->account = &account;
    if (!account.trie().insert(sub)) return nullptr;
    return sub;
}

void Server::unsubscribeInternal(const SubscriptionPtr& sub) {
    if (!sub || sub->closed.exchange(true)) return;
    sub->account->trie().remove(sub);
}

bool Server::publishInternal(Account& account, std::string_view subject, std::string_view reply,
                             std::string_view headers, std::string_view payload) {
    return deliverInternal(account, subject, subject, reply, headers, payload);
}

bool Server::deliverInternal(Account& account, std::string_view deliver_subject,
                             std::string_view subject, std::string_view reply,
                             std::string_view headers, std::string_view payload) {
    std::string data;
    data.reserve(headers.size() + payload.size());
    data.append(headers);
    data.append(payload);
    const std::string total_text = std::to_string(data.size());
    const std::string header_text = std::to_string(headers.size());
    protocol::PubArgs pa;
    pa.subject = subject;
    pa.reply = reply;
    pa.total_size = static_cast<std::int64_t>(data.size());
    pa.total_size_text = total_text;
    if (!headers.empty()) {
        pa.header_size = static_cast<std::int64_t>(headers.size());
        pa.header_size_text = header_text;
    }
    const MatchResultPtr matches = account.trie().match(deliver_subject);
    DeliveryTally tally;
    const bool delivered = routeMessage(*matches, pa, data, nullptr, true, 0, tally);
    counters_.out_msgs.fetch_add(tally.out_msgs, std::memory_order_relaxed);
    counters_.out_bytes.fetch_add(tally.out_bytes, std::memory_order_relaxed);
    // Inside a read the connection's own end-of-read flush covers us; otherwise flush now.
    DeliveryBatch& batch = DeliveryBatch::current();
    if (!batch.inRead()) batch.flushAll(currentWorker());
    return delivered;
}

std::size_t Server::connectionCount() {
    std::lock_guard lock(clients_mutex_);
    return clients_.size();
}

std::vector<ConnectionInfo> Server::connections(bool with_subscriptions) {
    std::vector<std::shared_ptr<ClientConnection>> clients;
    {
        std::lock_guard lock(clients_mutex_);
        clients.reserve(clients_.size());
        for (auto& [cid, c] : clients_) clients.push_back(c);
    }
    std::vector<ConnectionInfo> out;
    out.reserve(clients.size());
    for (auto& c : clients) out.push_back(c->info(with_subscriptions));
    std::sort(out.begin(), out.end(),
              [](const ConnectionInfo& a, const ConnectionInfo& b) { return a.cid < b.cid; });
    return out;
}

std::vector<ConnectionInfo> Server::closedConnections() {
    std::lock_guard lock(closed_mutex_);
    return {closed_.begin(), closed_.end()};
}

std::string Server::infoJson(std::uint64_t client_id, const std::string& client_ip,
                             bool ldm) const {
    // Field order follows nats-server's Info struct, so INFO lines read the same.
    std::string json = "{\"server_id\":" + jsonString(server_id_);
    json += ",\"server_name\":" + jsonString(server_name_);
    json += ",\"version\":\"" + std::string(kAdvertisedVersion) + "\"";
    json += ",\"proto\":1,\"go\":\"nwb-server\"";
    json += ",\"host\":" + jsonString(options_.client_advertise.empty() ? options_.host
                                                                       : options_.client_advertise);
    json += ",\"port\":" + std::to_string(port_);
    json += std::string(",\"headers\":") + (options_.no_header_support ? "false" : "true");
    // As nats-server, a configured no_auth_user (not the made-up one) hides auth_required.
    const bool no_auth_user_hides = !options_.no_auth_user.empty() &&
                                    options_.no_auth_user != implicit_no_auth_user_;
    if (authenticator_.authRequired() && !no_auth_user_hides) json += ",\"auth_required\":true";
    json += ",\"max_payload\":" + std::to_string(options_.max_payload);
    if (options_.jetstream) json += ",\"jetstream\":true";
    json += ",\"client_id\":" + std::to_string(client_id);
    if (!client_ip.empty()) json += ",\"client_ip\":" + jsonString(client_ip);
    if (!options_.jetstream_domain.empty()) {
        json += ",\"domain\":" + jsonString(options_.jetstream_domain);
    }
    if (ldm) json += ",\"ldm\":true";
    json += "}";
    return json;
}

void Server::enterLameDuckMode() {
    if (lame_duck_.exchange(true)) return;
    boost::asio::post(workers_.front()->io, [this] {
        logger_.info("Entering lame duck mode, stop accepting new clients");
        boost::system::error_code ec;
        if (acceptor_) acceptor_->close(ec);
        std::vector<std::shared_ptr<ClientConnection>> clients;
        {
            std::lock_guard lock(clients_mutex_);
            for (auto& [cid, c] : clients_) clients.push_back(c);
        }
        if (clients.empty()) {
            std::thread([this] { shutdown(); }).detach();
            return;
        }
        // As nats-server: closes spread over the duration less the grace period (or 1 s), at
        // most one second apart.
        auto duration = std::chrono::duration_cast<std::chrono::nanoseconds>(
            options_.lame_duck_duration - options_.lame_duck_grace_period);
        if (duration <= std::chrono::nanoseconds(0)) duration = std::chrono::seconds(1);
        auto interval = duration / static_cast<long>(clients.size());
        interval = std::clamp<std::chrono::nanoseconds>(interval, std::chrono::nanoseconds(1),
                                                        std::chrono::seconds(1));
        for (auto& c : clients) c->sendLameDuckInfo();
        lame_duck_timer_ = std::make_unique<boost::asio::steady_timer>(workers_.front()->io);
        lame_duck_timer_->expires_after(options_.lame_duck_grace_period);
        lame_duck_timer_->async_wait(
            [this, clients = std::move(clients), interval](boost::system::error_code tec) mutable {
                if (tec) return;
                logger_.info("Closing existing clients");
                lameDuckCloseNext(std::move(clients), 0, interval);
            });
    });
}

void Server::lameDuckCloseNext(std::vector<std::shared_ptr<ClientConnection>> clients,
                               std::size_t next, std::chrono::nanoseconds interval) {
    clients[next]->closeAsync(CloseReason::ServerShutdown);
    if (next + 1 == clients.size()) {
        // Done: stop the whole server from a thread that is not an I/O thread.
        std::thread([this] { shutdown(); }).detach();
        return;
    }
    // A random pause in [interval/2, interval), as nats-server spreads its closes.
    thread_local std::minstd_rand rng(std::random_device{}());
    const auto half = interval / 2;
    const auto pause = half + std::chrono::nanoseconds(rng() % std::max<std::int64_t>(
                                                           1, (interval - half).count()));
    lame_duck_timer_->expires_after(pause);
    lame_duck_timer_->async_wait(
        [this, clients = std::move(clients), next, interval](boost::system::error_code ec) mutable {
            if (!ec) lameDuckCloseNext(std::move(clients), next + 1, interval);
        });
}

void Server::closeAllClients(CloseReason reason) {
    std::vector<std::shared_ptr<ClientConnection>> clients;
    {
        std::lock_guard lock(clients_mutex_);
        for (auto& [cid, c] : clients_) clients.push_back(c);
    }
    for (auto& c : clients) c->closeAsync(reason);
}

void Server::shutdown() { stop(CloseReason::ServerShutdown); }

void Server::kill() { stop(CloseReason::Killed); }

void Server::stop(CloseReason reason) {
    {
        std::lock_guard lock(state_mutex_);
        if (!running_ || stopped_) return;
        stopped_ = true;
    }
    const bool killed = reason == CloseReason::Killed;
    if (!killed) logger_.info("Initiating Shutdown...");
    if (!workers_.empty()) {
        boost::asio::post(workers_.front()->io, [this] {
            boost::system::error_code ec;
            if (acceptor_) acceptor_->close(ec);
            if (lame_duck_timer_) lame_duck_timer_->cancel();
        });
    }
    closeAllClients(reason);
    stopWorkers();
    if (!killed) logger_.info("Server Exiting..");
    // Notify under the lock: the waiter may destroy the server as soon as it wakes.
    std::lock_guard lock(state_mutex_);
    running_ = false;
    state_cv_.notify_all();
}

void Server::stopWorkers() {
    // Let queued closes run, then stop every loop.
    for (auto& guard : guards_) guard.reset();
    for (auto& worker : workers_) {
        boost::asio::post(worker->io, [w = worker.get()] { w->io.stop(); });
    }
    for (auto& worker : workers_) {
        if (worker->thread.joinable()) worker->thread.join();
    }
    {
        std::lock_guard lock(clients_mutex_);
        clients_.clear();
    }
}

void Server::waitForShutdown() {
    std::unique_lock lock(state_mutex_);
    state_cv_.wait(lock, [this] { return !running_; });
}

}  // namespace nwb::core
