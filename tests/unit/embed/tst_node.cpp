// embed::Node: a real in-process server on free ports, driven through its life cycle and probed
// from outside with libnats, raw TCP and HTTP, as the workbench reaches it.
#include "engine/embed/node.h"
#include "tests/integration/nats_test_support.h"
#include "tests/unit/embed/embed_test_support.h"

#include <QtTest>

#include <chrono>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using nwb::embed::Node;
using nwb::embed::NodeState;
using namespace nwb::test;
using namespace std::chrono_literals;

namespace {

using States = std::vector<NodeState>;
using Events = Mailbox<std::string>;

constexpr auto kDeadline = 5s;

void onDisconnected(natsConnection*, void* closure) {
    static_cast<Events*>(closure)->push("disconnected");
}

/// A libnats connection that reports its disconnection into `events`.
ConnectionPtr connectWatched(const std::string& url, Events* events) {
    auto nc = nwb::test::connect(url, [events](natsOptions* o) {
        natsOptions_SetDisconnectedCB(o, onDisconnected, events);
    });
    if (!nc) return nullptr;
    return std::move(*nc);
}

/// Subscribes, publishes and receives one message on `nc`.
bool pubSubWorks(natsConnection* nc, const std::string& payload) {
    auto sub = subscribeSync(nc, "embed.check");
    if (!sub) return false;
    if (natsConnection_PublishString(nc, "embed.check", payload.c_str()) != NATS_OK) return false;
    if (natsConnection_Flush(nc) != NATS_OK) return false;
    auto msg = nextMsg(sub->get(), 5000);
    return msg && msgData(msg->get()) == payload;
}

/// A listening socket on a free loopback port, held without SO_REUSEADDR.
class PortHolder {
public:
    PortHolder() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(fd_, 1);
        socklen_t len = sizeof addr;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
    }
    ~PortHolder() { release(); }
    void release() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    int port() const { return port_; }

private:
    int fd_ = -1;
    int port_ = 0;
};

}  // namespace

