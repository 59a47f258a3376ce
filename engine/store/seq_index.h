// The in-memory index both stores share: live messages by sequence, per-subject counts and
// first/last sequences, deleted gaps, and the stream counters. Not thread-safe: the owning
// store's mutex guards it.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/store/store_types.h"

namespace nwb::store {

/// Matches subjects against a filter, remembering the answer per subject id.
class SubjectFilter {
public:
    explicit SubjectFilter(std::string_view filter);
    bool all() const { return all_; }
    bool literal() const { return !all_ && !wildcard_; }
    const std::string& text() const { return filter_; }
    bool matches(std::uint32_t subject_id, std::string_view subject);
    bool matches(std::string_view subject) const;

private:
    std::string filter_;
    bool all_ = false;
    bool wildcard_ = false;
    std::vector<std::int8_t> memo_;  ///< by subject id: -1 unknown, 0 no, 1 yes
};

class SeqIndex {
public:
    struct Entry {
        std::int64_t ts = 0;
        std::uint64_t loc = 0;   ///< the owning store's location of the record
        std::uint64_t size = 0;  ///< bytes counted in state
        std::uint32_t subject = 0;
        std::uint32_t length = 0;  ///< the owning store's record length
        bool live = false;
    };

    std::uint64_t msgs() const { return msgs_; }
    std::uint64_t bytes() const { return bytes_; }
    std::uint64_t firstSeq() const { return first_seq_; }
    std::uint64_t lastSeq() const { return last_seq_; }
    std::int64_t firstTs() const;
    std::int64_t lastTs() const { return last_ts_; }
    std::size_t numSubjects() const { return subject_ids_.size(); }

    /// Adds message `seq` (> lastSeq()). Sequences skipped over become deleted gaps.
    void append(std::uint64_t seq, std::int64_t ts, std::string_view subject, std::uint64_t size,
                std::uint64_t loc, std::uint32_t length);
    /// Raises last_seq to `seq` without a message (a skipped range).
    void advanceLast(std::uint64_t seq);
    /// Sets last_ts (recovery restores it from the newest record).
    void setLastTs(std::int64_t ts) { last_ts_ = ts; }

    const Entry* find(std::uint64_t seq) const;
    std::string_view subjectName(std::uint32_t id) const { return subjects_[id].name; }
    /// Removes a live message; returns its entry, or nothing if `seq` is not live.
    std::optional<Entry> remove(std::uint64_t seq);
    /// Removes every message below `seq`; past the end, the next sequence becomes `seq`.
    /// Returns the removed (seq, entry) pairs.
    std::vector<std::pair<std::uint64_t, Entry>> compact(std::uint64_t seq);

    /// First live sequence >= start matching the filter.
    std::optional<std::uint64_t> nextMatching(SubjectFilter& filter, std::uint64_t start);
    /// Last live sequence matching the filter.
    std::optional<std::uint64_t> lastMatching(SubjectFilter& filter);
    /// Live messages >= start matching the filter.
    SubjectState filtered(SubjectFilter& filter, std::uint64_t start);
    /// Per-subject state of one literal subject (empty if it has no messages).
    SubjectState subjectState(std::string_view subject);
    std::map<std::string, std::uint64_t> subjectCounts(SubjectFilter& filter) const;
    /// Interior deleted sequences between first and last.
    std::vector<std::uint64_t> deleted() const;
    std::uint64_t seqFromTime(std::int64_t ts) const;

    /// Calls f(seq, entry) for every live message in sequence order.
    template <typename F>
    void forEachLive(F&& f) const {
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            if (entries_[i].live) f(base_seq_ + i, entries_[i]);
        }
    }

private:
    struct SubjectInfo {
        std::string name;
        std::uint64_t msgs = 0;
        std::uint64_t first = 0;
        std::uint64_t last = 0;
        bool first_stale = false;
        bool last_stale = false;
    };
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

    Entry* at(std::uint64_t seq);
    const Entry* at(std::uint64_t seq) const;
    void refresh(std::uint32_t id);
    void dropDeadFront();
    void resetEmpty(std::uint64_t next_seq);

    std::deque<Entry> entries_;  ///< entries_[i] is sequence base_seq_ + i
    std::uint64_t base_seq_ = 1;
    std::uint64_t msgs_ = 0;
    std::uint64_t bytes_ = 0;
    std::uint64_t first_seq_ = 0;
    std::uint64_t last_seq_ = 0;
    std::int64_t last_ts_ = 0;
    std::vector<SubjectInfo> subjects_;
    std::vector<std::uint32_t> free_ids_;
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> subject_ids_;
};

}  // namespace nwb::store
