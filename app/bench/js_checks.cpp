// Final-state checks and helpers of the JetStream scenarios.
#include "app/bench/js_checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <random>

namespace nwb::bench {

bool isJetStreamScenario(std::string_view name) {
    return name.starts_with("js-") || name.starts_with("kv-");
}

std::string checkStreamCounts(const StreamCounts& got, std::uint64_t expected) {
    if (got.msgs == expected && got.last_seq == expected && (expected == 0 || got.first_seq == 1)) {
        return "";
    }
    return fmt::format("the stream holds {} messages (sequences {}..{}), expected {} (1..{})",
                       got.msgs, got.first_seq, got.last_seq, expected, expected);
}

std::string checkConsumerCounts(const ConsumerCounts& got, std::uint64_t expected, bool acked) {
    std::vector<std::string> problems;
    if (got.delivered_stream != expected)
        problems.push_back(fmt::format("delivered up to stream sequence {}", got.delivered_stream));
    if (got.delivered_consumer != expected)
        problems.push_back(fmt::format("{} deliveries", got.delivered_consumer));
    if (got.num_redelivered != 0)
        problems.push_back(fmt::format("{} redelivered", got.num_redelivered));
    if (got.num_pending != 0) problems.push_back(fmt::format("{} still pending", got.num_pending));
    if (acked && got.num_ack_pending != 0)
        problems.push_back(fmt::format("{} unacknowledged", got.num_ack_pending));
    if (acked && got.ack_floor_stream != expected)
        problems.push_back(fmt::format("ack floor at stream sequence {}", got.ack_floor_stream));
    if (problems.empty()) return "";
    std::string text = fmt::format("the consumer of {} messages reports ", expected);
    for (std::size_t i = 0; i < problems.size(); ++i) text += (i == 0 ? "" : ", ") + problems[i];
    return text;
}

std::string kvKey(std::uint64_t index) { return "k" + std::to_string(index); }

std::vector<std::uint64_t> shuffledIndexes(std::uint64_t count, std::uint64_t seed) {
    std::vector<std::uint64_t> order(count);
    std::iota(order.begin(), order.end(), std::uint64_t{0});
    std::mt19937_64 random(seed);
    std::shuffle(order.begin(), order.end(), random);
    return order;
}

std::string filesystemName(std::uint64_t magic) {
    switch (magic) {
        case 0xEF53:
            return "ext4";
        case 0x01021994:
            return "tmpfs";
        case 0x58465342:
            return "xfs";
        case 0x9123683E:
            return "btrfs";
        case 0x794C7630:
            return "overlayfs";
        case 0x2FC12FC1:
            return "zfs";
        case 0xF2F52010:
            return "f2fs";
        default:
            return fmt::format("filesystem 0x{:x}", magic);
    }
}

}  // namespace nwb::bench
