// A process's CPU time and memory from /proc, for --compare's per-server figures.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <sys/types.h>

namespace nwb::bench {

/// utime + stime in clock ticks from the text of /proc/<pid>/stat (the command name may hold
/// spaces and parentheses, so fields are counted from the last ')').
std::optional<std::uint64_t> parseCpuTicks(std::string_view stat_text);
/// A "Key:   123 kB" line of /proc/<pid>/status, in KiB.
std::optional<std::uint64_t> parseStatusKib(std::string_view status_text, std::string_view key);

/// User plus system CPU seconds of all the process's threads so far.
std::optional<double> processCpuSeconds(pid_t pid);
/// VmRSS (resident now) or VmHWM (peak resident) in KiB.
std::optional<std::uint64_t> processMemoryKib(pid_t pid, std::string_view key);

}  // namespace nwb::bench
