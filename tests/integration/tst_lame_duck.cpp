// Lame duck mode (SIGUSR2): clients get the "ldm" INFO, new connections are refused, and after
// the grace period every client is closed and the server exits.
#include "tests/integration/integration_test.h"

#include <QtTest/QtTest>

#include <memory>
#include <signal.h>
#include <string>
#include <sys/wait.h>
#include <vector>

using namespace nwb::test;

class TestLameDuck : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }

    void clientsNotifiedThenClosed_data();
    void clientsNotifiedThenClosed();
    void messagesFlowDuringGracePeriod();
};

namespace {

using Events = Mailbox<std::string>;

/// nats-server refuses a lame_duck_duration below 30 s; with one or a few clients the
/// closing after the grace period takes at most about a second per client anyway.
std::string lameDuckConfig(const std::string& grace_period) {
    return "lame_duck_grace_period: \"" + grace_period + "\"\nlame_duck_duration: \"30s\"\n";
}

void onLameDuck(natsConnection*, void* closure) {
    static_cast<Events*>(closure)->push("lame duck");
}
void onDisconnected(natsConnection*, void* closure) {
    static_cast<Events*>(closure)->push("disconnected");
}
void onClosed(natsConnection*, void* closure) { static_cast<Events*>(closure)->push("closed"); }

std::function<void(natsOptions*)> recordEventsInto(Events* events) {
    return [events](natsOptions* o) {
        natsOptions_SetLameDuckModeCB(o, onLameDuck, events);
        natsOptions_SetDisconnectedCB(o, onDisconnected, events);
        natsOptions_SetClosedCB(o, onClosed, events);
    };
}

const std::vector<std::string> kExpectedEvents = {"lame duck", "disconnected", "closed"};

}  // namespace

void TestLameDuck::clientsNotifiedThenClosed_data() {
    QTest::addColumn<int>("clients");
    QTest::newRow("one client") << 1;
    QTest::newRow("three clients") << 3;
}

void TestLameDuck::clientsNotifiedThenClosed() {
    QFETCH(int, clients);
    NWB_START_SERVER(server, ServerOptions::withConfig(lameDuckConfig("500ms")));

    std::vector<std::unique_ptr<Events>> events;  // outlives the connections
    std::vector<ConnectionPtr> connections;
    for (int i = 0; i < clients; ++i) {
        events.push_back(std::make_unique<Events>());
        NWB_CONNECT(nc, server.url(), recordEventsInto(events.back().get()));
        QVERIFY(barrier({nc}));
        connections.push_back(std::move(*nc_owner));
    }

    QVERIFY(server.sendSignal(SIGUSR2));
    for (auto& client_events : events) {
        QVERIFY2(client_events->waitForCount(1, std::chrono::milliseconds(kWaitMs)),
                 "no lame duck notification");
        QCOMPARE(client_events->snapshot().front(), std::string("lame duck"));
    }

    // The listener closed before the notification went out.
    auto late = nwb::test::connect(server.url());
    QVERIFY(!late.has_value());
    QCOMPARE(late.error(), NATS_NO_SERVER);

    for (auto& client_events : events) {
        QVERIFY2(client_events->waitForCount(3, std::chrono::seconds(15)), "client not closed");
        QCOMPARE(client_events->snapshot(), kExpectedEvents);
    }
    for (auto& nc : connections) {
        QCOMPARE(natsConnection_Status(nc.get()), NATS_CONN_STATUS_CLOSED);
    }

    const auto status = server.waitForExit(std::chrono::seconds(15));
    QVERIFY2(status.has_value(), "server did not exit after lame duck mode");
    QVERIFY(WIFEXITED(*status));
    QCOMPARE(WEXITSTATUS(*status), 0);
}

void TestLameDuck::messagesFlowDuringGracePeriod() {
    NWB_START_SERVER(server, ServerOptions::withConfig(lameDuckConfig("5s")));
    Events sub_events;
    Events pub_events;
    NWB_CONNECT(sub_nc, server.url(), recordEventsInto(&sub_events));
    NWB_CONNECT(pub_nc, server.url(), recordEventsInto(&pub_events));
    NWB_SUBSCRIBE(sub, sub_nc, "during.grace");
    QVERIFY(barrier({sub_nc}));

    QVERIFY(server.sendSignal(SIGUSR2));
    QVERIFY(sub_events.waitForCount(1, std::chrono::milliseconds(kWaitMs)));
    QVERIFY(pub_events.waitForCount(1, std::chrono::milliseconds(kWaitMs)));

    // Existing connections keep working until the grace period ends.
    QCOMPARE(natsConnection_PublishString(pub_nc, "during.grace", "still served"), NATS_OK);
    auto msg = nextMsg(sub, kWaitMs);
    QVERIFY(msg.has_value());
    QCOMPARE(msgData(msg->get()), std::string("still served"));
    QCOMPARE(sub_events.size(), std::size_t{1});
    QCOMPARE(pub_events.size(), std::size_t{1});

    QVERIFY(sub_events.waitForCount(3, std::chrono::seconds(20)));
    QVERIFY(pub_events.waitForCount(3, std::chrono::seconds(20)));
    QCOMPARE(sub_events.snapshot(), kExpectedEvents);
    QCOMPARE(pub_events.snapshot(), kExpectedEvents);
    QVERIFY(server.waitForExit(std::chrono::seconds(15)).has_value());
}

QTEST_APPLESS_MAIN(TestLameDuck)
#include "tst_lame_duck.moc"
