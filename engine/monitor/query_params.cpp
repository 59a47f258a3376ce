// Go url.ParseQuery semantics and strconv error texts for the monitoring query parameters.
#include "engine/monitor/query_params.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace nwb::monitor {
namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Go's url.QueryUnescape: '+' is a space, %XX must be two hex digits.
std::optional<std::string> unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hexValue(s[i + 1]);
            const int lo = hexValue(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string syntaxError(std::string_view fn, std::string_view value) {
    return fmt::format("strconv.{}: parsing {}: invalid syntax", fn, goQuote(value));
}

std::string rangeError(std::string_view fn, std::string_view value) {
    return fmt::format("strconv.{}: parsing {}: value out of range", fn, goQuote(value));
}

/// Decimal digits only into an unsigned 64-bit value; nullopt: syntax error, `overflow` set on
/// out of range.
std::optional<std::uint64_t> parseDigits(std::string_view s, bool& overflow) {
    overflow = false;
    if (s.empty()) return std::nullopt;
    std::uint64_t v = 0;
    for (const char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        const auto d = static_cast<std::uint64_t>(c - '0');
        if (v > (UINT64_MAX - d) / 10) {
            overflow = true;
        } else if (!overflow) {
            v = v * 10 + d;
        }
    }
    return v;
}

}  // namespace

std::string goQuote(std::string_view s) {
    std::string out = "\"";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"':
                out += "\\\"";
                continue;
            case '\\':
                out += "\\\\";
                continue;
            case '\a':
                out += "\\a";
                continue;
            case '\b':
                out += "\\b";
                continue;
            case '\f':
                out += "\\f";
                continue;
            case '\n':
                out += "\\n";
                continue;
            case '\r':
                out += "\\r";
                continue;
            case '\t':
                out += "\\t";
                continue;
            case '\v':
                out += "\\v";
                continue;
            default:
                break;
        }
        if (c < 0x20 || c == 0x7F) {
            out += fmt::format("\\x{:02x}", c);
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

QueryParams::QueryParams(std::string_view query) {
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty() || pair.find(';') != std::string_view::npos) continue;
        const std::size_t eq = pair.find('=');
        const auto key = unescape(pair.substr(0, eq));
        const auto value =
            unescape(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
        if (!key || !value) continue;
        values_.emplace_back(std::move(*key), std::move(*value));
    }
}

std::string QueryParams::get(std::string_view key) const {
    const auto it = std::find_if(values_.begin(), values_.end(),
                                 [&](const auto& kv) { return kv.first == key; });
    return it == values_.end() ? std::string() : it->second;
}

std::expected<bool, std::string> QueryParams::decodeBool(std::string_view key) const {
    const std::string s = get(key);
    if (s.empty()) return false;
    for (std::string_view t : {"1", "t", "T", "TRUE", "true", "True"}) {
        if (s == t) return true;
    }
    for (std::string_view f : {"0", "f", "F", "FALSE", "false", "False"}) {
        if (s == f) return false;
    }
    return std::unexpected(
        fmt::format("Error decoding boolean for '{}': {}", key, syntaxError("ParseBool", s)));
}

std::expected<std::int64_t, std::string> QueryParams::decodeInt(std::string_view key) const {
    const std::string s = get(key);
    if (s.empty()) return 0;
    std::string_view digits = s;
    bool negative = false;
    if (digits[0] == '+' || digits[0] == '-') {
        negative = digits[0] == '-';
        digits.remove_prefix(1);
    }
    bool overflow = false;
    const auto v = parseDigits(digits, overflow);
    const auto fail = [&](std::string text) {
        return std::unexpected(fmt::format("Error decoding int for '{}': {}", key, text));
    };
    if (!v) return fail(syntaxError("Atoi", s));
    const std::uint64_t limit = negative ? (std::uint64_t{1} << 63) : (std::uint64_t{1} << 63) - 1;
    if (overflow || *v > limit) return fail(rangeError("Atoi", s));
    return negative ? static_cast<std::int64_t>(0 - *v) : static_cast<std::int64_t>(*v);
}

std::expected<std::uint64_t, std::string> QueryParams::decodeUint64(std::string_view key) const {
    const std::string s = get(key);
    if (s.empty()) return 0;
    bool overflow = false;
    const auto v = parseDigits(s, overflow);
    const auto fail = [&](std::string text) {
        return std::unexpected(fmt::format("Error decoding uint64 for '{}': {}", key, text));
    };
    if (!v) return fail(syntaxError("ParseUint", s));
    if (overflow) return fail(rangeError("ParseUint", s));
    return *v;
}

std::expected<ConnState, std::string> QueryParams::decodeState() const {
    const std::string s = get("state");
    if (s.empty()) return ConnState::Open;
    std::string lowered = s;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lowered == "open") return ConnState::Open;
    if (lowered == "closed") return ConnState::Closed;
    if (lowered == "any" || lowered == "all") return ConnState::Any;
    return std::unexpected(fmt::format("Error decoding state for {}", s));
}

std::expected<QueryParams::Subs, std::string> QueryParams::decodeSubs() const {
    std::string s = get("subs");
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    Subs out;
    if (s == "detail") {
        out.detail = true;
        return out;
    }
    const auto b = decodeBool("subs");
    if (!b) return std::unexpected(b.error());
    out.subs = *b;
    return out;
}

}  // namespace nwb::monitor
