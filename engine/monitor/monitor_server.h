// The HTTP monitoring listener (-m, http, http_port): nats-server's endpoints served by
// Boost.Beast on a thread and io_context of its own, never on the client I/O threads.
#pragma once

#include "engine/monitor/proc_usage.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <thread>

namespace nwb::core {
class Server;
}
namespace nwb::jetstream {
class JetStreamService;
}

namespace nwb::monitor {

/// One HTTP request as the endpoints see it.
struct HttpRequest {
    std::string method;  ///< "GET", "HEAD", ...
    std::string target;  ///< path and query, e.g. "/connz?subs=1"
};

/// One HTTP answer: status, Content-Type and body, whether Go would add nosniff, a redirect.
struct HttpResponse {
    unsigned status = 200;
    std::string content_type;
    std::string body;
    bool nosniff = false;
    std::string location;  ///< for redirects
};

class MonitorServer {
public:
    /// `server` must outlive this object.
    explicit MonitorServer(core::Server& server);
    /// Stops first if still running.
    ~MonitorServer();
    MonitorServer(const MonitorServer&) = delete;
    MonitorServer& operator=(const MonitorServer&) = delete;

    /// Binds http_host:http_port (-1: a random port; an empty host: the client listener's),
    /// logs "Starting http monitor on host:port" and serves on a new thread. Throws
    /// std::runtime_error("can't listen to the monitor port: ...") when it cannot bind.
    /// Any thread, once.
    void start();
    /// Closes the listener and joins the monitor thread. Any thread but the monitor thread;
    /// blocks until the thread is gone.
    void stop();

    /// The host as configured (what the log line and the ports file show). Any thread.
    const std::string& host() const { return host_; }
    /// The bound port, valid after start(). Any thread.
    int port() const { return port_; }

    /// The JetStream service /jsz and /varz report on (null: JetStream off, the default). Any
    /// thread; `service` must stay alive until stop() returned or another one is set.
    void setJetStream(jetstream::JetStreamService* service) { jetstream_.store(service); }

    /// Answers one request. Monitor thread only (tests may call it on a stopped monitor).
    HttpResponse handle(const HttpRequest& request);

private:
    struct Session;
    void acceptNext();
    void scheduleSample();

    core::Server& server_;
    std::string host_;
    std::string base_path_;
    int port_ = 0;
    ProcUsage usage_;
    std::map<std::string, std::uint64_t> http_req_stats_;  ///< monitor thread only
    std::atomic<jetstream::JetStreamService*> jetstream_{nullptr};

    boost::asio::io_context io_{1};
    boost::asio::ip::tcp::acceptor acceptor_{io_};
    boost::asio::steady_timer sample_timer_{io_};
    std::thread thread_;
};

}  // namespace nwb::monitor
