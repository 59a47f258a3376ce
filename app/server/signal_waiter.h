// Turns process signals into server actions, as nats-server does (INT/TERM stop, USR2 lame duck).
#pragma once

#include <csignal>
#include <functional>
#include <thread>

namespace nwb::core {
class Server;
}

namespace nwb::app {

/// Blocks the handled signals in the calling thread (call before any other thread starts, so all
/// threads inherit the mask) and handles them on a dedicated thread.
class SignalWaiter {
public:
    SignalWaiter();
    /// Starts acting on signals for `server`; on INT/TERM, `before_shutdown` (if any) runs on
    /// the signal thread before server.shutdown(). Returns at once.
    void start(core::Server& server, std::function<void()> before_shutdown = {});

private:
    sigset_t set_{};
    std::thread thread_;
};

}  // namespace nwb::app
