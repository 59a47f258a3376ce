// A server binary (nwb-server or nats-server) that --compare starts on a free port, with the
// time it took from exec to accepting clients; killed when this object goes away.
#pragma once

#include "app/bench/cpu_placement.h"

#include <chrono>
#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace nwb::bench {

/// The port of the first complete "Listening for client connections on <host>:<port>" line.
std::optional<int> parseListeningPort(std::string_view output);

class ServerProcess {
public:
    /// Runs `binary -a 127.0.0.1 -p -1 [extra_args...]`, reads the port from its log, then
    /// connects until the server's INFO arrives. Call from the thread that outlives the server.
    /// A non-empty `cpus` is the process's CPU affinity, set before exec (so a Go runtime sizes
    /// GOMAXPROCS from it).
    static std::expected<std::unique_ptr<ServerProcess>, std::string> start(
        const std::string& binary, const std::vector<std::string>& extra_args = {},
        std::chrono::milliseconds timeout = std::chrono::seconds(10), const CpuList& cpus = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    pid_t pid() const { return pid_; }
    std::string url() const;
    /// From fork/exec to the first INFO on a client connection.
    double startupSeconds() const { return startup_seconds_; }
    /// False once the process has exited.
    bool running();
    std::string output() const;
    /// SIGTERM, then SIGKILL after 5 s.
    void stop();

private:
    ServerProcess() = default;
    void readLoop();

    pid_t pid_ = -1;
    int output_fd_ = -1;
    int port_ = 0;
    double startup_seconds_ = 0;
    bool reaped_ = false;
    std::thread reader_;
    mutable std::mutex mutex_;
    std::string output_;
    bool output_closed_ = false;
};

/// The first line `binary --version` prints, or "unknown".
std::string serverVersion(const std::string& binary);

}  // namespace nwb::bench
