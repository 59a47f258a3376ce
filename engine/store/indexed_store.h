// The StreamStore semantics shared by MemStore and FileStore: sequences, limits, purge and
// queries over a SeqIndex under one mutex. Subclasses keep the message bodies.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "engine/store/seq_index.h"
#include "engine/store/stream_store.h"

namespace nwb::store {

class IndexedStore : public StreamStore {
public:
    Result<StoreAck> store(const NewMessage& msg) override;
    Result<std::uint64_t> storeAsync(const NewMessage& msg, StoreCallback done) override;
    Result<std::uint64_t> storeAsyncAt(std::uint64_t seq, const NewMessage& msg,
                                       StoreCallback done) override;
    Result<StoredMessage> load(std::uint64_t seq) override;
    Result<StoredMessage> loadLast(std::string_view filter) override;
    Result<StoredMessage> loadNext(std::string_view filter, std::uint64_t start) override;
    Result<bool> remove(std::uint64_t seq) override;
    Result<bool> erase(std::uint64_t seq) override;
    Result<std::uint64_t> purge() override;
    Result<std::uint64_t> purgeEx(std::string_view subject, std::uint64_t seq,
                                  std::uint64_t keep) override;
    Result<std::uint64_t> compact(std::uint64_t seq) override;
    Result<void> updateLimits(const StoreLimits& limits) override;
    Result<std::uint64_t> expireMessages() override;
    std::optional<std::int64_t> nextExpiry() override;
    StreamState state(const StateOptions& options = {}) override;
    StreamState fastState() override;
    SubjectState filteredState(std::string_view filter, std::uint64_t start) override;
    std::map<std::string, std::uint64_t> subjectCounts(std::string_view filter) override;
    std::uint64_t seqFromTime(std::int64_t ts) override;

protected:
    struct Location {
        std::uint64_t loc = 0;
        std::uint32_t length = 0;
    };
    using Removed = std::vector<std::pair<std::uint64_t, SeqIndex::Entry>>;

    IndexedStore(StoreLimits limits, Clock clock);

    // Hooks, all called with mutex_ held.
    /// Keeps the body of message `seq` (FileStore: appends its record).
    virtual Result<Location> appendMessageLocked(std::uint64_t seq, std::int64_t ts,
                                                 const NewMessage& msg) = 0;
    /// Message `seq` left the index (FileStore: appends a tombstone; `erase`: overwrites it).
    virtual Result<void> onRemovedLocked(std::uint64_t seq, const SeqIndex::Entry& entry,
                                         bool erase) = 0;
    /// Every sequence below `floor` left the index (FileStore: appends a floor record).
    virtual Result<void> onCompactedLocked(std::uint64_t floor, const Removed& removed) = 0;
    virtual Result<StoredMessage> readLocked(std::uint64_t seq, const SeqIndex::Entry& entry) = 0;
    /// Refuses writes once closed or failed.
    virtual Result<void> writableLocked();
    /// A ticket that becomes durable once everything written so far is (0: always durable).
    virtual std::uint64_t commitTicketLocked() { return 0; }
    /// Called without mutex_: blocks until `ticket` is durable.
    virtual Result<void> awaitDurable(std::uint64_t ticket);
    /// Queues `done(ack)` to run once `ticket` is durable; false: the caller runs it after
    /// unlocking.
    virtual bool enqueueDurableLocked(std::uint64_t ticket, const StoreAck& ack,
                                      StoreCallback& done);

    /// Re-applies every limit, as after recovery or a limits update.
    Result<void> applyLimitsLocked();
    Result<std::uint64_t> expireLocked();

    std::mutex mutex_;
    SeqIndex index_;
    StoreLimits limits_;
    Clock clock_;
    bool closed_ = false;
    std::vector<std::uint64_t> lost_;

private:
    /// storeAsync and storeAsyncAt: `at` is the sequence to store at, default the last + 1.
    Result<std::uint64_t> storeAsyncLocking(const NewMessage& msg,
                                            std::optional<std::uint64_t> at, StoreCallback done);
    /// `at`: the sequence to store at; default the last + 1.
    Result<StoreAck> storeLocked(const NewMessage& msg, std::optional<std::uint64_t> at = {});
    Result<bool> removeLocked(std::uint64_t seq, bool erase);
    Result<bool> removeAndWait(std::uint64_t seq, bool erase);
    Result<StoredMessage> readChecked(std::uint64_t seq);
    StreamState fastStateLocked();
    Result<std::uint64_t> compactAndWait(std::uint64_t seq, bool purge_all);
    template <typename T>
    Result<T> finish(std::unique_lock<std::mutex>& lock, Result<T> result);
};

}  // namespace nwb::store
