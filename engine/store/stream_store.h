// StreamStore: what a JetStream stream needs from its storage (nats-server server/store.go).
// MemStore and FileStore implement it with the same semantics; see docs/storage-format.md.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "engine/store/store_error.h"
#include "engine/store/store_types.h"

namespace nwb::store {

/// Every method is safe to call from any thread at the same time (one internal mutex per store);
/// none is called back into from a store's own thread except StoreCallback.
/// Filters are NATS subjects with optional `*`/`>` wildcards; "" means every subject.
/// "Durable" below means: on FileStore with SyncPolicy::always, fsynced before returning; on
/// FileStore with SyncPolicy::interval, written to the OS and fsynced within the interval;
/// on MemStore, in memory.
class StreamStore {
public:
    using StoreCallback = std::function<void(Result<StoreAck>)>;

    virtual ~StreamStore() = default;

    /// Any thread; blocks until the record is durable (group commit with concurrent callers).
    /// Assigns the next sequence; enforces limits (discard old removes, discard new refuses).
    virtual Result<StoreAck> store(const NewMessage& msg) = 0;

    /// Any thread; never blocks on I/O. Appends now; `done` runs once the record is durable, in
    /// store order, one at a time, on a store thread (FileStore) or on the calling thread before
    /// return (MemStore, and every refusal). No store lock is held while `done` runs: it may call
    /// this store, except stop(). Returns the sequence appended, or the refusal (with which
    /// `done` has already run).
    virtual Result<std::uint64_t> storeAsync(const NewMessage& msg, StoreCallback done) = 0;
    /// As storeAsync, at sequence `seq` (above the last one): the sequences skipped over become
    /// deleted, as nats-server's SkipMsgs. For mirrors, which keep their origin's sequences.
    virtual Result<std::uint64_t> storeAsyncAt(std::uint64_t seq, const NewMessage& msg,
                                               StoreCallback done) = 0;

    /// Any thread; reads (FileStore: at most one pread). NotFound if deleted, Eof if past the last.
    virtual Result<StoredMessage> load(std::uint64_t seq) = 0;
    /// Any thread; the last message whose subject matches `filter` (wildcards allowed).
    virtual Result<StoredMessage> loadLast(std::string_view filter) = 0;
    /// Any thread; the first message at or after `start` matching `filter`. Eof when none.
    virtual Result<StoredMessage> loadNext(std::string_view filter, std::uint64_t start) = 0;

    /// Any thread; blocks until the removal is durable. False when `seq` holds no message.
    virtual Result<bool> remove(std::uint64_t seq) = 0;
    /// As remove(), and the message's bytes are first overwritten with random bytes.
    virtual Result<bool> erase(std::uint64_t seq) = 0;

    /// Any thread; blocks until durable. Removes every message; last_seq is kept.
    virtual Result<std::uint64_t> purge() = 0;
    /// nats-server PurgeEx: messages matching `subject` ("" = all) below `seq` (0 = no bound),
    /// keeping the newest `keep` matching messages. Returns the number removed. Durable.
    virtual Result<std::uint64_t> purgeEx(std::string_view subject, std::uint64_t seq,
                                          std::uint64_t keep) = 0;
    /// Removes every message below `seq`; past the end, the next message gets `seq` (this is how
    /// a stream's first_seq is applied). Returns the number removed. Durable.
    virtual Result<std::uint64_t> compact(std::uint64_t seq) = 0;

    /// Any thread; applies new limits now (removing what they no longer allow). Durable.
    virtual Result<void> updateLimits(const StoreLimits& limits) = 0;
    /// Any thread; removes messages older than max_age by the store's clock. Returns how many.
    /// Every other call also does this first, so a timer only matters to free space early.
    virtual Result<std::uint64_t> expireMessages() = 0;
    /// Any thread; when (ns since epoch) the oldest message expires, if max_age is set.
    virtual std::optional<std::int64_t> nextExpiry() = 0;

    /// Any thread; the full state, with deleted sequences and per-subject counts on request.
    virtual StreamState state(const StateOptions& options = {}) = 0;
    /// Any thread; counts only: no deleted list, no subjects map. O(1).
    virtual StreamState fastState() = 0;
    /// Any thread; messages matching `filter` at or after `start`.
    virtual SubjectState filteredState(std::string_view filter, std::uint64_t start) = 0;
    /// Any thread; per-subject message counts for subjects matching `filter`.
    virtual std::map<std::string, std::uint64_t> subjectCounts(std::string_view filter) = 0;
    /// Any thread; the first sequence whose timestamp is >= ts (last_seq + 1 if none).
    virtual std::uint64_t seqFromTime(std::int64_t ts) = 0;

    /// Any thread; the bytes one message counts for in state().bytes and max_bytes.
    virtual std::uint64_t messageSize(std::size_t subject, std::size_t headers,
                                      std::size_t payload) const = 0;

    /// Any thread; blocks until everything written so far is fsynced (a no-op in memory).
    virtual Result<void> sync() = 0;
    /// Any thread; syncs and closes. Later calls fail with Errc::Closed. Idempotent.
    virtual void stop() = 0;
};

}  // namespace nwb::store
