// One in-process server (core::Server, its $SYS services and its HTTP monitor) with an identity
// that survives restarts: its name and the same client and monitoring ports.
#pragma once

#include "engine/core/server_options.h"
#include "engine/embed/node_state.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace nwb::core {
class Server;
}
namespace nwb::monitor {
class MonitorServer;
class SysService;
}  // namespace nwb::monitor
namespace nwb::jetstream {
class JetStreamService;
}

namespace nwb::embed {

/// A consistent copy of what a node reports.
struct NodeStatus {
    NodeState state = NodeState::Stopped;
    std::string error;      ///< why it failed (Failed only)
    int port = 0;           ///< client port; 0 until the first successful start
    int monitor_port = 0;   ///< HTTP monitoring port; 0 until the first successful start
    std::string server_id;  ///< of the current or last server; a new one on every start
};

class Node {
public:
    /// Called with the new state (and the error text when Failed) on the thread that changed
    /// the state, i.e. the one calling start(), stop(), kill() or restart(). Calls for one node
    /// never overlap and arrive in order. A listener must not block for long and must not call
    /// start(), stop(), kill(), restart() or add/removeStateListener() on the same node; the
    /// getters are fine.
    using StateListener =
        std::function<void(Node& node, NodeState state, const std::string& error)>;

    /// Options for an embedded node: loopback only, a free client and monitoring port, two
    /// I/O threads. Any thread.
    static core::ServerOptions defaultOptions();

    /// `options` is the template for every start: server_name becomes `name`; port ≤ 0 and
    /// http_port ≤ 0 mean "a free port picked at the first start and reused afterwards"
    /// (embedded nodes always serve monitoring). With `jetstream` set, every start runs the
    /// JetStream service on `store_dir`; an empty store_dir means a new directory under the
    /// temp directory, made at the first start, reused afterwards and never removed. Does not
    /// start. Any thread.
    explicit Node(std::string name, core::ServerOptions options = defaultOptions());
    /// Stops gracefully if running. Blocks; never from a listener.
    ~Node();
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

    /// Starts the server, its $SYS services and its monitor, on the ports of the first start.
    /// Returns true when Running (at once if already running); false when Failed, with error().
    /// A port still busy from the previous run is retried for up to a second. Any thread;
    /// blocks until the node accepts connections or has failed.
    bool start();
    /// Graceful shutdown: every connection closed, threads joined, ports released. Does nothing
    /// unless Running. Any thread; blocks until done.
    void stop();
    /// Drops every connection at once, as a crash would (nothing pending is written, no lame
    /// duck, no $SYS events, no PubAck for a message not yet durable), and releases the ports;
    /// Running → Killed with no Stopping. JetStream's store is left as it is on disk: what was
    /// acknowledged is there, and the next start recovers it. Does nothing unless Running. Any
    /// thread; blocks until done.
    void kill();
    /// stop() if running, then start(). Same ports, new server id. Any thread; blocks.
    bool restart();

    // Getters: any thread, never block for long (a short internal lock).
    const std::string& name() const { return name_; }
    NodeState state() const;
    std::string error() const;
    NodeStatus status() const;
    int port() const;
    int monitorPort() const;
    std::string serverId() const;
    /// The JetStream store directory (the one holding "jetstream/"): as configured, or the one
    /// picked at the first start; empty without JetStream or before that start.
    std::string storeDir() const;
    /// "nats://127.0.0.1:<port>" (the configured host unless it is a wildcard address).
    std::string clientUrl() const;
    /// "http://127.0.0.1:<monitoring port>" (endpoints live under http_base_path, if set).
    std::string monitorUrl() const;
    /// The template given at construction (server_name and ports as given, not as chosen).
    const core::ServerOptions& options() const { return options_; }

    /// Adds a listener; returns its id. Any thread but a listener's.
    std::size_t addStateListener(StateListener listener);
    /// After it returns the listener is not running and is never called again. Any thread but
    /// a listener's; blocks while a notification is in progress.
    void removeStateListener(std::size_t id);

private:
    struct Running;  // the objects of one run: server, $SYS services, monitor

    bool startLocked();
    void teardownLocked(NodeState final_state);
    void setState(NodeState state, std::string error = {});
    core::ServerOptions runOptions() const;

    const std::string name_;
    const core::ServerOptions options_;

    std::mutex op_mutex_;               ///< serialises start/stop/kill/restart
    std::unique_ptr<Running> running_;  ///< under op_mutex_

    mutable std::mutex state_mutex_;  ///< guards the fields below
    NodeState state_ = NodeState::Stopped;
    std::string error_;
    int port_ = 0;
    int monitor_port_ = 0;
    std::string server_id_;
    std::string store_dir_;

    std::mutex listeners_mutex_;  ///< held while listeners run
    std::vector<std::pair<std::size_t, StateListener>> listeners_;
    std::size_t next_listener_id_ = 1;
};

}  // namespace nwb::embed
