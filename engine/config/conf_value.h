// The value tree of a parsed nats-server config file: maps keep key order, every value its place.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/config/config_error.h"

namespace nwb::config {

class ConfValue;
struct ConfMapEntry;

using ConfArray = std::vector<ConfValue>;
using ConfDateTime = std::chrono::sys_seconds;  ///< `2006-01-02T15:04:05Z`, always UTC

/// A map in file order. Keys are compared exactly, as nats-server's variable lookup does;
/// option code compares them case-insensitively itself.
class ConfMap {
public:
    using const_iterator = std::vector<ConfMapEntry>::const_iterator;

    // Defined below, once ConfMapEntry is complete (clang needs that, unlike GCC).
    ConfMap();
    ConfMap(const ConfMap&);
    ConfMap(ConfMap&&) noexcept;
    ConfMap& operator=(const ConfMap&);
    ConfMap& operator=(ConfMap&&) noexcept;
    ~ConfMap();

    const ConfMapEntry* find(std::string_view key) const;
    ConfMapEntry* find(std::string_view key);
    /// Adds the entry, or replaces the value of an existing key where it stands (last one wins).
    void set(std::string key, Position key_position, ConfValue value);

    const_iterator begin() const;
    const_iterator end() const;
    std::vector<ConfMapEntry>::iterator begin();
    std::vector<ConfMapEntry>::iterator end();
    std::size_t size() const;
    bool empty() const;

private:
    std::vector<ConfMapEntry> entries_;
};

class ConfValue {
public:
    enum class Kind { String, Integer, Float, Bool, DateTime, Array, Map };

    ConfValue() : data_(ConfMap{}) {}
    ConfValue(std::string v, Position p) : data_(std::move(v)), position_(std::move(p)) {}
    ConfValue(std::int64_t v, Position p) : data_(v), position_(std::move(p)) {}
    ConfValue(double v, Position p) : data_(v), position_(std::move(p)) {}
    ConfValue(bool v, Position p) : data_(v), position_(std::move(p)) {}
    ConfValue(ConfDateTime v, Position p) : data_(v), position_(std::move(p)) {}
    ConfValue(ConfArray v, Position p) : data_(std::move(v)), position_(std::move(p)) {}
    ConfValue(ConfMap v, Position p) : data_(std::move(v)), position_(std::move(p)) {}

    Kind kind() const { return static_cast<Kind>(data_.index()); }
    bool isString() const { return kind() == Kind::String; }
    bool isInteger() const { return kind() == Kind::Integer; }
    bool isFloat() const { return kind() == Kind::Float; }
    bool isBool() const { return kind() == Kind::Bool; }
    bool isDateTime() const { return kind() == Kind::DateTime; }
    bool isArray() const { return kind() == Kind::Array; }
    bool isMap() const { return kind() == Kind::Map; }

    /// Accessors require the matching kind (std::bad_variant_access otherwise).
    const std::string& asString() const { return std::get<std::string>(data_); }
    std::int64_t asInteger() const { return std::get<std::int64_t>(data_); }
    double asFloat() const { return std::get<double>(data_); }
    bool asBool() const { return std::get<bool>(data_); }
    ConfDateTime asDateTime() const { return std::get<ConfDateTime>(data_); }
    const ConfArray& asArray() const { return std::get<ConfArray>(data_); }
    const ConfMap& asMap() const { return std::get<ConfMap>(data_); }
    ConfArray& asArray() { return std::get<ConfArray>(data_); }
    ConfMap& asMap() { return std::get<ConfMap>(data_); }

    const Position& position() const { return position_; }
    void setPosition(Position p) { position_ = std::move(p); }

    /// True when some `$name` referred to this value. nats-server does not report such keys
    /// as unknown fields: they are variables, not options.
    bool usedAsVariable() const { return used_as_variable_; }
    void setUsedAsVariable(bool used) { used_as_variable_ = used; }

    /// "string", "integer", "float", "bool", "datetime", "array" or "map".
    static std::string_view kindName(Kind kind);

private:
    std::variant<std::string, std::int64_t, double, bool, ConfDateTime, ConfArray, ConfMap> data_;
    Position position_;
    bool used_as_variable_ = false;
};

struct ConfMapEntry {
    std::string key;
    Position key_position;
    ConfValue value;
};

inline ConfMap::ConfMap() = default;
inline ConfMap::ConfMap(const ConfMap&) = default;
inline ConfMap::ConfMap(ConfMap&&) noexcept = default;
inline ConfMap& ConfMap::operator=(const ConfMap&) = default;
inline ConfMap& ConfMap::operator=(ConfMap&&) noexcept = default;
inline ConfMap::~ConfMap() = default;
inline std::size_t ConfMap::size() const { return entries_.size(); }
inline bool ConfMap::empty() const { return entries_.empty(); }
inline ConfMap::const_iterator ConfMap::begin() const { return entries_.begin(); }
inline ConfMap::const_iterator ConfMap::end() const { return entries_.end(); }
inline std::vector<ConfMapEntry>::iterator ConfMap::begin() { return entries_.begin(); }
inline std::vector<ConfMapEntry>::iterator ConfMap::end() { return entries_.end(); }

}  // namespace nwb::config
