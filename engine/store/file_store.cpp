// FileStore: segments, index files, group commit and recovery (docs/storage-format.md).
#include "engine/store/file_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <random>
#include <set>

namespace nwb::store {
namespace {

constexpr int kOffsetBits = 40;
constexpr std::uint64_t kOffsetMask = (std::uint64_t(1) << kOffsetBits) - 1;
constexpr std::uint64_t kMaxSegmentId = (std::uint64_t(1) << (64 - kOffsetBits)) - 1;

std::uint64_t packLocation(std::uint64_t segment_id, std::uint64_t offset) {
    return segment_id << kOffsetBits | offset;
}

std::string_view statusText(DecodeStatus s) {
    switch (s) {
        case DecodeStatus::Ok: return "ok";
        case DecodeStatus::Truncated: return "record cut short";
        case DecodeStatus::BadMagic: return "bad record magic";
        case DecodeStatus::BadType: return "bad record type";
        case DecodeStatus::BadLength: return "bad record length";
        case DecodeStatus::BadChecksum: return "record checksum mismatch";
    }
    return "?";
}

std::string_view indexStatusText(IndexStatus s) {
    switch (s) {
        case IndexStatus::Ok: return "ok";
        case IndexStatus::Truncated: return "index file cut short";
        case IndexStatus::BadMagic: return "bad index magic";
        case IndexStatus::BadChecksum: return "index checksum mismatch";
        case IndexStatus::BadEntry: return "bad index entry";
    }
    return "?";
}

/// "00000000000000000042.seg" → 42; nothing for other names.
std::optional<std::uint64_t> parseId(const std::string& name, std::string_view ext) {
    if (name.size() != 20 + ext.size() || name.compare(20, ext.size(), ext) != 0) return {};
    std::uint64_t id = 0;
    for (std::size_t i = 0; i < 20; ++i) {
        if (name[i] < '0' || name[i] > '9') return {};
        id = id * 10 + std::uint64_t(name[i] - '0');
    }
    return id;
}

}  // namespace

struct FileStore::Segment {
    std::uint64_t id = 0;
    FileHandle fd;
    std::uint64_t size = 0;       ///< append offset
    std::uint64_t first_msg = 0;  ///< sequence range of the message records in it (0: none)
    std::uint64_t last_msg = 0;
    std::uint64_t live = 0;       ///< messages in it still in the index
    std::vector<std::uint64_t> tombstones;  ///< sequences its tombstones remove
    std::uint64_t floor = 0;                ///< its highest floor record
    std::vector<RecordMeta> metas;  ///< active, or sealed with index_pending: its index entries
    bool index_pending = false;     ///< sealed: write the index file once the data is synced
    std::uint64_t erasures = 0;     ///< in-place erasures (an index file written before is stale)
    /// Records appended but not yet handed to the OS: the offsets [size - tail.size(), size).
    /// Only the active segment has one (SyncPolicy::always); the flusher writes it in one pwrite.
    std::string tail;
    /// The flusher's pwrite in progress, at `writing_at`; read here until it has returned.
    std::string writing;
    std::uint64_t writing_at = 0;
    /// Erasures inside `writing`, written after it (at offset, these bytes).
    std::vector<std::pair<std::uint64_t, std::string>> deferred_erasures;
};

namespace {
/// A write buffer that grew past this is given back after use rather than kept.
constexpr std::size_t kKeepBufferBytes = 8 * 1024 * 1024;
/// Durable callbacks the flusher runs itself rather than handing them to the callback thread.
constexpr std::size_t kInlineCallbacks = 16;
/// What a sequential reader's cache miss reads at once.
constexpr std::uint64_t kReadAheadBytes = 128 * 1024;
}  // namespace

std::string RecoveryReport::describe() const {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "recovered %llu records from %llu segments\n",
                  static_cast<unsigned long long>(records), static_cast<unsigned long long>(segments));
    out += line;
    auto add = [&](const char* what, const Skipped& s) {
        std::snprintf(line, sizeof line, "%s: segment %llu offset %llu, %llu bytes: %s\n", what,
                      static_cast<unsigned long long>(s.segment_id),
                      static_cast<unsigned long long>(s.offset),
                      static_cast<unsigned long long>(s.bytes), s.reason.c_str());
        out += line;
    };
    for (const auto& s : corrupt) add("skipped corrupt bytes", s);
    for (const auto& s : truncated) add("truncated torn tail", s);
    for (const auto& s : index_rebuilt) add("index rebuilt from segment", s);
    for (auto id : removed_segments) {
        std::snprintf(line, sizeof line, "removed empty segment %llu\n",
                      static_cast<unsigned long long>(id));
        out += line;
    }
    return out;
}

