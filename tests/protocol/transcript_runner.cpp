// Replays a protocol transcript (client bytes in, exact server bytes out) against any NATS server
// binary. Format: tests/protocol/README.md. Usage: transcript_runner --server <binary> <file>...

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <poll.h>
#include <regex>
#include <signal.h>
#include <string>
#include <string_view>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace nwb::protocol_test {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr std::string_view kServerPing = "PING\r\n";
constexpr std::size_t kMaxLogKept = 64 * 1024;
constexpr std::size_t kMaxLine = 1024 * 1024;

/// Thrown by any step that does not go as the transcript says; caught once in main().
struct Failure {
    std::string message;
};

enum class StepKind { Connect, Open, Send, Expect, ExpectInfo, ExpectRegex, Closed, Close, Sync };

struct Step {
    int line = 0;
    std::string conn;
    StepKind kind = StepKind::Send;
    std::string data;  // bytes, INFO substring, or regex
};

struct Transcript {
    std::string path;
    std::vector<std::string> args;
    std::optional<std::string> config;
    std::chrono::milliseconds timeout = 5000ms;
    std::vector<Step> steps;
};

std::string escapeBytes(std::string_view bytes) {
    std::string out;
    for (unsigned char ch : bytes) {
        switch (ch) {
            case '\r':
                out += "\\r";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\\':
                out += "\\\\";
                break;
            default:
                if (ch >= 0x20 && ch < 0x7f) {
                    out += static_cast<char>(ch);
                } else {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\x%02x", ch);
                    out += buf;
                }
        }
    }
    return out;
}

/// Long runs (e.g. a 5000-byte control line) are shortened so a diff stays readable.
std::string escapeForReport(std::string_view bytes) {
    constexpr std::size_t kKeep = 400;
    if (bytes.size() <= 2 * kKeep) return escapeBytes(bytes);
    return escapeBytes(bytes.substr(0, kKeep)) + "...<" + std::to_string(bytes.size() - 2 * kKeep) +
           " bytes>..." + escapeBytes(bytes.substr(bytes.size() - kKeep));
}

int hexValue(char ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/// Decodes \r \n \t \\ \0 \xHH and \{N:text} (text repeated N times).
std::string unescape(std::string_view text, const std::string& where) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out += text[i];
            continue;
        }
        if (++i >= text.size()) throw Failure{where + ": dangling backslash"};
        switch (text[i]) {
            case 'r':
                out += '\r';
                break;
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case '\\':
                out += '\\';
                break;
            case '0':
                out += '\0';
                break;
            case 'x': {
                int hi = i + 1 < text.size() ? hexValue(text[i + 1]) : -1;
                int lo = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
                if (hi < 0 || lo < 0) throw Failure{where + ": bad \\x escape"};
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                break;
            }
            case '{': {
                auto close = text.find('}', i);
                auto colon = text.find(':', i);
                if (close == std::string_view::npos || colon == std::string_view::npos ||
                    colon > close)
                    throw Failure{where + ": bad \\{N:text} repeat"};
                long count = std::strtol(std::string(text.substr(i + 1, colon - i - 1)).c_str(),
                                         nullptr, 10);
                if (count <= 0 || count > 64L * 1024 * 1024)
                    throw Failure{where + ": bad repeat count"};
                auto unit = text.substr(colon + 1, close - colon - 1);
                for (long n = 0; n < count; ++n) out += unit;
                i = close;
                break;
            }
            default:
                throw Failure{where + ": unknown escape \\" + std::string(1, text[i])};
        }
    }
    return out;
}

std::vector<std::string> splitArgs(std::string_view text, const std::string& where) {
    std::vector<std::string> args;
    std::string current;
    bool in_arg = false;
    char quote = 0;
    for (char ch : text) {
        if (quote) {
            if (ch == quote)
                quote = 0;
            else
                current += ch;
        } else if (ch == '"' || ch == '\'') {
            quote = ch;
            in_arg = true;
        } else if (ch == ' ' || ch == '\t') {
            if (in_arg) args.push_back(std::exchange(current, {}));
            in_arg = false;
        } else {
            current += ch;
            in_arg = true;
        }
    }
    if (quote) throw Failure{where + ": unterminated quote in args"};
    if (in_arg) args.push_back(current);
    return args;
}

