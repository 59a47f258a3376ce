// Reading and extending a NATS/1.0 header block, as nats-server's getHeader/genHeader do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nwb::jetstream {

/// Any thread; the value of header `key` (exact, case-sensitive match as nats-server's
/// getHeader), trimmed; nullopt when absent or empty.
std::optional<std::string_view> headerValue(std::string_view block, std::string_view key);

/// Any thread; appends `key: value` to a header block ("" starts a new "NATS/1.0" block).
void appendHeader(std::string& block, std::string_view key, std::string_view value);

/// Any thread; nats-server parseInt64 as uint64: a non-digit gives UINT64_MAX (Go: -1).
std::uint64_t parseSequenceHeader(std::string_view value);

}  // namespace nwb::jetstream
