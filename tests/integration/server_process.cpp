#include "tests/integration/server_process.h"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace nwb::test {
namespace {

constexpr std::string_view kListeningLine = "Listening for client connections on ";

std::string errnoText(std::string_view what) {
    return std::string(what) + ": " + std::strerror(errno);
}

/// Parses the port of the first complete "Listening for client connections on host:port" line.
std::optional<int> parseListeningPort(std::string_view output) {
    const auto start = output.find(kListeningLine);
    if (start == std::string_view::npos) return std::nullopt;
    const auto end = output.find('\n', start);
    if (end == std::string_view::npos) return std::nullopt;
    auto line = output.substr(start + kListeningLine.size(), end - start - kListeningLine.size());
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    const auto colon = line.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    int port = 0;
    const auto digits = line.substr(colon + 1);
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc{} || ptr != digits.data() + digits.size() || port <= 0) return std::nullopt;
    return port;
}

}  // namespace

std::expected<std::unique_ptr<ServerProcess>, std::string> ServerProcess::start(
    const ServerOptions& options) {
    const char* binary = std::getenv(std::string(kBinaryEnv).c_str());
    if (binary == nullptr || *binary == '\0') {
        return std::unexpected(std::string(kBinaryEnv) + " is not set");
    }
    std::unique_ptr<ServerProcess> server(new ServerProcess());

    std::vector<std::string> args = {binary, "-a", "127.0.0.1", "-p", "-1"};
    if (!options.config_text.empty()) {
        std::string dir_template =
            (std::filesystem::temp_directory_path() / "nwb-integ-XXXXXX").string();
        if (::mkdtemp(dir_template.data()) == nullptr) return std::unexpected(errnoText("mkdtemp"));
        server->temp_dir_ = dir_template;
        const auto config_path = server->temp_dir_ / "server.conf";
        std::ofstream(config_path) << options.config_text << '\n';
        args.push_back("-c");
        args.push_back(config_path.string());
    }
    args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);

    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return std::unexpected(errnoText("pipe2"));
    const int dev_null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    const pid_t parent = ::getpid();

    // Between fork and exec only async-signal-safe calls.
    const pid_t pid = ::fork();
    if (pid < 0) {
        const std::string error = errnoText("fork");
        ::close(pipe_fds[0]);
        ::close(pipe_fds[1]);
        if (dev_null >= 0) ::close(dev_null);
        return std::unexpected(error);
    }
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a crashed or killed test
        if (::getppid() != parent) ::_exit(127);
        struct sigaction default_action {};
        default_action.sa_handler = SIG_DFL;
        ::sigaction(SIGPIPE, &default_action, nullptr);
        sigset_t empty;
        ::sigemptyset(&empty);
        ::sigprocmask(SIG_SETMASK, &empty, nullptr);
        if (dev_null >= 0) ::dup2(dev_null, STDIN_FILENO);
        ::dup2(pipe_fds[1], STDOUT_FILENO);
        ::dup2(pipe_fds[1], STDERR_FILENO);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(pipe_fds[1]);
    if (dev_null >= 0) ::close(dev_null);
    server->pid_ = pid;
    server->output_fd_ = pipe_fds[0];
    server->pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    server->reader_ = std::thread([raw = server.get()] { raw->readLoop(); });

    std::optional<int> port;
    {
        std::unique_lock lock(server->mutex_);
        server->output_changed_.wait_for(lock, options.startup_timeout, [&] {
            port = parseListeningPort(server->output_);
            return port.has_value() || server->output_closed_;
        });
    }
    if (!port) {
        std::string message = "server did not report its client port within " +
                              std::to_string(options.startup_timeout.count()) + " ms: " + args[0];
        if (const auto status = server->reap(std::chrono::milliseconds(0))) {
            message = "server exited with " +
                      (WIFEXITED(*status) ? "code " + std::to_string(WEXITSTATUS(*status))
                                          : "signal " + std::to_string(WTERMSIG(*status))) +
                      " before listening: " + args[0];
        }
        server->stop(std::chrono::seconds(5));
        return std::unexpected(message + "\n--- server output ---\n" + server->output());
    }
    server->port_ = *port;
    return server;
}

ServerProcess::~ServerProcess() {
    stop();
    if (reader_.joinable()) reader_.join();
    if (output_fd_ >= 0) ::close(output_fd_);
    if (pidfd_ >= 0) ::close(pidfd_);
    if (!temp_dir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(temp_dir_, ignored);
    }
}

std::string ServerProcess::url() const { return "nats://127.0.0.1:" + std::to_string(port_); }

bool ServerProcess::sendSignal(int signal_number) {
    if (exit_status_ || pid_ <= 0) return false;
    return ::kill(pid_, signal_number) == 0;
}

std::optional<int> ServerProcess::stop(std::chrono::milliseconds timeout) {
    if (exit_status_) return exit_status_;
    if (pid_ <= 0) return std::nullopt;
    ::kill(pid_, SIGTERM);
    if (auto status = reap(timeout)) return status;
    ::kill(pid_, SIGKILL);
    reap(std::chrono::seconds(30));
    return std::nullopt;
}

std::optional<int> ServerProcess::waitForExit(std::chrono::milliseconds timeout) {
    if (exit_status_) return exit_status_;
    return reap(timeout);
}

std::optional<int> ServerProcess::reap(std::chrono::milliseconds timeout) {
    if (pidfd_ >= 0) {
        pollfd pfd{pidfd_, POLLIN, 0};
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            const int ready = ::poll(&pfd, 1, static_cast<int>(std::max<long>(left.count(), 0)));
            if (ready > 0) break;
            if (ready == 0) return std::nullopt;
            if (errno != EINTR) return std::nullopt;
        }
    } else {
        // No pidfd (old kernel): the closed output pipe tells us the process is gone.
        std::unique_lock lock(mutex_);
        if (!output_changed_.wait_for(lock, timeout, [&] { return output_closed_; })) {
            return std::nullopt;
        }
    }
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0) {
        if (errno != EINTR) return std::nullopt;
    }
    exit_status_ = status;
    return status;
}

void ServerProcess::readLoop() {
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(output_fd_, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        std::lock_guard lock(mutex_);
        if (n <= 0) {
            output_closed_ = true;
            output_changed_.notify_all();
            return;
        }
        output_.append(buffer, static_cast<std::size_t>(n));
        output_changed_.notify_all();
    }
}

std::string ServerProcess::output() const {
    std::lock_guard lock(mutex_);
    return output_;
}

std::size_t ServerProcess::outputSize() const {
    std::lock_guard lock(mutex_);
    return output_.size();
}

bool ServerProcess::waitForOutput(std::string_view needle, std::chrono::milliseconds timeout,
                                  std::size_t from) const {
    std::unique_lock lock(mutex_);
    bool found = false;
    output_changed_.wait_for(lock, timeout, [&] {
        found = output_.size() >= from &&
                std::string_view(output_).substr(from).find(needle) != std::string_view::npos;
        return found || output_closed_;
    });
    return found;
}

}  // namespace nwb::test
