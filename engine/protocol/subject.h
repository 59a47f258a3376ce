// Subject syntax and matching rules shared by routing, permissions and configuration (REFERENCE §1.5).
#pragma once

#include <string_view>
#include <vector>

namespace nwb::protocol {

/// A valid subject: non-empty tokens split on '.', no whitespace, '>' only as the last token.
/// Wildcards are allowed; `*` and `>` are wildcards only as a whole token.
bool isValidSubject(std::string_view subject);

/// A valid subject without wildcard tokens (what pedantic mode requires of a publish subject).
bool isValidLiteralSubject(std::string_view subject);

/// True when the subject has a `*` or `>` token.
bool hasWildcard(std::string_view subject);

/// A valid queue group name: non-empty, no whitespace.
bool isValidQueueName(std::string_view queue);

/// Does `pattern` (which may contain wildcards) match `subject`? A wildcard token in `subject`
/// matches only the same wildcard in `pattern`, as nats-server's sublist does for publishes.
bool subjectMatches(std::string_view pattern, std::string_view subject);

/// Is every subject matched by `sub` also matched by `pattern`? (nats-server subjectIsSubsetMatch)
bool subjectIsSubsetOf(std::string_view sub, std::string_view pattern);

/// The tokens of `subject` split on '.', empty ones included ("a..b" gives "a", "", "b"); views
/// into `subject`.
std::vector<std::string_view> splitSubjectTokens(std::string_view subject);

}  // namespace nwb::protocol
