// CPU and memory of this process as nats-server's /varz reports them (server/pse/pse_linux.go):
// CPU percent averaged over the last one-second sample, resident set size in bytes.
#pragma once

#include <atomic>
#include <cstdint>

namespace nwb::monitor {

class ProcUsage {
public:
    /// Takes the first sample: until the next one, cpuPercent() is the average since start.
    ProcUsage();

    /// Takes a sample; call it once a second. Any single thread at a time.
    void sample();
    /// Percent of one core (100 = one core busy), with one decimal. Any thread.
    double cpuPercent() const;
    /// Resident set size in bytes, read now. Any thread.
    std::int64_t rssBytes() const;

private:
    std::int64_t last_total_ticks_ = 0;
    std::int64_t last_seconds_ = 0;
    std::atomic<std::int64_t> per_mille_{0};
};

}  // namespace nwb::monitor
