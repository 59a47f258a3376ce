// One client connection: parses its input, routes its messages, and owns its outbound buffer.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "engine/auth/authenticator.h"
#include "engine/auth/permission_checker.h"
#include "engine/core/account.h"
#include "engine/core/close_reason.h"
#include "engine/core/connection_info.h"
#include "engine/core/message_router.h"
#include "engine/core/connect_options.h"
#include "engine/core/subject_trie.h"
#include "engine/protocol/client_parser.h"

namespace nwb::core {

class Server;
struct IoWorker;


class ClientConnection final : public std::enable_shared_from_this<ClientConnection>,
                               private protocol::ClientParserHandler {
public:
    ClientConnection(Server& server, IoWorker& worker, boost::asio::ip::tcp::socket socket,
                     std::uint64_t cid);
    ~ClientConnection() override;

    /// Sends INFO and starts reading. Own I/O thread.
    void start(bool over_max_connections);

    std::uint64_t cid() const { return cid_; }
    IoWorker& worker() { return worker_; }
    bool closed() const { return closed_.load(std::memory_order_acquire); }
    bool supportsHeaders() const { return headers_; }

    /// Closes from any thread (the work runs on the connection's own thread).
    void closeAsync(CloseReason reason);
    /// Sends the lame-duck INFO if this client takes async INFOs. Any thread.
    void sendLameDuckInfo();

    /// Takes one routed message for `sub` (one of ours): permission filter, auto-unsubscribe,
    /// outbound buffer, response grants. False when it was not taken. Any thread; the receiver
    /// joins the calling thread's DeliveryBatch.
    bool acceptDelivery(const SubscriptionPtr& sub, const protocol::PubArgs& pa,
                        std::string_view data, DeliveryTally& tally);
    /// Appends one delivery to the outbound buffer; false when the message was not queued
    /// (closed, or now a slow consumer). Any thread; the caller flushes via the batch.
    bool enqueueDelivery(const Subscription& sub, const protocol::PubArgs& pa,
                         std::string_view data);
    /// Removes a subscription that reached its auto-unsubscribe limit. Any thread.
    void dropSubscription(const SubscriptionPtr& sub);
    /// A snapshot for monitoring. Any thread.
    ConnectionInfo info(bool with_subscriptions);
    /// Writes everything buffered. Own I/O thread only.
    void flush();
    /// One non-blocking send of what is buffered, from a sender's thread, as nats-server's
    /// readers flush their receivers: it saves a wake-up of the receiver's thread. Returns true
    /// when nothing is left to write; false means the own thread must flush. Any thread.
    bool flushFromOtherThread();
    /// Holds `producer`'s reading until this connection's outbound bytes drain below half the
    /// stall level; false (nothing held) when they already are, or this connection is closed.
    /// Any thread.
    bool holdProducer(const std::shared_ptr<ClientConnection>& producer);
    /// True when the last append left more than the stall level pending. Any thread; a hint.
    bool congested() const { return congested_.load(std::memory_order_relaxed); }
    /// Marks a flush needed; returns true if the caller must schedule it (it was not yet marked).
    bool markFlushNeeded() {
        // The plain load first: most deliveries find the flag already set, and a read keeps the
        // cache line shared instead of bouncing it between threads.
        if (flush_needed_.load(std::memory_order_acquire)) return false;
        return !flush_needed_.exchange(true, std::memory_order_acq_rel);
    }

private:
    // ClientParserHandler
    bool onConnect(std::string_view json) override;
    bool onPubArgs(const protocol::PubArgs& args) override;
    bool onMsg(const protocol::PubArgs& args, std::string_view data) override;
    bool onSub(std::string_view subject, std::string_view queue, std::string_view sid) override;
    bool onUnsub(std::string_view sid, std::int64_t max) override;
    bool onPing() override;
    bool onPong() override;
    bool onInfo(std::string_view json) override;
    bool onErr(std::string_view text) override;
    bool onOpBeforeConnect() override;

