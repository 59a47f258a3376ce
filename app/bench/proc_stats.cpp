// Parsing of /proc/<pid>/stat and /proc/<pid>/status.
#include "app/bench/proc_stats.h"

#include <charconv>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace nwb::bench {
namespace {

std::optional<std::string> readFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::optional<std::uint64_t> parseUnsigned(std::string_view text) {
    std::uint64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

std::optional<std::uint64_t> parseCpuTicks(std::string_view stat_text) {
    const auto paren = stat_text.rfind(')');
    if (paren == std::string_view::npos) return std::nullopt;
    // After "pid (comm)" come: state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt
    // majflt cmajflt utime(14) stime(15).
    std::string_view rest = stat_text.substr(paren + 1);
    std::uint64_t utime = 0;
    std::uint64_t stime = 0;
    for (int field = 3; field <= 15; ++field) {
        const auto start = rest.find_first_not_of(' ');
        if (start == std::string_view::npos) return std::nullopt;
        rest.remove_prefix(start);
        const auto end = std::min(rest.find(' '), rest.size());
        const auto token = rest.substr(0, end);
        if (field == 14 || field == 15) {
            const auto value = parseUnsigned(token);
            if (!value) return std::nullopt;
            (field == 14 ? utime : stime) = *value;
        }
        rest.remove_prefix(end);
    }
    return utime + stime;
}

std::optional<std::uint64_t> parseStatusKib(std::string_view status_text, std::string_view key) {
    std::size_t pos = 0;
    while (pos < status_text.size()) {
        const auto end = std::min(status_text.find('\n', pos), status_text.size());
        std::string_view line = status_text.substr(pos, end - pos);
        pos = end + 1;
        if (line.size() <= key.size() || line.substr(0, key.size()) != key ||
            line[key.size()] != ':')
            continue;
        line.remove_prefix(key.size() + 1);
        const auto start = line.find_first_not_of(" \t");
        if (start == std::string_view::npos) return std::nullopt;
        line.remove_prefix(start);
        const auto digits_end = std::min(line.find(' '), line.size());
        return parseUnsigned(line.substr(0, digits_end));
    }
    return std::nullopt;
}

std::optional<double> processCpuSeconds(pid_t pid) {
    const auto text = readFile("/proc/" + std::to_string(pid) + "/stat");
    if (!text) return std::nullopt;
    const auto ticks = parseCpuTicks(*text);
    if (!ticks) return std::nullopt;
    return static_cast<double>(*ticks) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::optional<std::uint64_t> processMemoryKib(pid_t pid, std::string_view key) {
    const auto text = readFile("/proc/" + std::to_string(pid) + "/status");
    if (!text) return std::nullopt;
    return parseStatusKib(*text, key);
}

}  // namespace nwb::bench
