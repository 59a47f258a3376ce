// Sequence bookkeeping per receiver, and the loss/duplicate verdicts over a set of receivers.
#include "app/bench/sequence_tracker.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace nwb::bench {

std::string DeliveryCheck::describe() const {
    if (ok()) return "ok";
    std::string text;
    const auto add = [&](const char* what, std::uint64_t n) {
        if (n == 0) return;
        if (!text.empty()) text += ", ";
        text += what;
        text += ' ';
        text += std::to_string(n);
    };
    add("LOST", lost);
    add("DUPLICATED", duplicates);
    add("OUT OF ORDER", out_of_order);
    add("INVALID", invalid);
    return text;
}

DeliveryCheck& DeliveryCheck::operator+=(const DeliveryCheck& other) {
    expected += other.expected;
    received += other.received;
    lost += other.lost;
    duplicates += other.duplicates;
    out_of_order += other.out_of_order;
    invalid += other.invalid;
    return *this;
}

void DeliveryCheck::excludeUnsent(std::uint64_t deliveries) {
    expected -= std::min(expected, deliveries);
    lost -= std::min(lost, deliveries);
}

SequenceTracker::SequenceTracker(std::vector<std::uint64_t> expected)
    : expected_(std::move(expected)), next_(expected_.size(), 0) {
    seen_.reserve(expected_.size());
    for (const auto n : expected_) seen_.emplace_back((n + 63) / 64, 0);
}

std::uint64_t SequenceTracker::expectedTotal() const {
    std::uint64_t total = 0;
    for (const auto n : expected_) total += n;
    return total;
}

SequenceTracker::Outcome SequenceTracker::record(std::uint32_t publisher, std::uint64_t sequence) {
    ++received_;
    if (publisher >= expected_.size() || sequence >= expected_[publisher]) {
        ++invalid_;
        return Outcome::Invalid;
    }
    auto& word = seen_[publisher][sequence / 64];
    const std::uint64_t bit = std::uint64_t{1} << (sequence % 64);
    if ((word & bit) != 0) {
        ++duplicates_;
        return Outcome::Duplicate;
    }
    word |= bit;
    ++distinct_;
    if (sequence < next_[publisher]) {
        ++out_of_order_;
        return Outcome::OutOfOrder;
    }
    next_[publisher] = sequence + 1;
    return Outcome::Ok;
}

DeliveryCheck SequenceTracker::checkEach(std::span<const SequenceTracker* const> trackers) {
    DeliveryCheck check;
    for (const auto* t : trackers) {
        const std::uint64_t expected = t->expectedTotal();
        check.expected += expected;
        check.received += t->received_;
        check.lost += expected - t->distinct_;
        check.duplicates += t->duplicates_;
        check.out_of_order += t->out_of_order_;
        check.invalid += t->invalid_;
    }
    return check;
}

DeliveryCheck SequenceTracker::checkUnion(std::span<const SequenceTracker* const> trackers) {
    DeliveryCheck check;
    if (trackers.empty()) return check;
    const auto& shape = trackers.front()->expected_;
    check.expected = trackers.front()->expectedTotal();
    std::uint64_t distinct_sum = 0;
    for (const auto* t : trackers) {
        if (t->expected_ != shape)
            throw std::invalid_argument("checkUnion: trackers differ in shape");
        check.received += t->received_;
        check.duplicates += t->duplicates_;
        check.out_of_order += t->out_of_order_;
        check.invalid += t->invalid_;
        distinct_sum += t->distinct_;
    }
    std::uint64_t union_count = 0;
    for (std::size_t p = 0; p < shape.size(); ++p) {
        for (std::size_t w = 0; w < trackers.front()->seen_[p].size(); ++w) {
            std::uint64_t word = 0;
            for (const auto* t : trackers) word |= t->seen_[p][w];
            union_count += static_cast<std::uint64_t>(std::popcount(word));
        }
    }
    check.duplicates += distinct_sum - union_count;  // seen by more than one member
    check.lost = check.expected - union_count;
    return check;
}

}  // namespace nwb::bench
