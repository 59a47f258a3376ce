// Outbound buffer throughput: MSG frames appended to a std::string piece by piece (as delivery
// renders them), handed off every 64 KiB as a writev would take them; with and without a lock.
#include "tests/bench/micro_timer.h"

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace {

constexpr std::size_t kFlushAt = 64 * 1024;

struct Outbound {
    std::string pending;
    std::string writing;
    std::uint64_t written = 0;

    void flushIfFull() {
        if (pending.size() < kFlushAt) return;
        pending.swap(writing);  // the I/O thread would writev `writing` now
        written += writing.size();
        writing.clear();
    }
};

void appendMsg(std::string& out, std::string_view subject, std::string_view sid_field,
               std::string_view size_text, std::string_view payload) {
    out.append("MSG ");
    out.append(subject);
    out.append(sid_field);
    out.append(size_text);
    out.append("\r\n");
    out.append(payload);
    out.append("\r\n");
}

}  // namespace

int main() {
    std::printf(
        "# MSG frame append into a std::string outbound buffer, swapped out every 64 KiB\n");
    std::printf("%-8s %-10s %14s %10s\n", "payload", "locking", "msgs/s", "MB/s");
    constexpr std::uint64_t kBatch = 10'000;
    for (const std::size_t size : {16, 128, 1024}) {
        const std::string payload(size, 'x');
        const std::string size_text = std::to_string(size);
        const std::string subject = "bench.subject";
        const std::string sid_field = " 1 ";
        const std::size_t frame =
            4 + subject.size() + sid_field.size() + size_text.size() + 2 + size + 2;
        for (const bool locked : {false, true}) {
            Outbound out;
            std::mutex mutex;
            const double rate = nwb::microbench::opsPerSecond(kBatch, [&] {
                for (std::uint64_t i = 0; i < kBatch; ++i) {
                    if (locked) {
                        std::lock_guard lock(mutex);
                        appendMsg(out.pending, subject, sid_field, size_text, payload);
                        out.flushIfFull();
                    } else {
                        appendMsg(out.pending, subject, sid_field, size_text, payload);
                        out.flushIfFull();
                    }
                }
            });
            nwb::microbench::keep(out.written);
            std::printf("%-8zu %-10s %14.0f %10.1f\n", size, locked ? "std::mutex" : "none", rate,
                        rate * static_cast<double>(frame) / 1e6);
        }
    }
    return 0;
}
