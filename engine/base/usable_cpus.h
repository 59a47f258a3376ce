// How many CPUs this process may run on, as Go's runtime.NumCPU() counts them for nats-server.
#pragma once

namespace nwb::base {

/// The CPUs in this process's affinity mask (taskset, cgroup cpusets), at least 1. Unlike
/// std::thread::hardware_concurrency(), which counts every online CPU. Thread-safe.
int usableCpus();

}  // namespace nwb::base
