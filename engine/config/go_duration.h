// Go's time.ParseDuration and Duration.String, which nats-server uses for duration options
// ("2m", "1h30m", "500ms", "1.5s") and in its messages.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace nwb::config {

struct DurationParse {
    std::chrono::nanoseconds value{0};
    std::string error;  ///< Go's text, e.g. `time: unknown unit "x" in duration "5x"`; empty: ok
};

DurationParse parseGoDuration(std::string_view text);

/// "1h0m0s", "1m30s", "1.5s", "500ms", "0s": Go's Duration.String().
std::string formatGoDuration(std::chrono::nanoseconds duration);

}  // namespace nwb::config
