// Starting and stopping one embedded node as nwb-server does (app/server/main.cpp), keeping its
// name and ports across runs.
#include "engine/embed/node.h"

#include "engine/config/jetstream_options.h"
#include "engine/core/server.h"
#include "engine/jetstream/jetstream_service.h"
#include "engine/monitor/monitor_server.h"
#include "engine/monitor/sys_service.h"

#include <chrono>
#include <cstdlib>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <utility>

namespace nwb::embed {
namespace {

/// How long a start retries a port that is still busy from the previous run.
constexpr auto kBusyPortRetryFor = std::chrono::seconds(1);
constexpr auto kBusyPortRetryPause = std::chrono::milliseconds(25);

bool isAddressInUse(const std::exception& e) {
    return std::string_view(e.what()).find("in use") != std::string_view::npos;
}

/// Constructs and starts one `T` (a fresh object per attempt: a failed start leaves its object
/// unusable), retrying while a fixed port is still in use. `abandon` runs after each failed
/// start, while the failed object still exists.
template <typename T, typename Make>
std::unique_ptr<T> startWithRetry(Make&& make, bool fixed_port,
                                  const std::function<void()>& abandon = {}) {
    const auto deadline = std::chrono::steady_clock::now() + kBusyPortRetryFor;
    for (;;) {
        std::unique_ptr<T> object = make();
        try {
            object->start();
            return object;
        } catch (const std::exception& e) {
            if (abandon) abandon();
            if (!fixed_port || !isAddressInUse(e) || std::chrono::steady_clock::now() >= deadline) {
                throw;
            }
        }
        object.reset();
        std::this_thread::sleep_for(kBusyPortRetryPause);
    }
}

/// The host part of a URL for a listener bound to `host`: loopback for a wildcard address.
std::string urlHost(const std::string& host) {
    if (host.empty() || host == "0.0.0.0" || host == "::" || host == "[::]") return "127.0.0.1";
    if (host.find(':') != std::string::npos && host.front() != '[') return "[" + host + "]";
    return host;
}

}  // namespace

struct Node::Running {
    // Declared in construction order; destroyed in reverse (monitor and services before server).
    std::unique_ptr<core::Server> server;
    std::unique_ptr<jetstream::JetStreamService> jetstream;
    std::unique_ptr<monitor::SysService> sys;
    std::unique_ptr<monitor::MonitorServer> monitor;
};

core::ServerOptions Node::defaultOptions() {
    core::ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.http_port = -1;
    o.io_threads = 2;
    return o;
}

Node::Node(std::string name, core::ServerOptions options)
    : name_(std::move(name)), options_(std::move(options)) {}

Node::~Node() { stop(); }

bool Node::start() {
    std::lock_guard op(op_mutex_);
    return startLocked();
}

void Node::stop() {
    std::lock_guard op(op_mutex_);
    if (state() != NodeState::Running) return;
    setState(NodeState::Stopping);
    teardownLocked(NodeState::Stopped);
}

void Node::kill() {
    std::lock_guard op(op_mutex_);
    if (state() != NodeState::Running) return;
    teardownLocked(NodeState::Killed);
}

bool Node::restart() {
    std::lock_guard op(op_mutex_);
    if (state() == NodeState::Running) {
        setState(NodeState::Stopping);
        teardownLocked(NodeState::Stopped);
    }
    return startLocked();
}

core::ServerOptions Node::runOptions() const {
    core::ServerOptions o = options_;
    o.server_name = name_;
    std::lock_guard lock(state_mutex_);
    if (o.port <= 0) o.port = port_ > 0 ? port_ : 0;
    if (o.http_port <= 0) o.http_port = monitor_port_ > 0 ? monitor_port_ : -1;
    if (o.jetstream) o.store_dir = store_dir_;
    return o;
}

bool Node::startLocked() {
    if (state() == NodeState::Running) return true;
    setState(NodeState::Starting);
    if (options_.jetstream && storeDir().empty()) {
        std::string picked = options_.store_dir;
        if (picked.empty()) {
            std::string pattern = (config::tempDirectory() / ("nwb-" + name_ + "-XXXXXX")).string();
            if (::mkdtemp(pattern.data()) == nullptr) {
                setState(NodeState::Failed, "could not create a JetStream store directory");
                return false;
            }
            picked = pattern;
        }
        std::lock_guard lock(state_mutex_);
        store_dir_ = picked;
    }
    const core::ServerOptions run_options = runOptions();
    auto run = std::make_unique<Running>();
    try {
        // JetStream comes up before the listener opens (as in nwb-server), so each attempt at
        // the server gets its own service, stopped again when that attempt fails.
        const auto config = run_options.jetstream ? config::jetStreamConfig(run_options)
                                                  : jetstream::JetStreamConfig{};
        run->server = startWithRetry<core::Server>(
            [&] {
                auto server = std::make_unique<core::Server>(run_options);
                if (run_options.jetstream) {
                    for (const std::string& line : config::jetStreamBanner(config)) {
                        server->logger().info("{}", line);
                    }
                    run->jetstream = std::make_unique<jetstream::JetStreamService>(*server, config);
                }
                return server;
            },
            run_options.port > 0,
            [&] {
                if (run->jetstream) run->jetstream->stop();
                run->jetstream.reset();
            });
        // Same order as nwb-server: $SYS services whether or not HTTP is served, then HTTP.
        run->sys = std::make_unique<monitor::SysService>(*run->server);
        run->sys->setJetStream(run->jetstream.get());
        run->sys->start();
        run->monitor = startWithRetry<monitor::MonitorServer>(
            [&] {
                auto m = std::make_unique<monitor::MonitorServer>(*run->server);
                m->setJetStream(run->jetstream.get());
                return m;
            },
            run_options.http_port > 0);
    } catch (const std::exception& e) {
        if (run->sys) run->sys->stop();
        if (run->jetstream) run->jetstream->stop();
        if (run->server) run->server->shutdown();
        run.reset();
        setState(NodeState::Failed, e.what());
        return false;
    }
    {
        std::lock_guard lock(state_mutex_);
        port_ = run->server->port();
        monitor_port_ = run->monitor->port();
        server_id_ = run->server->serverId();
    }
    running_ = std::move(run);
    setState(NodeState::Running);
    return true;
}

void Node::teardownLocked(NodeState final_state) {
    if (running_) {
        // The server first, as nwb-server does: clients see the drop before anything else goes.
        // kill() drops every connection at once, writes nothing pending and sends no events.
        // A graceful stop lets JetStream send its pending PubAcks first; a kill drops the
        // clients before JetStream stops, so nothing more is acknowledged.
        if (final_state == NodeState::Killed) {
            running_->server->kill();
            if (running_->jetstream) running_->jetstream->stop();
        } else {
            running_->sys->sendShutdownEvent();  // as nats-server: before anything else stops
            if (running_->jetstream) running_->jetstream->stop();
            running_->server->shutdown();
        }
        running_->monitor->stop();
        running_->sys->stop();
        // Destroying the monitor also closes its idle keep-alive sessions.
        running_.reset();
    }
    setState(final_state);
}

void Node::setState(NodeState state, std::string error) {
    {
        std::lock_guard lock(state_mutex_);
        state_ = state;
        error_ = error;
    }
    std::lock_guard lock(listeners_mutex_);
    for (auto& [id, listener] : listeners_) listener(*this, state, error);
}

NodeState Node::state() const {
    std::lock_guard lock(state_mutex_);
    return state_;
}

std::string Node::error() const {
    std::lock_guard lock(state_mutex_);
    return error_;
}

NodeStatus Node::status() const {
    std::lock_guard lock(state_mutex_);
    return {state_, error_, port_, monitor_port_, server_id_};
}

int Node::port() const {
    std::lock_guard lock(state_mutex_);
    return port_;
}

int Node::monitorPort() const {
    std::lock_guard lock(state_mutex_);
    return monitor_port_;
}

std::string Node::serverId() const {
    std::lock_guard lock(state_mutex_);
    return server_id_;
}

std::string Node::storeDir() const {
    std::lock_guard lock(state_mutex_);
    return store_dir_;
}

std::string Node::clientUrl() const {
    return "nats://" + urlHost(options_.host) + ":" + std::to_string(port());
}

std::string Node::monitorUrl() const {
    const std::string& host = options_.http_host.empty() ? options_.host : options_.http_host;
    return "http://" + urlHost(host) + ":" + std::to_string(monitorPort());
}

std::size_t Node::addStateListener(StateListener listener) {
    std::lock_guard lock(listeners_mutex_);
    const std::size_t id = next_listener_id_++;
    listeners_.emplace_back(id, std::move(listener));
    return id;
}

void Node::removeStateListener(std::size_t id) {
    std::lock_guard lock(listeners_mutex_);
    std::erase_if(listeners_, [id](const auto& entry) { return entry.first == id; });
}

}  // namespace nwb::embed