FileStore::FileStore(FileStoreConfig config)
    : IndexedStore(config.limits, config.clock), config_(std::move(config)) {}

FileStore::~FileStore() { stop(); }

Result<std::unique_ptr<FileStore>> FileStore::open(FileStoreConfig config) {
    if (config.directory.empty()) return makeError(Errc::InvalidArgument, "no store directory");
    if (config.segment_size < kSegmentHeaderSize + kRecordOverhead + 1) {
        return makeError(Errc::InvalidArgument, "segment_size too small");
    }
    if (config.sync.mode == SyncPolicy::Mode::Interval && config.sync.period.count() <= 0) {
        return makeError(Errc::InvalidArgument, "sync interval must be positive");
    }
    std::error_code ec;
    std::filesystem::create_directories(config.directory, ec);
    if (ec) return makeError(Errc::Io, config.directory.string() + ": " + ec.message());
    auto dir = openFile(config.directory, O_RDONLY | O_DIRECTORY);
    if (!dir) return std::unexpected(dir.error());

    std::unique_ptr<FileStore> store(new FileStore(std::move(config)));
    store->dir_fd_ = std::move(*dir);
    {
        std::lock_guard lock(store->mutex_);
        if (auto r = store->recover(); !r) return std::unexpected(r.error());
    }
    store->callbacker_ = std::thread([s = store.get()] { s->callbackLoop(); });
    store->flusher_ = std::thread([s = store.get()] { s->flusherLoop(); });
    if (auto r = store->sync(); !r) return std::unexpected(r.error());
    return store;
}

std::filesystem::path FileStore::segmentPath(std::uint64_t id) const {
    char name[32];
    std::snprintf(name, sizeof name, "%020llu.seg", static_cast<unsigned long long>(id));
    return config_.directory / name;
}

std::filesystem::path FileStore::indexPath(std::uint64_t id) const {
    char name[32];
    std::snprintf(name, sizeof name, "%020llu.idx", static_cast<unsigned long long>(id));
    return config_.directory / name;
}

