// /proc/self/stat sampling, the way nats-server's pse_linux.go does it.
#include "engine/monitor/proc_usage.h"

#include <fstream>
#include <sstream>
#include <string>
#include <sys/sysinfo.h>
#include <unistd.h>
#include <vector>

namespace nwb::monitor {
namespace {

// Field numbers of /proc/<pid>/stat (0-based, as nats-server counts them).
constexpr std::size_t kUtime = 13;
constexpr std::size_t kStime = 14;
constexpr std::size_t kStart = 21;
constexpr std::size_t kRss = 23;

/// The fields after the command name, so that field k is at index k - 2.
std::vector<std::string> statFields() {
    std::ifstream in("/proc/self/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t close = text.rfind(')');
    std::vector<std::string> fields;
    if (close == std::string::npos) return fields;
    std::istringstream rest(text.substr(close + 1));
    for (std::string f; rest >> f;) fields.push_back(std::move(f));
    return fields;
}

std::int64_t field(const std::vector<std::string>& fields, std::size_t k) {
    if (k < 2 || k - 2 >= fields.size()) return -1;
    try {
        return std::stoll(fields[k - 2]);
    } catch (...) {
        return -1;
    }
}

}  // namespace

ProcUsage::ProcUsage() { sample(); }

void ProcUsage::sample() {
    const auto fields = statFields();
    if (fields.empty()) return;
    const std::int64_t ticks = ::sysconf(_SC_CLK_TCK) > 0 ? ::sysconf(_SC_CLK_TCK) : 100;
    std::int64_t total = field(fields, kUtime) + field(fields, kStime);
    struct sysinfo info {};
    if (::sysinfo(&info) != 0) return;
    std::int64_t seconds = static_cast<std::int64_t>(info.uptime) - field(fields, kStart) / ticks;
    const std::int64_t lt = last_total_ticks_;
    const std::int64_t ls = last_seconds_;
    last_total_ticks_ = total;
    last_seconds_ = seconds;
    total -= lt;
    seconds -= ls;
    if (seconds > 0) per_mille_.store((total * 1000 / ticks) / seconds, std::memory_order_relaxed);
}

double ProcUsage::cpuPercent() const {
    return static_cast<double>(per_mille_.load(std::memory_order_relaxed)) / 10.0;
}

std::int64_t ProcUsage::rssBytes() const {
    const std::int64_t pages = field(statFields(), kRss);
    return pages < 0 ? 0 : pages * ::sysconf(_SC_PAGESIZE);
}

}  // namespace nwb::monitor
