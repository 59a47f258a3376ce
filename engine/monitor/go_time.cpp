// Go-compatible time and duration text for the monitoring endpoints.
#include "engine/monitor/go_time.h"

#include "engine/config/go_duration.h"

#include <fmt/format.h>

#include <ctime>

namespace nwb::monitor {

std::string rfc3339Nano(WallClock::time_point t, TimeZone zone) {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch());
    auto secs = std::chrono::floor<std::chrono::seconds>(ns);
    const auto frac = (ns - secs).count();
    const std::time_t tt = static_cast<std::time_t>(secs.count());
    std::tm tm{};
    long offset = 0;
    if (zone == TimeZone::Local) {
        ::localtime_r(&tt, &tm);
        offset = tm.tm_gmtoff;
    } else {
        ::gmtime_r(&tt, &tm);
    }
    std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", tm.tm_year + 1900,
                                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (frac != 0) {
        std::string digits = fmt::format("{:09}", frac);
        while (!digits.empty() && digits.back() == '0') digits.pop_back();
        out += '.' + digits;
    }
    if (offset == 0) {
        out += 'Z';
    } else {
        const long a = offset < 0 ? -offset : offset;
        out += fmt::format("{}{:02}:{:02}", offset < 0 ? '-' : '+', a / 3600, (a / 60) % 60);
    }
    return out;
}

std::string uptimeText(std::chrono::nanoseconds d) {
    const std::int64_t tsecs = d.count() / 1'000'000'000;
    const std::int64_t tmins = tsecs / 60;
    const std::int64_t thrs = tmins / 60;
    const std::int64_t tdays = thrs / 24;
    const std::int64_t tyrs = tdays / 365;
    if (tyrs > 0) {
        return fmt::format("{}y{}d{}h{}m{}s", tyrs, tdays % 365, thrs % 24, tmins % 60, tsecs % 60);
    }
    if (tdays > 0) return fmt::format("{}d{}h{}m{}s", tdays, thrs % 24, tmins % 60, tsecs % 60);
    if (thrs > 0) return fmt::format("{}h{}m{}s", thrs, tmins % 60, tsecs % 60);
    if (tmins > 0) return fmt::format("{}m{}s", tmins, tsecs % 60);
    return fmt::format("{}s", tsecs);
}

std::string rttText(std::chrono::nanoseconds rtt) {
    using std::chrono::microseconds;
    if (rtt > microseconds(1) && rtt < std::chrono::milliseconds(1)) {
        rtt = std::chrono::duration_cast<microseconds>(rtt);
    }
    return config::formatGoDuration(rtt);
}

}  // namespace nwb::monitor
