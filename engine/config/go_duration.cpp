// Duration syntax of Go's time package: a sequence of decimal numbers, each with an optional
// fraction and a unit (ns, us, µs, ms, s, m, h).
#include "engine/config/go_duration.h"

#include <array>
#include <cstdint>
#include <utility>

namespace nwb::config {
namespace {

constexpr std::uint64_t kMaxDuration = std::uint64_t{1} << 63;

std::string quote(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::uint64_t unitNanoseconds(std::string_view unit) {
    static constexpr std::array<std::pair<std::string_view, std::uint64_t>, 8> kUnits{{
        {"ns", 1},
        {"us", 1000},
        {"\xC2\xB5s", 1000},  // U+00B5 micro sign
        {"\xCE\xBCs", 1000},  // U+03BC Greek mu
        {"ms", 1000000},
        {"s", 1000000000},
        {"m", 60ULL * 1000000000},
        {"h", 3600ULL * 1000000000},
    }};
    for (const auto& [name, ns] : kUnits) {
        if (name == unit) return ns;
    }
    return 0;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

DurationParse parseGoDuration(std::string_view text) {
    const std::string_view original = text;
    const auto invalid = [&] { return DurationParse{{}, "time: invalid duration " + quote(original)}; };
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text == "0") return {};
    if (text.empty()) return invalid();

    std::uint64_t total = 0;
    while (!text.empty()) {
        if (!(text[0] == '.' || isDigit(text[0]))) return invalid();
        std::uint64_t whole = 0;
        std::size_t i = 0;
        for (; i < text.size() && isDigit(text[i]); ++i) {
            if (whole > (kMaxDuration - 1) / 10) return invalid();
            whole = whole * 10 + static_cast<std::uint64_t>(text[i] - '0');
            if (whole > kMaxDuration) return invalid();
        }
        const bool has_whole = i > 0;
        text.remove_prefix(i);

        std::uint64_t fraction = 0;
        double scale = 1;
        bool has_fraction = false;
        if (!text.empty() && text[0] == '.') {
            text.remove_prefix(1);
            std::size_t j = 0;
            bool overflow = false;
            for (; j < text.size() && isDigit(text[j]); ++j) {
                if (overflow) continue;
                if (fraction > (kMaxDuration - 1) / 10) {
                    overflow = true;  // further digits cannot matter
                    continue;
                }
                fraction = fraction * 10 + static_cast<std::uint64_t>(text[j] - '0');
                scale *= 10;
            }
            has_fraction = j > 0;
            text.remove_prefix(j);
        }
        if (!has_whole && !has_fraction) return invalid();

        std::size_t u = 0;
        while (u < text.size() && text[u] != '.' && !isDigit(text[u])) ++u;
        if (u == 0) return {{}, "time: missing unit in duration " + quote(original)};
        const std::string_view unit_name = text.substr(0, u);
        const std::uint64_t unit = unitNanoseconds(unit_name);
        if (unit == 0) {
            return {{}, "time: unknown unit " + quote(unit_name) + " in duration " +
                            quote(original)};
        }
        text.remove_prefix(u);

        if (whole > kMaxDuration / unit) return invalid();
        whole *= unit;
        if (fraction > 0) {
            whole += static_cast<std::uint64_t>(static_cast<double>(fraction) *
                                                (static_cast<double>(unit) / scale));
            if (whole > kMaxDuration) return invalid();
        }
        total += whole;
        if (total > kMaxDuration) return invalid();
    }
    if (negative) {
        return {std::chrono::nanoseconds(static_cast<std::int64_t>(0 - total)), {}};
    }
    if (total > kMaxDuration - 1) return invalid();
    return {std::chrono::nanoseconds(static_cast<std::int64_t>(total)), {}};
}

std::string formatGoDuration(std::chrono::nanoseconds duration) {
    const std::int64_t d = duration.count();
    const bool negative = d < 0;
    std::uint64_t u = negative ? 0 - static_cast<std::uint64_t>(d) : static_cast<std::uint64_t>(d);

    // Writes the fraction of v / 10^precision without trailing zeros; leaves the integer part.
    const auto fraction = [](std::string& out, std::uint64_t& v, int precision) {
        std::string digits;
        bool printed = false;
        for (int i = 0; i < precision; ++i) {
            const auto digit = static_cast<char>('0' + v % 10);
            printed = printed || digit != '0';
            if (printed) digits.insert(digits.begin(), digit);
            v /= 10;
        }
        if (printed) out = "." + digits + out;
    };

    std::string out;
    if (u < 1000000000ULL) {
        if (u == 0) return "0s";
        int precision = 0;
        if (u < 1000) {
            out = "ns";
        } else if (u < 1000000) {
            precision = 3;
            out = "\xC2\xB5s";
        } else {
            precision = 6;
            out = "ms";
        }
        fraction(out, u, precision);
        out = std::to_string(u) + out;
    } else {
        out = "s";
        fraction(out, u, 9);
        out = std::to_string(u % 60) + out;
        u /= 60;
        if (u > 0) {
            out = std::to_string(u % 60) + "m" + out;
            u /= 60;
            if (u > 0) out = std::to_string(u) + "h" + out;
        }
    }
    return negative ? "-" + out : out;
}

}  // namespace nwb::config
