// The byte layout of segment records and segment headers (docs/storage-format.md). No
// std::expected here: the fuzz build compiles this file with clang against libstdc++ 12.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace nwb::store {

enum class RecordType : std::uint8_t {
    Message = 1,    ///< a stored message: seq, ts, subject, headers, payload
    Tombstone = 2,  ///< message `seq` was removed
    Floor = 3,      ///< every sequence below `seq` was removed; the last sequence is at least seq-1
    Erased = 4,     ///< a message overwritten in place by erase: random bytes, not a message
};

inline constexpr std::uint32_t kRecordMagic = 0x5242574eu;  ///< bytes "NWBR" in file order
inline constexpr std::size_t kRecordHeaderSize = 32;
inline constexpr std::size_t kRecordTrailerSize = 4;  ///< CRC32C of header and body
inline constexpr std::size_t kRecordOverhead = kRecordHeaderSize + kRecordTrailerSize;
/// The largest record the decoder accepts; a longer length field is corruption.
inline constexpr std::uint64_t kMaxRecordSize = 256ull * 1024 * 1024;

inline constexpr std::uint32_t kSegmentMagic = 0x5342574eu;  ///< bytes "NWBS"
inline constexpr std::uint16_t kSegmentVersion = 1;
inline constexpr std::size_t kSegmentHeaderSize = 32;

enum class DecodeStatus : std::uint8_t {
    Ok,
    Truncated,    ///< the bytes end before the record does
    BadMagic,
    BadType,
    BadLength,    ///< lengths over kMaxRecordSize, or a body on a record type that has none
    BadChecksum,
};

/// A decoded record. The views point into the decoded buffer.
struct RecordView {
    RecordType type = RecordType::Message;
    std::uint64_t seq = 0;
    std::int64_t ts = 0;
    std::string_view subject;
    std::string_view headers;
    std::string_view payload;
};

struct DecodeResult {
    DecodeStatus status = DecodeStatus::Truncated;
    std::size_t length = 0;  ///< bytes of the whole record when status is Ok
    RecordView record;
};

/// Bytes a record with these field lengths takes on disk.
constexpr std::uint64_t encodedRecordSize(std::size_t subject, std::size_t headers,
                                          std::size_t payload) {
    return kRecordOverhead + std::uint64_t(subject) + headers + payload;
}

/// Appends one encoded record to `out`. Lengths must fit their fields (checked by the caller).
void encodeRecord(std::string& out, RecordType type, std::uint64_t seq, std::int64_t ts,
                  std::string_view subject, std::string_view headers, std::string_view payload);

/// Decodes the record at the start of `bytes`. Never reads outside `bytes`.
DecodeResult decodeRecord(std::string_view bytes);

struct SegmentHeader {
    std::uint64_t segment_id = 0;
    std::uint64_t base_seq = 0;  ///< the store's next sequence when the segment was created
};

void encodeSegmentHeader(std::string& out, const SegmentHeader& header);
/// False when `bytes` does not start with a valid segment header.
bool decodeSegmentHeader(std::string_view bytes, SegmentHeader& header);

// Little-endian field access shared by the codecs.
void putU16(std::string& out, std::uint16_t v);
void putU32(std::string& out, std::uint32_t v);
void putU64(std::string& out, std::uint64_t v);
std::uint16_t getU16(const char* p);
std::uint32_t getU32(const char* p);
std::uint64_t getU64(const char* p);

}  // namespace nwb::store
