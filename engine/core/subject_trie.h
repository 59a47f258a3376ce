// The subject trie of one account: subscriptions by subject, with `*` and `>` wildcards and queue groups.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
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

    /// Interest watch (nats-server registerNotification): `callback` runs whenever a subscription
    /// on exactly the literal `subject` in `queue` (empty: plain subscriptions) enters or leaves,
    /// on the changing thread with no trie lock held; it must not block. Any thread.
    std::uint64_t watch(std::string subject, std::string queue, std::function<void()> callback);
    /// Any thread; after it returns the callback is not started again (one under way may end).
    void unwatch(std::uint64_t id);
    /// Any thread; is there a subscription on exactly the literal `subject` in `queue`?
    bool hasExactInterest(std::string_view subject, std::string_view queue) const;

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

    struct Watch {
        std::uint64_t id;
        std::shared_ptr<std::function<void()>> callback;
    };
    void notifyWatchers(const std::string& subject, const std::string& queue);
    std::mutex watch_mutex_;
    std::atomic<bool> has_watchers_{false};
    std::uint64_t next_watch_ = 0;                                 ///< guarded by watch_mutex_
    std::unordered_map<std::string, std::vector<Watch>> watches_;  ///< by "<subject> <queue>"
};

}  // namespace nwb::core
