// Segment record and header encoding; see docs/storage-format.md for the layout.
#include "engine/store/record_codec.h"

#include "engine/store/crc32c.h"

#include <cstring>

namespace nwb::store {

namespace {

/// Little-endian stores into a buffer (the compiler merges them into single moves).
void storeU16(char* p, std::uint16_t v) {
    for (int i = 0; i < 2; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xff);
}
void storeU32(char* p, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xff);
}
void storeU64(char* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

}  // namespace

void putU16(std::string& out, std::uint16_t v) {
    char b[2];
    storeU16(b, v);
    out.append(b, sizeof b);
}

void putU32(std::string& out, std::uint32_t v) {
    char b[4];
    storeU32(b, v);
    out.append(b, sizeof b);
}

void putU64(std::string& out, std::uint64_t v) {
    char b[8];
    storeU64(b, v);
    out.append(b, sizeof b);
}

std::uint16_t getU16(const char* p) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return static_cast<std::uint16_t>(u[0] | (u[1] << 8));
}

std::uint32_t getU32(const char* p) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return std::uint32_t(u[0]) | std::uint32_t(u[1]) << 8 | std::uint32_t(u[2]) << 16 |
           std::uint32_t(u[3]) << 24;
}

std::uint64_t getU64(const char* p) {
    return std::uint64_t(getU32(p)) | std::uint64_t(getU32(p + 4)) << 32;
}

void encodeRecord(std::string& out, RecordType type, std::uint64_t seq, std::int64_t ts,
                  std::string_view subject, std::string_view headers, std::string_view payload) {
    const std::size_t start = out.size();
    const std::size_t total = encodedRecordSize(subject.size(), headers.size(), payload.size());
    // One resize, then plain copies: this runs once per stored message.
    out.resize(start + total);
    char* p = out.data() + start;
    storeU32(p, kRecordMagic);
    p[4] = static_cast<char>(type);
    p[5] = 0;  // flags
    storeU16(p + 6, static_cast<std::uint16_t>(subject.size()));
    storeU32(p + 8, static_cast<std::uint32_t>(headers.size()));
    storeU32(p + 12, static_cast<std::uint32_t>(payload.size()));
    storeU64(p + 16, seq);
    storeU64(p + 24, static_cast<std::uint64_t>(ts));
    char* body = p + kRecordHeaderSize;
    for (const std::string_view part : {subject, headers, payload}) {
        if (!part.empty()) std::memcpy(body, part.data(), part.size());
        body += part.size();
    }
    storeU32(body, crc32c(p, total - kRecordTrailerSize));
}

DecodeResult decodeRecord(std::string_view bytes) {
    DecodeResult r;
    if (bytes.size() < 4) {
        r.status = DecodeStatus::Truncated;
        return r;
    }
    if (getU32(bytes.data()) != kRecordMagic) {
        r.status = DecodeStatus::BadMagic;
        return r;
    }
    if (bytes.size() < kRecordHeaderSize) {
        r.status = DecodeStatus::Truncated;
        return r;
    }
    const char* p = bytes.data();
    const auto type = static_cast<std::uint8_t>(p[4]);
    const auto flags = static_cast<std::uint8_t>(p[5]);
    if (type < 1 || type > 4 || flags != 0) {
        r.status = DecodeStatus::BadType;
        return r;
    }
    const std::uint64_t subject_len = getU16(p + 6);
    const std::uint64_t headers_len = getU32(p + 8);
    const std::uint64_t payload_len = getU32(p + 12);
    const std::uint64_t total = kRecordOverhead + subject_len + headers_len + payload_len;
    const auto rtype = static_cast<RecordType>(type);
    const bool has_body = rtype == RecordType::Message || rtype == RecordType::Erased;
    if (total > kMaxRecordSize || (!has_body && total != kRecordOverhead)) {
        r.status = DecodeStatus::BadLength;
        return r;
    }
    if (bytes.size() < total) {
        r.status = DecodeStatus::Truncated;
        return r;
    }
    const std::size_t body = static_cast<std::size_t>(total - kRecordTrailerSize);
    if (crc32c(p, body) != getU32(p + body)) {
        r.status = DecodeStatus::BadChecksum;
        return r;
    }
    r.status = DecodeStatus::Ok;
    r.length = static_cast<std::size_t>(total);
    r.record.type = rtype;
    r.record.seq = getU64(p + 16);
    r.record.ts = static_cast<std::int64_t>(getU64(p + 24));
    const std::size_t s = kRecordHeaderSize;
    r.record.subject = bytes.substr(s, subject_len);
    r.record.headers = bytes.substr(s + subject_len, headers_len);
    r.record.payload = bytes.substr(s + subject_len + headers_len, payload_len);
    return r;
}

void encodeSegmentHeader(std::string& out, const SegmentHeader& header) {
    const std::size_t start = out.size();
    putU32(out, kSegmentMagic);
    putU16(out, kSegmentVersion);
    putU16(out, static_cast<std::uint16_t>(kSegmentHeaderSize));
    putU64(out, header.segment_id);
    putU64(out, header.base_seq);
    putU32(out, 0);  // reserved
    putU32(out, crc32c(out.data() + start, out.size() - start));
}

bool decodeSegmentHeader(std::string_view bytes, SegmentHeader& header) {
    if (bytes.size() < kSegmentHeaderSize) return false;
    const char* p = bytes.data();
    if (getU32(p) != kSegmentMagic || getU16(p + 4) != kSegmentVersion ||
        getU16(p + 6) != kSegmentHeaderSize || getU32(p + 24) != 0) {
        return false;
    }
    if (crc32c(p, kSegmentHeaderSize - 4) != getU32(p + kSegmentHeaderSize - 4)) return false;
    header.segment_id = getU64(p + 8);
    header.base_seq = getU64(p + 16);
    return true;
}

}  // namespace nwb::store
