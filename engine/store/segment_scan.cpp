// Segment scanning with resynchronisation after corrupt records, and the index-file codec.
#include "engine/store/segment_scan.h"

#include "engine/store/crc32c.h"

namespace nwb::store {
namespace {

constexpr std::string_view kMagicBytes{"NWBR", 4};

RecordMeta metaOf(const RecordView& r, std::uint64_t offset, std::size_t length) {
    RecordMeta m;
    m.type = r.type;
    m.seq = r.seq;
    m.ts = r.ts;
    m.offset = offset;
    m.length = static_cast<std::uint32_t>(length);
    m.subject.assign(r.subject);
    return m;
}

}  // namespace

SegmentScan scanSegment(std::string_view bytes, std::uint64_t base) {
    SegmentScan scan;
    scan.valid_end = base;
    std::uint64_t last_msg_seq = 0;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        DecodeResult d = decodeRecord(bytes.substr(pos));
        if (d.status == DecodeStatus::Ok) {
            if (d.record.type == RecordType::Message) last_msg_seq = d.record.seq;
            scan.records.push_back(metaOf(d.record, base + pos, d.length));
            pos += d.length;
            scan.valid_end = base + pos;
            continue;
        }
        // Resynchronise: the next offset holding a record that decodes.
        const std::size_t bad = pos;
        std::size_t next = bytes.find(kMagicBytes, bad + 1);
        while (next != std::string_view::npos) {
            DecodeResult c = decodeRecord(bytes.substr(next));
            if (c.status == DecodeStatus::Ok &&
                (c.record.type != RecordType::Message || c.record.seq > last_msg_seq)) {
                break;
            }
            next = bytes.find(kMagicBytes, next + 1);
        }
        if (next == std::string_view::npos) {
            scan.torn_bytes = bytes.size() - bad;
            scan.torn_reason = d.status;
            return scan;
        }
        scan.corrupt.push_back({base + bad, next - bad, d.status});
        pos = next;
    }
    return scan;
}

void encodeSegmentIndex(std::string& out, const SegmentIndexFile& index) {
    const std::size_t start = out.size();
    putU32(out, kIndexMagic);
    putU16(out, kIndexVersion);
    putU16(out, 0);
    putU64(out, index.segment_id);
    putU64(out, index.covered_len);
    putU32(out, static_cast<std::uint32_t>(index.entries.size()));
    for (const RecordMeta& e : index.entries) {
        out.push_back(static_cast<char>(e.type));
        putU16(out, static_cast<std::uint16_t>(e.subject.size()));
        putU32(out, e.length);
        putU64(out, e.seq);
        putU64(out, static_cast<std::uint64_t>(e.ts));
        putU64(out, e.offset);
        out.append(e.subject);
    }
    putU32(out, crc32c(out.data() + start, out.size() - start));
}

IndexStatus decodeSegmentIndex(std::string_view bytes, SegmentIndexFile& index) {
    if (bytes.size() < kIndexHeaderSize + 4) return IndexStatus::Truncated;
    const char* p = bytes.data();
    if (getU32(p) != kIndexMagic || getU16(p + 4) != kIndexVersion || getU16(p + 6) != 0) {
        return IndexStatus::BadMagic;
    }
    const std::size_t body = bytes.size() - 4;
    if (crc32c(p, body) != getU32(p + body)) return IndexStatus::BadChecksum;
    index.segment_id = getU64(p + 8);
    index.covered_len = getU64(p + 16);
    const std::uint64_t count = getU32(p + 24);
    if (count > (body - kIndexHeaderSize) / kIndexEntrySize) return IndexStatus::BadEntry;
    index.entries.clear();
    index.entries.reserve(static_cast<std::size_t>(count));
    std::size_t pos = kIndexHeaderSize;
    std::uint64_t min_offset = kSegmentHeaderSize;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (body - pos < kIndexEntrySize) return IndexStatus::BadEntry;
        RecordMeta e;
        const auto type = static_cast<std::uint8_t>(p[pos]);
        const std::size_t subject_len = getU16(p + pos + 1);
        e.length = getU32(p + pos + 3);
        e.seq = getU64(p + pos + 7);
        e.ts = static_cast<std::int64_t>(getU64(p + pos + 15));
        e.offset = getU64(p + pos + 23);
        pos += kIndexEntrySize;
        if (type < 1 || type > 4 || body - pos < subject_len) return IndexStatus::BadEntry;
        e.type = static_cast<RecordType>(type);
        e.subject.assign(p + pos, subject_len);
        pos += subject_len;
        if (e.offset < min_offset || e.length < kRecordOverhead || e.length > kMaxRecordSize ||
            e.offset + e.length > index.covered_len) {
            return IndexStatus::BadEntry;
        }
        min_offset = e.offset + e.length;
        index.entries.push_back(std::move(e));
    }
    if (pos != body) return IndexStatus::BadEntry;
    return IndexStatus::Ok;
}

}  // namespace nwb::store
