// Typed field readers over Boost.JSON with Go encoding/json's rules: unknown fields are ignored,
// null leaves the default, a wrong type or an out-of-range number fails the whole decode.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace nwb::jetstream::json {

/// Any thread; parses `text` into `out`. False on a syntax error.
bool parse(std::string_view text, boost::json::value& out);

/// Each reader: any thread; true if the field is absent, null or read into `out`; false on a
/// type mismatch or overflow (Go: json.Unmarshal error).
bool readString(const boost::json::object& o, std::string_view key, std::string& out);
bool readBool(const boost::json::object& o, std::string_view key, bool& out);
bool readInt64(const boost::json::object& o, std::string_view key, std::int64_t& out);
bool readInt32(const boost::json::object& o, std::string_view key, std::int32_t& out);
bool readUint64(const boost::json::object& o, std::string_view key, std::uint64_t& out);
bool readStrings(const boost::json::object& o, std::string_view key, std::vector<std::string>& out);
bool readStringMap(const boost::json::object& o, std::string_view key,
                   std::map<std::string, std::string>& out);

}  // namespace nwb::jetstream::json
