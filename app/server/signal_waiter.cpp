// Turns process signals into server actions, as nats-server does.
#include "app/server/signal_waiter.h"

#include <pthread.h>

#include "engine/core/server.h"

namespace nwb::app {

SignalWaiter::SignalWaiter() {
    sigemptyset(&set_);
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2}) sigaddset(&set_, s);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
}

void SignalWaiter::start(core::Server& server, std::function<void()> before_shutdown) {
    thread_ = std::thread([set = set_, &server, before_shutdown = std::move(before_shutdown)] {
        while (true) {
            int sig = 0;
            if (sigwait(&set, &sig) != 0) continue;
            switch (sig) {
                case SIGINT:
                case SIGTERM:
                    server.logger().info("Trapped \"{}\" signal",
                                         sig == SIGINT ? "interrupt" : "terminated");
                    if (before_shutdown) before_shutdown();
                    server.shutdown();
                    return;
                case SIGUSR2:
                    server.enterLameDuckMode();
                    break;
                case SIGHUP:
                    server.logger().warn("Configuration reload (SIGHUP) is not supported yet; "
                                         "restart the server to apply changes");
                    break;
                case SIGUSR1:
                    server.logger().warn("Log file reopening (SIGUSR1) is not supported yet");
                    break;
                default:
                    break;
            }
        }
    });
    thread_.detach();  // ends with the process; sigwait cannot be interrupted portably
}

}  // namespace nwb::app
