// Parsing, splitting and applying CPU sets for --compare's placement.
#include "app/bench/cpu_placement.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>

namespace nwb::bench {
namespace {

std::optional<int> parseCpu(std::string_view text) {
    int cpu = -1;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), cpu);
    if (ec != std::errc{} || ptr != text.data() + text.size() || cpu < 0 || cpu >= CPU_SETSIZE)
        return std::nullopt;
    return cpu;
}

std::string describeSide(const CpuList& cpus) {
    if (cpus.empty()) return "any CPU";
    return (cpus.size() == 1 ? "CPU " : "CPUs ") + formatCpuList(cpus);
}

bool within(const CpuList& cpus, const CpuList& allowed) {
    return std::includes(allowed.begin(), allowed.end(), cpus.begin(), cpus.end());
}

}  // namespace

std::expected<CpuList, std::string> parseCpuList(std::string_view text) {
    CpuList cpus;
    const std::string whole(text);
    while (!text.empty()) {
        const auto comma = text.find(',');
        const auto item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        const auto dash = item.find('-');
        const auto first = parseCpu(item.substr(0, dash));
        const auto last = dash == std::string_view::npos ? first : parseCpu(item.substr(dash + 1));
        if (!first || !last || *last < *first)
            return std::unexpected("not a CPU list: '" + whole + "' (e.g. 0 or 0-2,5)");
        for (int cpu = *first; cpu <= *last; ++cpu) cpus.push_back(cpu);
    }
    if (cpus.empty() || whole.back() == ',')
        return std::unexpected("not a CPU list: '" + whole + "' (e.g. 0 or 0-2,5)");
    std::sort(cpus.begin(), cpus.end());
    cpus.erase(std::unique(cpus.begin(), cpus.end()), cpus.end());
    return cpus;
}

std::string formatCpuList(const CpuList& cpus) {
    std::string out;
    for (std::size_t i = 0; i < cpus.size();) {
        std::size_t j = i;
        while (j + 1 < cpus.size() && cpus[j + 1] == cpus[j] + 1) ++j;
        if (!out.empty()) out += ',';
        out += std::to_string(cpus[i]);
        if (j > i) out += '-' + std::to_string(cpus[j]);
        i = j + 1;
    }
    return out;
}

std::string CpuPlacement::describe() const {
    return "servers on " + describeSide(server) + ", nwb-bench on " + describeSide(client);
}

std::expected<CpuPlacement, std::string> resolvePlacement(const PlacementRequest& request,
                                                          const CpuList& allowed) {
    CpuPlacement placement{request.server, request.client};
    if (request.split) {
        if (!request.server.empty() || !request.client.empty())
            return std::unexpected("--pin: give either --pin or --server-cpus/--client-cpus");
        if (allowed.size() < 2) {
            return std::unexpected("--pin: needs at least 2 CPUs, this process may use " +
                                   formatCpuList(allowed));
        }
        const auto half = static_cast<std::ptrdiff_t>(allowed.size() / 2);
        placement.server.assign(allowed.begin(), allowed.begin() + half);
        placement.client.assign(allowed.begin() + half, allowed.end());
        return placement;
    }
    for (const auto* side : {&placement.server, &placement.client}) {
        if (!side->empty() && !within(*side, allowed)) {
            return std::unexpected("CPU list " + formatCpuList(*side) +
                                   " is not within the CPUs this process may use (" +
                                   formatCpuList(allowed) + ")");
        }
    }
    return placement;
}

cpu_set_t toCpuSet(const CpuList& cpus) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (const int cpu : cpus) CPU_SET(cpu, &set);
    return set;
}

CpuList fromCpuSet(const cpu_set_t& set) {
    CpuList cpus;
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (CPU_ISSET(cpu, &set)) cpus.push_back(cpu);
    }
    return cpus;
}

std::optional<CpuList> processCpus(pid_t pid) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(pid, sizeof set, &set) != 0) return std::nullopt;
    return fromCpuSet(set);
}

std::string pinThisProcess(const CpuList& cpus) {
    const cpu_set_t set = toCpuSet(cpus);
    // sched_setaffinity acts on one thread: set it on each, then new threads inherit it.
    std::error_code ec;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", ec)) {
        int tid = 0;
        const auto name = task.path().filename().string();
        std::from_chars(name.data(), name.data() + name.size(), tid);
        if (tid <= 0) continue;
        if (::sched_setaffinity(tid, sizeof set, &set) != 0 && errno != ESRCH) {
            return "cannot pin thread " + name + " to CPUs " + formatCpuList(cpus) + ": " +
                   std::strerror(errno);
        }
    }
    if (ec) return "cannot list /proc/self/task: " + ec.message();
    return "";
}

}  // namespace nwb::bench
