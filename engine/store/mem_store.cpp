// MemStore: bodies in a hash map beside the shared index.
#include "engine/store/mem_store.h"

#include <random>

namespace nwb::store {
namespace {

void overwriteRandom(std::string& bytes) {
    std::random_device device;
    std::mt19937_64 gen(device());
    for (char& c : bytes) c = static_cast<char>(gen());
}

}  // namespace

MemStore::MemStore(StoreLimits limits, Clock clock) : IndexedStore(limits, std::move(clock)) {}

std::uint64_t MemStore::messageSize(std::size_t subject, std::size_t headers,
                                    std::size_t payload) const {
    return std::uint64_t(subject) + headers + payload + 16;
}

Result<void> MemStore::sync() { return {}; }

void MemStore::stop() {
    std::unique_lock lock(mutex_);
    closed_ = true;
    bodies_.clear();
}

Result<IndexedStore::Location> MemStore::appendMessageLocked(std::uint64_t seq, std::int64_t,
                                                             const NewMessage& msg) {
    bodies_.insert_or_assign(seq, Body{std::string(msg.headers), std::string(msg.payload)});
    return Location{};
}

Result<void> MemStore::onRemovedLocked(std::uint64_t seq, const SeqIndex::Entry&, bool erase) {
    auto it = bodies_.find(seq);
    if (it == bodies_.end()) return {};
    if (erase) {
        overwriteRandom(it->second.headers);
        overwriteRandom(it->second.payload);
    }
    bodies_.erase(it);
    return {};
}

Result<void> MemStore::onCompactedLocked(std::uint64_t, const Removed& removed) {
    for (const auto& [seq, entry] : removed) bodies_.erase(seq);
    return {};
}

Result<StoredMessage> MemStore::readLocked(std::uint64_t seq, const SeqIndex::Entry& entry) {
    auto it = bodies_.find(seq);
    if (it == bodies_.end()) return makeError(Errc::NotFound);
    return StoredMessage{seq, entry.ts, std::string(index_.subjectName(entry.subject)),
                         it->second.headers, it->second.payload};
}

}  // namespace nwb::store
