// One compiled allow or deny list: subject patterns, optionally scoped to a queue group ("foo
// grp").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nwb::auth {

/// What a subject matched in a list, as nats-server's Sublist.Match reports plain and queue
/// entries.
struct ListMatch {
    bool plain = false;                    ///< some entry without a queue matched
    std::vector<std::string_view> queues;  ///< queue names of matching queue-scoped entries
};

/// Entries matched token by token like nats-server's sublist: a `*` entry token matches any one
/// token of the subject (a `*` or `>` token too), a `>` entry token matches the rest, and a
/// wildcard token in the subject matches only a wildcard entry token. Immutable once built.
class PermissionList {
public:
    enum class QueueEntries { Split, Literal };

    /// `Split`: "subject queue" entries are queue-scoped (subscribe lists); entries of more than
    /// two fields are skipped. `Literal`: each entry is one pattern (publish lists).
    /// Entries with empty tokens or a `>` before the end are skipped, as nats-server's Insert
    /// fails.
    PermissionList(const std::vector<std::string>& entries, QueueEntries mode);

    /// Matches `subject`; a subject with an empty token matches nothing. Any thread.
    ListMatch match(std::string_view subject) const;

    /// True when some plain entry matches `subject`. Any thread.
    bool matchesPlain(std::string_view subject) const;

private:
    struct Entry {
        std::string subject;
        std::string queue;  ///< empty: a plain entry
    };
    std::vector<Entry> entries_;
};

/// nats-server queueMatches: `queue` equals one of `queues`, or is a subset of a wildcard one.
/// An empty `queues` matches. Any thread.
bool queueMatches(std::string_view queue, const std::vector<std::string_view>& queues);

}  // namespace nwb::auth
