// FileStore: a stream in a directory of append-only segment files with per-segment index files,
// group-commit fsync and recovery that keeps every good record (docs/storage-format.md).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/store/file_io.h"
#include "engine/store/indexed_store.h"
#include "engine/store/segment_scan.h"

namespace nwb::store {

/// When records reach the disk (nats-server `sync_interval`). `always` is our default: a store
/// returns, and its callback runs, only after the fsync that covers it. `interval(d)` writes to
/// the OS at once, acknowledges at once, and fsyncs every `d` (acked data can be lost on power
/// loss, as with nats-server's default of 2 minutes).
struct SyncPolicy {
    enum class Mode : std::uint8_t { Always, Interval };
    Mode mode = Mode::Always;
    std::chrono::nanoseconds period{0};

    static SyncPolicy always() { return {}; }
    static SyncPolicy interval(std::chrono::nanoseconds every) { return {Mode::Interval, every}; }
};

struct FileStoreConfig {
    std::filesystem::path directory;  ///< created if missing; one stream per directory
    std::uint64_t segment_size = 8 * 1024 * 1024;  ///< a segment rolls before exceeding this
    SyncPolicy sync = SyncPolicy::always();
    StoreLimits limits;
    Clock clock;  ///< default: the system clock
    /// Runs `group` (up to kCallbackChunk callbacks an fsync made due) on the store's flusher or
    /// callback thread; default: runs it. A stream wraps it to coalesce its acks' socket writes.
    std::function<void(const std::function<void()>& group)> callback_group;
};

/// What open() found and repaired. Every skipped byte is listed.
struct RecoveryReport {
    struct Skipped {
        std::uint64_t segment_id = 0;
        std::uint64_t offset = 0;
        std::uint64_t bytes = 0;
        std::string reason;
    };
    std::vector<Skipped> corrupt;    ///< bad records in the middle, skipped; later records kept
    std::vector<Skipped> truncated;  ///< torn tails cut off (nothing valid after them)
    std::vector<Skipped> index_rebuilt;  ///< index files missing, damaged or stale: segment scanned
    std::vector<std::uint64_t> removed_segments;  ///< no live message left
    std::uint64_t segments = 0;
    std::uint64_t records = 0;

    bool clean() const { return corrupt.empty() && truncated.empty(); }
    /// One line per finding, for the server log.
    std::string describe() const;
};

class FileStore final : public IndexedStore {
public:
    /// Callbacks run in groups of at most this many, so the first acks leave early.
    static constexpr std::size_t kCallbackChunk = 256;

    /// Control thread. Opens or creates the store and recovers it; starts the flusher thread
    /// (writes and fsyncs) and the callback thread (runs large groups of storeAsync callbacks once
    /// durable, so the next fsync need not wait for them).
    static Result<std::unique_ptr<FileStore>> open(FileStoreConfig config);
    /// Stops (syncs, writes the active segment's index) and closes.
    ~FileStore() override;

    /// Any thread; the record size on disk: 36 + subject + headers + payload.
    std::uint64_t messageSize(std::size_t subject, std::size_t headers,
                              std::size_t payload) const override;
    /// Any thread; blocks until everything written so far is fsynced (any SyncPolicy).
    Result<void> sync() override;
    /// Any thread but a StoreCallback; fsyncs, runs pending callbacks, closes. Idempotent.
    void stop() override;

    /// Any thread; what open() found.
    const RecoveryReport& recoveryReport() const { return report_; }
    /// Any thread; segment files currently in use (tests).
    std::size_t segmentCount();

private:
    struct Segment;
    using SegmentPtr = std::shared_ptr<Segment>;
    struct DurableCallback {
        std::uint64_t ticket = 0;
        StoreAck ack;
        StoreCallback done;
    };