bool isStepOp(std::string_view word) {
    return word == ">" || word == "<" || word == "<~" || word == "connect" || word == "open" ||
           word == "closed" || word == "close" || word == "sync";
}

Transcript parseTranscript(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Failure{"cannot open transcript " + path};
    Transcript t;
    t.path = path;
    std::string line;
    int line_no = 0;
    bool in_config = false;
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const std::string where = path + ":" + std::to_string(line_no);
        if (in_config) {
            if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
                *t.config += line + '\n';  // indentation is insignificant in nats config
                continue;
            }
            if (line.empty()) {
                *t.config += '\n';
                continue;
            }
            in_config = false;
        }
        std::string_view rest(line);
        auto first = rest.find_first_not_of(" \t");
        if (first == std::string_view::npos || rest[first] == '#') continue;
        rest.remove_prefix(first);

        if (rest.starts_with("args:")) {
            auto more = splitArgs(rest.substr(5), where);
            t.args.insert(t.args.end(), more.begin(), more.end());
            continue;
        }
        if (rest.starts_with("timeout:")) {
            double secs = std::strtod(std::string(rest.substr(8)).c_str(), nullptr);
            if (secs <= 0) throw Failure{where + ": bad timeout"};
            t.timeout = std::chrono::milliseconds(static_cast<long>(secs * 1000));
            continue;
        }
        if (rest == "config:") {
            if (t.config) throw Failure{where + ": config given twice"};
            t.config.emplace();
            in_config = true;
            continue;
        }

        // [conn] op [data]
        auto word_end = [](std::string_view s) {
            auto e = s.find_first_of(" \t");
            return e == std::string_view::npos ? s.size() : e;
        };
        Step step;
        step.line = line_no;
        std::string_view op = rest.substr(0, word_end(rest));
        if (!isStepOp(op)) {
            step.conn = std::string(op);
            rest.remove_prefix(op.size());
            rest.remove_prefix(std::min(rest.size(), rest.find_first_not_of(" \t")));
            op = rest.substr(0, word_end(rest));
            if (!isStepOp(op)) throw Failure{where + ": cannot parse line: " + line};
        }
        rest.remove_prefix(op.size());
        // Exactly one separator after the op; everything after it is data (trailing spaces kept).
        if (!rest.empty()) rest.remove_prefix(1);

        if (op == ">") {
            step.kind = StepKind::Send;
            step.data = unescape(rest, where);
            if (step.data.empty()) throw Failure{where + ": nothing to send"};
        } else if (op == "<") {
            if (rest == "INFO" || rest.starts_with("INFO ~ ")) {
                step.kind = StepKind::ExpectInfo;
                if (rest.size() > 4) step.data = std::string(rest.substr(7));
            } else {
                step.kind = StepKind::Expect;
                step.data = unescape(rest, where);
                if (step.data.empty()) throw Failure{where + ": nothing to expect"};
            }
        } else if (op == "<~") {
            step.kind = StepKind::ExpectRegex;
            step.data = std::string(rest);
            try {
                std::regex check(step.data);
            } catch (const std::regex_error& e) {
                throw Failure{where + ": bad regex: " + e.what()};
            }
        } else if (op == "connect" || op == "open") {
            step.kind = op == "connect" ? StepKind::Connect : StepKind::Open;
            if (op == "connect" && rest.starts_with("~ "))
                step.data = std::string(rest.substr(2));
            else if (!rest.empty())
                throw Failure{where + ": unexpected text after " + std::string(op)};
        } else {
            if (!rest.empty()) throw Failure{where + ": unexpected text after " + std::string(op)};
            step.kind = op == "closed"  ? StepKind::Closed
                        : op == "close" ? StepKind::Close
                                        : StepKind::Sync;
        }
        t.steps.push_back(std::move(step));
    }
    if (t.steps.empty()) throw Failure{path + ": no steps"};
    return t;
}

/// The server under test: started with a random port; its merged stdout/stderr is kept as a log.
class ServerProcess {
public:
    ServerProcess() = default;
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;
    ~ServerProcess() { stop(); }

