// Runs a NATS server binary (nats-server or nwb-server, named by $NWB_TEST_SERVER) on a random
// port for one test, and keeps its log output so tests can wait for a line.
#pragma once

#include <chrono>
#include <cstdlib>
#include <condition_variable>
#include <cstddef>
#include <expected>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <thread>
#include <utility>
#include <vector>

namespace nwb::test {

struct ServerOptions {
    /// Appended after `-a 127.0.0.1 -p -1`.
    std::vector<std::string> extra_args;
    /// When not empty: written to a temporary file that is passed with `-c`.
    std::string config_text;
    std::chrono::milliseconds startup_timeout{10'000};

    static ServerOptions withConfig(std::string text) {
        ServerOptions options;
        options.config_text = std::move(text);
        return options;
    }
};

class ServerProcess {
public:
    static constexpr std::string_view kBinaryEnv = "NWB_TEST_SERVER";

    /// Starts $NWB_TEST_SERVER and waits for its "Listening for client connections on" line.
    /// On failure returns a message that includes the server's output. Call from the thread
    /// that outlives the server (the test's main thread): the server is killed when it exits.
    static std::expected<std::unique_ptr<ServerProcess>, std::string> start(
        const ServerOptions& options = {});

    /// Stops the server (SIGTERM, then SIGKILL after 10 s) and removes the temporary files.
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    std::string url() const;  ///< nats://127.0.0.1:<port>
    int port() const { return port_; }
    pid_t pid() const { return pid_; }

    /// Returns false when the process has already been reaped or kill() fails.
    bool sendSignal(int signal_number);

    /// SIGTERM, then waits up to `timeout` for the exit (SIGKILL afterwards).
    /// Returns the wait status, or nullopt if the process had to be killed.
    std::optional<int> stop(std::chrono::milliseconds timeout = std::chrono::seconds(10));

    /// Waits for the process to exit on its own. Returns the wait status, nullopt on timeout.
    std::optional<int> waitForExit(std::chrono::milliseconds timeout);

    /// Everything the server wrote to stdout and stderr so far.
    std::string output() const;
    /// Number of output bytes received so far; a position for waitForOutput().
    std::size_t outputSize() const;
    /// Waits until `needle` appears in the output at or after byte `from`. Returns false on
    /// timeout or when the server closed its output first.
    bool waitForOutput(std::string_view needle, std::chrono::milliseconds timeout,
                       std::size_t from = 0) const;

private:
    ServerProcess() = default;
    void readLoop();
    std::optional<int> reap(std::chrono::milliseconds timeout);

    pid_t pid_ = -1;
    int pidfd_ = -1;
    int output_fd_ = -1;
    int port_ = 0;
    std::optional<int> exit_status_;
    std::filesystem::path temp_dir_;
    std::thread reader_;

    mutable std::mutex mutex_;
    mutable std::condition_variable output_changed_;
    std::string output_;          // guarded by mutex_
    bool output_closed_ = false;  // guarded by mutex_
};

/// The version the binary under test (NWB_TEST_SERVER) must report: Debian's nats-server is
/// 2.9.10, nwb-server advertises 2.10.22.
inline std::string expectedServerVersion() {
    const char* binary = std::getenv(std::string(ServerProcess::kBinaryEnv).c_str());
    const std::string_view path = binary == nullptr ? "" : binary;
    return path.ends_with("nats-server") ? "2.9.10" : "2.10.22";
}

}  // namespace nwb::test
