// Text helpers for JSON as nats-server (Go encoding/json) writes it: string escaping, RFC 3339
// times and base64. Free of std::expected so that the fuzz build can use it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nwb::jetstream {

/// Any thread; appends `value` as a JSON string, escaped as Go's json.Marshal does (including
/// `<`, `>` and `&` as \u003c, \u003e, \u0026).
void appendJsonString(std::string& out, std::string_view value);

// Writers of one `"key":value` member into a JSON object being built in `out` (which ends in
// '{' or in a previous member). Any thread.
void appendField(std::string& out, std::string_view key);
void appendInt(std::string& out, std::string_view key, std::int64_t v);
void appendBool(std::string& out, std::string_view key, bool v);
void appendStr(std::string& out, std::string_view key, std::string_view v);
void appendStrings(std::string& out, std::string_view key, const std::vector<std::string>& v);

/// Any thread; ns since the epoch as Go's time.Time marshals in UTC (RFC3339Nano, trailing zeros
/// of the fraction dropped). 0 gives Go's zero time "0001-01-01T00:00:00Z".
std::string goTime(std::int64_t unix_ns);

/// Any thread; `,"ts":"<now>"`: the time stamp nats-server 2.10 appends to stream and consumer
/// infos (the moment the info was made).
std::string infoTimeStampField();

/// Any thread; Go's time.Duration.String() of ns: "1.5s", "100ms", "1m30s", "2h0m0s", "0s".
std::string goDuration(std::int64_t ns);

/// Any thread; standard base64 with padding (Go's encoding of []byte).
std::string base64Encode(std::string_view data);

}  // namespace nwb::jetstream
