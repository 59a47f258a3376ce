// CPU placement for --compare: the CPUs the servers under test and nwb-bench itself may run on
// (--pin, --server-cpus, --client-cpus), set with sched_setaffinity.
#pragma once

#include <expected>
#include <optional>
#include <sched.h>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace nwb::bench {

/// CPU numbers, sorted and unique.
using CpuList = std::vector<int>;

/// Linux's list syntax, as taskset -c and /sys take it: "1", "0-2,5".
std::expected<CpuList, std::string> parseCpuList(std::string_view text);
/// The inverse of parseCpuList: {0, 1, 2, 5} -> "0-2,5".
std::string formatCpuList(const CpuList& cpus);

struct CpuPlacement {
    CpuList server;  ///< every server process --compare starts; empty: not set
    CpuList client;  ///< nwb-bench, all its threads (libnats's too); empty: not set
    bool active() const { return !server.empty() || !client.empty(); }
    /// "servers on CPU 0, nwb-bench on CPU 1"; an unset side reads "any CPU".
    std::string describe() const;
};

/// What the command line asked for: --pin, or explicit lists (either or both).
struct PlacementRequest {
    bool split = false;
    CpuList server;
    CpuList client;
};

/// --pin splits `allowed` (the CPUs this process may use) in two: the first half, rounded
/// down, for the servers and the rest for nwb-bench. Explicit lists must lie within `allowed`.
std::expected<CpuPlacement, std::string> resolvePlacement(const PlacementRequest& request,
                                                          const CpuList& allowed);

cpu_set_t toCpuSet(const CpuList& cpus);
CpuList fromCpuSet(const cpu_set_t& set);

/// The CPUs a process (its main thread; 0: this thread) may run on, or nothing on error.
std::optional<CpuList> processCpus(pid_t pid);
/// Restricts every thread of this process to `cpus`; threads started later inherit it.
/// Returns "" or the error.
std::string pinThisProcess(const CpuList& cpus);

}  // namespace nwb::bench
