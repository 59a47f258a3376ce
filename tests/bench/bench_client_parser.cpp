// Client parser throughput: MB/s and msgs/s over a buffer of PUB frames, parsed whole and in
// 64 KiB reads (as a socket delivers them).
#include "engine/protocol/client_parser.h"
#include "tests/bench/micro_timer.h"

#include <cstdio>
#include <string>
#include <string_view>

namespace {

using nwb::protocol::ClientParser;
using nwb::protocol::ClientParserHandler;
using nwb::protocol::ParseStatus;
using nwb::protocol::PubArgs;

/// Counts what a connection would route, and nothing else.
class CountingHandler final : public ClientParserHandler {
public:
    std::uint64_t msgs = 0;
    std::uint64_t bytes = 0;
    bool onConnect(std::string_view) override { return true; }
    bool onPubArgs(const PubArgs&) override { return true; }
    bool onMsg(const PubArgs& args, std::string_view data) override {
        ++msgs;
        bytes += data.size() + args.subject.size();
        return true;
    }
    bool onSub(std::string_view, std::string_view, std::string_view) override { return true; }
    bool onUnsub(std::string_view, std::int64_t) override { return true; }
    bool onPing() override { return true; }
    bool onPong() override { return true; }
    bool onInfo(std::string_view) override { return true; }
    bool onErr(std::string_view) override { return true; }
    bool onOpBeforeConnect() override { return true; }
};

std::string pubFrames(std::size_t payload_size, std::size_t target_bytes, std::uint64_t& frames) {
    const std::string payload(payload_size, 'x');
    std::string buffer;
    buffer.reserve(target_bytes + 256);
    frames = 0;
    while (buffer.size() < target_bytes) {
        buffer += "PUB bench.subject.";
        buffer += std::to_string(frames % 16);
        buffer += ' ';
        buffer += std::to_string(payload_size);
        buffer += "\r\n";
        buffer += payload;
        buffer += "\r\n";
        ++frames;
    }
    return buffer;
}

}  // namespace

int main() {
    std::printf(
        "# client parser: PUB frames on 16 subjects, one parser reused (as per connection)\n");
    std::printf("%-8s %-8s %12s %14s\n", "payload", "reads", "MB/s", "msgs/s");
    for (const std::size_t size : {16, 128, 1024, 16384}) {
        std::uint64_t frames = 0;
        const std::string buffer = pubFrames(size, 8u << 20, frames);
        for (const std::size_t chunk : {buffer.size(), std::size_t{64 * 1024}}) {
            ClientParser parser(4096, 1 << 20);
            CountingHandler handler;
            bool ok = true;
            const double rate = nwb::microbench::opsPerSecond(frames, [&] {
                for (std::size_t off = 0; off < buffer.size(); off += chunk) {
                    const auto piece = std::string_view(buffer).substr(off, chunk);
                    ok = ok && parser.parse(piece, handler) == ParseStatus::Ok;
                }
            });
            nwb::microbench::keep(handler.bytes);
            if (!ok || handler.msgs == 0) {
                std::fprintf(stderr, "parse failed\n");
                return 1;
            }
            const double mb_per_s =
                rate * static_cast<double>(buffer.size()) / static_cast<double>(frames) / 1e6;
            std::printf("%-8zu %-8s %12.1f %14.0f\n", size,
                        chunk == buffer.size() ? "whole" : "64KiB", mb_per_s, rate);
        }
    }
    return 0;
}