Result<void> FileStore::recover() {
    std::vector<std::uint64_t> ids;
    std::set<std::uint64_t> index_ids;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(config_.directory, ec)) {
        const std::string name = entry.path().filename().string();
        if (auto id = parseId(name, ".seg")) ids.push_back(*id);
        if (auto id = parseId(name, ".idx")) index_ids.insert(*id);
    }
    if (ec) return makeError(Errc::Io, config_.directory.string() + ": " + ec.message());
    std::sort(ids.begin(), ids.end());
    for (std::uint64_t id : index_ids) {
        if (!std::binary_search(ids.begin(), ids.end(), id)) ::unlink(indexPath(id).c_str());
    }

    struct Loaded {
        SegmentPtr segment;
        SegmentHeader header;
        bool header_ok = false;
        bool needs_index = false;
    };
    std::vector<Loaded> loaded;
    for (std::uint64_t id : ids) {
        auto file = openFile(segmentPath(id), O_RDWR);
        if (!file) return std::unexpected(file.error());
        auto size = fileSize(file->get());
        if (!size) return std::unexpected(size.error());
        if (*size < kSegmentHeaderSize) {  // torn while being created: nothing in it
            report_.truncated.push_back({id, 0, *size, "segment header cut short; file removed"});
            ::unlink(segmentPath(id).c_str());
            ::unlink(indexPath(id).c_str());
            dir_dirty_ = true;
            continue;
        }
        Loaded l;
        l.segment = std::make_shared<Segment>();
        Segment& seg = *l.segment;
        seg.id = id;
        auto head = readAt(file->get(), 0, kSegmentHeaderSize);
        if (!head) return std::unexpected(head.error());
        l.header_ok = decodeSegmentHeader(*head, l.header) && l.header.segment_id == id;
        if (!l.header_ok) {
            report_.corrupt.push_back({id, 0, kSegmentHeaderSize, "bad segment header"});
        }

        std::uint64_t start = kSegmentHeaderSize;
        if (index_ids.contains(id)) {
            auto bytes = readWholeFile(indexPath(id));
            SegmentIndexFile index;
            const IndexStatus st = bytes ? decodeSegmentIndex(*bytes, index) : IndexStatus::Truncated;
            if (st == IndexStatus::Ok && index.segment_id == id && index.covered_len <= *size &&
                index.covered_len >= kSegmentHeaderSize) {
                seg.metas = std::move(index.entries);
                start = index.covered_len;
            } else {
                std::string reason(indexStatusText(st));
                if (st == IndexStatus::Ok) reason = "index does not match the segment";
                report_.index_rebuilt.push_back({id, 0, bytes ? bytes->size() : 0, reason});
                ::unlink(indexPath(id).c_str());
            }
        } else {
            report_.index_rebuilt.push_back({id, 0, 0, "no index file"});
        }
        l.needs_index = start < *size || !index_ids.contains(id);
        seg.size = *size;
        if (start < *size) {
            auto data = readAt(file->get(), start, *size - start);
            if (!data) return std::unexpected(data.error());
            SegmentScan scan = scanSegment(*data, start);
            for (auto& r : scan.records) seg.metas.push_back(std::move(r));
            for (const auto& c : scan.corrupt) {
                report_.corrupt.push_back({id, c.offset, c.length, std::string(statusText(c.reason))});
            }
            if (scan.torn_bytes > 0) {
                report_.truncated.push_back(
                    {id, scan.valid_end, scan.torn_bytes, std::string(statusText(scan.torn_reason))});
                if (::ftruncate(file->get(), static_cast<off_t>(scan.valid_end)) != 0) {
                    return makeError(Errc::Io, "ftruncate " + segmentPath(id).string());
                }
                if (auto r = syncData(file->get()); !r) return r;
            }
            seg.size = scan.valid_end;
        }
        seg.fd = std::move(*file);
        loaded.push_back(std::move(l));
    }

    // Replay every segment in order.
    for (Loaded& l : loaded) {
        Segment& seg = *l.segment;
        if (l.header_ok && l.header.base_seq > 0) index_.advanceLast(l.header.base_seq - 1);
        for (const RecordMeta& m : seg.metas) {
            switch (m.type) {
                case RecordType::Message:
                    if (m.seq <= index_.lastSeq()) break;  // cannot be ours: sequences only grow
                    index_.append(m.seq, m.ts, m.subject, m.length, packLocation(seg.id, m.offset),
                                  m.length);
                    if (seg.first_msg == 0) seg.first_msg = m.seq;
                    seg.last_msg = m.seq;
                    ++report_.records;
                    break;
                case RecordType::Tombstone:
                    index_.remove(m.seq);
                    seg.tombstones.push_back(m.seq);
                    break;
                case RecordType::Floor:
                    index_.compact(m.seq);
                    seg.floor = std::max(seg.floor, m.seq);
                    break;
                case RecordType::Erased:
                    break;
            }
        }
        segments_.emplace(seg.id, l.segment);
    }
    report_.segments = segments_.size();
    index_.forEachLive([&](std::uint64_t, const SeqIndex::Entry& e) {
        if (auto it = segments_.find(e.loc >> kOffsetBits); it != segments_.end()) ++it->second->live;
    });

    // Sealed segments read without a valid index get one (their data is synced first).
    for (std::size_t i = 0; i + 1 < loaded.size(); ++i) {
        Segment& seg = *loaded[i].segment;
        if (loaded[i].needs_index) {
            if (auto r = syncData(seg.fd.get()); !r) return r;
            std::string bytes;
            encodeSegmentIndex(bytes, SegmentIndexFile{seg.id, seg.size, seg.metas});
            (void)writeWholeFile(indexPath(seg.id), bytes);
        }
        seg.metas.clear();
        seg.metas.shrink_to_fit();
    }
    // The last segment stays active unless its header is unusable.
    if (loaded.empty() || !loaded.back().header_ok) {
        const std::uint64_t id = loaded.empty() ? 1 : loaded.back().segment->id + 1;
        if (!loaded.empty()) {
            loaded.back().segment->metas.clear();
        }
        if (auto r = createSegmentLocked(id); !r) return r;
    }
    // Segments left without a live message go (oldest first), keeping needed tombstones.
    std::vector<SegmentPtr> empty;
    const SegmentPtr active = segments_.rbegin()->second;
    for (const auto& [id, seg] : segments_) {
        if (seg != active && seg->live == 0) empty.push_back(seg);
    }
    for (const SegmentPtr& seg : empty) {
        report_.removed_segments.push_back(seg->id);
        if (auto r = deleteSegmentLocked(seg); !r) return r;
    }
    if (auto r = applyLimitsLocked(); !r) return r;
    kickFlusherLocked();
    return {};
}

