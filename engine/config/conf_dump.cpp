// Canonical dump of a value tree.
#include "engine/config/conf_dump.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace nwb::config {
namespace {

std::string escaped(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

void dump(const ConfValue& value, const std::string& path, std::string& out) {
    const Position& p = value.position();
    const std::string where = fmt::format("@{}:{}:{}", p.file, p.line, p.column);
    const std::string_view kind = ConfValue::kindName(value.kind());
    switch (value.kind()) {
        case ConfValue::Kind::String:
            out += fmt::format("{} {} {} {}\n", path, kind, escaped(value.asString()), where);
            break;
        case ConfValue::Kind::Integer:
            out += fmt::format("{} {} {} {}\n", path, kind, value.asInteger(), where);
            break;
        case ConfValue::Kind::Float:
            out += fmt::format("{} {} {} {}\n", path, kind, value.asFloat(), where);
            break;
        case ConfValue::Kind::Bool:
            out += fmt::format("{} {} {} {}\n", path, kind, value.asBool(), where);
            break;
        case ConfValue::Kind::DateTime:
            out += fmt::format("{} {} {:%Y-%m-%dT%H:%M:%SZ} {}\n", path, kind,
                               value.asDateTime(), where);
            break;
        case ConfValue::Kind::Array: {
            out += fmt::format("{} {} {}\n", path, kind, where);
            std::size_t i = 0;
            for (const ConfValue& element : value.asArray()) {
                dump(element, fmt::format("{}[{}]", path, i++), out);
            }
            break;
        }
        case ConfValue::Kind::Map:
            if (!path.empty()) out += fmt::format("{} {} {}\n", path, kind, where);
            for (const ConfMapEntry& entry : value.asMap()) {
                dump(entry.value, path.empty() ? entry.key : path + "." + entry.key, out);
            }
            break;
    }
}

}  // namespace

std::string dumpConfValue(const ConfValue& root) {
    std::string out;
    dump(root, "", out);
    return out;
}

}  // namespace nwb::config
