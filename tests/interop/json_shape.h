// The shape of a JSON document (types, keys, element shapes) and a diff of two shapes, for the
// key-set interop tests that compare our JSON with nats-server's.
#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace nwb::test {

/// The shape of a JSON value: its type, and for objects and arrays the merged shapes of their
/// members and elements (so optional keys of any list element count).
struct Shape {
    std::string type;  ///< null, bool, number, string, array, object
    std::map<std::string, Shape> members;
    std::unique_ptr<Shape> element;

    void merge(const boost::json::value& v) {
        const std::string t = typeOf(v);
        if (type.empty() || type == "null") type = t;
        if (v.is_object()) {
            for (const auto& [k, member] : v.get_object()) members[std::string(k)].merge(member);
        } else if (v.is_array()) {
            for (const auto& e : v.get_array()) {
                if (!element) element = std::make_unique<Shape>();
                element->merge(e);
            }
        }
    }

    static std::string typeOf(const boost::json::value& v) {
        switch (v.kind()) {
            case boost::json::kind::null:
                return "null";
            case boost::json::kind::bool_:
                return "bool";
            case boost::json::kind::int64:
            case boost::json::kind::uint64:
            case boost::json::kind::double_:
                return "number";
            case boost::json::kind::string:
                return "string";
            case boost::json::kind::array:
                return "array";
            case boost::json::kind::object:
                return "object";
        }
        return "?";
    }
};

/// Differences of `ours` from `ref`: missing keys and type mismatches (errors), extra keys.
inline void diff(const Shape& ref, const Shape& ours, const std::string& path,
          std::vector<std::string>& errors, std::vector<std::string>& extra) {
    if (ref.type != ours.type && ref.type != "null" && ours.type != "null") {
        errors.push_back(path + ": nats-server has " + ref.type + ", we have " + ours.type);
        return;
    }
    for (const auto& [key, shape] : ref.members) {
        const auto it = ours.members.find(key);
        if (it == ours.members.end()) {
            errors.push_back(path + "/" + key + ": missing (nats-server: " + shape.type + ")");
            continue;
        }
        diff(shape, it->second, path + "/" + key, errors, extra);
    }
    for (const auto& [key, shape] : ours.members) {
        if (!ref.members.contains(key)) extra.push_back(path + "/" + key);
    }
    if (ref.element && ours.element) diff(*ref.element, *ours.element, path + "[]", errors, extra);
    if (ref.element && !ours.element) errors.push_back(path + "[]: we have no elements");
}

}  // namespace nwb::test