    void start(const std::string& binary, const Transcript& t) {
        std::vector<std::string> argv = {binary, "-a", "127.0.0.1", "-p", "-1"};
        argv.insert(argv.end(), t.args.begin(), t.args.end());
        if (t.config) {
            char name[] = "/tmp/nwb-transcript-XXXXXX.conf";
            int fd = ::mkstemps(name, 5);
            if (fd < 0) throw Failure{std::string("mkstemps: ") + std::strerror(errno)};
            config_path_ = name;
            const std::string& text = *t.config;
            if (::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
                ::close(fd);
                throw Failure{"cannot write config file"};
            }
            ::close(fd);
            argv.push_back("-c");
            argv.push_back(config_path_);
        }
        command_line_.clear();
        for (const auto& a : argv) command_line_ += (command_line_.empty() ? "" : " ") + a;

        int pipe_fds[2];
        if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw Failure{"pipe2 failed"};
        const pid_t parent = ::getpid();
        pid_ = ::fork();
        if (pid_ < 0) throw Failure{"fork failed"};
        if (pid_ == 0) {
            ::setpgid(0, 0);  // own process group, so stop() also reaches a wrapper's children
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) ::_exit(127);
            ::dup2(pipe_fds[1], STDOUT_FILENO);
            ::dup2(pipe_fds[1], STDERR_FILENO);
            int devnull = ::open("/dev/null", O_RDONLY);
            if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
            std::vector<char*> cargv;
            for (auto& a : argv) cargv.push_back(a.data());
            cargv.push_back(nullptr);
            ::execv(cargv[0], cargv.data());
            std::fprintf(stderr, "execv %s: %s\n", cargv[0], std::strerror(errno));
            ::_exit(127);
        }
        ::setpgid(pid_, pid_);  // also here, so the group exists before any kill(-pid_)
        ::close(pipe_fds[1]);
        log_fd_ = pipe_fds[0];
        ::fcntl(log_fd_, F_SETFL, O_NONBLOCK);
        waitForPort(Clock::now() + 10s);
    }

    int port() const { return port_; }
    int logFd() const { return log_fd_; }
    const std::string& log() const { return log_; }
    const std::string& commandLine() const { return command_line_; }

    /// Reads whatever the server has logged so far without blocking.
    void drainLog() {
        if (log_fd_ < 0) return;
        char buf[4096];
        for (;;) {
            ssize_t n = ::read(log_fd_, buf, sizeof buf);
            if (n > 0) {
                log_.append(buf, static_cast<std::size_t>(n));
                if (log_.size() > 2 * kMaxLogKept) log_.erase(0, log_.size() - kMaxLogKept);
                continue;
            }
            if (n == 0) {
                ::close(log_fd_);
                log_fd_ = -1;
            }
            return;
        }
    }

    /// Fails if the server died on its own before the transcript finished.
    void checkAlive() {
        if (auto status = exitStatus())
            throw Failure{"server exited unexpectedly (" + *status + ")"};
    }

    /// How the server ended, if it has ended on its own (reaps it).
    std::optional<std::string> exitStatus() {
        if (pid_ > 0) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                exit_status_ = describeStatus(status);
                drainLog();
            }
        }
        return exit_status_;
    }

    void stop() {
        if (pid_ > 0) {
            if (::kill(-pid_, SIGTERM) != 0) ::kill(pid_, SIGTERM);
            auto deadline = Clock::now() + 5s;
            int status = 0;
            while (::waitpid(pid_, &status, WNOHANG) == 0) {
                if (Clock::now() > deadline) {
                    if (::kill(-pid_, SIGKILL) != 0) ::kill(pid_, SIGKILL);
                    ::waitpid(pid_, &status, 0);
                    break;
                }
                drainLog();
                std::this_thread::sleep_for(10ms);
            }
            pid_ = -1;
        }
        drainLog();
        if (log_fd_ >= 0) ::close(log_fd_);
        log_fd_ = -1;
        if (!config_path_.empty()) ::unlink(config_path_.c_str());
        config_path_.clear();
    }

