// Go-compatible JSON text: escaping, times, base64.
#include "engine/jetstream/json_text.h"

#include <chrono>
#include <cstdio>

namespace nwb::jetstream {

void appendJsonString(std::string& out, std::string_view value) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                    out += "\\u00";
                    out += kHex[c >> 4];
                    out += kHex[c & 0xF];
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
}

std::string goTime(std::int64_t unix_ns) {
    if (unix_ns == 0) return "0001-01-01T00:00:00Z";
    using namespace std::chrono;
    const sys_time<nanoseconds> tp{nanoseconds(unix_ns)};
    const auto day = floor<days>(tp);
    const year_month_day ymd{day};
    const hh_mm_ss hms{floor<nanoseconds>(tp - day)};
    char buf[64];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", int(ymd.year()),
                          unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                          int(hms.minutes().count()), int(hms.seconds().count()));
    std::string out(buf, static_cast<std::size_t>(n));
    auto frac = static_cast<long long>(hms.subseconds().count());
    if (frac != 0) {
        char digits[16];
        std::snprintf(digits, sizeof digits, "%09lld", frac);
        std::string f(digits);
        while (!f.empty() && f.back() == '0') f.pop_back();
        out += '.';
        out += f;
    }
    out += 'Z';
    return out;
}

std::string base64Encode(std::string_view data) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t(std::uint8_t(data[i])) << 16) |
                                (std::uint32_t(std::uint8_t(data[i + 1])) << 8) |
                                std::uint32_t(std::uint8_t(data[i + 2]));
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (i + 1 == data.size()) {
        const std::uint32_t v = std::uint32_t(std::uint8_t(data[i])) << 16;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == data.size()) {
        const std::uint32_t v = (std::uint32_t(std::uint8_t(data[i])) << 16) |
                                (std::uint32_t(std::uint8_t(data[i + 1])) << 8);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

std::string infoTimeStampField() {
    using namespace std::chrono;
    const auto now = duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
    return ",\"ts\":\"" + goTime(now) + "\"";
}

std::string goDuration(std::int64_t d) {
    if (d == 0) return "0s";
    std::string sign = d < 0 ? "-" : "";
    std::uint64_t u = d < 0 ? static_cast<std::uint64_t>(-(d + 1)) + 1 : static_cast<std::uint64_t>(d);
    auto fraction = [](std::uint64_t v, std::uint64_t unit) {
        std::string out = std::to_string(v / unit);
        std::string frac = std::to_string(unit + v % unit).substr(1);
        while (!frac.empty() && frac.back() == '0') frac.pop_back();
        if (!frac.empty()) out += "." + frac;
        return out;
    };
    if (u < 1'000'000'000) {
        if (u < 1'000) return sign + std::to_string(u) + "ns";
        if (u < 1'000'000) return sign + fraction(u, 1'000) + "\u00b5s";
        return sign + fraction(u, 1'000'000) + "ms";
    }
    const std::uint64_t hours = u / 3'600'000'000'000;
    u -= hours * 3'600'000'000'000;
    const std::uint64_t minutes = u / 60'000'000'000;
    u -= minutes * 60'000'000'000;
    std::string out = sign;
    if (hours > 0) out += std::to_string(hours) + "h";
    if (hours > 0 || minutes > 0) out += std::to_string(minutes) + "m";
    return out + fraction(u, 1'000'000'000) + "s";
}

void appendField(std::string& out, std::string_view key) {
    if (out.back() != '{') out += ',';
    appendJsonString(out, key);
    out += ':';
}

void appendInt(std::string& out, std::string_view key, std::int64_t v) {
    appendField(out, key);
    out += std::to_string(v);
}

void appendBool(std::string& out, std::string_view key, bool v) {
    appendField(out, key);
    out += v ? "true" : "false";
}

void appendStr(std::string& out, std::string_view key, std::string_view v) {
    appendField(out, key);
    appendJsonString(out, v);
}

void appendStrings(std::string& out, std::string_view key, const std::vector<std::string>& v) {
    appendField(out, key);
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i != 0) out += ',';
        appendJsonString(out, v[i]);
    }
    out += ']';
}

}  // namespace nwb::jetstream
