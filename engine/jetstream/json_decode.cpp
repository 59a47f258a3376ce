// Go-compatible typed reads from Boost.JSON values.
#include "engine/jetstream/json_decode.h"

#include <cmath>
#include <limits>

#include <boost/json/parse.hpp>

namespace nwb::jetstream::json {

namespace {

const boost::json::value* field(const boost::json::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return nullptr;
    return &it->value();
}

// Go accepts a JSON number into an integer only if it is integral and in range.
bool toInt64(const boost::json::value& v, std::int64_t& out) {
    if (v.is_int64()) {
        out = v.get_int64();
        return true;
    }
    if (v.is_uint64()) {
        if (v.get_uint64() > std::uint64_t(std::numeric_limits<std::int64_t>::max())) return false;
        out = static_cast<std::int64_t>(v.get_uint64());
        return true;
    }
    if (v.is_double()) {
        const double d = v.get_double();
        if (!std::isfinite(d) || d != std::trunc(d) || d < -9.2e18 || d > 9.2e18) return false;
        out = static_cast<std::int64_t>(d);
        return true;
    }
    return false;
}

}  // namespace

bool parse(std::string_view text, boost::json::value& out) {
    boost::system::error_code ec;
    out = boost::json::parse(text, ec);
    return !ec;
}

bool readString(const boost::json::object& o, std::string_view key, std::string& out) {
    const auto* v = field(o, key);
    if (v == nullptr) return true;
    if (!v->is_string()) return false;
    out.assign(v->get_string().data(), v->get_string().size());
    return true;
}

bool readBool(const boost::json::object& o, std::string_view key, bool& out) {
    const auto* v = field(o, key);
    if (v == nullptr) return true;
    if (!v->is_bool()) return false;
    out = v->get_bool();
    return true;
}

bool readInt64(const boost::json::object& o, std::string_view key, std::int64_t& out) {
    const auto* v = field(o, key);
    if (v == nullptr) return true;
    return toInt64(*v, out);
}

bool readInt32(const boost::json::object& o, std::string_view key, std::int32_t& out) {
    const auto* v = field(o, key);
    if (v == nullptr) return true;
    std::int64_t wide = 0;
    if (!toInt64(*v, wide)) return false;
    if (wide < std::numeric_limits<std::int32_t>::min() ||
        wide > std::numeric_limits<std::int32_t>::max()) {
        return false;
    }
    out = static_cast<std::int32_t>(wide);
    return true;
}

bool readUint64(const boost::json::object& o, std::string_view key, std::uint64_t& out) {
    const auto* v = field(o, key);
    if (v == nullptr) return true;
    if (v->is_uint64()) {
        out = v->get_uint64();
        return true;
    }
    std::int64_t wide = 0;
    if (!toInt64(*v, wide) || wide < 0) return false;
    out = static_cast<std::uint64_t>(wide);
    return true;
}

bool readStrings(const boost::json::object& o, std::string_view key, std::vector<std::string>& out) {
    const auto* v = field(o, key);
    if (v == nullptr) return true;
    if (!v->is_array()) return false;
    out.clear();
    for (const auto& item : v->get_array()) {
        if (item.is_null()) {
            out.emplace_back();
            continue;
        }
        if (!item.is_string()) return false;
        out.emplace_back(item.get_string().data(), item.get_string().size());
    }
    return true;
}

bool readStringMap(const boost::json::object& o, std::string_view key,
                   std::map<std::string, std::string>& out) {
    const auto* v = field(o, key);
    if (v == nullptr) return true;
    if (!v->is_object()) return false;
    out.clear();
    for (const auto& kv : v->get_object()) {
        std::string value;
        if (kv.value().is_string()) {
            value.assign(kv.value().get_string().data(), kv.value().get_string().size());
        } else if (!kv.value().is_null()) {
            return false;
        }
        out[std::string(kv.key())] = std::move(value);
    }
    return true;
}

}  // namespace nwb::jetstream::json