private:
    static std::string describeStatus(int status) {
        if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
        if (WIFSIGNALED(status)) return std::string("signal ") + strsignal(WTERMSIG(status));
        return "status " + std::to_string(status);
    }

    void waitForPort(Clock::time_point deadline) {
        static const std::regex kListening(
            R"(Listening for client connections on (?:[0-9.]+|\[[0-9a-fA-F:]*\]):([0-9]+))");
        for (;;) {
            drainLog();
            std::smatch m;
            if (std::regex_search(log_, m, kListening)) {
                port_ = std::stoi(m[1].str());
                return;
            }
            checkAlive();
            if (log_fd_ < 0) throw Failure{"server closed its output before listening"};
            auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left <= 0ms) throw Failure{"server did not report its client port within 10 s"};
            pollfd p{log_fd_, POLLIN, 0};
            ::poll(&p, 1, static_cast<int>(std::min<long>(left.count(), 100)));
        }
    }

    pid_t pid_ = -1;
    std::optional<std::string> exit_status_;
    int log_fd_ = -1;
    int port_ = 0;
    std::string log_;
    std::string config_path_;
    std::string command_line_;
};

struct Connection {
    int fd = -1;
    bool eof = false;
    std::string eof_reason;
    std::string pending;   // received, not yet matched
    std::string received;  // everything matched so far (for reports)
    int skipped_pings = 0;
};

class Runner {
public:
    Runner(const Transcript& t, ServerProcess& server, bool verbose)
        : t_(t), server_(server), verbose_(verbose) {}

    ~Runner() {
        for (auto& [name, c] : conns_)
            if (c.fd >= 0) ::close(c.fd);
    }

    const Step* currentStep() const { return current_; }

    void run() {
        for (const auto& step : t_.steps) {
            current_ = &step;
            if (verbose_) std::fprintf(stderr, "  %d: %s\n", step.line, describe(step).c_str());
            runStep(step);
            server_.drainLog();
        }
        current_ = nullptr;
        for (auto& [name, c] : conns_) {
            if (c.fd < 0) continue;
            readAvailable(c);
            skipServerPings(c);
            if (!c.pending.empty())
                throw Failure{"connection " + label(name) + " has unexpected bytes at the end: \"" +
                              escapeForReport(c.pending) + "\""};
        }
        for (auto& [name, c] : conns_)
            if (verbose_ && c.skipped_pings > 0)
                std::fprintf(stderr, "  connection %s: skipped %d server PING(s)\n",
                             label(name).c_str(), c.skipped_pings);
        server_.checkAlive();
    }

    static std::string describe(const Step& s) {
        std::string who = label(s.conn);
        switch (s.kind) {
            case StepKind::Connect:
                return who + " connect" + (s.data.empty() ? "" : " ~ " + s.data);
            case StepKind::Open:
                return who + " open";
            case StepKind::Send:
                return who + " > " + escapeForReport(s.data);
            case StepKind::Expect:
                return who + " < " + escapeForReport(s.data);
            case StepKind::ExpectInfo:
                return who + " < INFO" + (s.data.empty() ? "" : " ~ " + s.data);
            case StepKind::ExpectRegex:
                return who + " <~ " + s.data;
            case StepKind::Closed:
                return who + " closed";
            case StepKind::Close:
                return who + " close";
            case StepKind::Sync:
                return who + " sync";
        }
        return who;
    }

private:
    static std::string label(const std::string& name) { return name.empty() ? "(default)" : name; }

    Connection& conn(const std::string& name) {
        auto it = conns_.find(name);
        if (it == conns_.end() || it->second.fd < 0)
            throw Failure{"connection " + label(name) + " is not open (use connect/open first)"};
        return it->second;
    }

