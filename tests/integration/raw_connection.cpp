#include "tests/integration/raw_connection.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace nwb::test {

std::expected<RawConnection, std::string> RawConnection::open(int port,
                                                              std::optional<int> receive_buffer) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return std::unexpected(std::string("socket: ") + std::strerror(errno));
    RawConnection connection(fd);
    if (receive_buffer) {
        const int size = *receive_buffer;
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        return std::unexpected(std::string("connect: ") + std::strerror(errno));
    }
    return connection;
}

RawConnection::RawConnection(RawConnection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), received_(std::move(other.received_)) {}

RawConnection::~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::sendAll(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

RawConnection::ReadEnd RawConnection::readSome(std::chrono::steady_clock::time_point deadline) {
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd pfd{fd_, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, static_cast<int>(std::max<long>(left.count(), 0)));
        if (ready == 0) return ReadEnd::kTimeout;
        if (ready < 0) {
            if (errno == EINTR) continue;
            return ReadEnd::kReset;
        }
        char buffer[16384];
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n > 0) {
            received_.append(buffer, static_cast<std::size_t>(n));
            return ReadEnd::kFound;
        }
        if (n == 0) return ReadEnd::kEof;
        if (errno == EINTR || errno == EAGAIN) continue;
        return ReadEnd::kReset;
    }
}

RawConnection::ReadEnd RawConnection::readUntil(std::string_view needle,
                                                std::chrono::milliseconds timeout,
                                                std::size_t from) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (received_.size() >= from &&
            std::string_view(received_).substr(from).find(needle) != std::string_view::npos) {
            return ReadEnd::kFound;
        }
        if (const ReadEnd end = readSome(deadline); end != ReadEnd::kFound) return end;
    }
}

RawConnection::ReadEnd RawConnection::readToEnd(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (const ReadEnd end = readSome(deadline); end != ReadEnd::kFound) return end;
    }
}

}  // namespace nwb::test