Result<void> FileStore::createSegmentLocked(std::uint64_t id) {
    if (id > kMaxSegmentId) return makeError(Errc::Io, "segment ids exhausted");
    auto file = openFile(segmentPath(id), O_RDWR | O_CREAT | O_EXCL);
    if (!file) {
        failLocked(file.error());
        return std::unexpected(file.error());
    }
    std::string header;
    encodeSegmentHeader(header, SegmentHeader{id, index_.lastSeq() + 1});
    if (auto r = writeAt(file->get(), header, 0); !r) {
        failLocked(r.error());
        return r;
    }
    auto seg = std::make_shared<Segment>();
    seg->id = id;
    seg->fd = std::move(*file);
    seg->size = header.size();
    appended_ += header.size();
    dir_dirty_ = true;
    segments_.emplace(id, std::move(seg));
    return {};
}

Result<void> FileStore::writableLocked() {
    if (closed_) return makeError(Errc::Closed);
    if (write_error_) return std::unexpected(*write_error_);
    return {};
}

void FileStore::failLocked(const Error& error) {
    if (!write_error_) write_error_ = error;
}

void FileStore::kickFlusherLocked() {
    {
        std::lock_guard sl(sync_mutex_);
        target_ = appended_;
        kick_ = true;
    }
    flush_cv_.notify_one();
}

Result<void> FileStore::appendRecordLocked(RecordType type, std::uint64_t seq, std::int64_t ts,
                                           const NewMessage& msg, std::uint64_t* offset) {
    if (write_error_) return std::unexpected(*write_error_);
    const std::uint64_t length =
        encodedRecordSize(msg.subject.size(), msg.headers.size(), msg.payload.size());
    SegmentPtr active = segments_.rbegin()->second;
    if (active->size > kSegmentHeaderSize && active->size + length > config_.segment_size) {
        if (auto r = rollLocked(); !r) return r;
        active = segments_.rbegin()->second;
    }
    // Buffered: the flusher writes a whole commit group with one pwrite before its fsync.
    encodeRecord(active->tail, type, seq, ts, msg.subject, msg.headers, msg.payload);
    const std::uint64_t at = active->size;
    active->size += length;
    appended_ += length;
    if (config_.sync.mode == SyncPolicy::Mode::Interval) {
        // Interval mode acknowledges at once: the record goes to the OS now.
        if (auto r = writeTailLocked(*active); !r) return r;
    }
    active->metas.push_back(RecordMeta{type, seq, ts, at, static_cast<std::uint32_t>(length),
                                       std::string(msg.subject)});
    switch (type) {
        case RecordType::Message:
            if (active->first_msg == 0) active->first_msg = seq;
            active->last_msg = seq;
            ++active->live;
            break;
        case RecordType::Tombstone: active->tombstones.push_back(seq); break;
        case RecordType::Floor: active->floor = std::max(active->floor, seq); break;
        case RecordType::Erased: break;
    }
    if (offset != nullptr) *offset = at;
    {
        std::lock_guard sl(sync_mutex_);
        target_ = appended_;
    }
    if (config_.sync.mode == SyncPolicy::Mode::Always) flush_cv_.notify_one();
    return {};
}

Result<void> FileStore::writeTailLocked(Segment& segment) {
    if (segment.tail.empty()) return {};
    if (auto r = writeAt(segment.fd.get(), segment.tail, segment.size - segment.tail.size()); !r) {
        failLocked(r.error());
        return r;
    }
    segment.tail.clear();
    if (segment.tail.capacity() > kKeepBufferBytes) segment.tail.shrink_to_fit();
    return {};
}

