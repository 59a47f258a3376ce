// Times and durations as nats-server's monitoring JSON prints them: RFC 3339 with trimmed
// nanoseconds (Go's time.RFC3339Nano), uptime strings ("1d2h3m4s") and RTTs ("343µs").
#pragma once

#include <chrono>
#include <string>

namespace nwb::monitor {

using WallClock = std::chrono::system_clock;

enum class TimeZone { Utc, Local };

/// "2026-11-26T13:47:56.76009636Z" (UTC) or with the local offset ("+02:00"), as Go marshals a
/// time.Time; Go writes "Z" for a zero offset either way. Any thread.
std::string rfc3339Nano(WallClock::time_point t, TimeZone zone);

/// Go's zero time.Time, "0001-01-01T00:00:00Z".
inline constexpr const char* kZeroTime = "0001-01-01T00:00:00Z";

/// nats-server's myUptime(): whole seconds as "3s", "2m3s", "1h2m3s", "4d1h2m3s", "1y4d1h2m3s".
std::string uptimeText(std::chrono::nanoseconds d);

/// A connection's RTT as nats-server prints it: Go's Duration.String() of the RTT truncated to
/// microseconds when it lies between 1µs and 1ms ("0s" when not measured).
std::string rttText(std::chrono::nanoseconds rtt);

}  // namespace nwb::monitor