    void runStep(const Step& s) {
        switch (s.kind) {
            case StepKind::Connect:
            case StepKind::Open: {
                auto it = conns_.find(s.conn);
                if (it != conns_.end() && it->second.fd >= 0)
                    throw Failure{"connection " + label(s.conn) + " is already open"};
                conns_[s.conn] = Connection{};
                conns_[s.conn].fd = dial();
                if (s.kind == StepKind::Connect) expectInfo(conns_[s.conn], s.data);
                break;
            }
            case StepKind::Send:
                send(conn(s.conn), s.data);
                break;
            case StepKind::Expect:
                expectBytes(conn(s.conn), s.data);
                break;
            case StepKind::ExpectInfo:
                expectInfo(conn(s.conn), s.data);
                break;
            case StepKind::ExpectRegex:
                expectRegex(conn(s.conn), s.data);
                break;
            case StepKind::Closed:
                expectClosed(conn(s.conn));
                break;
            case StepKind::Close: {
                auto& c = conn(s.conn);
                ::close(c.fd);
                c.fd = -1;
                break;
            }
            case StepKind::Sync: {
                auto& c = conn(s.conn);
                send(c, "PING\r\n");
                expectBytes(c, "PONG\r\n");
                break;
            }
        }
    }

    int dial() {
        int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) throw Failure{std::string("socket: ") + std::strerror(errno)};
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(server_.port()));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            int err = errno;
            ::close(fd);
            throw Failure{"connect to 127.0.0.1:" + std::to_string(server_.port()) + ": " +
                          std::strerror(err)};
        }
        return fd;
    }

    /// Sends without blocking, reading what the server sends meanwhile (a server echoing a large
    /// payload must not deadlock against us).
    void send(Connection& c, std::string_view bytes) {
        const auto deadline = Clock::now() + t_.timeout;
        while (!bytes.empty()) {
            ssize_t n = ::send(c.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n >= 0) {
                bytes.remove_prefix(static_cast<std::size_t>(n));
                continue;
            }
            if (errno == EINTR) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                throw Failure{std::string("send failed: ") + std::strerror(errno) +
                              " (server closed the connection?) received so far: \"" +
                              escapeForReport(c.received + c.pending) + "\""};
            auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left <= 0ms)
                throw Failure{"send timed out with " + std::to_string(bytes.size()) +
                              " bytes unsent"};
            pollfd fds[2] = {{c.fd, POLLOUT | POLLIN, 0}, {server_.logFd(), POLLIN, 0}};
            int nfds = server_.logFd() >= 0 ? 2 : 1;
            ::poll(fds, static_cast<nfds_t>(nfds), static_cast<int>(left.count()));
            if (nfds == 2 && fds[1].revents) server_.drainLog();
            if (!c.eof && (fds[0].revents & POLLIN)) readAvailable(c);
        }
    }

    /// Waits until more bytes arrive on c (or EOF), draining the server log meanwhile.
    /// Returns false when the deadline passes first.
    bool waitForData(Connection& c, Clock::time_point deadline) {
        for (;;) {
            if (c.eof) return true;
            auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left < 0ms) left = 0ms;
            pollfd fds[2] = {{c.fd, POLLIN, 0}, {server_.logFd(), POLLIN, 0}};
            int nfds = server_.logFd() >= 0 ? 2 : 1;
            int rc = ::poll(fds, static_cast<nfds_t>(nfds), static_cast<int>(left.count()));
            if (rc < 0 && errno != EINTR) throw Failure{"poll failed"};
            if (nfds == 2 && fds[1].revents) server_.drainLog();
            if (fds[0].revents) {
                if (readAvailable(c)) return true;
            }
            if (left == 0ms) return false;
        }
    }

    /// Non-blocking read of everything available; true when something (or EOF) was read.
    bool readAvailable(Connection& c) {
        bool got = false;
        char buf[65536];
        for (;;) {
            ssize_t n = ::recv(c.fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n > 0) {
                c.pending.append(buf, static_cast<std::size_t>(n));
                got = true;
                continue;
            }
            if (n == 0) {
                c.eof = true;
                c.eof_reason = "EOF";
                return true;
            }
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return got;
            c.eof = true;
            c.eof_reason = std::strerror(errno);
            return true;
        }
    }

    /// A server may PING at any time (nats-server does ~2 s after CONNECT); a PING that the
    /// transcript does not expect at a message boundary is dropped.
    void skipServerPings(Connection& c) {
        while (c.pending.starts_with(kServerPing)) {
            c.pending.erase(0, kServerPing.size());
            ++c.skipped_pings;
        }
    }

    /// True when pending is a proper prefix of an unsolicited PING, so more bytes are needed.
    static bool mightBePing(const Connection& c) {
        return !c.pending.empty() && c.pending.size() < kServerPing.size() &&
               kServerPing.starts_with(c.pending) && !c.eof;
    }

    [[noreturn]] void fail(Connection& c, std::string_view expected, const std::string& why) {
        // Collect a little more of what the server sends, for the report only.
        auto grace = Clock::now() + 200ms;
        while (!c.eof && waitForData(c, grace) && Clock::now() < grace) {
        }
        std::string msg = why + "\n  expected: \"" + escapeForReport(expected) +
                          "\"\n  actual:   \"" + escapeForReport(c.pending) + "\"" +
                          (c.eof ? " then " + c.eof_reason : "");
        if (!c.received.empty())
            msg +=
                "\n  (before that the connection received: \"" +
                escapeForReport(c.received.size() > 600 ? c.received.substr(c.received.size() - 600)
                                                        : c.received) +
                "\")";
        throw Failure{msg};
    }

    void consume(Connection& c, std::size_t n) {
        c.received += c.pending.substr(0, n);
        c.pending.erase(0, n);
    }

    /// Puts a line taken by readLine() back, so a failure report shows it as unmatched.
    static void unconsume(Connection& c, const std::string& line) {
        c.pending.insert(0, line + "\r\n");
        c.received.resize(c.received.size() - line.size() - 2);
    }

    void expectBytes(Connection& c, const std::string& want) {
        const auto deadline = Clock::now() + t_.timeout;
        std::size_t matched = 0;
        for (;;) {
            bool at_boundary = matched == 0 || want[matched - 1] == '\n';
            if (at_boundary && !std::string_view(want).substr(matched).starts_with(kServerPing)) {
                skipServerPings(c);
                if (mightBePing(c)) {
                    if (!waitForData(c, deadline)) break;
                    continue;
                }
            }
            std::size_t n = std::min(c.pending.size(), want.size() - matched);
            if (c.pending.compare(0, n, want, matched, n) != 0) {
                std::size_t at = 0;
                while (c.pending[at] == want[matched + at]) ++at;
                fail(c, std::string_view(want).substr(matched),
                     "mismatch at byte " + std::to_string(matched + at) + " of the expected bytes");
            }
            consume(c, n);
            matched += n;
            if (matched == want.size()) return;
            if (c.eof) {
                fail(c, std::string_view(want).substr(matched),
                     "connection closed (" + c.eof_reason + ") after " + std::to_string(matched) +
                         " of " + std::to_string(want.size()) + " expected bytes");
            }
            if (!waitForData(c, deadline)) break;
        }
        fail(c, std::string_view(want).substr(matched),
             "timed out after " + std::to_string(t_.timeout.count()) + " ms");
    }

    /// Reads one line ending in "\r\n" (skipping unsolicited PINGs) and returns it without CRLF.
    std::string readLine(Connection& c, const std::string& what) {
        const auto deadline = Clock::now() + t_.timeout;
        for (;;) {
            skipServerPings(c);
            if (!mightBePing(c)) {
                auto nl = c.pending.find('\n');
                if (nl != std::string::npos) {
                    if (nl == 0 || c.pending[nl - 1] != '\r')
                        fail(c, what, "line not terminated by \\r\\n");
                    std::string line = c.pending.substr(0, nl - 1);
                    consume(c, nl + 1);
                    return line;
                }
                if (c.pending.size() > kMaxLine) fail(c, what, "line too long");
                if (c.eof) fail(c, what, "connection closed (" + c.eof_reason + ")");
            }
            if (!waitForData(c, deadline))
                fail(c, what, "timed out after " + std::to_string(t_.timeout.count()) + " ms");
        }
    }

    /// `required` holds substrings separated by " ~ "; the INFO line must contain each of them,
    /// or must not contain those written with a leading '!'.
    void expectInfo(Connection& c, const std::string& required) {
        std::string what = "INFO {...}\r\n" + (required.empty() ? "" : " containing " + required);
        std::string line = readLine(c, what);
        // nats-server writes "INFO {...} \r\n" (note the space before CRLF).
        std::string_view json(line);
        while (json.ends_with(' ')) json.remove_suffix(1);
        if (!line.starts_with("INFO {") || !json.ends_with("}")) {
            unconsume(c, line);
            fail(c, what, "not an INFO line");
        }
        std::string_view rest(required);
        while (!rest.empty()) {
            auto sep = rest.find(" ~ ");
            auto needle = rest.substr(0, sep);
            bool negated = needle.starts_with('!');
            if (negated) needle.remove_prefix(1);
            if ((line.find(needle) != std::string::npos) == negated) {
                unconsume(c, line);
                fail(c, what, (negated ? "INFO has " : "INFO lacks ") + std::string(needle));
            }
            rest = sep == std::string_view::npos ? std::string_view{} : rest.substr(sep + 3);
        }
    }

    void expectRegex(Connection& c, const std::string& pattern) {
        std::string line = readLine(c, "line matching /" + pattern + "/");
        if (!std::regex_match(line, std::regex(pattern))) {
            unconsume(c, line);
            fail(c, "line matching /" + pattern + "/", "line does not match");
        }
    }

    void expectClosed(Connection& c) {
        const auto deadline = Clock::now() + t_.timeout;
        for (;;) {
            skipServerPings(c);
            if (!c.pending.empty() && !mightBePing(c))
                fail(c, "<close>", "expected the server to close the connection, got bytes");
            if (c.eof && c.pending.empty()) break;
            if (!waitForData(c, deadline))
                fail(c, "<close>",
                     "connection still open after " + std::to_string(t_.timeout.count()) + " ms");
        }
        ::close(c.fd);
        c.fd = -1;
    }

    const Transcript& t_;
    ServerProcess& server_;
    bool verbose_;
    const Step* current_ = nullptr;
    std::map<std::string, Connection> conns_;
};

