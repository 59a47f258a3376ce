// Starting, timing and stopping a server process for --compare.
#include "app/bench/server_process.h"

#include "app/bench/clock.h"

#include <arpa/inet.h>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace nwb::bench {
namespace {

constexpr std::string_view kListeningLine = "Listening for client connections on ";

/// Connects to 127.0.0.1:port and waits (up to `timeout_ms`) for the server's INFO line.
bool serverGreets(int port, int timeout_ms) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool greeted = false;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        pollfd pfd{fd, POLLIN, 0};
        char buf[8];
        if (::poll(&pfd, 1, timeout_ms) > 0 && ::recv(fd, buf, 5, MSG_WAITALL) == 5) {
            greeted = std::string_view(buf, 5) == "INFO ";
        }
    }
    ::close(fd);
    return greeted;
}

}  // namespace

std::optional<int> parseListeningPort(std::string_view output) {
    const auto start = output.find(kListeningLine);
    if (start == std::string_view::npos) return std::nullopt;
    const auto end = output.find('\n', start);
    if (end == std::string_view::npos) return std::nullopt;
    auto line = output.substr(start + kListeningLine.size(), end - start - kListeningLine.size());
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    const auto colon = line.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto digits = line.substr(colon + 1);
    int port = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc{} || ptr != digits.data() + digits.size() || port <= 0 || port > 65535) {
        return std::nullopt;
    }
    return port;
}

std::expected<std::unique_ptr<ServerProcess>, std::string> ServerProcess::start(
    const std::string& binary, const std::vector<std::string>& extra_args,
    std::chrono::milliseconds timeout, const CpuList& cpus) {
    if (::access(binary.c_str(), X_OK) != 0) return std::unexpected("cannot execute " + binary);
    std::unique_ptr<ServerProcess> server(new ServerProcess());
    std::vector<std::string> args = {binary, "-a", "127.0.0.1", "-p", "-1"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
        return std::unexpected(std::string("pipe2: ") + std::strerror(errno));
    const int dev_null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    const pid_t parent = ::getpid();
    const cpu_set_t cpu_set = toCpuSet(cpus);
    static constexpr char kPinFailed[] = "nwb-bench: sched_setaffinity failed before exec\n";
    const std::int64_t fork_ns = nowNs();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(pipe_fds[0]);
        ::close(pipe_fds[1]);
        if (dev_null >= 0) ::close(dev_null);
        return std::unexpected(std::string("fork: ") + std::strerror(errno));
    }
    if (pid == 0) {
        // Only async-signal-safe calls between fork and exec.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        sigset_t none;
        ::sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        if (dev_null >= 0) ::dup2(dev_null, STDIN_FILENO);
        ::dup2(pipe_fds[1], STDOUT_FILENO);
        ::dup2(pipe_fds[1], STDERR_FILENO);
        if (!cpus.empty() && ::sched_setaffinity(0, sizeof cpu_set, &cpu_set) != 0) {
            (void)!::write(STDERR_FILENO, kPinFailed, sizeof kPinFailed - 1);
            ::_exit(127);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(pipe_fds[1]);
    if (dev_null >= 0) ::close(dev_null);
    server->pid_ = pid;
    server->output_fd_ = pipe_fds[0];
    server->reader_ = std::thread([raw = server.get()] { raw->readLoop(); });

    const std::int64_t deadline = fork_ns + timeout.count() * 1'000'000;
    std::optional<int> port;
    while (nowNs() < deadline) {
        {
            std::lock_guard lock(server->mutex_);
            port = parseListeningPort(server->output_);
            if (port || server->output_closed_) break;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    if (!port) {
        server->stop();
        return std::unexpected(binary + " did not report its client port\n--- output ---\n" +
                               server->output());
    }
    server->port_ = *port;
    while (!serverGreets(*port, 1000)) {
        if (nowNs() > deadline || !server->running()) {
            server->stop();
            return std::unexpected(binary + " does not accept clients on port " +
                                   std::to_string(*port));
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    server->startup_seconds_ = static_cast<double>(nowNs() - fork_ns) / 1e9;
    return server;
}

ServerProcess::~ServerProcess() {
    stop();
    if (reader_.joinable()) reader_.join();
    if (output_fd_ >= 0) ::close(output_fd_);
}

std::string ServerProcess::url() const { return "nats://127.0.0.1:" + std::to_string(port_); }

bool ServerProcess::running() {
    if (reaped_) return false;
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) reaped_ = true;
    return !reaped_;
}

std::string ServerProcess::output() const {
    std::lock_guard lock(mutex_);
    return output_;
}

void ServerProcess::stop() {
    if (pid_ <= 0 || reaped_) return;
    ::kill(pid_, SIGTERM);
    const std::int64_t deadline = nowNs() + 5'000'000'000;
    while (running() && nowNs() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    if (!reaped_) {
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        reaped_ = true;
    }
}

void ServerProcess::readLoop() {
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(output_fd_, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        std::lock_guard lock(mutex_);
        if (n <= 0) {
            output_closed_ = true;
            return;
        }
        // Keep the head (the port line) and a bounded tail; a chatty server must not grow us.
        if (output_.size() < (1u << 20)) output_.append(buffer, static_cast<std::size_t>(n));
    }
}

std::string serverVersion(const std::string& binary) {
    const std::string command = "'" + binary + "' --version 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return "unknown";
    char line[256] = {};
    const bool got = std::fgets(line, sizeof line, pipe) != nullptr;
    ::pclose(pipe);
    if (!got) return "unknown";
    std::string text(line);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

}  // namespace nwb::bench
