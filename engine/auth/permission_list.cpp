// One compiled allow or deny list: subject patterns, optionally scoped to a queue group ("foo
// grp").
#include "engine/auth/permission_list.h"

#include "engine/protocol/subject.h"

namespace nwb::auth {
namespace {

bool isFieldSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Splits on runs of whitespace, as Go's strings.Fields (ASCII whitespace only).
std::vector<std::string_view> fields(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && isFieldSpace(s[i])) ++i;
        const std::size_t start = i;
        while (i < s.size() && !isFieldSpace(s[i])) ++i;
        if (i > start) out.push_back(s.substr(start, i - start));
    }
    return out;
}

/// What nats-server's Sublist.Insert accepts: no empty token, `>` only as the last token.
bool isInsertable(std::string_view pattern) {
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = pattern.find('.', start);
        const bool last = dot == std::string_view::npos;
        const std::string_view token = pattern.substr(start, last ? pattern.npos : dot - start);
        if (token.empty() || (token == ">" && !last)) return false;
        if (last) return true;
        start = dot + 1;
    }
}

bool hasEmptyToken(std::string_view subject) {
    return subject.empty() || subject.front() == '.' || subject.back() == '.' ||
           subject.find("..") != std::string_view::npos;
}

}  // namespace

PermissionList::PermissionList(const std::vector<std::string>& entries, QueueEntries mode) {
    for (const std::string& raw : entries) {
        Entry entry;
        if (mode == QueueEntries::Split) {
            const auto parts = fields(raw);
            if (parts.empty() || parts.size() > 2) continue;
            entry.subject = parts[0];
            if (parts.size() == 2) entry.queue = parts[1];
        } else {
            entry.subject = raw;
        }
        if (!isInsertable(entry.subject)) continue;
        entries_.push_back(std::move(entry));
    }
}

ListMatch PermissionList::match(std::string_view subject) const {
    ListMatch result;
    if (hasEmptyToken(subject)) return result;
    for (const Entry& entry : entries_) {
        if (!protocol::subjectMatches(entry.subject, subject)) continue;
        if (entry.queue.empty()) {
            result.plain = true;
        } else {
            result.queues.push_back(entry.queue);
        }
    }
    return result;
}

bool PermissionList::matchesPlain(std::string_view subject) const {
    if (hasEmptyToken(subject)) return false;
    for (const Entry& entry : entries_) {
        if (entry.queue.empty() && protocol::subjectMatches(entry.subject, subject)) return true;
    }
    return false;
}

bool queueMatches(std::string_view queue, const std::vector<std::string_view>& queues) {
    if (queues.empty()) return true;
    for (std::string_view name : queues) {
        // '*' and '>' are valid in queue names, so the literal comparison comes first.
        if (queue == name) return true;
        if (protocol::hasWildcard(name) && protocol::subjectIsSubsetOf(queue, name)) return true;
    }
    return false;
}

}  // namespace nwb::auth
