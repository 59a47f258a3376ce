// NATS/1.0 header block helpers.
#include "engine/jetstream/nats_headers.h"

#include <limits>

namespace nwb::jetstream {

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}
}  // namespace

std::optional<std::string_view> headerValue(std::string_view block, std::string_view key) {
    std::size_t pos = block.find("\r\n");
    while (pos != std::string_view::npos) {
        const std::size_t start = pos + 2;
        const std::size_t end = block.find("\r\n", start);
        const std::string_view line =
            block.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (line.size() > key.size() && line.compare(0, key.size(), key) == 0 &&
            line[key.size()] == ':') {
            const auto value = trim(line.substr(key.size() + 1));
            if (value.empty()) return std::nullopt;
            return value;
        }
        pos = end;
    }
    return std::nullopt;
}

void appendHeader(std::string& block, std::string_view key, std::string_view value) {
    if (block.size() < 4) block = "NATS/1.0\r\n\r\n";
    // Insert before the terminating empty line.
    block.resize(block.size() - 2);
    block.append(key).append(": ").append(value).append("\r\n\r\n");
}

std::uint64_t parseSequenceHeader(std::string_view value) {
    if (value.empty()) return std::numeric_limits<std::uint64_t>::max();
    std::uint64_t n = 0;
    for (char c : value) {
        if (c < '0' || c > '9') return std::numeric_limits<std::uint64_t>::max();
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

}  // namespace nwb::jetstream
