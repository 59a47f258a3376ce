// An account: a namespace of subjects with its own subject trie (nats-server accounts.go).
#pragma once

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

private:
    std::string name_;
    SubjectTrie trie_;
};

/// The account users belong to when none is configured.
inline constexpr std::string_view kGlobalAccountName = "$G";
/// The system account's name unless `system_account` names another.
inline constexpr std::string_view kDefaultSystemAccountName = "$SYS";

}  // namespace nwb::core
