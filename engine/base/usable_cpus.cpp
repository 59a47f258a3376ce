// The affinity mask's CPU count, with the online count when the mask cannot be read.
#include "engine/base/usable_cpus.h"

#include <sched.h>

#include <algorithm>
#include <thread>

namespace nwb::base {

int usableCpus() {
    cpu_set_t mask;
    CPU_ZERO(&mask);
    if (::sched_getaffinity(0, sizeof mask, &mask) == 0) return std::max(CPU_COUNT(&mask), 1);
    return std::max(static_cast<int>(std::thread::hardware_concurrency()), 1);
}

}  // namespace nwb::base
