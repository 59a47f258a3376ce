// Progress lines on stderr, at most one a second, for runs long enough to need them.
#pragma once

#include "app/bench/clock.h"
#include "app/bench/scenario.h"

#include <cstdint>
#include <cstdio>
#include <string>

namespace nwb::bench {

class ProgressReporter {
public:
    explicit ProgressReporter(const RunContext& ctx)
        : enabled_(ctx.progress), label_(ctx.label), next_ns_(nowNs() + 1'000'000'000) {}

    /// Call often; prints only when a second has passed since the last line.
    void update(std::uint64_t sent, std::uint64_t to_send, std::uint64_t received,
                std::uint64_t to_receive) {
        if (!enabled_) return;
        const auto now = nowNs();
        if (now < next_ns_) return;
        next_ns_ = now + 1'000'000'000;
        std::fprintf(
            stderr, "  %s: sent %llu/%llu, received %llu/%llu\n", label_.c_str(),
            static_cast<unsigned long long>(sent), static_cast<unsigned long long>(to_send),
            static_cast<unsigned long long>(received), static_cast<unsigned long long>(to_receive));
    }

private:
    bool enabled_;
    std::string label_;
    std::int64_t next_ns_;
};

}  // namespace nwb::bench