    explicit FileStore(FileStoreConfig config);
    Result<void> recover();
    Result<void> createSegmentLocked(std::uint64_t id);
    Result<void> appendRecordLocked(RecordType type, std::uint64_t seq, std::int64_t ts,
                                    const NewMessage& msg, std::uint64_t* offset);
    Result<void> rollLocked();
    /// Hands the active segment's buffered records to the OS now (rolls, erasures, stop).
    Result<void> writeTailLocked(Segment& segment);
    /// `length` bytes at `offset` of `segment`: from the buffered tail, the write in progress, the
    /// read cache or the file. Valid until mutex_ is released or the next read.
    Result<std::string_view> viewRangeLocked(const Segment& segment, std::uint64_t offset,
                                             std::uint32_t length);
    /// Flusher thread: writes what the active segment buffered (one pwrite), then fsyncs.
    Result<void> writeAndSync(const std::vector<SegmentPtr>& to_sync);
    void runCallbacks(std::vector<DurableCallback>& callbacks, const Result<void>& outcome);
    void callbackLoop();
    /// Flusher thread: sealed segments' index files, written with no lock held.
    void writeIndexes(const std::vector<SegmentPtr>& segments);
    void retireIfEmptyLocked(const SegmentPtr& segment);
    Result<void> deleteSegmentLocked(const SegmentPtr& segment);
    bool heldBySurvivor(std::uint64_t seq, const Segment* except) const;
    Result<void> eraseInPlaceLocked(Segment& segment, std::uint64_t offset, std::uint32_t length);
    std::filesystem::path segmentPath(std::uint64_t id) const;
    std::filesystem::path indexPath(std::uint64_t id) const;
    void kickFlusherLocked();
    void flusherLoop();
    void failLocked(const Error& error);

    Result<Location> appendMessageLocked(std::uint64_t seq, std::int64_t ts,
                                         const NewMessage& msg) override;
    Result<void> onRemovedLocked(std::uint64_t seq, const SeqIndex::Entry& entry,
                                 bool erase) override;
    Result<void> onCompactedLocked(std::uint64_t floor, const Removed& removed) override;
    Result<StoredMessage> readLocked(std::uint64_t seq, const SeqIndex::Entry& entry) override;
    Result<void> writableLocked() override;
    std::uint64_t commitTicketLocked() override { return appended_; }
    Result<void> awaitDurable(std::uint64_t ticket) override;
    bool enqueueDurableLocked(std::uint64_t ticket, const StoreAck& ack,
                              StoreCallback& done) override;

    FileStoreConfig config_;
    RecoveryReport report_;
    FileHandle dir_fd_;

    // Guarded by mutex_ (IndexedStore).
    std::map<std::uint64_t, SegmentPtr> segments_;   ///< by id; the last is the active segment
    std::map<std::uint64_t, SegmentPtr> unlinking_;  ///< removed, file not yet unlinked
    std::vector<SegmentPtr> dirty_;                  ///< sealed or erased-into: need an fsync
    std::vector<std::pair<std::uint64_t, SegmentPtr>> pending_unlinks_;  ///< after this ticket
    std::uint64_t appended_ = 0;  ///< bytes appended since open: the commit ticket
    bool dir_dirty_ = false;
    std::optional<Error> write_error_;
    /// Bytes of one segment file from `offset`: sequential readers (consumers) are served from
    /// one large pread instead of one per message. Dropped when the segment is erased into.
    struct ReadCache {
        std::uint64_t segment_id = 0;  ///< 0: empty
        std::uint64_t offset = 0;
        std::string bytes;
        std::uint64_t last_end = 0;  ///< end of the last read from the file: sequential reads
    } read_cache_;

    // Guarded by sync_mutex_ (taken after mutex_, never before).
    std::mutex sync_mutex_;
    std::condition_variable flush_cv_;
    std::condition_variable durable_cv_;
    std::uint64_t target_ = 0;   ///< appended_ as last published to the flusher
    std::uint64_t durable_ = 0;  ///< every ticket <= this is fsynced
    std::uint64_t forced_ = 0;   ///< sync() asks for this ticket now (interval mode)
    bool kick_ = false;
    bool stopping_ = false;
    std::optional<Error> sync_error_;
    std::deque<DurableCallback> callbacks_;

    // Guarded by done_mutex_ (a leaf): durable callbacks handed to the callback thread.
    std::mutex done_mutex_;
    std::condition_variable done_cv_;
    std::deque<std::pair<Result<void>, std::vector<DurableCallback>>> done_;
    bool done_stopping_ = false;
    bool done_running_ = false;  ///< the callback thread is running a batch

    std::thread flusher_;
    std::thread callbacker_;
};

}  // namespace nwb::store
