// An account: a namespace of subjects with its own subject trie (nats-server accounts.go).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "engine/core/subject_trie.h"

namespace nwb::core {

/// Lives as long as the server. Thread-safe: the trie locks internally.
class Account {
public:
    explicit Account(std::string name) : name_(std::move(name)) {}
    Account(const Account&) = delete;
    Account& operator=(const Account&) = delete;

    const std::string& name() const { return name_; }
    SubjectTrie& trie() { return trie_; }
    const SubjectTrie& trie() const { return trie_; }

    /// Message totals of this account's connections that have closed; with the open
    /// connections' own counters they give the account's exact totals since start.
    struct Totals {
        std::int64_t in_msgs = 0, in_bytes = 0, out_msgs = 0, out_bytes = 0;
    };
    /// A connection of this account closed with these totals. Any thread.
    void addClosed(std::int64_t in_msgs, std::int64_t in_bytes, std::int64_t out_msgs,
                   std::int64_t out_bytes) {
        closed_in_msgs_.fetch_add(in_msgs, std::memory_order_relaxed);
        closed_in_bytes_.fetch_add(in_bytes, std::memory_order_relaxed);
        closed_out_msgs_.fetch_add(out_msgs, std::memory_order_relaxed);
        closed_out_bytes_.fetch_add(out_bytes, std::memory_order_relaxed);
    }
    /// Any thread.
    Totals closedTotals() const {
        return {closed_in_msgs_.load(std::memory_order_relaxed),
                closed_in_bytes_.load(std::memory_order_relaxed),
                closed_out_msgs_.load(std::memory_order_relaxed),
                closed_out_bytes_.load(std::memory_order_relaxed)};
    }

private:
    std::string name_;
    SubjectTrie trie_;
    std::atomic<std::int64_t> closed_in_msgs_{0};
    std::atomic<std::int64_t> closed_in_bytes_{0};
    std::atomic<std::int64_t> closed_out_msgs_{0};
    std::atomic<std::int64_t> closed_out_bytes_{0};
};

/// The account users belong to when none is configured.
inline constexpr std::string_view kGlobalAccountName = "$G";
/// The system account's name unless `system_account` names another.
inline constexpr std::string_view kDefaultSystemAccountName = "$SYS";

}  // namespace nwb::core
