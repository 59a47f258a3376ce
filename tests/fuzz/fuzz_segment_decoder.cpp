// Fuzzes the segment decoder: record decoding, scanning with resynchronisation, segment headers
// and index files must never crash on any bytes, and what they accept must be consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/store/record_codec.h"
#include "engine/store/segment_scan.h"

namespace {

void check(bool ok) {
    if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace nwb::store;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    const DecodeResult one = decodeRecord(bytes);
    if (one.status == DecodeStatus::Ok) {
        check(one.length >= kRecordOverhead && one.length <= size);
        std::string again;  // what decodes must re-encode to the same bytes
        encodeRecord(again, one.record.type, one.record.seq, one.record.ts, one.record.subject,
                     one.record.headers, one.record.payload);
        check(again == bytes.substr(0, one.length));
    }

    SegmentHeader header;
    if (decodeSegmentHeader(bytes, header)) {
        std::string again;
        encodeSegmentHeader(again, header);
        check(again == bytes.substr(0, kSegmentHeaderSize));
    }

    const std::uint64_t base = 1000;
    const SegmentScan scan = scanSegment(bytes, base);
    check(scan.valid_end >= base && scan.valid_end <= base + size);
    check(scan.valid_end + scan.torn_bytes == base + size);
    std::uint64_t covered = 0;
    for (const RecordMeta& r : scan.records) {
        check(r.offset >= base && r.offset + r.length <= scan.valid_end);
        const DecodeResult d = decodeRecord(bytes.substr(r.offset - base));
        check(d.status == DecodeStatus::Ok && d.length == r.length && d.record.seq == r.seq);
        covered += r.length;
    }
    for (const CorruptRegion& c : scan.corrupt) {
        check(c.offset >= base && c.length > 0 && c.offset + c.length <= scan.valid_end);
        covered += c.length;
    }
    check(covered == scan.valid_end - base);  // every byte is a record or a skipped region

    SegmentIndexFile index;
    if (decodeSegmentIndex(bytes, index) == IndexStatus::Ok) {
        std::string again;
        encodeSegmentIndex(again, index);
        check(again == bytes);
    }
    return 0;
}
