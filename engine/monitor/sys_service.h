// The system account's services ($SYS.REQ.SERVER.*, $SYS.REQ.ACCOUNT.*, periodic STATSZ, client
// advisories) on a thread and io_context of their own, independent of the HTTP monitor.
#pragma once

#include "engine/core/connection_info.h"
#include "engine/core/internal_subscriber.h"
#include "engine/core/subscription.h"
#include "engine/monitor/content_encoding.h"
#include "engine/monitor/proc_usage.h"
#include "engine/monitor/sys_messages.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace nwb::core {
class Account;
class Server;
}  // namespace nwb::core
namespace nwb::jetstream {
class JetStreamService;
}

namespace nwb::monitor {

class SysService {
public:
    /// `server` must outlive this object.
    explicit SysService(core::Server& server);
    /// Stops first if still running.
    ~SysService();
    SysService(const SysService&) = delete;
    SysService& operator=(const SysService&) = delete;

    /// Subscribes in the system account (and the imports of the other accounts), starts the
    /// thread and the STATSZ timer. Does nothing with `no_system_account`. Any thread, once,
    /// after the server started.
    void start();
    /// Unsubscribes and joins the thread. Any thread but this service's; blocks until it is gone.
    void stop();

    /// The JetStream service JSZ and the ACCOUNT.<acc>.JSZ requests report on (null: off, the
    /// default). Any thread; `service` must stay alive until stop() returned or another is set.
    void setJetStream(jetstream::JetStreamService* service) { jetstream_.store(service); }

    /// Publishes the account's new connection count (`$SYS.ACCOUNT.<acc>.SERVER.CONNS`) and
    /// `$SYS.ACCOUNT.<acc>.CONNECT` / `.DISCONNECT` for a client of any account but "$G".
    /// Any thread (an I/O thread); never blocks: the work runs on this service's thread.
    void onClientEvent(const core::ConnectionInfo& info, bool connected);

    /// Publishes `$SYS.SERVER.<id>.CLIENT.AUTH.ERR` (nats-server's DisconnectEventMsg, reason
    /// "Authentication Failure") for a client that failed to authenticate.
    /// Any thread (an I/O thread); never blocks: the work runs on this service's thread.
    void onAuthError(const core::ConnectionInfo& info);

    /// Publishes `$SYS.SERVER.<id>.SHUTDOWN` (nats-server's ServerInfo) once, then sends no more
    /// events or replies, as nats-server's shutdownEventing. Call before the server closes its
    /// clients. Any thread but this service's; returns once the message is in the receivers'
    /// outbound buffers (their own threads write what one send could not take).
    void sendShutdownEvent();

    /// STATSZ broadcast interval after the start-up ramp (250 ms doubling up to this).
    static constexpr std::chrono::seconds kStatszInterval{30};

private:
    /// What one internal subscription answers.
    enum class Kind {
        Server,          ///< $SYS.REQ.SERVER.{PING,<id>}.<endpoint>
        ServerPing,      ///< $SYS.REQ.SERVER.PING (STATSZ)
        AccountConnz,    ///< $SYS.REQ.ACCOUNT.*.CONNZ (and the imports in other accounts)
        AccountSubsz,    ///< $SYS.REQ.ACCOUNT.*.SUBSZ
        AccountLeafz,    ///< $SYS.REQ.ACCOUNT.*.LEAFZ
        AccountJsz,      ///< $SYS.REQ.ACCOUNT.*.JSZ
        AccountInfo,     ///< $SYS.REQ.ACCOUNT.*.INFO
        AccountStatz,    ///< $SYS.REQ.ACCOUNT.*.STATZ (and the import in other accounts)
        AccountConns,    ///< $SYS.REQ.ACCOUNT.*.CONNS
        AccountPingStatz, ///< $SYS.REQ.ACCOUNT.PING.STATZ in the system account
        AccountNsubs,     ///< $SYS.REQ.ACCOUNT.NSUBS: an account's subscriptions on a subject
        DebugSubscribers  ///< $SYS.DEBUG.SUBSCRIBERS: the same for the requester's account
    };
    struct Handler;
    struct Request {
        Kind kind;
        SysEndpoint endpoint;
        core::Account* account;      ///< where the request arrived (and the reply goes)
        std::string scope;           ///< the account an imported request is about, else ""
        std::string subject;
        std::string reply;
        std::string headers;
        std::string payload;
    };

    void subscribe(core::Account& account, const std::string& subject, Kind kind,
                   SysEndpoint endpoint, std::string scope = {});
    void handle(const Request& request);
    void handleServer(const Request& request);
    void handleAccount(const Request& request);
    /// NSUBS and DEBUG.SUBSCRIBERS: a bare number, or no answer at all, as nats-server.
    void handleSubscriberCount(const Request& request);
    /// zReq: decode options, skip when filtered, answer with data or error.
    template <typename Fn>
    void answer(const Request& request, SysEndpoint options_of, Fn&& produce);
    /// ServerAPIResponse: `data`, or `error` (with "data": null first when `null_data`),
    /// compressed as `encoding` says.
    void sendEnvelope(core::Account& account, const std::string& reply, boost::json::value data,
                      int error_code, const std::string& error, bool null_data = false,
                      ContentEncoding encoding = ContentEncoding::None);
    void sendStatsz(const std::string& subject);
    /// nats-server's AccountNumConns for `account`, not counting `leaving_cid` (0: none).
    boost::json::object accountConns(core::Account& account, std::uint64_t leaving_cid);
    /// Publishes it on $SYS.SERVER.ACCOUNT.<acc>.CONNS and $SYS.ACCOUNT.<acc>.SERVER.CONNS.
    void sendAccountConns(core::Account& account, std::uint64_t leaving_cid);
    void publish(core::Account& account, const std::string& subject,
                 const boost::json::value& message);
    void scheduleStatsz();
    void scheduleSample();

    core::Server& server_;
    core::Account* system_ = nullptr;
    ProcUsage usage_;
    std::map<std::string, std::uint64_t> scratch_stats_;  ///< service thread only
    std::atomic<std::uint64_t> seq_{1};
    std::vector<std::unique_ptr<Handler>> handlers_;
    std::vector<core::SubscriptionPtr> subscriptions_;

    boost::asio::io_context io_{1};
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
        io_.get_executor()};
    boost::asio::steady_timer statsz_timer_{io_};
    boost::asio::steady_timer sample_timer_{io_};
    std::chrono::milliseconds statsz_delay_{250};
    std::atomic<bool> running_{false};
    std::atomic<bool> shutdown_sent_{false};
    std::atomic<jetstream::JetStreamService*> jetstream_{nullptr};
    std::thread thread_;
};

}  // namespace nwb::monitor
