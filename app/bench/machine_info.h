// The machine a benchmark ran on, for the output header: cores, CPU model, kernel, date.
#pragma once

#include <string>
#include <string_view>

namespace nwb::bench {

struct MachineInfo {
    unsigned cores = 0;
    std::string cpu_model;
    std::string kernel;
    std::string date_utc;  ///< ISO 8601
    std::string libnats;
    std::string load_average;  ///< the first three fields of /proc/loadavg at the start
};

MachineInfo readMachineInfo();
/// The first "model name" of /proc/cpuinfo text; empty when there is none.
std::string parseCpuModel(std::string_view cpuinfo);
/// Lines for the top of a report, each starting with "# ". `placement` says where the server(s)
/// and the clients ran; empty: all on the same cores.
std::string machineHeader(const MachineInfo& info, std::string_view placement = {});

}  // namespace nwb::bench
