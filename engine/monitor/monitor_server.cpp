// Beast HTTP/1.1 sessions (keep-alive) routed to the monitoring endpoints as Go's ServeMux
// routes nats-server's: exact paths under the base path, the index at the base path, else 404.
#include "engine/monitor/monitor_server.h"

#include "engine/core/server.h"
#include "engine/monitor/endpoints.h"
#include "engine/monitor/go_json.h"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <fmt/format.h>

#include <ctime>
#include <stdexcept>

namespace nwb::monitor {
namespace beast = boost::beast;
namespace http = boost::beast::http;
using boost::asio::ip::tcp;

namespace {

/// Go's net.JoinHostPort.
std::string joinHostPort(const std::string& host, int port) {
    if (host.find(':') != std::string::npos) return fmt::format("[{}]:{}", host, port);
    return fmt::format("{}:{}", host, port);
}

/// Go's url.PathUnescape, leaving a malformed escape as it is.
std::string unescapePath(std::string_view p) {
    std::string out;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '%' && i + 2 < p.size() &&
            std::isxdigit(static_cast<unsigned char>(p[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(p[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(p.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += p[i];
        }
    }
    return out;
}

std::string httpDate() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return buf;
}

HttpResponse answer(unsigned status, std::string content_type, std::string body) {
    HttpResponse r;
    r.status = status;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
    return r;
}

HttpResponse plainText(unsigned status, std::string body) {
    return answer(status, "text/plain; charset=utf-8", std::move(body));
}

}  // namespace

struct MonitorServer::Session : std::enable_shared_from_this<Session> {
    Session(MonitorServer& owner, tcp::socket socket) : owner_(owner), stream_(std::move(socket)) {}

    void readNext() {
        request_ = {};
        stream_.expires_after(std::chrono::minutes(2));
        http::async_read(stream_, buffer_, request_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (ec) return self->close();
                             self->respond();
                         });
    }

    void respond() {
        HttpResponse reply =
            owner_.handle({std::string(request_.method_string()), std::string(request_.target())});
        response_ = {};
        response_.version(request_.version());
        response_.result(reply.status);
        response_.set(http::field::content_type, reply.content_type);
        if (!reply.location.empty()) response_.set(http::field::location, reply.location);
        if (reply.nosniff) response_.set("X-Content-Type-Options", "nosniff");
        response_.set(http::field::date, httpDate());
        response_.keep_alive(request_.keep_alive());
        response_.content_length(reply.body.size());
        if (request_.method() != http::verb::head) response_.body() = std::move(reply.body);
        stream_.expires_after(std::chrono::minutes(2));
        http::async_write(stream_, response_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec || !self->response_.keep_alive()) return self->close();
                              self->readNext();
                          });
    }

    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.socket().close(ec);
    }

    MonitorServer& owner_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> request_;
    http::response<http::string_body> response_;
};

MonitorServer::MonitorServer(core::Server& server)
    : server_(server), base_path_(normalizeBasePath(server.options().http_base_path)) {
    const core::ServerOptions& o = server.options();
    host_ = o.http_host.empty() ? o.host : o.http_host;
}

MonitorServer::~MonitorServer() { stop(); }

void MonitorServer::start() {
    const int wanted = server_.options().http_port < 0 ? 0 : server_.options().http_port;
    const std::string where = joinHostPort(host_, wanted);
    boost::system::error_code ec;
    tcp::endpoint endpoint;
    const auto address = boost::asio::ip::make_address(host_, ec);
    if (!ec) {
        endpoint = {address, static_cast<unsigned short>(wanted)};
    } else {
        tcp::resolver resolver(io_);
        const auto results = resolver.resolve(host_, std::to_string(wanted), ec);
        if (ec || results.empty()) {
            throw std::runtime_error(
                fmt::format("can't listen to the monitor port: listen tcp {}: "
                            "lookup {}: {}",
                            where, host_, ec.message()));
        }
        endpoint = results.begin()->endpoint();
    }
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
    if (ec) {
        std::string message = ec.message();
        if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
        throw std::runtime_error(
            fmt::format("can't listen to the monitor port: listen tcp {}: "
                        "bind: {}",
                        where, message));
    }
    port_ = acceptor_.local_endpoint().port();
    server_.logger().info("Starting http monitor on {}", joinHostPort(host_, port_));
    acceptNext();
    scheduleSample();
    thread_ = std::thread([this] { io_.run(); });
}

void MonitorServer::stop() {
    if (!thread_.joinable()) return;
    boost::asio::post(io_, [this] {
        boost::system::error_code ec;
        acceptor_.close(ec);
        sample_timer_.cancel();
        io_.stop();
    });
    thread_.join();
}

void MonitorServer::acceptNext() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
        if (ec == boost::asio::error::operation_aborted || !acceptor_.is_open()) return;
        if (!ec) std::make_shared<Session>(*this, std::move(socket))->readNext();
        acceptNext();
    });
}

void MonitorServer::scheduleSample() {
    sample_timer_.expires_after(std::chrono::seconds(1));
    sample_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec) return;
        usage_.sample();
        scheduleSample();
    });
}

HttpResponse MonitorServer::handle(const HttpRequest& request) {
    using Endpoint = EndpointResult (*)(MonitorContext&, const QueryParams&);
    struct Route {
        const char* path;
        Endpoint endpoint;
    };
    static constexpr Route kRoutes[] = {
        {"/varz", varz},
        {"/connz", connzAnyAccount},
        {"/routez", routez},
        {"/gatewayz", gatewayz},
        {"/leafz", leafz},
        {"/subsz", subsz},
        {"/subscriptionsz", subsz},
        {"/accountz", accountz},
        {"/accstatz", accstatz},
        {"/jsz", jsz},
        {"/healthz", healthz},
        {"/ipqueuesz", ipqueuesz},
    };
    const std::string_view target = request.target;
    const std::size_t question = target.find('?');
    const std::string path = unescapePath(target.substr(0, question));
    const QueryParams query(question == std::string_view::npos ? std::string_view{}
                                                               : target.substr(question + 1));
    MonitorContext ctx{server_, usage_, http_req_stats_, jetstream_.load()};
    if (const std::string clean = cleanRequestPath(path); clean != path) {
        // Go's ServeMux sends unclean paths ("//varz", "/a/../varz") to their clean form.
        std::string location = clean;
        if (question != std::string_view::npos) location += target.substr(question);
        HttpResponse moved = answer(301, "text/html; charset=utf-8",
                                    "<a href=\"" + location + "\">Moved Permanently</a>.\n\n");
        moved.location = std::move(location);
        return moved;
    }

    for (const Route& route : kRoutes) {
        if (path != joinPath(base_path_, route.path)) continue;
        EndpointResult result = route.endpoint(ctx, query);
        if (!result) return plainText(400, std::move(result.error()));
        // /healthz is the one endpoint nats-server writes without indentation.
        std::string body = goJson(*result, route.endpoint != healthz);
        if (const std::string callback = query.get("callback"); !callback.empty()) {
            return answer(200, "application/javascript", callback + "(" + body + ")");
        }
        return answer(200, "application/json", std::move(body));
    }
    if (path == base_path_) {
        return answer(200, "text/html; charset=utf-8", indexPage(ctx, base_path_));
    }
    HttpResponse not_found = plainText(404, "404 page not found\n");
    not_found.nosniff = true;
    return not_found;
}

}  // namespace nwb::monitor
