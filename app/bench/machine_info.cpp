// Machine description from /proc, uname and the clock.
#include "app/bench/machine_info.h"

#include <nats/nats.h>

#include <ctime>
#include <fstream>
#include <sstream>
#include <sys/utsname.h>
#include <thread>

namespace nwb::bench {

std::string parseCpuModel(std::string_view cpuinfo) {
    std::size_t pos = 0;
    while (pos < cpuinfo.size()) {
        const auto end = std::min(cpuinfo.find('\n', pos), cpuinfo.size());
        const auto line = cpuinfo.substr(pos, end - pos);
        pos = end + 1;
        if (line.substr(0, 10) != "model name") continue;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        auto value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\r'))
            value.remove_suffix(1);
        return std::string(value);
    }
    return {};
}

MachineInfo readMachineInfo() {
    MachineInfo info;
    info.cores = std::thread::hardware_concurrency();
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::ostringstream text;
    text << cpuinfo.rdbuf();
    info.cpu_model = parseCpuModel(text.str());
    if (info.cpu_model.empty()) info.cpu_model = "unknown CPU";
    utsname name{};
    if (::uname(&name) == 0)
        info.kernel = std::string(name.sysname) + " " + name.release + " " + name.machine;
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc);
    info.date_utc = date;
    info.libnats = nats_GetVersion();
    std::ifstream loadavg("/proc/loadavg");
    std::string one, five, fifteen;
    if (loadavg >> one >> five >> fifteen) info.load_average = one + " " + five + " " + fifteen;
    return info;
}

std::string machineHeader(const MachineInfo& info, std::string_view placement) {
    std::string out;
    out += "# nwb-bench on " + std::to_string(info.cores) + " cores, " + info.cpu_model + "; " +
           info.kernel + "\n";
    out += "# date " + info.date_utc + ", client libnats " + info.libnats + ", load average " +
           (info.load_average.empty() ? "unknown" : info.load_average) + " at start\n";
    if (placement.empty())
        out += "# the benchmark clients run on the same cores as the server(s)\n";
    else
        out += "# CPU placement: " + std::string(placement) + "\n";
    return out;
}

}  // namespace nwb::bench
