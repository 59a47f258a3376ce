// Helpers for the embedding-API tests: raw TCP probes, a one-shot HTTP GET, and a recorder of
// node state changes that the test thread waits on with a deadline.
#pragma once

#include "engine/embed/node.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace nwb::test {

/// The outcome of one TCP connect to 127.0.0.1.
enum class Probe { Accepted, Refused, Other };

inline Probe probePort(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return Probe::Other;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    const int err = errno;
    ::close(fd);
    if (rc == 0) return Probe::Accepted;
    return err == ECONNREFUSED ? Probe::Refused : Probe::Other;
}

/// GET `path` with HTTP/1.0 (the server closes when done); returns the whole response, or ""
/// when the connection fails. Reads time out after 5 s.
inline std::string httpGet(int port, const std::string& path) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return {};
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return {};
    }
    const std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
        ::close(fd);
        return {};
    }
    std::string response;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        response.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return response;
}

/// Records every state a node reports, from whichever thread reports it.
class StateRecorder {
public:
    explicit StateRecorder(embed::Node& node) : node_(node) {
        id_ =
            node.addStateListener([this](embed::Node&, embed::NodeState state, const std::string&) {
                {
                    std::lock_guard lock(mutex_);
                    states_.push_back(state);
                }
                changed_.notify_all();
            });
    }
    ~StateRecorder() { node_.removeStateListener(id_); }
    StateRecorder(const StateRecorder&) = delete;
    StateRecorder& operator=(const StateRecorder&) = delete;

    /// The states reported so far, and forgets them.
    std::vector<embed::NodeState> take() {
        std::lock_guard lock(mutex_);
        return std::exchange(states_, {});
    }

    /// Waits until `state` has been reported. False on timeout.
    bool waitFor(embed::NodeState state, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] {
            for (embed::NodeState s : states_) {
                if (s == state) return true;
            }
            return false;
        });
    }

private:
    embed::Node& node_;
    std::size_t id_ = 0;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<embed::NodeState> states_;
};

}  // namespace nwb::test
