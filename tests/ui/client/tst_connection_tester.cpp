// ConnectionTester against a real in-process node, a closed port, wrong credentials and, where
// installed, Debian's nats-server.
#include "tests/ui/client/client_test_support.h"
#include "ui/client/connection_tester.h"
#include "ui/client/nats_support.h"

#include <QSignalSpy>
#include <QtTest>

using nwb::embed::Node;
using nwb::ui::AuthKind;
using nwb::ui::ConnectionTester;
using nwb::ui::ConnectionTestResult;
using namespace nwb::test;

namespace {

constexpr int kWaitMs = ConnectionTester::kTimeoutMs + 2000;

/// Runs one test and returns its single result.
ConnectionTestResult runOnce(const nwb::ui::ConnectionProfile& profile, bool* once) {
    ConnectionTester tester;
    QSignalSpy finished(&tester, &ConnectionTester::finished);
    tester.start(profile);
    *once = tester.running() && finished.wait(kWaitMs) && !tester.running();
    QTest::qWait(20);
    *once = *once && finished.size() == 1;
    return finished.isEmpty() ? ConnectionTestResult{}
                              : finished.at(0).at(0).value<ConnectionTestResult>();
}

}  // namespace

class TstConnectionTester : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nwb::ui::closeNatsLibrary(); }

    void reportsTheNode() {
        Node node("n1");
        QVERIFY(node.start());
        bool once = false;
        const auto result = runOnce(profileFor(QString::fromStdString(node.clientUrl())), &once);
        QVERIFY(once);
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.version, QStringLiteral("2.10.22"));
        QCOMPARE(result.server_id, QString::fromStdString(node.serverId()));
        QCOMPARE(result.server_name, QStringLiteral("n1"));
        QCOMPARE(result.connected_url, QString::fromStdString(node.clientUrl()));
        QCOMPARE(result.max_payload, 1024 * 1024);
        QVERIFY(result.rtt_us >= 0);
    }

    void reportsNatsServer() {
        if (!natsServerInstalled()) QSKIP("nats-server is not installed");
        NatsServerProcess server;
        QVERIFY(server.start());
        bool once = false;
        const auto result = runOnce(profileFor(server.url()), &once);
        QVERIFY(once);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.version, QStringLiteral("2.9.10"));
        QVERIFY(result.server_id.startsWith('N'));
        QVERIFY(!result.jetstream);
        QVERIFY(result.rtt_us >= 0);
    }

    void closedPortFails() {
        bool once = false;
        const auto result =
            runOnce(profileFor(QStringLiteral("nats://127.0.0.1:%1").arg(freePort())), &once);
        QVERIFY(once);
        QVERIFY(!result.ok);
        qInfo() << "closed port:" << result.error;
        QVERIFY(!result.error.isEmpty());
    }

    void wrongPasswordFails() {
        auto options = Node::defaultOptions();
        options.username = "alice";
        options.password = "s3cret";
        Node node("n1", options);
        QVERIFY(node.start());
        auto profile = profileFor(QString::fromStdString(node.clientUrl()));
        profile.auth = AuthKind::UserPassword;
        profile.user = "alice";
        profile.password = "nope";
        bool once = false;
        auto result = runOnce(profile, &once);
        QVERIFY(once);
        QVERIFY(!result.ok);
        QCOMPARE(result.error, QStringLiteral("Authorization Violation"));
        QCOMPARE(result.version, QStringLiteral("2.10.22"));  // INFO came before the failure

        profile.password = "s3cret";
        result = runOnce(profile, &once);
        QVERIFY(once);
        QVERIFY2(result.ok, qPrintable(result.error));
    }

    void restartAbandonsTheEarlierRun() {
        Node node("n1");
        QVERIFY(node.start());
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(profileFor(QStringLiteral("nats://127.0.0.1:%1").arg(freePort())));
        tester.start(profileFor(QString::fromStdString(node.clientUrl())));
        QVERIFY(finished.wait(kWaitMs));
        QTest::qWait(200);
        QCOMPARE(finished.size(), 1);
        QVERIFY(finished.at(0).at(0).value<ConnectionTestResult>().ok);
    }

    void destroyedWhileRunning() {
        Node node("n1");
        QVERIFY(node.start());
        {
            ConnectionTester tester;
            tester.start(profileFor(QString::fromStdString(node.clientUrl())));
        }
        QTest::qWait(200);  // the worker's result finds no tester and is dropped
    }
};

QTEST_GUILESS_MAIN(TstConnectionTester)
#include "tst_connection_tester.moc"
