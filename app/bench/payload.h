// The benchmark's message payload: publisher id and sequence number in the first 8 bytes, and
// (when the payload has room) the send time in nanoseconds in the next 8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>

namespace nwb::bench {

inline constexpr std::size_t kSequenceBytes = 8;
inline constexpr std::size_t kStampedBytes = 16;  ///< payloads this long also carry a time stamp
inline constexpr std::uint32_t kMaxPublishers = 0xFFFE;
inline constexpr std::uint32_t kWarmupPublisher = 0xFFFF;  ///< not counted by delivery checks
inline constexpr std::uint64_t kMaxSequence = (std::uint64_t{1} << 48) - 1;

struct PayloadHeader {
    std::uint32_t publisher = 0;
    std::uint64_t sequence = 0;
    std::int64_t stamp_ns = 0;  ///< 0 when the payload is shorter than kStampedBytes
};

/// `data` must hold at least kSequenceBytes.
inline void writePayloadHeader(char* data, std::size_t size, const PayloadHeader& header) {
    const std::uint64_t id =
        (std::uint64_t{header.publisher} << 48) | (header.sequence & kMaxSequence);
    std::memcpy(data, &id, sizeof id);
    if (size >= kStampedBytes)
        std::memcpy(data + kSequenceBytes, &header.stamp_ns, sizeof header.stamp_ns);
}

/// nullopt when the payload is too short to be one of ours.
inline std::optional<PayloadHeader> readPayloadHeader(const char* data, std::size_t size) {
    if (data == nullptr || size < kSequenceBytes) return std::nullopt;
    std::uint64_t id = 0;
    std::memcpy(&id, data, sizeof id);
    PayloadHeader header;
    header.publisher = static_cast<std::uint32_t>(id >> 48);
    header.sequence = id & kMaxSequence;
    if (size >= kStampedBytes)
        std::memcpy(&header.stamp_ns, data + kSequenceBytes, sizeof header.stamp_ns);
    return header;
}

}  // namespace nwb::bench
