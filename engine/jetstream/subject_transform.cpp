// Subject transforms with nats-server 2.10's destination placeholders and mapping functions.
#include "engine/jetstream/subject_transform.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "engine/protocol/subject.h"

namespace nwb::jetstream {

namespace {


struct SubjectInfo {
    bool valid = false;
    std::vector<std::string_view> tokens;
    int partial_wildcards = 0;
    bool full_wildcard = false;
};

// nats-server subjectInfo: non-empty tokens, nothing after '>'.
SubjectInfo subjectInfo(std::string_view subject) {
    SubjectInfo info;
    if (subject.empty()) return info;
    info.tokens = protocol::splitSubjectTokens(subject);
    for (auto t : info.tokens) {
        if (t.empty() || info.full_wildcard) return SubjectInfo{};
        if (t == ">") info.full_wildcard = true;
        if (t == "*") ++info.partial_wildcards;
    }
    info.valid = true;
    return info;
}

// Go strconv.Atoi: one optional sign, at least one decimal digit, nothing else, within int64.
std::optional<std::int64_t> goAtoi(std::string_view s) {
    bool negative = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    if (s.empty()) return std::nullopt;
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (v > kMax + (negative ? 1 : 0)) return std::nullopt;
    if (negative) return v == kMax + 1 ? std::numeric_limits<std::int64_t>::min()
                                       : -static_cast<std::int64_t>(v);
    return static_cast<std::int64_t>(v);
}

std::string_view trimSpaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

bool isReSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// The argument list of `{{\s*<name>\s*\((.*)\)\s*}}` found anywhere in `token`, split on `,\s*`
// (Go regexp, leftmost match, greedy capture that stops at a newline). In `name` an upper-case
// letter matches either case ([wW]ildcard); lower-case letters match exactly.
std::optional<std::vector<std::string_view>> functionArgs(std::string_view token,
                                                          std::string_view name) {
    for (std::size_t start = token.find("{{"); start != std::string_view::npos;
         start = token.find("{{", start + 1)) {
        std::size_t i = start + 2;
        while (i < token.size() && isReSpace(token[i])) ++i;
        bool ok = token.size() - i >= name.size();
        for (std::size_t k = 0; ok && k < name.size(); ++k) {
            const char want = name[k];
            const char got = token[i + k];
            if (want >= 'A' && want <= 'Z') {
                ok = got == want || got == static_cast<char>(want - 'A' + 'a');
            } else {
                ok = got == want;
            }
        }
        if (!ok) continue;
        i += name.size();
        while (i < token.size() && isReSpace(token[i])) ++i;
        if (i >= token.size() || token[i] != '(') continue;
        const std::size_t arg_start = i + 1;
        std::size_t line_end = token.find('\n', arg_start);
        if (line_end == std::string_view::npos) line_end = token.size();
        // Greedy: the right-most ')' on the line followed by \s* and "}}".
        std::optional<std::size_t> close;
        for (std::size_t p = line_end; p-- > arg_start;) {
            if (token[p] != ')') continue;
            std::size_t q = p + 1;
            while (q < token.size() && isReSpace(token[q])) ++q;
            if (token.substr(q).starts_with("}}")) {
                close = p;
                break;
            }
        }
        if (!close) continue;
        const std::string_view inner = token.substr(arg_start, *close - arg_start);
        std::vector<std::string_view> args;
        std::size_t from = 0;
        for (;;) {
            const auto comma = inner.find(',', from);
            if (comma == std::string_view::npos) {
                args.push_back(inner.substr(from));
                break;
            }
            args.push_back(inner.substr(from, comma - from));
            from = comma + 1;
            while (from < inner.size() && isReSpace(inner[from])) ++from;
        }
        return args;
    }
    return std::nullopt;
}

std::uint32_t fnv32a(std::string_view data) {
    std::uint32_t h = 2166136261u;
    for (unsigned char c : data) {
        h ^= c;
        h *= 16777619u;
    }
    return h;
}

}  // namespace

namespace {

constexpr std::string_view kBadSubject = "invalid subject";

// nats-server's mappingDestinationErr: "<reason> in <token>".
std::string destinationError(std::string_view reason, std::string_view token) {
    return "invalid mapping destination: " + std::string(reason) + " in " + std::string(token);
}

constexpr std::string_view kNotEnoughArgs = "not enough arguments passed to the function";
constexpr std::string_view kTooManyArgs = "too many arguments passed to the function";
constexpr std::string_view kInvalidArg = "function argument is invalid or in the wrong format";
constexpr std::string_view kOutOfRange = "wildcard index out of range";
constexpr std::string_view kUnknownFunction = "unknown function";

// One destination token, as nats-server 2.10's indexPlaceHolders reads it.
struct Placeholder {
    SubjectTransform::Kind kind = SubjectTransform::Kind::None;
    std::vector<std::int64_t> wildcards;  ///< 1-based source wildcard numbers
    std::int32_t int_arg = -1;
    std::string string_arg;
};

std::optional<Placeholder> readPlaceholder(std::string_view token, std::string& error) {
    using Kind = SubjectTransform::Kind;
    Placeholder p;
    if (token.size() <= 1) return p;
    if (token.front() == '$') {
        // "$N"; any other "$..." is a literal token.
        if (auto n = goAtoi(token.substr(1))) {
            p.kind = Kind::Wildcard;
            p.wildcards.push_back(*n);
        }
        return p;
    }
    if (token.size() <= 4 || !token.starts_with("{{") || !token.ends_with("}}")) return p;
    auto fail = [&](std::string_view reason) -> std::optional<Placeholder> {
        error = destinationError(reason, token);
        return std::nullopt;
    };
    auto intArg = [](std::string_view a) { return goAtoi(trimSpaces(a)); };
    if (auto args = functionArgs(token, "Wildcard")) {
        if (args->size() == 1 && (*args)[0].empty()) return fail(kNotEnoughArgs);
        if (args->size() != 1) return fail(kTooManyArgs);
        auto n = intArg((*args)[0]);
        if (!n) return fail(kInvalidArg);
        p.kind = Kind::Wildcard;
        p.wildcards.push_back(*n);
        return p;
    }
    if (auto args = functionArgs(token, "Partition")) {
        if (args->size() < 2) return fail(kNotEnoughArgs);
        auto buckets = intArg((*args)[0]);
        if (!buckets) return fail(kInvalidArg);
        for (std::size_t k = 1; k < args->size(); ++k) {
            auto n = intArg((*args)[k]);
            if (!n) return fail(kInvalidArg);
            p.wildcards.push_back(*n);
        }
        p.kind = Kind::Partition;
        p.int_arg = static_cast<std::int32_t>(*buckets);
        return p;
    }
    // Functions of (wildcard, integer), in the order nats-server tries them.
    static constexpr std::pair<std::string_view, Kind> kIndexInt[] = {
        {"SplitFromLeft", Kind::SplitFromLeft}, {"SplitFromRight", Kind::SplitFromRight},
        {"SliceFromLeft", Kind::SliceFromLeft}, {"SliceFromRight", Kind::SliceFromRight},
        {"Right", Kind::Right},                 {"Left", Kind::Left},
    };
    for (const auto& [name, kind] : kIndexInt) {
        auto args = functionArgs(token, name);
        if (!args) continue;
        if (args->size() < 2) return fail(kNotEnoughArgs);
        if (args->size() > 2) return fail(kTooManyArgs);
        auto n = intArg((*args)[0]);
        if (!n) return fail(kInvalidArg);
        auto v = intArg((*args)[1]);
        if (!v) return fail(kInvalidArg);
        p.kind = kind;
        p.int_arg = static_cast<std::int32_t>(*v);
        p.wildcards.push_back(*n);
        return p;
    }
    if (auto args = functionArgs(token, "Split")) {
        if (args->size() < 2) return fail(kNotEnoughArgs);
        if (args->size() > 2) return fail(kTooManyArgs);
        auto n = intArg((*args)[0]);
        if (!n) return fail(kInvalidArg);
        const std::string_view delimiter = (*args)[1];
        if (delimiter.find_first_of(" .") != std::string_view::npos) return fail(kInvalidArg);
        p.kind = Kind::Split;
        p.string_arg = delimiter;
        p.wildcards.push_back(*n);
        return p;
    }
    return fail(kUnknownFunction);
}

}  // namespace

std::optional<SubjectTransform> SubjectTransform::create(std::string_view source,
                                                         std::string_view destination,
                                                         std::string* error) {
    auto fail = [&](std::string text) -> std::optional<SubjectTransform> {
        if (error != nullptr) *error = std::move(text);
        return std::nullopt;
    };
    if (source.empty()) source = ">";
    const SubjectInfo src = subjectInfo(source);
    const SubjectInfo dst = subjectInfo(destination);
    if (!src.valid || !dst.valid || dst.partial_wildcards > 0 ||
        src.full_wildcard != dst.full_wildcard) {
        return fail(std::string(kBadSubject));
    }
    SubjectTransform tr;
    tr.source_ = source;
    tr.destination_ = destination;
    for (auto t : src.tokens) tr.source_tokens_.emplace_back(t);
    for (auto t : dst.tokens) tr.dest_tokens_.emplace_back(t);
    const bool source_has_wildcards = src.partial_wildcards > 0 || src.full_wildcard;

    // Wildcard number (1-based) -> index of that '*' among the source tokens.
    std::vector<int> wildcard_token;
    for (std::size_t i = 0; i < src.tokens.size(); ++i) {
        if (src.tokens[i] == "*") wildcard_token.push_back(static_cast<int>(i));
    }
    auto tokenOf = [&](std::int64_t n) {
        return (n >= 1 && n <= static_cast<std::int64_t>(wildcard_token.size()))
                   ? wildcard_token[static_cast<std::size_t>(n - 1)]
                   : 0;  // Go: a missing map key reads as 0
    };
    for (auto token : dst.tokens) {
        std::string placeholder_error;
        auto placeholder = readPlaceholder(token, placeholder_error);
        if (!placeholder) return fail(std::move(placeholder_error));
        // A function needs a '*' in the source to read from.
        if (placeholder->kind != Kind::None && src.partial_wildcards == 0) {
            return fail(destinationError(kOutOfRange, token));
        }
        if (!source_has_wildcards) continue;  // the destination is taken as it is
        DestToken d;
        d.kind = placeholder->kind;
        d.int_arg = placeholder->int_arg;
        d.string_arg = std::move(placeholder->string_arg);
        for (auto n : placeholder->wildcards) {
            if (n > src.partial_wildcards) {
                return fail(destinationError(
                    kOutOfRange, std::string(token) + ": [" + std::to_string(n) + "]"));
            }
            d.source_indexes.push_back(tokenOf(n));
        }
        tr.mapping_.push_back(std::move(d));
    }
    return tr;
}

std::string SubjectTransform::match(std::string_view subject) const {
    const bool any_source = source_ == ">" || source_.empty();
    if (any_source && (destination_ == ">" || destination_.empty())) return std::string(subject);
    if (!protocol::isValidLiteralSubject(subject)) {
        // nats-server isValidLiteralSubject: only empty tokens and wildcard tokens are invalid.
        for (auto t : protocol::splitSubjectTokens(subject)) {
            if (t.empty() || t == "*" || t == ">") return {};
        }
    }
    if (!any_source && !protocol::subjectMatches(source_, subject)) return {};
    return apply(protocol::splitSubjectTokens(subject));
}

std::string SubjectTransform::apply(const std::vector<std::string_view>& tokens) const {
    if (mapping_.empty()) return destination_;
    std::string out;
    const std::size_t last = mapping_.size() - 1;
    for (std::size_t i = 0; i < mapping_.size(); ++i) {
        const DestToken& d = mapping_[i];
        auto source = [&](std::size_t k = 0) {
            const auto idx = static_cast<std::size_t>(d.source_indexes[k]);
            return idx < tokens.size() ? tokens[idx] : std::string_view();
        };
        switch (d.kind) {
        case Kind::None:
            if (dest_tokens_[i] == ">") goto done;
            out += dest_tokens_[i];
            break;
        case Kind::Wildcard:
            out += source();
            break;
        case Kind::Partition: {
            std::string key;
            for (std::size_t k = 0; k < d.source_indexes.size(); ++k) key += source(k);
            const auto buckets = static_cast<std::uint32_t>(d.int_arg);
            // nats-server divides by zero here (a panic); this engine maps to bucket 0.
            out += std::to_string(buckets == 0 ? 0u : fnv32a(key) % buckets);
            break;
        }
        case Kind::SplitFromLeft:
        case Kind::SplitFromRight: {
            const auto t = source();
            const auto len = static_cast<std::int64_t>(t.size());
            const std::int64_t pos = d.int_arg;
            if (pos > 0 && pos < len) {
                const auto cut =
                    static_cast<std::size_t>(d.kind == Kind::SplitFromLeft ? pos : len - pos);
                out.append(t.substr(0, cut)).append(".").append(t.substr(cut));
            } else {
                out += t;
            }
            break;
        }
        case Kind::SliceFromLeft: {
            const auto t = source();
            const auto len = t.size();
            const std::int64_t size = d.int_arg;
            if (size > 0 && size < static_cast<std::int64_t>(len)) {
                const auto n = static_cast<std::size_t>(size);
                for (std::size_t j = 0; j + n <= len; j += n) {
                    if (j != 0) out += '.';
                    out += t.substr(j, n);
                    if (j + n != len && j + n + n > len) {
                        out.append(".").append(t.substr(j + n));
                        break;
                    }
                }
            } else {
                out += t;
            }
            break;
        }
        case Kind::SliceFromRight: {
            const auto t = source();
            const auto len = t.size();
            const std::int64_t size = d.int_arg;
            if (size > 0 && size < static_cast<std::int64_t>(len)) {
                const auto n = static_cast<std::size_t>(size);
                const std::size_t remainder = len % n;
                if (remainder > 0) out.append(t.substr(0, remainder)).append(".");
                for (std::size_t j = remainder; j + n <= len; j += n) {
                    out += t.substr(j, n);
                    if (j + n < len) out += '.';
                }
            } else {
                out += t;
            }
            break;
        }
        case Kind::Left:
        case Kind::Right: {
            const auto t = source();
            const std::int64_t size = d.int_arg;
            if (size > 0 && size < static_cast<std::int64_t>(t.size())) {
                const auto n = static_cast<std::size_t>(size);
                out += d.kind == Kind::Left ? t.substr(0, n) : t.substr(t.size() - n);
            } else {
                out += t;
            }
            break;
        }
        case Kind::Split: {
            const auto t = source();
            std::vector<std::string_view> parts;
            if (d.string_arg.empty()) {
                // Go strings.Split with "": one part per UTF-8 sequence.
                for (std::size_t j = 0; j < t.size();) {
                    std::size_t n = 1;
                    const auto c = static_cast<unsigned char>(t[j]);
                    if (c >= 0xF0) n = 4;
                    else if (c >= 0xE0) n = 3;
                    else if (c >= 0xC0) n = 2;
                    n = std::min(n, t.size() - j);
                    parts.push_back(t.substr(j, n));
                    j += n;
                }
            } else {
                std::size_t from = 0;
                for (;;) {
                    const auto at = t.find(d.string_arg, from);
                    if (at == std::string_view::npos) {
                        parts.push_back(t.substr(from));
                        break;
                    }
                    parts.push_back(t.substr(from, at - from));
                    from = at + d.string_arg.size();
                }
            }
            for (std::size_t j = 0; j < parts.size(); ++j) {
                out += parts[j];
                const bool next_empty = j + 1 >= parts.size() || parts[j + 1].empty();
                if (!next_empty && !(j == 0 && parts[j].empty())) {
                    out += '.';
                }
            }
            break;
        }
        }
        if (i < last) out += '.';
    }
done:
    if (dest_tokens_.back() == ">") {
        for (std::size_t i = source_tokens_.size() - 1; i < tokens.size(); ++i) {
            out += tokens[i];
            if (i + 1 < tokens.size()) out += '.';
        }
    }
    return out;
}

}  // namespace nwb::jetstream
