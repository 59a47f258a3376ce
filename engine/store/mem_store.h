// MemStore: a stream kept in memory only (storage: memory).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "engine/store/indexed_store.h"

namespace nwb::store {

/// Thread-safe (one mutex). "Durable" means in memory: store() returns once the message is
/// in the index; storeAsync() runs its callback on the calling thread before returning.
class MemStore final : public IndexedStore {
public:
    /// Any thread.
    explicit MemStore(StoreLimits limits = {}, Clock clock = {});

    /// Any thread; nats-server's memory accounting: subject + headers + payload + 16.
    std::uint64_t messageSize(std::size_t subject, std::size_t headers,
                              std::size_t payload) const override;
    /// Any thread; nothing to sync.
    Result<void> sync() override;
    /// Any thread; drops every message. Later calls fail with Errc::Closed.
    void stop() override;

private:
    struct Body {
        std::string headers;
        std::string payload;
    };

    Result<Location> appendMessageLocked(std::uint64_t seq, std::int64_t ts,
                                         const NewMessage& msg) override;
    Result<void> onRemovedLocked(std::uint64_t seq, const SeqIndex::Entry& entry,
                                 bool erase) override;
    Result<void> onCompactedLocked(std::uint64_t floor, const Removed& removed) override;
    Result<StoredMessage> readLocked(std::uint64_t seq, const SeqIndex::Entry& entry) override;

    std::unordered_map<std::uint64_t, Body> bodies_;
};

}  // namespace nwb::store
