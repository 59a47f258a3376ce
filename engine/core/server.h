// The NATS server: listener, I/O threads, connections and the global account's subject trie.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "engine/auth/authenticator.h"
#include "engine/base/logger.h"
#include "engine/core/account.h"
#include "engine/core/close_reason.h"
#include "engine/core/connection_info.h"
#include "engine/core/internal_subscriber.h"
#include "engine/core/server_options.h"
#include "engine/core/subject_trie.h"

namespace nwb::core {

class ClientConnection;

/// The version INFO, /varz and $SYS report. Clients switch JetStream features on by it (nats.js
/// needs 2.10 for filter lists, metadata, first_seq, transforms); docs/compat.md lists where
/// behaviour follows 2.9.10 instead.
inline constexpr std::string_view kAdvertisedVersion = "2.10.22";

/// One I/O thread and its event loop. Connections live on exactly one worker.
struct IoWorker {
    boost::asio::io_context io{1};
    std::thread thread;
};

class Server {
public:
    explicit Server(ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds the listener and starts the I/O threads. Throws std::runtime_error on failure.
    /// Any thread; returns once connections are accepted.
    void start();
    /// Closes every connection and stops the threads. Any thread but an I/O thread; blocks.
    void shutdown();
    /// Stops as a crash would: every connection is dropped at once, nothing pending is written,
    /// no events are sent. For the embedding API's "kill". Any thread but an I/O thread; blocks.
    void kill();
    /// Blocks until shutdown() has finished (e.g. at the end of lame-duck mode).
    void waitForShutdown();
    /// Stops accepting, tells clients (INFO "ldm"), closes them over the configured duration,
    /// then shuts down. Any thread; returns at once.
    void enterLameDuckMode();

    const ServerOptions& options() const { return options_; }
    const std::string& serverId() const { return server_id_; }
    const std::string& serverName() const { return server_name_; }
    int port() const { return port_; }
    base::Logger& logger() { return logger_; }
    /// The global account's trie ("$G"), where users without an account live.
    SubjectTrie& trie() { return global_account_->trie(); }
    Account& globalAccount() { return *global_account_; }
    /// The system account, or null with `no_system_account`.
    Account* systemAccount() { return system_account_; }
    /// The account of that name, or null. Accounts are fixed at construction. Any thread.
    Account* findAccount(std::string_view name);
    /// Every account, in name order. Any thread.
    std::vector<Account*> accounts();
    const auth::Authenticator& authenticator() const { return authenticator_; }
    bool lameDuck() const { return lame_duck_.load(); }

    /// The INFO line for one client (without the "INFO " prefix and CRLF). Any thread.
    std::string infoJson(std::uint64_t client_id, const std::string& client_ip, bool ldm) const;

    /// Told when a client completes CONNECT (`connected` true) and when a client that had
    /// connected closes (false, with stop time and reason). Runs on the connection's thread and
    /// must not block. Set before start().
    using ClientEventListener = std::function<void(const ConnectionInfo&, bool connected)>;
    void setClientEventListener(ClientEventListener listener) {
        client_event_listener_ = std::move(listener);
    }
    /// Called by connections. Own thread.
    void notifyClientEvent(const ConnectionInfo& info, bool connected) {
        if (client_event_listener_) client_event_listener_(info, connected);
    }
    /// Told when a client fails authentication (nats-server's authViolation): `authorized_user`
    /// holds what the client identified itself with (nkey, user or token, as nats-server's
    /// getRawAuthUser), stop time and reason are set. Runs on the connection's thread and must
    /// not block. Set before start().
    using AuthErrorListener = std::function<void(const ConnectionInfo&)>;
    void setAuthErrorListener(AuthErrorListener listener) {
        auth_error_listener_ = std::move(listener);
    }
    /// Called by connections. Own thread.
    void notifyAuthError(const ConnectionInfo& info) {
        if (auth_error_listener_) auth_error_listener_(info);
    }

    // In-process messaging for engine services ($JS.API, $SYS).
    /// Subscribes `subscriber` (which must outlive the subscription) to `subject`, in `queue` if
    /// not empty. Returns null for an invalid subject. Any thread.
    SubscriptionPtr subscribeInternal(Account& account, std::string_view subject,
                                      std::string_view queue, InternalSubscriber* subscriber);
    SubscriptionPtr subscribeInternal(std::string_view subject, std::string_view queue,
                                      InternalSubscriber* subscriber) {
        return subscribeInternal(globalAccount(), subject, queue, subscriber);
    }
    /// Any thread; after it returns no new delivery starts (one in progress may finish).
    void unsubscribeInternal(const SubscriptionPtr& sub);
    /// Publishes as the server: routed like a client's message. `headers` is a complete
    /// "NATS/1.0..." block or empty. Any thread; never blocks on a receiver. Returns true if
    /// anyone took it.
    bool publishInternal(Account& account, std::string_view subject, std::string_view reply,
                         std::string_view headers, std::string_view payload);
    bool publishInternal(std::string_view subject, std::string_view reply, std::string_view headers,
                         std::string_view payload) {
        return publishInternal(globalAccount(), subject, reply, headers, payload);
    }

    /// As publishInternal(), but matched against `deliver_subject` while the MSG line carries
    /// `subject`: how JetStream delivers a stored message to a consumer's deliver subject or a
    /// pull request's inbox with the message's original subject. Any thread.
    bool deliverInternal(Account& account, std::string_view deliver_subject,
                         std::string_view subject, std::string_view reply,
                         std::string_view headers, std::string_view payload);

    /// Called by a connection on its own thread when it has closed.
    void onClientClosed(std::uint64_t cid, ConnectionInfo final_info);

    // Monitoring. Any thread.
    ServerCounters& counters() { return counters_; }
    WallClock::time_point startTime() const { return start_time_; }
    std::size_t connectionCount();
    /// Open connections, in cid order.
    std::vector<ConnectionInfo> connections(bool with_subscriptions);
    /// Recently closed connections, oldest first (at most max_closed_clients).
    std::vector<ConnectionInfo> closedConnections();

private:
    void acceptNext();
    void onAccepted(IoWorker& owner, boost::asio::ip::tcp::socket socket);
    void closeAllClients(CloseReason reason);
    void stop(CloseReason reason);
    void lameDuckCloseNext(std::vector<std::shared_ptr<ClientConnection>> clients,
                           std::size_t next, std::chrono::nanoseconds interval);
    void stopWorkers();

    /// nats-server's sysAccOnlyNoAuthUser: the no_auth_user it makes up when the system account
    /// is the only configured account (empty: none). Initialised before options_, from which
    /// it is then added.
    std::string implicit_no_auth_user_;
    ServerOptions options_;
    base::Logger logger_;
    std::string server_id_;
    std::string server_name_;
    auth::Authenticator authenticator_;
    std::map<std::string, std::unique_ptr<Account>, std::less<>> accounts_;
    Account* global_account_ = nullptr;
    Account* system_account_ = nullptr;
    int port_ = 0;

    std::vector<std::unique_ptr<IoWorker>> workers_;
    std::vector<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guards_;
    std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
    std::unique_ptr<boost::asio::steady_timer> lame_duck_timer_;
    std::size_t next_worker_ = 0;
    std::atomic<std::uint64_t> next_cid_{0};

    std::mutex clients_mutex_;
    std::unordered_map<std::uint64_t, std::shared_ptr<ClientConnection>> clients_;

    ClientEventListener client_event_listener_;
    AuthErrorListener auth_error_listener_;
    ServerCounters counters_;
    WallClock::time_point start_time_ = WallClock::now();
    std::mutex closed_mutex_;
    std::deque<ConnectionInfo> closed_;

    std::atomic<bool> lame_duck_{false};
    std::mutex state_mutex_;
    std::condition_variable state_cv_;
    bool running_ = false;
    bool stopped_ = false;
};

}  // namespace nwb::core