    void readNext();
    /// Stops reading until a congested receiver drains or the stall times out, as nats-server
    /// stalls a fast producer. Own thread.
    void stallReading();
    /// Ends a stall (from the receiver's drain or the timer). Any thread.
    void resumeReading();
    /// Bytes queued and not yet written (out_mutex_ held).
    std::size_t pendingBytesLocked() const { return pending_.size() + writing_.size(); }
    /// The producers held by this connection once its outbound bytes are low enough, or when it
    /// closes (out_mutex_ held); the caller resumes them after unlocking.
    std::vector<std::weak_ptr<ClientConnection>> takeDrainedProducersLocked(bool closing);
    static void resumeProducers(std::vector<std::weak_ptr<ClientConnection>> producers);
    void onRead(std::size_t bytes);
    void handleParseStatus(protocol::ParseStatus status);
    void sendProto(std::string_view bytes);
    void traceIn(std::string_view op, std::string_view args);
    static std::string redactPassword(std::string_view connect_json);
    void sendErr(std::string_view text);
    void sendOk() { if (opts_.verbose) sendProto("+OK\r\n"); }
    void closeNow(CloseReason reason);
    void finishClose();
    void onWriteDone(boost::system::error_code ec, std::size_t written);
    /// One non-blocking send of pending_ (out_mutex_ held): bytes taken, or kSendFailed.
    std::size_t sendPendingLocked();
    void startPingTimer(std::chrono::milliseconds after);
    void onPingTimer();
    void startAuthTimer();
    bool authorize();
    /// Refuses the client as nats-server's authViolation: -ERR, close, auth-error event.
    void authViolation();
    /// The authenticated user's name, account and permissions become this connection's.
    void adoptUser(const auth::AuthenticatedUser& user);
    void bindAccount(std::string_view name);
    void applyPermissions(const std::optional<auth::Permissions>& permissions);
    bool isSlowConsumerLocked() const;
    const MatchResultPtr& matchCached(std::string_view subject);
    void deliver(const protocol::PubArgs& pa, std::string_view data);
    void sendNoResponders(std::string_view reply);
    void touchActivity();
    void addTallyToServer();

    Server& server_;
    IoWorker& worker_;
    boost::asio::ip::tcp::socket socket_;
    const std::uint64_t cid_;
    std::string remote_;  ///< "ip:port" for logs
    std::string client_ip_;
    int client_port_ = 0;

    protocol::ClientParser parser_;
    const bool trace_;  ///< -V: log every protocol operation
    Account* account_;  ///< own thread; set at CONNECT
    ConnectOptions opts_;
    bool connect_received_ = false;
    bool announced_ = false;  ///< the client-event listener heard of our CONNECT
    bool first_pong_sent_ = false;
    std::atomic<bool> headers_{false};
    std::atomic<bool> takes_async_info_{false};
    std::string read_buf_;

    // Permissions; the mutex guards checks made from other connections' threads at delivery.
    std::mutex perms_mutex_;
    std::optional<auth::PermissionChecker> perms_;
    std::atomic<bool> has_perms_{false};
    std::atomic<bool> tracks_responses_{false};
    std::atomic<bool> delivery_filter_{false};  ///< check every delivery against sub deny

    // Subscriptions by sid. Guarded: auto-unsubscribe can happen on a sender's thread.
    std::mutex subs_mutex_;
    std::unordered_map<std::string, SubscriptionPtr> subs_;

    // Per-connection cache of trie matches for subjects this connection publishes to.
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, MatchResultPtr, StringHash, std::equal_to<>> match_cache_;
    std::uint64_t match_cache_generation_ = ~std::uint64_t{0};
    std::string last_subject_;     ///< the most recent subject, checked before the map
    MatchResultPtr last_result_;

    // Outbound buffer: appended by any thread, written by the own thread.
    mutable std::mutex out_mutex_;
    std::string pending_;
    std::string writing_;
    bool write_in_progress_ = false;
    bool slow_consumer_ = false;  ///< over max_pending: closing, takes nothing more
    std::size_t stall_level_;  ///< pending bytes over which producers are held
    std::atomic<bool> congested_{false};
    std::vector<std::weak_ptr<ClientConnection>> held_producers_;  ///< guarded by out_mutex_
    alignas(64) std::atomic<bool> flush_needed_{false};

    // Timers and keepalive (own thread).
    boost::asio::steady_timer ping_timer_;
    boost::asio::steady_timer auth_timer_;
    boost::asio::steady_timer stall_timer_;
    bool reading_stalled_ = false;  ///< own thread: a receiver holds our reading
    int pings_out_ = 0;
    std::chrono::steady_clock::time_point last_in_{};

    // Monitoring: counters and facts about the client.
    WallClock::time_point start_;
    std::atomic<std::int64_t> last_activity_ns_{0};  ///< wall clock, ns since epoch
    std::atomic<std::int64_t> rtt_ns_{0};
    std::chrono::steady_clock::time_point accepted_at_;
    std::chrono::steady_clock::time_point ping_sent_at_;
    std::atomic<std::int64_t> in_msgs_{0};   ///< written by the own thread only
    std::atomic<std::int64_t> in_bytes_{0};
    std::int64_t out_msgs_ = 0;              ///< guarded by out_mutex_
    std::int64_t out_bytes_ = 0;
    struct Tally {
        std::int64_t in_msgs = 0, in_bytes = 0, out_msgs = 0, out_bytes = 0;
    } tally_;  ///< this read's totals, added to the server's counters once per read
    std::mutex meta_mutex_;  ///< guards the strings below, set at CONNECT
    std::string client_name_;
    std::string client_lang_;
    std::string client_version_;
    std::string authorized_user_;
    std::string account_name_ = std::string(kGlobalAccountName);

    std::atomic<bool> closed_{false};
    bool close_after_flush_ = false;
    bool socket_closed_ = false;
    CloseReason close_reason_ = CloseReason::ClientClosed;
};

}  // namespace nwb::core