std::string logTail(const std::string& log) {
    constexpr std::size_t kTail = 6000;
    return log.size() > kTail ? "...\n" + log.substr(log.size() - kTail) : log;
}

int runFile(const std::string& server_binary, const std::string& path, bool verbose) {
    Transcript t;
    try {
        t = parseTranscript(path);
    } catch (const Failure& f) {
        std::fprintf(stderr, "ERROR %s\n", f.message.c_str());
        return 2;
    }
    ServerProcess server;
    try {
        server.start(server_binary, t);
        if (verbose) std::fprintf(stderr, "%s: server on port %d\n", path.c_str(), server.port());
        Runner runner(t, server, verbose);
        try {
            runner.run();
        } catch (const Failure& f) {
            const Step* s = runner.currentStep();
            throw Failure{
                (s ? path + ":" + std::to_string(s->line) + ": " + Runner::describe(*s) + "\n"
                   : path + ": ") +
                f.message};
        }
    } catch (const Failure& f) {
        std::string message = f.message;
        if (auto status = server.exitStatus();
            status && message.find("server exited") == std::string::npos)
            message += "\n  (the server has exited: " + *status + ")";
        server.stop();
        std::fprintf(stderr,
                     "FAIL %s\n%s\n  server: %s\n--- server log ---\n%s--- end of log ---\n",
                     path.c_str(), message.c_str(), server.commandLine().c_str(),
                     logTail(server.log()).c_str());
        return 1;
    }
    server.stop();
    std::printf("PASS %s (%zu steps)\n", path.c_str(), t.steps.size());
    return 0;
}

int usage() {
    std::fputs("usage: transcript_runner --server <binary> [--verbose] <file.transcript>...\n",
               stderr);
    return 2;
}

}  // namespace
}  // namespace nwb::protocol_test

int main(int argc, char** argv) {
    using namespace nwb::protocol_test;
    std::string server;
    bool verbose = false;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if ((a == "--server" || a == "-s") && i + 1 < argc)
            server = argv[++i];
        else if (a == "--verbose" || a == "-v")
            verbose = true;
        else if (a.starts_with("-"))
            return usage();
        else
            files.emplace_back(a);
    }
    if (server.empty() || files.empty()) return usage();
    ::signal(SIGPIPE, SIG_IGN);
    int rc = 0;
    for (const auto& f : files) rc = std::max(rc, runFile(server, f, verbose));
    return rc;
}
