// The subject trie of one account: subscriptions by subject, with `*` and `>` wildcards and queue groups.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/core/subscription.h"

namespace nwb::core {

/// The subscriptions a subject reaches: every plain one, and each queue group's members.
struct MatchResult {
    std::vector<SubscriptionPtr> plain;
    std::vector<std::vector<SubscriptionPtr>> queues;
    bool empty() const { return plain.empty() && queues.empty(); }
};

using MatchResultPtr = std::shared_ptr<const MatchResult>;

/// Thread-safe: any thread may insert, remove and match. Matches take a shared lock; callers
/// cache results keyed by subject and drop them when generation() changes.
class SubjectTrie {
public:
    SubjectTrie();
    ~SubjectTrie();
    SubjectTrie(const SubjectTrie&) = delete;
    SubjectTrie& operator=(const SubjectTrie&) = delete;

    /// Returns false (and stores nothing) when the subject is not a valid subscription subject.
    bool insert(const SubscriptionPtr& sub);
    /// Returns false when the subscription was not in the trie.
    bool remove(const SubscriptionPtr& sub);
    MatchResultPtr match(std::string_view subject) const;

    /// Changes on every insert and remove.
    std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
    std::size_t count() const;

    /// Lifetime counters for /subsz (nats-server's SublistStats). `matches` counts lookups in
    /// the trie itself, i.e. misses of the per-connection match caches. Any thread.
    struct Stats {
        std::size_t count = 0;
        std::uint64_t inserts = 0;
        std::uint64_t removes = 0;
        std::uint64_t matches = 0;
        std::uint64_t total_fanout = 0;  ///< sum over matches of plain subs + queue groups
        std::uint32_t max_fanout = 0;
    };
    Stats stats() const;

private:
    struct Node;
    struct Level;

    mutable std::shared_mutex mutex_;
    std::unique_ptr<Level> root_;
    std::size_t count_ = 0;
    std::uint64_t inserts_ = 0;  ///< guarded by mutex_
    std::uint64_t removes_ = 0;  ///< guarded by mutex_
    std::atomic<std::uint64_t> generation_{0};
    mutable std::atomic<std::uint64_t> matches_{0};
    mutable std::atomic<std::uint64_t> total_fanout_{0};
    mutable std::atomic<std::uint32_t> max_fanout_{0};
};

}  // namespace nwb::core