class TstNode : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }

    void startServesClientsAndMonitoring() {
        Node node("n1");
        StateRecorder recorder(node);
        QCOMPARE(node.state(), NodeState::Stopped);
        QCOMPARE(node.port(), 0);

        QVERIFY(node.start());
        QCOMPARE(recorder.take(), (States{NodeState::Starting, NodeState::Running}));
        QCOMPARE(node.state(), NodeState::Running);
        QVERIFY(node.port() > 0);
        QVERIFY(node.monitorPort() > 0);
        QVERIFY(node.port() != node.monitorPort());
        QCOMPARE(node.clientUrl(), "nats://127.0.0.1:" + std::to_string(node.port()));
        QCOMPARE(node.monitorUrl(), "http://127.0.0.1:" + std::to_string(node.monitorPort()));
        QVERIFY(!node.serverId().empty());
        QVERIFY(node.error().empty());

        auto nc = nwb::test::connect(node.clientUrl());
        QVERIFY(nc.has_value());
        QVERIFY(pubSubWorks(nc->get(), "hello"));

        const std::string varz = httpGet(node.monitorPort(), "/varz");
        QVERIFY2(varz.starts_with("HTTP/1.0 200") || varz.starts_with("HTTP/1.1 200"),
                 varz.c_str());
        QVERIFY(varz.find("\"server_id\": \"" + node.serverId() + "\"") != std::string::npos ||
                varz.find("\"server_id\":\"" + node.serverId() + "\"") != std::string::npos);
        QVERIFY(varz.find("n1") != std::string::npos);

        const auto status = node.status();
        QCOMPARE(status.state, NodeState::Running);
        QCOMPARE(status.port, node.port());
        QCOMPARE(status.monitor_port, node.monitorPort());
        QCOMPARE(status.server_id, node.serverId());
    }

    void startWhenRunningIsANoOp() {
        Node node("n1");
        QVERIFY(node.start());
        StateRecorder recorder(node);
        QVERIFY(node.start());
        QVERIFY(recorder.take().empty());
    }

    void stopClosesConnectionsAndReleasesPorts() {
        Node node("n1");
        QVERIFY(node.start());
        Events events;
        ConnectionPtr nc = connectWatched(node.clientUrl(), &events);
        QVERIFY(nc);
        StateRecorder recorder(node);

        node.stop();
        QCOMPARE(recorder.take(), (States{NodeState::Stopping, NodeState::Stopped}));
        QCOMPARE(node.state(), NodeState::Stopped);
        QVERIFY(events.waitForCount(1, kDeadline));
        QCOMPARE(probePort(node.port()), Probe::Refused);
        QCOMPARE(probePort(node.monitorPort()), Probe::Refused);
        // The identity survives a stop.
        QVERIFY(node.port() > 0);
        QVERIFY(!node.serverId().empty());
    }

    void killDropsConnectionsAndReleasesPorts() {
        Node node("n1");
        QVERIFY(node.start());
        Events events;
        ConnectionPtr nc = connectWatched(node.clientUrl(), &events);
        QVERIFY(nc);
        auto sub = subscribeSync(nc.get(), "embed.>");
        QVERIFY(sub.has_value());
        QCOMPARE(natsConnection_Flush(nc.get()), NATS_OK);
        StateRecorder recorder(node);

        node.kill();
        QCOMPARE(recorder.take(), (States{NodeState::Killed}));
        QCOMPARE(node.state(), NodeState::Killed);
        QVERIFY(events.waitForCount(1, kDeadline));
        QCOMPARE(probePort(node.port()), Probe::Refused);
        QCOMPARE(probePort(node.monitorPort()), Probe::Refused);
    }

    void stopAndKillDoNothingUnlessRunning() {
        Node node("n1");
        StateRecorder recorder(node);
        node.stop();
        node.kill();
        QVERIFY(recorder.take().empty());
        QCOMPARE(node.state(), NodeState::Stopped);

        QVERIFY(node.start());
        node.kill();
        recorder.take();
        node.stop();
        node.kill();
        QVERIFY(recorder.take().empty());
        QCOMPARE(node.state(), NodeState::Killed);
    }

    void restartKeepsPortsWithANewServerId() {
        Node node("n1");
        QVERIFY(node.start());
        const int port = node.port();
        const int monitor_port = node.monitorPort();
        const std::string first_id = node.serverId();
        Events events;
        ConnectionPtr nc = connectWatched(node.clientUrl(), &events);
        QVERIFY(nc);
        StateRecorder recorder(node);

        QVERIFY(node.restart());
        QCOMPARE(recorder.take(), (States{NodeState::Stopping, NodeState::Stopped,
                                          NodeState::Starting, NodeState::Running}));
        QVERIFY(events.waitForCount(1, kDeadline));
        QCOMPARE(node.port(), port);
        QCOMPARE(node.monitorPort(), monitor_port);
        QVERIFY(node.serverId() != first_id);

        auto again = nwb::test::connect(node.clientUrl());
        QVERIFY(again.has_value());
        QVERIFY(pubSubWorks(again->get(), "after restart"));
        QVERIFY(httpGet(monitor_port, "/varz").find(node.serverId()) != std::string::npos);
    }

    void startAfterKillReusesPorts() {
        Node node("n1");
        QVERIFY(node.start());
        const int port = node.port();
        const int monitor_port = node.monitorPort();
        // Live connections on both ports, so the killed side leaves sockets behind (TIME_WAIT).
        Events events;
        ConnectionPtr nc = connectWatched(node.clientUrl(), &events);
        QVERIFY(nc);
        QVERIFY(!httpGet(monitor_port, "/varz").empty());
        node.kill();
        QVERIFY(events.waitForCount(1, kDeadline));
        StateRecorder recorder(node);

        QVERIFY2(node.start(), node.error().c_str());
        QCOMPARE(recorder.take(), (States{NodeState::Starting, NodeState::Running}));
        QCOMPARE(node.port(), port);
        QCOMPARE(node.monitorPort(), monitor_port);
        auto again = nwb::test::connect(node.clientUrl());
        QVERIFY(again.has_value());
        QVERIFY(pubSubWorks(again->get(), "after kill"));
        QVERIFY(httpGet(monitor_port, "/varz").find(node.serverId()) != std::string::npos);
    }

    void restartWhenStoppedJustStarts() {
        Node node("n1");
        StateRecorder recorder(node);
        QVERIFY(node.restart());
        QCOMPARE(recorder.take(), (States{NodeState::Starting, NodeState::Running}));
    }

    void busyPortFailsWithErrorThenRecovers() {
        PortHolder holder;
        auto options = Node::defaultOptions();
        options.port = holder.port();
        Node node("n1", options);
        StateRecorder recorder(node);

        QVERIFY(!node.start());
        QCOMPARE(recorder.take(), (States{NodeState::Starting, NodeState::Failed}));
        QCOMPARE(node.state(), NodeState::Failed);
        QVERIFY2(node.error().find("in use") != std::string::npos, node.error().c_str());
        QCOMPARE(node.status().error, node.error());

        holder.release();
        QVERIFY2(node.start(), node.error().c_str());
        QCOMPARE(recorder.take(), (States{NodeState::Starting, NodeState::Running}));
        QVERIFY(node.error().empty());
        QCOMPARE(node.port(), holder.port());
        QVERIFY(nwb::test::connect(node.clientUrl()).has_value());
    }

    void listenerRunsOnTheChangingThreadAndCanBeRemoved() {
        Node node("n1");
        std::vector<std::thread::id> threads;
        std::vector<NodeState> seen_by_getter;
        std::mutex mutex;
        const auto id = node.addStateListener([&](Node& n, NodeState, const std::string&) {
            const NodeState state = n.state();  // getters are allowed from a listener
            std::lock_guard lock(mutex);
            threads.push_back(std::this_thread::get_id());
            seen_by_getter.push_back(state);
        });
        std::thread starter([&] { node.start(); });
        const auto starter_id = starter.get_id();
        starter.join();
        {
            std::lock_guard lock(mutex);
            QCOMPARE(threads.size(), std::size_t{2});
            for (const auto& t : threads) QVERIFY(t == starter_id);
            QCOMPARE(seen_by_getter, (States{NodeState::Starting, NodeState::Running}));
        }
        node.removeStateListener(id);
        node.stop();
        std::lock_guard lock(mutex);
        QCOMPARE(threads.size(), std::size_t{2});
    }

    void concurrentOperationsAreSerialised() {
        Node node("n1");
        StateRecorder recorder(node);
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back([&node, i] {
                for (int k = 0; k < 3; ++k) {
                    if ((i + k) % 3 == 0)
                        node.restart();
                    else if ((i + k) % 3 == 1)
                        node.kill();
                    else
                        node.start();
                }
            });
        }
        for (auto& t : threads) t.join();
        // Whatever the interleaving, every transition is a legal one.
        const States states = recorder.take();
        NodeState current = NodeState::Stopped;
        for (NodeState next : states) {
            bool legal = false;
            switch (next) {
                case NodeState::Starting:
                    legal = current == NodeState::Stopped || current == NodeState::Killed ||
                            current == NodeState::Failed;
                    break;
                case NodeState::Running:
                case NodeState::Failed:
                    legal = current == NodeState::Starting;
                    break;
                case NodeState::Stopping:
                case NodeState::Killed:
                    legal = current == NodeState::Running;
                    break;
                case NodeState::Stopped:
                    legal = current == NodeState::Stopping;
                    break;
            }
            QVERIFY2(legal, (std::string(nodeStateName(current)) + " -> " +
                             std::string(nodeStateName(next)))
                                .c_str());
            current = next;
        }
        QCOMPARE(node.state(), current);
        node.start();
        QVERIFY(nwb::test::connect(node.clientUrl()).has_value());
    }
};

QTEST_APPLESS_MAIN(TstNode)
#include "tst_node.moc"
