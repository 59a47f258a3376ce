// nats-server's exact -ERR texts for permission violations (client.go, 2.9.10).
#include "engine/auth/violation_text.h"

#include <cstdint>

namespace nwb::auth {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void appendHexByte(std::string& out, unsigned char b) {
    out += "\\x";
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
}

void appendUnicodeEscape(std::string& out, std::uint32_t cp) {
    const int digits = cp > 0xFFFF ? 8 : 4;
    out += digits == 8 ? "\\U" : "\\u";
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
}

/// Decodes one UTF-8 sequence at `s[i]`; returns its length, or 0 when it is invalid.
std::size_t decodeUtf8(std::string_view s, std::size_t i, std::uint32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

/// Go's strconv.IsPrint for the code points that matter in practice (no full Unicode tables).
bool isPrintable(std::uint32_t cp) {
    if (cp >= 0x80 && cp <= 0xA0) return false;                    // C1 controls, NBSP
    if (cp == 0xAD || cp == 0x1680 || cp == 0x180E) return false;  // soft hyphen, spaces
    if (cp >= 0x2000 && cp <= 0x200F) return false;                // spaces, zero-width, marks
    if (cp >= 0x2028 && cp <= 0x202F) return false;                // separators, bidi
    if (cp >= 0x205F && cp <= 0x206F) return false;                // space, invisible operators
    if (cp == 0x3000 || cp == 0xFEFF) return false;                // ideographic space, BOM
    if (cp >= 0xFFF9 && cp <= 0xFFFB) return false;                // interlinear annotations
    if (cp == 0xFFFE || cp == 0xFFFF) return false;                // noncharacters
    if (cp >= 0xE000 && cp <= 0xF8FF) return false;                // private use
    if (cp >= 0xF0000) return false;                               // private use planes
    return true;
}

std::string violation(std::string_view what, std::string_view subject) {
    std::string out = "Permissions Violation for ";
    out += what;
    out += goQuote(subject);
    return out;
}

}  // namespace

std::string goQuote(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
                case '"':
                    out += "\\\"";
                    break;
                case '\\':
                    out += "\\\\";
                    break;
                case '\a':
                    out += "\\a";
                    break;
                case '\b':
                    out += "\\b";
                    break;
                case '\f':
                    out += "\\f";
                    break;
                case '\n':
                    out += "\\n";
                    break;
                case '\r':
                    out += "\\r";
                    break;
                case '\t':
                    out += "\\t";
                    break;
                case '\v':
                    out += "\\v";
                    break;
                default:
                    if (c < 0x20 || c == 0x7F) {
                        appendHexByte(out, c);
                    } else {
                        out += static_cast<char>(c);
                    }
            }
            ++i;
            continue;
        }
        std::uint32_t cp = 0;
        const std::size_t len = decodeUtf8(s, i, cp);
        if (len == 0) {
            appendHexByte(out, c);
            ++i;
        } else {
            if (isPrintable(cp)) {
                out.append(s.substr(i, len));
            } else {
                appendUnicodeEscape(out, cp);
            }
            i += len;
        }
    }
    out += '"';
    return out;
}

std::string publishViolation(std::string_view subject) { return violation("Publish to ", subject); }

std::string subscribeViolation(std::string_view subject, std::string_view queue) {
    std::string out = violation("Subscription to ", subject);
    if (!queue.empty()) {
        out += " using queue ";
        out += goQuote(queue);
    }
    return out;
}

std::string publishWithReplyViolation(std::string_view reply) {
    return violation("Publish with Reply of ", reply);
}

}  // namespace nwb::auth
