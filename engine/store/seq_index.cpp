// The shared in-memory index of MemStore and FileStore.
#include "engine/store/seq_index.h"

#include <algorithm>

#include "engine/protocol/subject.h"

namespace nwb::store {

SubjectFilter::SubjectFilter(std::string_view filter)
    : filter_(filter),
      all_(filter.empty() || filter == ">"),
      wildcard_(!all_ && protocol::hasWildcard(filter)) {}

bool SubjectFilter::matches(std::string_view subject) const {
    if (all_) return true;
    if (!wildcard_) return subject == filter_;
    return protocol::subjectMatches(filter_, subject);
}

bool SubjectFilter::matches(std::uint32_t subject_id, std::string_view subject) {
    if (all_) return true;
    if (!wildcard_) return subject == filter_;
    if (subject_id >= memo_.size()) memo_.resize(subject_id + 1, -1);
    std::int8_t& m = memo_[subject_id];
    if (m < 0) m = protocol::subjectMatches(filter_, subject) ? 1 : 0;
    return m == 1;
}

std::int64_t SeqIndex::firstTs() const { return msgs_ > 0 ? entries_.front().ts : 0; }

SeqIndex::Entry* SeqIndex::at(std::uint64_t seq) {
    if (seq < base_seq_ || seq - base_seq_ >= entries_.size()) return nullptr;
    return &entries_[seq - base_seq_];
}

const SeqIndex::Entry* SeqIndex::at(std::uint64_t seq) const {
    if (seq < base_seq_ || seq - base_seq_ >= entries_.size()) return nullptr;
    return &entries_[seq - base_seq_];
}

const SeqIndex::Entry* SeqIndex::find(std::uint64_t seq) const {
    const Entry* e = at(seq);
    return e != nullptr && e->live ? e : nullptr;
}

void SeqIndex::resetEmpty(std::uint64_t next_seq) {
    entries_.clear();
    base_seq_ = next_seq;
    first_seq_ = next_seq;
}

void SeqIndex::append(std::uint64_t seq, std::int64_t ts, std::string_view subject,
                      std::uint64_t size, std::uint64_t loc, std::uint32_t length) {
    if (msgs_ == 0) {
        entries_.clear();
        base_seq_ = seq;
        first_seq_ = seq;
    } else {
        while (base_seq_ + entries_.size() < seq) entries_.push_back(Entry{});
    }
    std::uint32_t id = 0;
    if (auto it = subject_ids_.find(subject); it != subject_ids_.end()) {
        id = it->second;
        SubjectInfo& info = subjects_[id];
        ++info.msgs;
        info.last = seq;
        info.last_stale = false;
    } else {
        if (!free_ids_.empty()) {
            id = free_ids_.back();
            free_ids_.pop_back();
        } else {
            id = static_cast<std::uint32_t>(subjects_.size());
            subjects_.emplace_back();
        }
        subjects_[id] = SubjectInfo{std::string(subject), 1, seq, seq, false, false};
        subject_ids_.emplace(std::string(subject), id);
    }
    entries_.push_back(Entry{ts, loc, size, id, length, true});
    ++msgs_;
    bytes_ += size;
    last_seq_ = seq;
    last_ts_ = ts;
}

void SeqIndex::advanceLast(std::uint64_t seq) {
    if (seq <= last_seq_) return;
    if (msgs_ == 0) {
        last_seq_ = seq;
        resetEmpty(seq + 1);
        return;
    }
    while (base_seq_ + entries_.size() <= seq) entries_.push_back(Entry{});
    last_seq_ = seq;
}

void SeqIndex::dropDeadFront() {
    while (!entries_.empty() && !entries_.front().live) {
        entries_.pop_front();
        ++base_seq_;
    }
    if (entries_.empty()) {
        resetEmpty(last_seq_ + 1);
    } else {
        first_seq_ = base_seq_;
    }
}

std::optional<SeqIndex::Entry> SeqIndex::remove(std::uint64_t seq) {
    Entry* e = at(seq);
    if (e == nullptr || !e->live) return std::nullopt;
    e->live = false;
    const Entry removed = *e;
    --msgs_;
    bytes_ -= std::min(bytes_, removed.size);
    SubjectInfo& info = subjects_[removed.subject];
    if (--info.msgs == 0) {
        subject_ids_.erase(info.name);
        info = SubjectInfo{};
        free_ids_.push_back(removed.subject);
    } else {
        if (seq == info.first) info.first_stale = true;
        if (seq == info.last) info.last_stale = true;
    }
    if (seq == first_seq_) dropDeadFront();
    return removed;
}

std::vector<std::pair<std::uint64_t, SeqIndex::Entry>> SeqIndex::compact(std::uint64_t seq) {
    std::vector<std::pair<std::uint64_t, Entry>> removed;
    const std::uint64_t stop = std::min(seq, last_seq_ + 1);
    for (std::uint64_t s = first_seq_; msgs_ > 0 && s < stop; ++s) {
        if (auto e = remove(s)) removed.emplace_back(s, *e);
    }
    if (seq > last_seq_ + 1 || (msgs_ == 0 && seq > last_seq_)) {
        last_seq_ = seq - 1;
        resetEmpty(seq);
    }
    return removed;
}

void SeqIndex::refresh(std::uint32_t id) {
    SubjectInfo& info = subjects_[id];
    if (info.first_stale) {
        for (std::uint64_t s = std::max(info.first + 1, base_seq_); s <= info.last; ++s) {
            const Entry* e = at(s);
            if (e != nullptr && e->live && e->subject == id) {
                info.first = s;
                break;
            }
        }
        info.first_stale = false;
    }
    if (info.last_stale) {
        for (std::uint64_t s = std::min(info.last - 1, last_seq_); s >= info.first && s > 0; --s) {
            const Entry* e = at(s);
            if (e != nullptr && e->live && e->subject == id) {
                info.last = s;
                break;
            }
        }
        info.last_stale = false;
    }
}

std::optional<std::uint64_t> SeqIndex::nextMatching(SubjectFilter& filter, std::uint64_t start) {
    start = std::max(start, first_seq_);
    if (msgs_ == 0 || start > last_seq_) return std::nullopt;
    std::uint64_t lo = start;
    std::uint64_t hi = last_seq_;
    if (filter.literal()) {
        auto it = subject_ids_.find(filter.text());
        if (it == subject_ids_.end()) return std::nullopt;
        refresh(it->second);
        lo = std::max(lo, subjects_[it->second].first);
        hi = subjects_[it->second].last;
    } else if (!filter.all() && subject_ids_.size() < (last_seq_ - start) / 2) {
        std::uint64_t first = last_seq_ + 1;
        std::uint64_t last = 0;
        for (const auto& [name, id] : subject_ids_) {
            if (!filter.matches(id, name)) continue;
            refresh(id);
            first = std::min(first, subjects_[id].first);
            last = std::max(last, subjects_[id].last);
        }
        lo = std::max(lo, first);
        hi = last;
    }
    for (std::uint64_t s = lo; s <= hi; ++s) {
        const Entry* e = at(s);
        if (e != nullptr && e->live && filter.matches(e->subject, subjects_[e->subject].name)) {
            return s;
        }
    }
    return std::nullopt;
}

std::optional<std::uint64_t> SeqIndex::lastMatching(SubjectFilter& filter) {
    if (msgs_ == 0) return std::nullopt;
    if (filter.all()) {
        for (std::uint64_t s = last_seq_; s >= first_seq_; --s) {
            if (const Entry* e = at(s); e != nullptr && e->live) return s;
        }
        return std::nullopt;
    }
    if (filter.literal()) {
        auto it = subject_ids_.find(filter.text());
        if (it == subject_ids_.end()) return std::nullopt;
        refresh(it->second);
        return subjects_[it->second].last;
    }
    std::uint64_t last = 0;
    for (const auto& [name, id] : subject_ids_) {
        if (!filter.matches(id, name)) continue;
        refresh(id);
        last = std::max(last, subjects_[id].last);
    }
    if (last == 0) return std::nullopt;
    return last;
}

SubjectState SeqIndex::filtered(SubjectFilter& filter, std::uint64_t start) {
    SubjectState st;
    start = std::max(start, first_seq_);
    if (msgs_ == 0 || start > last_seq_) return st;
    if (start <= first_seq_) {
        if (filter.all()) return SubjectState{msgs_, first_seq_, last_seq_};
        for (const auto& [name, id] : subject_ids_) {
            if (!filter.matches(id, name)) continue;
            refresh(id);
            const SubjectInfo& info = subjects_[id];
            st.msgs += info.msgs;
            st.first = st.first == 0 ? info.first : std::min(st.first, info.first);
            st.last = std::max(st.last, info.last);
        }
        return st;
    }
    if (last_seq_ - first_seq_ + 1 == msgs_) {
        // No gaps between first and last, and the filter takes every message (no filter, or
        // one covering every subject there is): every sequence from start on counts.
        bool takes_all = filter.all();
        if (!takes_all) {
            std::uint64_t matched = 0;
            for (const auto& [name, id] : subject_ids_) {
                if (!filter.matches(id, name)) continue;
                refresh(id);
                matched += subjects_[id].msgs;
            }
            takes_all = matched == msgs_;
        }
        if (takes_all) return SubjectState{last_seq_ - start + 1, start, last_seq_};
    }
    for (std::uint64_t s = start; s <= last_seq_; ++s) {
        const Entry* e = at(s);
        if (e == nullptr || !e->live || !filter.matches(e->subject, subjects_[e->subject].name)) {
            continue;
        }
        ++st.msgs;
        if (st.first == 0) st.first = s;
        st.last = s;
    }
    return st;
}

SubjectState SeqIndex::subjectState(std::string_view subject) {
    auto it = subject_ids_.find(subject);
    if (it == subject_ids_.end()) return {};
    refresh(it->second);
    const SubjectInfo& info = subjects_[it->second];
    return SubjectState{info.msgs, info.first, info.last};
}

std::map<std::string, std::uint64_t> SeqIndex::subjectCounts(SubjectFilter& filter) const {
    std::map<std::string, std::uint64_t> out;
    for (const auto& [name, id] : subject_ids_) {
        if (filter.matches(name)) out.emplace(name, subjects_[id].msgs);
    }
    return out;
}

std::vector<std::uint64_t> SeqIndex::deleted() const {
    std::vector<std::uint64_t> out;
    if (msgs_ == 0) return out;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (!entries_[i].live) out.push_back(base_seq_ + i);
    }
    return out;
}

std::uint64_t SeqIndex::seqFromTime(std::int64_t ts) const {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (entries_[i].live && entries_[i].ts >= ts) return base_seq_ + i;
    }
    return last_seq_ + 1;
}

}  // namespace nwb::store
