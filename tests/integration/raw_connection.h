// A plain TCP client for tests that need to misbehave (stop reading) or see exact protocol bytes.
#pragma once

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace nwb::test {

class RawConnection {
public:
    enum class ReadEnd { kFound, kEof, kReset, kTimeout };

    /// Connects to 127.0.0.1:`port`. A small `receive_buffer` (SO_RCVBUF, set before connecting)
    /// makes the peer's writes block sooner when this side stops reading.
    static std::expected<RawConnection, std::string> open(int port,
                                                          std::optional<int> receive_buffer = {});

    RawConnection(RawConnection&& other) noexcept;
    RawConnection& operator=(RawConnection&&) = delete;
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;
    ~RawConnection();

    bool sendAll(std::string_view bytes);

    /// Reads until `needle` occurs in received() at or after `from`, the peer closes, or the
    /// deadline.
    ReadEnd readUntil(std::string_view needle, std::chrono::milliseconds timeout,
                      std::size_t from = 0);
    /// Reads until the peer closes the connection (kEof or kReset) or the deadline (kTimeout).
    ReadEnd readToEnd(std::chrono::milliseconds timeout);

    /// Everything read so far.
    const std::string& received() const { return received_; }

private:
    explicit RawConnection(int fd) : fd_(fd) {}
    /// One read with a deadline; kFound means "got bytes".
    ReadEnd readSome(std::chrono::steady_clock::time_point deadline);

    int fd_ = -1;
    std::string received_;
};

}  // namespace nwb::test
