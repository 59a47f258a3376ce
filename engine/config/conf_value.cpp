// ConfMap lookups and kind names.
#include "engine/config/conf_value.h"

namespace nwb::config {

const ConfMapEntry* ConfMap::find(std::string_view key) const {
    for (const auto& entry : entries_) {
        if (entry.key == key) return &entry;
    }
    return nullptr;
}

ConfMapEntry* ConfMap::find(std::string_view key) {
    for (auto& entry : entries_) {
        if (entry.key == key) return &entry;
    }
    return nullptr;
}

void ConfMap::set(std::string key, Position key_position, ConfValue value) {
    if (ConfMapEntry* existing = find(key)) {
        existing->key_position = std::move(key_position);
        existing->value = std::move(value);
        return;
    }
    entries_.push_back(ConfMapEntry{std::move(key), std::move(key_position), std::move(value)});
}

std::string_view ConfValue::kindName(Kind kind) {
    switch (kind) {
        case Kind::String: return "string";
        case Kind::Integer: return "integer";
        case Kind::Float: return "float";
        case Kind::Bool: return "bool";
        case Kind::DateTime: return "datetime";
        case Kind::Array: return "array";
        case Kind::Map: return "map";
    }
    return "unknown";
}

}  // namespace nwb::config
