// Delivery verification: which sequence numbers of each publisher a receiver saw, and the
// losses, duplicates and reorderings that follow from that.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace nwb::bench {

/// The verdict on one run's deliveries.
struct DeliveryCheck {
    std::uint64_t expected = 0;  ///< deliveries that should have happened
    std::uint64_t received = 0;  ///< messages the receivers got, valid or not
    std::uint64_t lost = 0;      ///< expected but never received
    std::uint64_t duplicates =
        0;  ///< received more than once (by one receiver, or by a queue group)
    std::uint64_t out_of_order = 0;  ///< arrived after a later message of the same publisher
    std::uint64_t invalid = 0;  ///< unreadable payload, unknown publisher or sequence out of range

    bool ok() const { return lost == 0 && duplicates == 0 && out_of_order == 0 && invalid == 0; }
    /// "ok", or e.g. "LOST 3, DUPLICATED 1".
    std::string describe() const;
    DeliveryCheck& operator+=(const DeliveryCheck& other);
    /// A failed run sent fewer messages than planned: those were never due, so they count
    /// neither as expected nor as lost.
    void excludeUnsent(std::uint64_t deliveries);
};

/// One receiver's view. Not thread-safe: used by the receiver's callback thread, read afterwards.
class SequenceTracker {
public:
    enum class Outcome : std::uint8_t { Ok, Duplicate, OutOfOrder, Invalid };

    /// `expected[p]` is how many messages publisher p sends, with sequences 0..expected[p]-1.
    explicit SequenceTracker(std::vector<std::uint64_t> expected);

    Outcome record(std::uint32_t publisher, std::uint64_t sequence);
    void recordInvalid() {
        ++received_;
        ++invalid_;
    }

    std::uint64_t received() const { return received_; }
    std::uint64_t distinct() const { return distinct_; }
    std::uint64_t expectedTotal() const;

    /// Every receiver should get every message (fan-out, 1:1): checks each tracker on its own.
    static DeliveryCheck checkEach(std::span<const SequenceTracker* const> trackers);
    /// The receivers share the messages (a queue group): each message exactly once in total.
    static DeliveryCheck checkUnion(std::span<const SequenceTracker* const> trackers);

private:
    std::vector<std::uint64_t> expected_;
    std::vector<std::vector<std::uint64_t>> seen_;  ///< one bit per sequence, per publisher
    std::vector<std::uint64_t> next_;               ///< one past the highest sequence seen
    std::uint64_t received_ = 0;
    std::uint64_t distinct_ = 0;
    std::uint64_t duplicates_ = 0;
    std::uint64_t out_of_order_ = 0;
    std::uint64_t invalid_ = 0;
};

}  // namespace nwb::bench
