// nwb-server: the engine run headless, with nats-server's command line and config file.
#include <cstdio>
#include <exception>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <unistd.h>

#include "app/server/signal_waiter.h"
#include "engine/config/command_line.h"
#include "engine/config/config_error.h"
#include "engine/config/jetstream_options.h"
#include "engine/core/server.h"
#include "engine/jetstream/jetstream_service.h"
#include "engine/monitor/monitor_server.h"
#include "engine/monitor/ports_file.h"
#include "engine/monitor/sys_service.h"

namespace {

void writePidFile(const std::string& path) {
    if (path.empty()) return;
    std::ofstream out(path, std::ios::trunc);
    out << getpid();
}

}  // namespace

int main(int argc, char** argv) {
    // Signals must be blocked before any thread starts, so every thread inherits the mask.
    nwb::app::SignalWaiter signals;

    const std::vector<std::string> args(argv + 1, argv + argc);
    nwb::config::CommandLine cmd;
    try {
        cmd = nwb::config::loadServerOptions(args);
    } catch (const nwb::config::UsageError& e) {
        std::fprintf(stderr, "%s\n%s", e.what(), nwb::config::usageText().c_str());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "nwb-server: %s\n", e.what());
        return 1;
    }
    for (const std::string& w : cmd.warnings) std::fprintf(stderr, "%s\n", w.c_str());
    if (cmd.mode == nwb::config::RunMode::ShowHelp) {
        std::fputs(nwb::config::usageText().c_str(), stdout);
        return 0;
    }
    if (cmd.mode == nwb::config::RunMode::ShowVersion) {
        std::printf("nwb-server: v%s (compatible with nats-server v%s)\n", NWB_VERSION,
                    std::string(nwb::core::kAdvertisedVersion).c_str());
        return 0;
    }
    if (cmd.mode == nwb::config::RunMode::CheckConfig) {
        std::fprintf(stderr, "%s\n",
                     nwb::config::checkConfigMessage("nwb-server", cmd.options.config_file).c_str());
        return 0;
    }

    nwb::core::Server server(cmd.options);
    // Declared after the server, so it is destroyed (and stopped) before it. The $SYS services
    // run whether or not the HTTP monitor does; they hear of clients from the first one on.
    nwb::monitor::SysService sys_service(server);
    server.setClientEventListener([&sys_service](const nwb::core::ConnectionInfo& info,
                                                 bool connected) {
        sys_service.onClientEvent(info, connected);
    });
    server.setAuthErrorListener(
        [&sys_service](const nwb::core::ConnectionInfo& info) { sys_service.onAuthError(info); });
    sys_service.start();  // subscribes before the first client can ask
    // JetStream before the listener opens, as in nats-server's Start: no client can reach
    // $JS.API before the service answers it. Its internal subscriptions work before start().
    std::unique_ptr<nwb::jetstream::JetStreamService> jetstream;
    if (cmd.options.jetstream) {
        try {
            const auto config = nwb::config::jetStreamConfig(cmd.options);
            for (const std::string& line : nwb::config::jetStreamBanner(config)) {
                server.logger().info("{}", line);
            }
            jetstream = std::make_unique<nwb::jetstream::JetStreamService>(server, config);
        } catch (const std::exception& e) {
            server.logger().fatal("Can't start JetStream: {}", e.what());
            sys_service.stop();
            server.shutdown();
            return 1;
        }
        sys_service.setJetStream(jetstream.get());
    }
    try {
        server.start();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "nwb-server: %s\n", e.what());
        if (jetstream) jetstream->stop();
        return 1;
    }
    const auto stopJetStream = [&jetstream, &server] {
        if (!jetstream) return;
        server.logger().info("Initiating JetStream Shutdown...");
        jetstream->stop();  // idempotent; pending PubAcks go out before the clients are closed
        server.logger().info("JetStream Shutdown");
    };
    // Declared after the server, so it is destroyed (and stopped) before it.
    std::unique_ptr<nwb::monitor::MonitorServer> monitor;
    if (cmd.options.http_port != 0) {
        monitor = std::make_unique<nwb::monitor::MonitorServer>(server);
        monitor->setJetStream(jetstream.get());
        try {
            monitor->start();
        } catch (const std::exception& e) {
            server.logger().fatal("Can't start monitoring: {}", e.what());
            monitor.reset();
            stopJetStream();
            server.shutdown();
            return 1;
        }
    }
    writePidFile(cmd.options.pid_file);
    std::string ports_file;
    if (!cmd.options.ports_file_dir.empty()) {
        ports_file = nwb::monitor::portsFilePath(cmd.options.ports_file_dir, argv[0], getpid());
        const auto nats = nwb::monitor::listenerUrls("nats", cmd.options.host, server.port());
        std::vector<std::string> monitoring;
        if (monitor) {
            monitoring = nwb::monitor::listenerUrls("http", monitor->host(), monitor->port());
        }
        const std::string error =
            nwb::monitor::writePortsFile(ports_file, nwb::monitor::portsJson(nats, monitoring));
        if (!error.empty()) {
            server.logger().error("Error writing ports file ({}): {}", ports_file, error);
            ports_file.clear();
        }
    }
    // JetStream's stop blocks, so it runs on the signal thread before the server shuts down;
    // first, as nats-server's Shutdown, the $SYS SHUTDOWN event reaches the clients.
    std::once_flag jetstream_stopped;
    signals.start(server, [&] {
        sys_service.sendShutdownEvent();
        std::call_once(jetstream_stopped, stopJetStream);
    });
    server.waitForShutdown();
    if (monitor) monitor->stop();
    sys_service.stop();
    std::call_once(jetstream_stopped, stopJetStream);  // after lame duck mode
    jetstream.reset();  // nothing reads it any more
    if (!ports_file.empty()) ::unlink(ports_file.c_str());
    if (!cmd.options.pid_file.empty()) ::unlink(cmd.options.pid_file.c_str());
    return 0;
}
