// Go encoding/json formatting of a boost::json::value: escapes, float form and indentation.
#include "engine/monitor/go_json.h"

#include <charconv>
#include <cmath>

namespace nwb::monitor {
namespace {

void appendString(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '"':
                out += "\\\"";
                continue;
            case '\\':
                out += "\\\\";
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
            default:
                break;
        }
        if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
            continue;
        }
        // U+2028 and U+2029 (E2 80 A8 / E2 80 A9) are escaped, as Go does for JSONP safety.
        if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
             static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
            out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
            i += 2;
            continue;
        }
        out += static_cast<char>(c);
    }
    out += '"';
}

/// Go: 'f' format with the shortest digits, or 'e' below 1e-6 and from 1e21 on, with a
/// two-digit negative exponent shortened ("1e-07" -> "1e-7").
void appendDouble(std::string& out, double v) {
    if (!std::isfinite(v)) v = 0;  // Go refuses to marshal these; never produced here
    char buf[64];
    const double a = std::fabs(v);
    const bool exponent = a != 0 && (a < 1e-6 || a >= 1e21);
    const auto res =
        std::to_chars(buf, buf + sizeof buf, v,
                      exponent ? std::chars_format::scientific : std::chars_format::fixed);
    std::string text(buf, res.ptr);
    const std::size_t n = text.size();
    if (exponent && n >= 4 && text[n - 4] == 'e' && text[n - 3] == '-' && text[n - 2] == '0') {
        text.erase(n - 2, 1);
    }
    out += text;
}

void newline(std::string& out, bool indent, int depth) {
    if (!indent) return;
    out += '\n';
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

void append(std::string& out, const boost::json::value& v, bool indent, int depth) {
    switch (v.kind()) {
        case boost::json::kind::null:
            out += "null";
            break;
        case boost::json::kind::bool_:
            out += v.get_bool() ? "true" : "false";
            break;
        case boost::json::kind::int64:
            out += std::to_string(v.get_int64());
            break;
        case boost::json::kind::uint64:
            out += std::to_string(v.get_uint64());
            break;
        case boost::json::kind::double_:
            appendDouble(out, v.get_double());
            break;
        case boost::json::kind::string:
            appendString(out, v.get_string());
            break;
        case boost::json::kind::array: {
            const auto& a = v.get_array();
            if (a.empty()) {
                out += "[]";
                break;
            }
            out += '[';
            bool first = true;
            for (const auto& e : a) {
                if (!first) out += ',';
                first = false;
                newline(out, indent, depth + 1);
                append(out, e, indent, depth + 1);
            }
            newline(out, indent, depth);
            out += ']';
            break;
        }
        case boost::json::kind::object: {
            const auto& o = v.get_object();
            if (o.empty()) {
                out += "{}";
                break;
            }
            out += '{';
            bool first = true;
            for (const auto& [key, value] : o) {
                if (!first) out += ',';
                first = false;
                newline(out, indent, depth + 1);
                appendString(out, key);
                out += indent ? ": " : ":";
                append(out, value, indent, depth + 1);
            }
            newline(out, indent, depth);
            out += '}';
            break;
        }
    }
}

}  // namespace

std::string goJson(const boost::json::value& value, bool indent) {
    std::string out;
    append(out, value, indent, 0);
    return out;
}

}  // namespace nwb::monitor
