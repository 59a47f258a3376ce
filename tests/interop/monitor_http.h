// Test helpers for the HTTP monitoring endpoints: a plain-socket HTTP/1.1 GET, the monitor port
// from the server's log line, and JSON access with readable failures.
#pragma once

#include "tests/integration/server_process.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <arpa/inet.h>
#include <cctype>
#include <chrono>
#include <expected>
#include <netinet/in.h>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <unistd.h>

namespace nwb::test {

struct HttpReply {
    int status = 0;
    std::string content_type;
    std::string body;
    std::string headers;  ///< the raw header block
};

/// GET http://127.0.0.1:<port><target> with "Connection: close", read to EOF. Blocking, with a
/// 5 s receive timeout.
inline std::expected<HttpReply, std::string> httpGet(int port, const std::string& target) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return std::unexpected(std::string("socket failed"));
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return std::unexpected("connect to monitor port " + std::to_string(port) + " failed");
    }
    const std::string request =
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
        ::close(fd);
        return std::unexpected(std::string("send failed"));
    }
    std::string raw;
    char buf[8192];
    for (;;) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        raw.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    const auto head_end = raw.find("\r\n\r\n");
    if (head_end == std::string::npos || raw.size() < 12) {
        return std::unexpected("malformed HTTP reply: " + raw);
    }
    HttpReply reply;
    reply.status = std::stoi(raw.substr(9, 3));
    reply.headers = raw.substr(0, head_end);
    reply.body = raw.substr(head_end + 4);
    std::string lower = reply.headers;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
        // Go's net/http streams bodies over 2 KB in chunks.
        std::string body;
        std::size_t pos = 0;
        for (;;) {
            const auto line_end = reply.body.find("\r\n", pos);
            if (line_end == std::string::npos) return std::unexpected("bad chunk: " + reply.body);
            const std::size_t size =
                std::stoul(reply.body.substr(pos, line_end - pos), nullptr, 16);
            if (size == 0) break;
            body += reply.body.substr(line_end + 2, size);
            pos = line_end + 2 + size + 2;
        }
        reply.body = std::move(body);
    }
    if (const auto ct = lower.find("\r\ncontent-type: "); ct != std::string::npos) {
        const auto start = ct + 16;
        reply.content_type = reply.headers.substr(start, lower.find("\r\n", start) - start);
    }
    return reply;
}

/// The port of the server's "Starting http monitor on <host>:<port>" line, or 0.
inline int monitorPort(const ServerProcess& server) {
    constexpr std::string_view kLine = "Starting http monitor on ";
    if (!server.waitForOutput(kLine, std::chrono::seconds(10))) return 0;
    // The line may still be incomplete: wait for its end.
    for (int i = 0; i < 100; ++i) {
        const std::string out = server.output();
        const auto at = out.find(kLine);
        const auto end = out.find('\n', at);
        if (end != std::string::npos) {
            const std::string hostport = out.substr(at + kLine.size(), end - at - kLine.size());
            return std::stoi(hostport.substr(hostport.rfind(':') + 1));
        }
        server.waitForOutput("\n", std::chrono::milliseconds(50), at + kLine.size());
    }
    return 0;
}

/// Parses a JSON body; on failure returns a null value.
inline boost::json::value parseJson(const std::string& text) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(text, ec);
    return ec ? boost::json::value() : v;
}

/// The value at a "/"-separated path of object keys and array indices, or null.
inline const boost::json::value& at(const boost::json::value& root, std::string_view path) {
    static const boost::json::value kNull;
    const boost::json::value* v = &root;
    while (!path.empty()) {
        const auto slash = path.find('/');
        const std::string_view part = path.substr(0, slash);
        path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
        if (v->is_object()) {
            const auto* found = v->get_object().if_contains(part);
            if (found == nullptr) return kNull;
            v = found;
        } else if (v->is_array()) {
            const std::size_t index = std::stoul(std::string(part));
            if (index >= v->get_array().size()) return kNull;
            v = &v->get_array()[index];
        } else {
            return kNull;
        }
    }
    return *v;
}

/// A number of any JSON kind as int64 (-1 when not a number).
inline std::int64_t num(const boost::json::value& v) {
    if (v.is_int64()) return v.get_int64();
    if (v.is_uint64()) return static_cast<std::int64_t>(v.get_uint64());
    if (v.is_double()) return static_cast<std::int64_t>(v.get_double());
    return -1;
}

inline std::string str(const boost::json::value& v) {
    return v.is_string() ? std::string(v.get_string()) : "<" + boost::json::serialize(v) + ">";
}

}  // namespace nwb::test
