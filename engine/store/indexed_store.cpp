// Limits, purge and query semantics shared by the stores (nats-server memstore.go behaviour).
#include "engine/store/indexed_store.h"

#include <algorithm>

namespace nwb::store {

IndexedStore::IndexedStore(StoreLimits limits, Clock clock)
    : limits_(limits), clock_(clock ? std::move(clock) : systemClock()) {}

Result<void> IndexedStore::writableLocked() {
    if (closed_) return makeError(Errc::Closed);
    return {};
}

Result<void> IndexedStore::awaitDurable(std::uint64_t) { return {}; }

bool IndexedStore::enqueueDurableLocked(std::uint64_t, const StoreAck&, StoreCallback&) {
    return false;
}

template <typename T>
Result<T> IndexedStore::finish(std::unique_lock<std::mutex>& lock, Result<T> result) {
    const std::uint64_t ticket = commitTicketLocked();
    lock.unlock();
    if (auto durable = awaitDurable(ticket); !durable) return std::unexpected(durable.error());
    return result;
}

Result<std::uint64_t> IndexedStore::expireLocked() {
    if (limits_.max_age.count() <= 0 || index_.msgs() == 0) return 0;
    const std::int64_t cutoff = clock_() - limits_.max_age.count();
    std::uint64_t expired = 0;
    while (index_.msgs() > 0 && index_.firstTs() <= cutoff) {
        auto r = removeLocked(index_.firstSeq(), false);
        if (!r) return std::unexpected(r.error());
        ++expired;
    }
    return expired;
}

Result<bool> IndexedStore::removeLocked(std::uint64_t seq, bool erase) {
    auto entry = index_.remove(seq);
    if (!entry) return false;
    if (auto r = onRemovedLocked(seq, *entry, erase); !r) return std::unexpected(r.error());
    return true;
}

Result<StoreAck> IndexedStore::storeLocked(const NewMessage& msg, std::optional<std::uint64_t> at) {
    if (auto w = writableLocked(); !w) return std::unexpected(w.error());
    if (msg.subject.empty()) return makeError(Errc::InvalidArgument, "empty subject");
    if (auto e = expireLocked(); !e) return std::unexpected(e.error());
    const std::uint64_t body = msg.headers.size() + msg.payload.size();
    if (limits_.max_msg_size > 0 && body > std::uint64_t(limits_.max_msg_size)) {
        return makeError(Errc::MsgTooLarge);
    }
    const std::uint64_t size = messageSize(msg.subject.size(), msg.headers.size(), msg.payload.size());
    const std::uint64_t per_subject =
        limits_.max_msgs_per_subject > 0 ? std::uint64_t(limits_.max_msgs_per_subject) : 0;
    SubjectState subject_state;
    if (per_subject > 0) subject_state = index_.subjectState(msg.subject);
    const bool at_subject_limit = per_subject > 0 && subject_state.msgs + 1 > per_subject;

    if (limits_.discard == DiscardPolicy::New) {
        if (at_subject_limit && limits_.discard_new_per_subject) {
            return makeError(Errc::MaxMsgsPerSubject);
        }
        if (limits_.max_msgs > 0 && index_.msgs() >= std::uint64_t(limits_.max_msgs) &&
            !at_subject_limit) {
            return makeError(Errc::MaxMsgs);
        }
        if (limits_.max_bytes > 0 && index_.bytes() + size > std::uint64_t(limits_.max_bytes)) {
            // At the subject limit the oldest message of the subject goes: enough room?
            const SeqIndex::Entry* oldest =
                at_subject_limit ? index_.find(subject_state.first) : nullptr;
            if (oldest == nullptr || oldest->size < size) return makeError(Errc::MaxBytes);
        }
    }

    const std::uint64_t seq = at.value_or(index_.lastSeq() + 1);
    if (seq <= index_.lastSeq()) {
        return makeError(Errc::InvalidArgument,
                         "sequence " + std::to_string(seq) + " is not above the last");
    }
    const std::int64_t ts = msg.ts.value_or(clock_());
    auto location = appendMessageLocked(seq, ts, msg);
    if (!location) return std::unexpected(location.error());
    index_.append(seq, ts, msg.subject, size, location->loc, location->length);

    if (per_subject > 0) {
        for (SubjectState s = index_.subjectState(msg.subject); s.msgs > per_subject;
             s = index_.subjectState(msg.subject)) {
            if (auto r = removeLocked(s.first, false); !r) return std::unexpected(r.error());
        }
    }
    if (limits_.discard == DiscardPolicy::Old) {
        while (limits_.max_msgs > 0 && index_.msgs() > std::uint64_t(limits_.max_msgs)) {
            if (auto r = removeLocked(index_.firstSeq(), false); !r) return std::unexpected(r.error());
        }
        while (limits_.max_bytes > 0 && index_.bytes() > std::uint64_t(limits_.max_bytes)) {
            if (auto r = removeLocked(index_.firstSeq(), false); !r) return std::unexpected(r.error());
        }
    }
    return StoreAck{seq, ts};
}

Result<StoreAck> IndexedStore::store(const NewMessage& msg) {
    std::unique_lock lock(mutex_);
    auto r = storeLocked(msg);
    if (!r) return r;
    return finish(lock, std::move(r));
}

Result<std::uint64_t> IndexedStore::storeAsync(const NewMessage& msg, StoreCallback done) {
    return storeAsyncLocking(msg, std::nullopt, std::move(done));
}

Result<std::uint64_t> IndexedStore::storeAsyncAt(std::uint64_t seq, const NewMessage& msg,
                                                 StoreCallback done) {
    return storeAsyncLocking(msg, seq, std::move(done));
}

Result<std::uint64_t> IndexedStore::storeAsyncLocking(const NewMessage& msg,
                                                      std::optional<std::uint64_t> at,
                                                      StoreCallback done) {
    std::unique_lock lock(mutex_);
    auto r = storeLocked(msg, at);
    if (!r) {
        lock.unlock();
        const Error refusal = r.error();
        done(std::move(r));
        return std::unexpected(refusal);
    }
    const StoreAck ack = *r;
    const bool queued = enqueueDurableLocked(commitTicketLocked(), ack, done);
    lock.unlock();
    if (!queued) done(ack);
    return ack.seq;
}

Result<StoredMessage> IndexedStore::readChecked(std::uint64_t seq) {
    const SeqIndex::Entry* entry = index_.find(seq);
    if (entry == nullptr) return makeError(seq > index_.lastSeq() ? Errc::Eof : Errc::NotFound);
    auto r = readLocked(seq, *entry);
    if (!r && r.error().code == Errc::Corrupt) {
        // Reported once in state().lost; a tombstone keeps it from coming back on reopen.
        lost_.push_back(seq);
        (void)removeLocked(seq, false);
    }
    return r;
}

Result<StoredMessage> IndexedStore::load(std::uint64_t seq) {
    std::unique_lock lock(mutex_);
    if (closed_) return makeError(Errc::Closed);
    (void)expireLocked();
    return readChecked(seq);
}

Result<StoredMessage> IndexedStore::loadLast(std::string_view filter) {
    std::unique_lock lock(mutex_);
    if (closed_) return makeError(Errc::Closed);
    (void)expireLocked();
    SubjectFilter f(filter);
    auto seq = index_.lastMatching(f);
    if (!seq) return makeError(Errc::NotFound);
    return readChecked(*seq);
}

Result<StoredMessage> IndexedStore::loadNext(std::string_view filter, std::uint64_t start) {
    std::unique_lock lock(mutex_);
    if (closed_) return makeError(Errc::Closed);
    (void)expireLocked();
    SubjectFilter f(filter);
    auto seq = index_.nextMatching(f, start);
    if (!seq) return makeError(Errc::Eof);
    return readChecked(*seq);
}

Result<bool> IndexedStore::removeAndWait(std::uint64_t seq, bool erase) {
    std::unique_lock lock(mutex_);
    if (auto w = writableLocked(); !w) return std::unexpected(w.error());
    (void)expireLocked();
    auto r = removeLocked(seq, erase);
    if (!r) return r;
    return finish(lock, std::move(r));
}

Result<bool> IndexedStore::remove(std::uint64_t seq) { return removeAndWait(seq, false); }
Result<bool> IndexedStore::erase(std::uint64_t seq) { return removeAndWait(seq, true); }

Result<std::uint64_t> IndexedStore::compactAndWait(std::uint64_t seq, bool purge_all) {
    std::unique_lock lock(mutex_);
    if (auto w = writableLocked(); !w) return std::unexpected(w.error());
    (void)expireLocked();
    if (purge_all) seq = index_.lastSeq() + 1;
    if (!purge_all && index_.firstSeq() > seq) return 0;
    const Removed removed = index_.compact(seq);
    if (auto r = onCompactedLocked(seq, removed); !r) return std::unexpected(r.error());
    return finish(lock, Result<std::uint64_t>(removed.size()));
}

Result<std::uint64_t> IndexedStore::purge() { return compactAndWait(0, true); }

Result<std::uint64_t> IndexedStore::compact(std::uint64_t seq) {
    if (seq == 0) return purge();
    return compactAndWait(seq, false);
}

Result<std::uint64_t> IndexedStore::purgeEx(std::string_view subject, std::uint64_t seq,
                                            std::uint64_t keep) {
    if (seq == 1) return 0;  // "below 1" is nothing
    if (subject.empty() || subject == ">") {
        if (keep == 0 && seq == 0) return purge();
        if (seq > 1) return compact(seq);
        subject = ">";
    }
    std::unique_lock lock(mutex_);
    if (auto w = writableLocked(); !w) return std::unexpected(w.error());
    (void)expireLocked();
    SubjectFilter filter(subject);
    const SubjectState matching = index_.filtered(filter, 1);
    if (matching.msgs == 0) return 0;
    std::uint64_t max_purge = 0;
    if (keep > 0) {
        if (keep >= matching.msgs) return 0;
        max_purge = matching.msgs - keep;
    }
    const std::uint64_t last = std::min(seq >= 1 ? seq - 1 : matching.last, index_.lastSeq());
    std::uint64_t purged = 0;
    for (std::uint64_t s = matching.first; s <= last; ++s) {
        const SeqIndex::Entry* e = index_.find(s);
        if (e == nullptr || !filter.matches(e->subject, index_.subjectName(e->subject))) continue;
        auto r = removeLocked(s, false);
        if (!r) return std::unexpected(r.error());
        if (*r && ++purged == max_purge) break;
    }
    return finish(lock, Result<std::uint64_t>(purged));
}

Result<void> IndexedStore::applyLimitsLocked() {
    if (limits_.max_msgs_per_subject > 0) {
        const auto per_subject = std::uint64_t(limits_.max_msgs_per_subject);
        SubjectFilter all("");
        for (const auto& [subject, count] : index_.subjectCounts(all)) {
            for (std::uint64_t n = count; n > per_subject; --n) {
                auto r = removeLocked(index_.subjectState(subject).first, false);
                if (!r) return std::unexpected(r.error());
            }
        }
    }
    if (limits_.discard == DiscardPolicy::Old) {
        while (limits_.max_msgs > 0 && index_.msgs() > std::uint64_t(limits_.max_msgs)) {
            if (auto r = removeLocked(index_.firstSeq(), false); !r) return std::unexpected(r.error());
        }
        while (limits_.max_bytes > 0 && index_.bytes() > std::uint64_t(limits_.max_bytes)) {
            if (auto r = removeLocked(index_.firstSeq(), false); !r) return std::unexpected(r.error());
        }
    }
    if (auto e = expireLocked(); !e) return std::unexpected(e.error());
    return {};
}

Result<void> IndexedStore::updateLimits(const StoreLimits& limits) {
    std::unique_lock lock(mutex_);
    if (auto w = writableLocked(); !w) return w;
    limits_ = limits;
    auto r = applyLimitsLocked();
    if (!r) return r;
    return finish(lock, std::move(r));
}

Result<std::uint64_t> IndexedStore::expireMessages() {
    std::unique_lock lock(mutex_);
    if (auto w = writableLocked(); !w) return std::unexpected(w.error());
    auto r = expireLocked();
    if (!r) return r;
    return finish(lock, std::move(r));
}

std::optional<std::int64_t> IndexedStore::nextExpiry() {
    std::unique_lock lock(mutex_);
    if (limits_.max_age.count() <= 0 || index_.msgs() == 0) return std::nullopt;
    return index_.firstTs() + limits_.max_age.count();
}

StreamState IndexedStore::fastState() {
    std::unique_lock lock(mutex_);
    return fastStateLocked();
}

StreamState IndexedStore::fastStateLocked() {
    if (!closed_) (void)expireLocked();
    StreamState s;
    s.msgs = index_.msgs();
    s.bytes = index_.bytes();
    s.first_seq = index_.firstSeq();
    s.first_ts = index_.firstTs();
    s.last_seq = index_.lastSeq();
    s.last_ts = index_.lastTs();
    s.num_subjects = index_.numSubjects();
    s.num_deleted = s.msgs > 0 ? s.last_seq - s.first_seq + 1 - s.msgs : 0;
    s.lost = lost_;
    return s;
}

StreamState IndexedStore::state(const StateOptions& options) {
    std::unique_lock lock(mutex_);
    StreamState s = fastStateLocked();
    if (options.deleted_details) s.deleted = index_.deleted();
    if (options.subjects_filter) {
        SubjectFilter f(*options.subjects_filter);
        s.subjects = index_.subjectCounts(f);
    }
    return s;
}

SubjectState IndexedStore::filteredState(std::string_view filter, std::uint64_t start) {
    std::unique_lock lock(mutex_);
    if (!closed_) (void)expireLocked();
    SubjectFilter f(filter);
    return index_.filtered(f, start);
}

std::map<std::string, std::uint64_t> IndexedStore::subjectCounts(std::string_view filter) {
    std::unique_lock lock(mutex_);
    if (!closed_) (void)expireLocked();
    SubjectFilter f(filter);
    return index_.subjectCounts(f);
}

std::uint64_t IndexedStore::seqFromTime(std::int64_t ts) {
    std::unique_lock lock(mutex_);
    if (!closed_) (void)expireLocked();
    return index_.seqFromTime(ts);
}

}  // namespace nwb::store
