// Subject syntax and matching rules shared by routing, permissions and configuration.
#include "engine/protocol/subject.h"

namespace nwb::protocol {
namespace {

bool isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

/// Calls fn(token, is_last) for each '.'-separated token; stops early when fn returns false.
template <typename Fn>
bool forEachToken(std::string_view s, Fn&& fn) {
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = s.find('.', start);
        const bool last = dot == std::string_view::npos;
        const std::string_view token = s.substr(start, last ? std::string_view::npos : dot - start);
        if (!fn(token, last)) return false;
        if (last) return true;
        start = dot + 1;
    }
}

/// Splits off the next token of `s` (advancing it); returns false when `s` is exhausted.
bool nextToken(std::string_view& s, std::string_view& token, bool& done) {
    if (done) return false;
    const std::size_t dot = s.find('.');
    if (dot == std::string_view::npos) {
        token = s;
        done = true;
    } else {
        token = s.substr(0, dot);
        s.remove_prefix(dot + 1);
    }
    return true;
}

}  // namespace

bool isValidSubject(std::string_view subject) {
    if (subject.empty()) return false;
    for (char c : subject) {
        if (isWhitespace(c)) return false;
    }
    return forEachToken(subject, [](std::string_view token, bool last) {
        if (token.empty()) return false;
        if (token == ">" && !last) return false;
        return true;
    });
}

bool hasWildcard(std::string_view subject) {
    bool found = false;
    forEachToken(subject, [&](std::string_view token, bool) {
        if (token == "*" || token == ">") found = true;
        return !found;
    });
    return found;
}

bool isValidLiteralSubject(std::string_view subject) {
    return isValidSubject(subject) && !hasWildcard(subject);
}

bool isValidQueueName(std::string_view queue) {
    if (queue.empty()) return false;
    for (char c : queue) {
        if (isWhitespace(c)) return false;
    }
    return true;
}

bool subjectMatches(std::string_view pattern, std::string_view subject) {
    std::string_view p_tok;
    std::string_view s_tok;
    bool p_done = false;
    bool s_done = false;
    while (nextToken(pattern, p_tok, p_done)) {
        if (!nextToken(subject, s_tok, s_done)) return false;
        if (p_tok == ">") return true;  // one or more remaining tokens: we have at least s_tok
        if (p_tok == "*") continue;
        if (p_tok != s_tok) return false;
    }
    return s_done;
}

bool subjectIsSubsetOf(std::string_view sub, std::string_view pattern) {
    std::string_view p_tok;
    std::string_view s_tok;
    bool p_done = false;
    bool s_done = false;
    while (nextToken(pattern, p_tok, p_done)) {
        if (!nextToken(sub, s_tok, s_done)) return false;
        if (p_tok == ">") return true;
        if (s_tok == ">") return false;  // sub covers more than one token where pattern has one
        if (p_tok == "*") continue;
        if (s_tok == "*" || p_tok != s_tok) return false;
    }
    return s_done;
}

std::vector<std::string_view> splitSubjectTokens(std::string_view subject) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        const auto dot = subject.find('.', start);
        out.push_back(subject.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return out;
}

}  // namespace nwb::protocol