Result<std::string_view> FileStore::viewRangeLocked(const Segment& segment, std::uint64_t offset,
                                                    std::uint32_t length) {
    const std::uint64_t tail_at = segment.size - segment.tail.size();
    if (offset >= tail_at && offset + length <= segment.size) {
        return std::string_view(segment.tail).substr(offset - tail_at, length);
    }
    if (!segment.writing.empty() && offset >= segment.writing_at &&
        offset + length <= segment.writing_at + segment.writing.size()) {
        return std::string_view(segment.writing).substr(offset - segment.writing_at, length);
    }
    ReadCache& cache = read_cache_;
    if (cache.segment_id == segment.id && offset >= cache.offset &&
        offset + length <= cache.offset + cache.bytes.size()) {
        return std::string_view(cache.bytes).substr(offset - cache.offset, length);
    }
    // What the file holds for sure: everything before the write in progress and the tail.
    const std::uint64_t file_end = segment.writing.empty() ? tail_at : segment.writing_at;
    std::uint64_t want = length;
    const bool sequential = cache.segment_id == segment.id && offset == cache.last_end;
    if (sequential && file_end > offset + length) {
        want = std::max<std::uint64_t>(length,
                                       std::min<std::uint64_t>(kReadAheadBytes, file_end - offset));
    }
    cache.segment_id = 0;
    if (want <= kReadAheadBytes && cache.bytes.capacity() > kKeepBufferBytes) {
        cache.bytes = std::string();  // a huge record was read before: give its buffer back
    }
    cache.bytes.resize(want);
    std::size_t done = 0;
    while (done < want) {
        const ssize_t n = ::pread(segment.fd.get(), cache.bytes.data() + done, want - done,
                                  static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return makeError(Errc::Io, "pread segment " + std::to_string(segment.id));
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    cache.bytes.resize(done);
    cache.segment_id = segment.id;
    cache.offset = offset;
    cache.last_end = offset + done;
    return std::string_view(cache.bytes).substr(0, std::min<std::size_t>(length, done));
}

Result<void> FileStore::rollLocked() {
    SegmentPtr old = segments_.rbegin()->second;
    if (auto r = writeTailLocked(*old); !r) return r;
    old->index_pending = true;
    dirty_.push_back(old);
    if (auto r = createSegmentLocked(old->id + 1); !r) return r;
    retireIfEmptyLocked(old);
    return {};
}

void FileStore::retireIfEmptyLocked(const SegmentPtr& segment) {
    if (segment->live != 0 || segments_.empty() || segments_.rbegin()->second == segment) return;
    (void)deleteSegmentLocked(segment);
}

bool FileStore::heldBySurvivor(std::uint64_t seq, const Segment* except) const {
    for (const auto* map : {&segments_, &unlinking_}) {
        for (const auto& [id, seg] : *map) {
            if (seg.get() != except && seg->first_msg != 0 && seg->first_msg <= seq &&
                seq <= seg->last_msg) {
                return true;
            }
        }
    }
    return false;
}

Result<void> FileStore::deleteSegmentLocked(const SegmentPtr& segment) {
    auto it = segments_.find(segment->id);
    if (it == segments_.end() || it->second != segment) return {};
    segments_.erase(it);
    unlinking_.emplace(segment->id, segment);
    // Carry forward what still matters: removals of messages in segments that stay.
    for (std::uint64_t seq : segment->tombstones) {
        const bool own = segment->first_msg != 0 && segment->first_msg <= seq &&
                         seq <= segment->last_msg;
        if (!own && heldBySurvivor(seq, segment.get())) {
            auto r = appendRecordLocked(RecordType::Tombstone, seq, clock_(), {}, nullptr);
            if (!r) return r;
        }
    }
    if (segment->floor > 0) {
        bool needed = false;
        for (const auto& [id, seg] : segments_) {
            needed = needed || (seg->first_msg != 0 && seg->first_msg < segment->floor);
        }
        if (needed) {
            auto r = appendRecordLocked(RecordType::Floor, segment->floor, clock_(), {}, nullptr);
            if (!r) return r;
        }
    }
    pending_unlinks_.emplace_back(appended_, segment);
    kickFlusherLocked();
    return {};
}

Result<IndexedStore::Location> FileStore::appendMessageLocked(std::uint64_t seq, std::int64_t ts,
                                                              const NewMessage& msg) {
    if (msg.subject.size() > 0xffff || msg.headers.size() > 0xffffffffu ||
        msg.payload.size() > 0xffffffffu ||
        encodedRecordSize(msg.subject.size(), msg.headers.size(), msg.payload.size()) >
            kMaxRecordSize) {
        return makeError(Errc::MsgTooLarge);
    }
    std::uint64_t offset = 0;
    if (auto r = appendRecordLocked(RecordType::Message, seq, ts, msg, &offset); !r) {
        return std::unexpected(r.error());
    }
    const std::uint64_t id = segments_.rbegin()->first;
    return Location{packLocation(id, offset),
                    static_cast<std::uint32_t>(
                        encodedRecordSize(msg.subject.size(), msg.headers.size(), msg.payload.size()))};
}

Result<void> FileStore::eraseInPlaceLocked(Segment& segment, std::uint64_t offset,
                                           std::uint32_t length) {
    std::random_device device;
    std::mt19937_64 gen(device());
    std::string noise(length - kRecordOverhead, '\0');
    for (char& c : noise) c = static_cast<char>(gen());
    std::string buf;
    encodeRecord(buf, RecordType::Erased, 0, 0, {}, {}, noise);
    const std::uint64_t tail_at = segment.size - segment.tail.size();
    if (offset >= tail_at) {
        segment.tail.replace(offset - tail_at, buf.size(), buf);
    } else if (!segment.writing.empty() && offset >= segment.writing_at &&
               offset < segment.writing_at + segment.writing.size()) {
        // The flusher is writing these bytes now: overwrite them once its pwrite is done.
        segment.deferred_erasures.emplace_back(offset, std::move(buf));
    } else if (auto r = writeAt(segment.fd.get(), buf, offset); !r) {
        failLocked(r.error());
        return r;
    }
    ++segment.erasures;
    if (read_cache_.segment_id == segment.id) read_cache_.segment_id = 0;
    for (RecordMeta& m : segment.metas) {
        if (m.offset == offset) {
            m.type = RecordType::Erased;
            m.subject.clear();
        }
    }
    ::unlink(indexPath(segment.id).c_str());
    for (const auto& [id, seg] : segments_) {
        if (seg.get() == &segment) dirty_.push_back(seg);
    }
    return {};
}

Result<void> FileStore::onRemovedLocked(std::uint64_t seq, const SeqIndex::Entry& entry,
                                        bool erase) {
    SegmentPtr holder;
    if (auto it = segments_.find(entry.loc >> kOffsetBits); it != segments_.end()) {
        holder = it->second;
        if (holder->live > 0) --holder->live;
        if (erase) {
            auto r = eraseInPlaceLocked(*holder, entry.loc & kOffsetMask, entry.length);
            if (!r) return r;
        }
    }
    if (auto r = appendRecordLocked(RecordType::Tombstone, seq, clock_(), {}, nullptr); !r) return r;
    if (holder) retireIfEmptyLocked(holder);
    return {};
}

Result<void> FileStore::onCompactedLocked(std::uint64_t floor, const Removed& removed) {
    for (const auto& [seq, entry] : removed) {
        if (auto it = segments_.find(entry.loc >> kOffsetBits); it != segments_.end()) {
            if (it->second->live > 0) --it->second->live;
        }
    }
    if (auto r = appendRecordLocked(RecordType::Floor, floor, clock_(), {}, nullptr); !r) return r;
    std::vector<SegmentPtr> empty;
    const SegmentPtr active = segments_.rbegin()->second;
    for (const auto& [id, seg] : segments_) {
        if (seg != active && seg->live == 0) empty.push_back(seg);
    }
    for (const SegmentPtr& seg : empty) {
        if (auto r = deleteSegmentLocked(seg); !r) return r;
    }
    return {};
}

Result<StoredMessage> FileStore::readLocked(std::uint64_t seq, const SeqIndex::Entry& entry) {
    const std::uint64_t id = entry.loc >> kOffsetBits;
    const std::uint64_t offset = entry.loc & kOffsetMask;
    auto it = segments_.find(id);
    if (it == segments_.end()) return makeError(Errc::NotFound);
    auto bytes = viewRangeLocked(*it->second, offset, entry.length);
    if (!bytes) return std::unexpected(bytes.error());
    const DecodeResult d = decodeRecord(*bytes);
    if (d.status != DecodeStatus::Ok || d.record.type != RecordType::Message || d.record.seq != seq) {
        std::string detail = "segment " + std::to_string(id) + " offset " + std::to_string(offset) +
                             ": " + std::string(d.status == DecodeStatus::Ok ? "not this message"
                                                                              : statusText(d.status));
        return makeError(Errc::Corrupt, std::move(detail));
    }
    return StoredMessage{seq, d.record.ts, std::string(d.record.subject),
                         std::string(d.record.headers), std::string(d.record.payload)};
}

std::uint64_t FileStore::messageSize(std::size_t subject, std::size_t headers,
                                     std::size_t payload) const {
    return encodedRecordSize(subject, headers, payload);
}

Result<void> FileStore::awaitDurable(std::uint64_t ticket) {
    std::unique_lock sl(sync_mutex_);
    if (config_.sync.mode == SyncPolicy::Mode::Interval) {
        if (sync_error_) return std::unexpected(*sync_error_);
        return {};
    }
    durable_cv_.wait(sl, [&] { return durable_ >= ticket || sync_error_.has_value(); });
    if (durable_ >= ticket) return {};
    return std::unexpected(*sync_error_);
}

bool FileStore::enqueueDurableLocked(std::uint64_t ticket, const StoreAck& ack,
                                     StoreCallback& done) {
    if (config_.sync.mode == SyncPolicy::Mode::Interval) return false;
    {
        std::lock_guard sl(sync_mutex_);
        if (durable_ >= ticket) return false;
        callbacks_.push_back(DurableCallback{ticket, ack, std::move(done)});
    }
    flush_cv_.notify_one();
    return true;
}

Result<void> FileStore::sync() {
    std::uint64_t ticket = 0;
    {
        std::lock_guard lock(mutex_);
        if (closed_) return makeError(Errc::Closed);
        ticket = appended_;
    }
    std::unique_lock sl(sync_mutex_);
    forced_ = std::max(forced_, ticket);
    flush_cv_.notify_one();
    durable_cv_.wait(sl, [&] { return durable_ >= ticket || sync_error_.has_value(); });
    if (durable_ >= ticket) return {};
    return std::unexpected(*sync_error_);
}

Result<void> FileStore::writeAndSync(const std::vector<SegmentPtr>& to_sync) {
    Result<void> result;
    // The active segment's buffered records: one pwrite, with no lock held. Appends go on
    // into a fresh tail meanwhile, and reads of these records use `writing` until it is done.
    const SegmentPtr& active = to_sync.back();
    if (!active->writing.empty()) {
        result = writeAt(active->fd.get(), active->writing, active->writing_at);
        std::lock_guard lock(mutex_);
        for (const auto& [offset, bytes] : active->deferred_erasures) {
            if (!result) break;
            result = writeAt(active->fd.get(), bytes, offset);
        }
        active->deferred_erasures.clear();
        active->writing.clear();
        if (active->writing.capacity() > kKeepBufferBytes) active->writing.shrink_to_fit();
    }
    for (const SegmentPtr& seg : to_sync) {
        if (!result) break;
        if (seg->fd.valid()) result = syncData(seg->fd.get());
    }
    return result;
}

void FileStore::runCallbacks(std::vector<DurableCallback>& callbacks, const Result<void>& outcome) {
    for (std::size_t begin = 0; begin < callbacks.size(); begin += kCallbackChunk) {
        const std::size_t end = std::min(callbacks.size(), begin + kCallbackChunk);
        auto run = [&] {
            for (std::size_t i = begin; i < end; ++i) {
                DurableCallback& c = callbacks[i];
                if (outcome) {
                    c.done(c.ack);
                } else {
                    c.done(std::unexpected(outcome.error()));
                }
            }
        };
        if (config_.callback_group) {
            config_.callback_group(run);
        } else {
            run();
        }
    }
    callbacks.clear();
}

void FileStore::callbackLoop() {
    std::unique_lock dl(done_mutex_);
    for (;;) {
        done_cv_.wait(dl, [&] { return done_stopping_ || !done_.empty(); });
        if (done_.empty()) break;  // stopping, and everything ran
        auto [outcome, callbacks] = std::move(done_.front());
        done_.pop_front();
        done_running_ = true;
        dl.unlock();
        runCallbacks(callbacks, outcome);
        dl.lock();
        done_running_ = false;
    }
}

void FileStore::writeIndexes(const std::vector<SegmentPtr>& segments) {
    for (const SegmentPtr& seg : segments) {
        SegmentIndexFile index;
        {
            std::lock_guard lock(mutex_);
            if (!seg->index_pending) continue;
            seg->index_pending = false;
            const bool wanted = segments_.contains(seg->id) && seg->erasures == 0;
            index = SegmentIndexFile{seg->id, seg->size, std::move(seg->metas)};
            seg->metas = {};
            if (!wanted) continue;
        }
        // A large segment's index takes milliseconds to encode: appends go on meanwhile.
        std::string bytes;
        encodeSegmentIndex(bytes, index);
        (void)writeWholeFile(indexPath(seg->id), bytes);
        std::lock_guard lock(mutex_);
        // Erased into (or removed) while it was written: the index is stale.
        if (seg->erasures != 0 || !segments_.contains(seg->id)) {
            ::unlink(indexPath(seg->id).c_str());
        }
    }
}

void FileStore::flusherLoop() {
    const bool always = config_.sync.mode == SyncPolicy::Mode::Always;
    auto next = std::chrono::steady_clock::now() + config_.sync.period;
    std::unique_lock sl(sync_mutex_);
    for (;;) {
        auto ready = [&] {
            return stopping_ || kick_ || forced_ > durable_ || (always && target_ > durable_);
        };
        if (always) {
            flush_cv_.wait(sl, ready);
        } else {
            flush_cv_.wait_until(sl, next, ready);
            if (std::chrono::steady_clock::now() >= next) {
                next = std::chrono::steady_clock::now() + config_.sync.period;
            }
        }
        const bool exiting = stopping_;
        kick_ = false;
        sl.unlock();

        std::vector<SegmentPtr> to_sync;
        std::vector<SegmentPtr> to_index;
        std::vector<SegmentPtr> unlinks;
        std::uint64_t target = 0;
        bool dir = false;
        {
            std::lock_guard lock(mutex_);
            target = appended_;
            to_sync.swap(dirty_);
            // Only segments sealed before this round's fsync get their index file after it.
            for (const SegmentPtr& seg : to_sync) {
                if (seg->index_pending) to_index.push_back(seg);
            }
            if (!segments_.empty()) {
                const SegmentPtr& active = segments_.rbegin()->second;
                active->writing_at = active->size - active->tail.size();
                active->writing.swap(active->tail);
                to_sync.push_back(active);
            }
            dir = std::exchange(dir_dirty_, false);
            auto keep = std::partition(pending_unlinks_.begin(), pending_unlinks_.end(),
                                       [&](const auto& p) { return p.first > target; });
            for (auto i = keep; i != pending_unlinks_.end(); ++i) unlinks.push_back(i->second);
            pending_unlinks_.erase(keep, pending_unlinks_.end());
        }
        Result<void> result;
        if (!to_sync.empty()) result = writeAndSync(to_sync);
        if (result && dir) result = syncDirectory(dir_fd_.get());
        if (result) writeIndexes(to_index);
        if (result && !unlinks.empty()) {
            for (const SegmentPtr& seg : unlinks) {
                ::unlink(segmentPath(seg->id).c_str());
                ::unlink(indexPath(seg->id).c_str());
            }
            result = syncDirectory(dir_fd_.get());
            std::lock_guard lock(mutex_);
            for (const SegmentPtr& seg : unlinks) unlinking_.erase(seg->id);
        }
        if (!result) {
            std::lock_guard lock(mutex_);
            failLocked(result.error());
        }

        std::vector<DurableCallback> ready_callbacks;
        Result<void> outcome;
        sl.lock();
        if (result) {
            durable_ = std::max(durable_, target);
            while (!callbacks_.empty() && callbacks_.front().ticket <= durable_) {
                ready_callbacks.push_back(std::move(callbacks_.front()));
                callbacks_.pop_front();
            }
        } else {
            if (!sync_error_) sync_error_ = result.error();
            outcome = std::unexpected(*sync_error_);
            for (auto& c : callbacks_) ready_callbacks.push_back(std::move(c));
            callbacks_.clear();
        }
        durable_cv_.notify_all();
        if (!ready_callbacks.empty()) {
            // A large group goes to the callback thread, which runs it while this thread goes on
            // to the next fsync; a few (synchronous publishers) run here, saving a thread switch
            // on their latency, when the callback thread has nothing queued (order is kept).
            bool run_here = false;
            {
                std::lock_guard dl(done_mutex_);
                run_here = done_.empty() && !done_running_ &&
                           ready_callbacks.size() <= kInlineCallbacks;
                if (!run_here) done_.emplace_back(std::move(outcome), std::move(ready_callbacks));
            }
            if (run_here) {
                sl.unlock();
                runCallbacks(ready_callbacks, outcome);
                sl.lock();
            } else {
                done_cv_.notify_one();
            }
        }
        if (exiting) break;
    }
}

void FileStore::stop() {
    {
        std::lock_guard lock(mutex_);
        if (closed_) return;
        closed_ = true;
    }
    {
        std::lock_guard sl(sync_mutex_);
        stopping_ = true;
    }
    flush_cv_.notify_all();
    if (flusher_.joinable()) flusher_.join();
    {
        std::lock_guard dl(done_mutex_);
        done_stopping_ = true;
    }
    done_cv_.notify_all();
    if (callbacker_.joinable()) callbacker_.join();
    std::lock_guard lock(mutex_);
    if (!write_error_ && !segments_.empty()) {
        const SegmentPtr& active = segments_.rbegin()->second;
        if (active->erasures == 0) {
            std::string bytes;
            encodeSegmentIndex(bytes, SegmentIndexFile{active->id, active->size, active->metas});
            (void)writeWholeFile(indexPath(active->id), bytes);
        }
    }
    segments_.clear();
    unlinking_.clear();
    dirty_.clear();
    pending_unlinks_.clear();
}

std::size_t FileStore::segmentCount() {
    std::lock_guard lock(mutex_);
    return segments_.size();
}

}  // namespace nwb::store
