// Reading a segment file: record metadata, corrupt regions skipped with resynchronisation, and
// the torn tail. No std::expected (fuzz build; see record_codec.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/store/record_codec.h"

namespace nwb::store {

/// What the store keeps of a record to find it again: everything but headers and payload.
struct RecordMeta {
    RecordType type = RecordType::Message;
    std::uint64_t seq = 0;
    std::int64_t ts = 0;
    std::uint64_t offset = 0;  ///< from the start of the segment file
    std::uint32_t length = 0;  ///< the whole record
    std::string subject;
};

struct CorruptRegion {
    std::uint64_t offset = 0;  ///< first byte that failed to decode
    std::uint64_t length = 0;  ///< bytes skipped up to the next valid record
    DecodeStatus reason = DecodeStatus::BadChecksum;
};

struct SegmentScan {
    std::vector<RecordMeta> records;
    std::vector<CorruptRegion> corrupt;  ///< skipped regions with a valid record after them
    std::uint64_t valid_end = 0;         ///< end of the last valid record (or `base`)
    std::uint64_t torn_bytes = 0;        ///< bytes after valid_end with no valid record in them
    DecodeStatus torn_reason = DecodeStatus::Ok;
};

/// Scans `bytes`, the segment file's contents from offset `base` to its end; offsets in the
/// result are from the start of the file. A record that fails to decode is skipped up to the
/// next offset holding a valid record (magic, lengths, checksum; a message's sequence must
/// exceed the last message's); when none follows, the rest is the torn tail.
SegmentScan scanSegment(std::string_view bytes, std::uint64_t base);

inline constexpr std::uint32_t kIndexMagic = 0x5842574eu;  ///< bytes "NWBX"
inline constexpr std::uint16_t kIndexVersion = 1;
inline constexpr std::size_t kIndexHeaderSize = 28;
inline constexpr std::size_t kIndexEntrySize = 31;  ///< without the subject bytes

/// A segment's index file: the metadata of every record in its first `covered_len` bytes.
struct SegmentIndexFile {
    std::uint64_t segment_id = 0;
    std::uint64_t covered_len = 0;
    std::vector<RecordMeta> entries;
};

enum class IndexStatus : std::uint8_t { Ok, Truncated, BadMagic, BadChecksum, BadEntry };

void encodeSegmentIndex(std::string& out, const SegmentIndexFile& index);
/// Decodes and checks an index file: checksum, entries in order and inside covered_len.
IndexStatus decodeSegmentIndex(std::string_view bytes, SegmentIndexFile& index);

}  // namespace nwb::store
