// VarzPoller, the panels and the latency probe against an embedded node and, when installed,
// Debian's nats-server, with libnats connections opened by the test.
#include "engine/embed/node.h"
#include "tests/integration/nats_test_support.h"
#include "ui/client/nats_session.h"
#include "ui/monitoring/connections_table_panel.h"
#include "ui/monitoring/connz_model.h"
#include "ui/monitoring/latency_probe.h"
#include "ui/monitoring/monitoring_panel.h"
#include "ui/monitoring/varz_poller.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <vector>

using namespace nwb::ui;
using nwb::embed::Node;
using nwb::test::ConnectionPtr;

namespace {

constexpr int kWaitMs = 10000;
const QString kNatsServer = QStringLiteral("/usr/sbin/nats-server");

std::vector<ConnectionPtr> openConnections(const std::string& url, int n) {
    std::vector<ConnectionPtr> conns;
    for (int i = 0; i < n; ++i) {
        auto nc = nwb::test::connect(url, [i](natsOptions* o) {
            natsOptions_SetName(o, QByteArray("monitoring-test-" + QByteArray::number(i)).constData());
        });
        if (!nc) return {};
        conns.push_back(std::move(*nc));
    }
    return conns;
}

QString connectedServerId(natsConnection* nc) {
    char id[128] = {};
    natsConnection_GetConnectedServerId(nc, id, sizeof id);
    return QString::fromLatin1(id);
}

bool publishN(natsConnection* nc, int n, const char* subject = "monitoring.test") {
    for (int i = 0; i < n; ++i) {
        if (natsConnection_PublishString(nc, subject, "hello") != NATS_OK) return false;
    }
    return natsConnection_Flush(nc) == NATS_OK;
}

int freePort() {
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

/// Polls until a sample comes and returns it (taken_ms 0 when none came in time). A loaded
/// machine can miss the 900 ms HTTP timeout now and then; each failure is logged.
VarzSample pollOnce(VarzPoller& poller) {
    QSignalSpy samples(&poller, &VarzPoller::sampleReady);
    QSignalSpy failures(&poller, &VarzPoller::pollFailed);
    QDeadlineTimer deadline(kWaitMs);
    while (samples.isEmpty() && !deadline.hasExpired()) {
        const qsizetype failed = failures.count();
        poller.pollNow();
        if (!QTest::qWaitFor([&] { return !samples.isEmpty() || failures.count() > failed; },
                             static_cast<int>(deadline.remainingTime()))) {
            break;
        }
        if (failures.count() > failed) qInfo() << "poll failed:" << failures.last().at(0).toString();
    }
    return samples.isEmpty() ? VarzSample{} : samples.at(0).at(0).value<VarzSample>();
}

/// Debian's nats-server on free loopback ports, stopped when this goes.
class NatsServerProcess {
public:
    bool start() {
        port_ = freePort();
        monitor_port_ = freePort();
        process_.setProcessChannelMode(QProcess::MergedChannels);
        process_.start(kNatsServer, {"-a", "127.0.0.1", "-p", QString::number(port_), "-m",
                                     QString::number(monitor_port_)});
        if (!process_.waitForStarted(5000)) return false;
        QByteArray log;
        QDeadlineTimer deadline(kWaitMs);
        while (!log.contains("Server is ready") && !deadline.hasExpired()) {
            process_.waitForReadyRead(200);
            log += process_.readAll();
        }
        return log.contains("Server is ready");
    }
    ~NatsServerProcess() {
        process_.terminate();
        if (!process_.waitForFinished(5000)) process_.kill();
        process_.waitForFinished(5000);
    }
    std::string clientUrl() const { return "nats://127.0.0.1:" + std::to_string(port_); }
    QString monitorUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(monitor_port_); }

private:
    QProcess process_;
    int port_ = 0;
    int monitor_port_ = 0;
};

ConnectionProfile profileFor(const std::string& client_url, const QString& monitor_url = {}) {
    ConnectionProfile p;
    p.name = QStringLiteral("test");
    p.urls = {QString::fromStdString(client_url)};
    p.monitor_url = monitor_url;
    return p;
}

}  // namespace

class TstMonitoringLive : public QObject {
    Q_OBJECT
private:
    /// What every server must show in /varz: its id, its version, the test's connections, and
    /// exactly the 1000 messages published between two samples.
    void checkVarz(const std::string& client_url, const QString& monitor_url,
                   const QString& expected_id, const QString& expected_version) {
        auto conns = openConnections(client_url, 3);
        QCOMPARE(conns.size(), 3u);
        if (!expected_id.isEmpty()) QCOMPARE(connectedServerId(conns[0].get()), expected_id);

        VarzPoller poller(nullptr);
        poller.setMonitorUrl(monitor_url);
        QSignalSpy sources(&poller, &VarzPoller::sourceChanged);
        const VarzSample first = pollOnce(poller);
        QVERIFY(first.taken_ms > 0);
        QCOMPARE(first.server_id, connectedServerId(conns[0].get()));
        QCOMPARE(first.version, expected_version);
        QCOMPARE(first.connections, 3);
        QVERIFY(!first.jetstream);
        QVERIFY(first.uptime_s >= 0);
        QCOMPARE(poller.source(), QStringLiteral("HTTP %1").arg(monitor_url));
        QCOMPARE(sources.count(), 1);

        QVERIFY(publishN(conns[1].get(), 1000));
        const VarzSample second = pollOnce(poller);
        QVERIFY(second.taken_ms > first.taken_ms);
        QCOMPARE(second.in_msgs - first.in_msgs, 1000);
        QCOMPARE(second.in_bytes - first.in_bytes, 5000);
        QCOMPARE(second.connections, 3);

        conns.pop_back();
        QTRY_COMPARE_WITH_TIMEOUT(pollOnce(poller).connections, 2, kWaitMs);
    }

private slots:
    void initTestCase() {
        qRegisterMetaType<VarzSample>();
        nats_Open(-1);
    }

    void varzFromEmbeddedNode() {
        Node node("monitor-n1");
        QVERIFY(node.start());
        checkVarz(node.clientUrl(), QString::fromStdString(node.monitorUrl()),
                  QString::fromStdString(node.serverId()), QStringLiteral("2.10.22"));
        VarzPoller poller(nullptr);
        poller.setMonitorUrl(QString::fromStdString(node.monitorUrl()));
        QCOMPARE(pollOnce(poller).server_name, QStringLiteral("monitor-n1"));
    }

    void varzFromNatsServer() {
        if (!QFileInfo::exists(kNatsServer)) QSKIP("Debian's nats-server is not installed");
        NatsServerProcess server;
        QVERIFY(server.start());
        checkVarz(server.clientUrl(), server.monitorUrl(), {}, QStringLiteral("2.9.10"));
    }

    void pollerPollsEverySecondWithOneRequestInFlight() {
        Node node("monitor-n1");
        QVERIFY(node.start());
        VarzPoller poller(nullptr);
        poller.setMonitorUrl(QString::fromStdString(node.monitorUrl()));
        QSignalSpy samples(&poller, &VarzPoller::sampleReady);
        poller.start();
        QVERIFY(poller.isActive());
        QVERIFY(!poller.pollNow());  // the first poll is still in flight
        QTRY_VERIFY_WITH_TIMEOUT(samples.count() >= 3, kWaitMs);
        poller.stop();
        const qint64 t1 = samples.at(1).at(0).value<VarzSample>().taken_ms;
        const qint64 t2 = samples.at(2).at(0).value<VarzSample>().taken_ms;
        QVERIFY2(t2 - t1 >= 500 && t2 - t1 <= 3000, qPrintable(QString::number(t2 - t1)));
    }

    void httpFailuresFallBackToSys() {
        auto options = Node::defaultOptions();
        options.users = {{"sys", "pw", std::nullopt, "$SYS"}, {"app", "pw", std::nullopt, ""}};
        Node node("monitor-sys", options);
        QVERIFY(node.start());

        NatsSession session;
        ConnectionProfile profile = profileFor(node.clientUrl());
        profile.auth = AuthKind::UserPassword;
        profile.user = QStringLiteral("sys");
        profile.password = QStringLiteral("pw");
        profile.monitor_url = QStringLiteral("http://127.0.0.1:%1").arg(freePort());  // nobody
        session.open(profile);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Connected, kWaitMs);

        VarzPoller poller(&session);
        QSignalSpy samples(&poller, &VarzPoller::sampleReady);
        QSignalSpy errors(&poller, &VarzPoller::errorReported);
        poller.start();
        QTRY_VERIFY_WITH_TIMEOUT(samples.count() >= 1, 3 * kWaitMs);
        QCOMPARE(poller.source(), QStringLiteral("$SYS"));
        const VarzSample s = samples.at(0).at(0).value<VarzSample>();
        QCOMPARE(s.server_id, QString::fromStdString(node.serverId()));
        QCOMPARE(s.server_name, QStringLiteral("monitor-sys"));
        QCOMPARE(s.version, QStringLiteral("2.10.22"));
        QCOMPARE(s.connections, 1);
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("trying $SYS")));
        poller.stop();

        // With no URL at all, $SYS is used from the first poll.
        VarzPoller direct(&session);
        direct.setMonitorUrl({});
        QCOMPARE(pollOnce(direct).server_id, QString::fromStdString(node.serverId()));
        QCOMPARE(direct.source(), QStringLiteral("$SYS"));

        // The connections table falls back to $SYS.REQ.SERVER.PING.CONNZ the same way.
        ConnectionsTablePanel table(&session);
        QSignalSpy refreshed(&table, &ConnectionsTablePanel::refreshed);
        table.refresh();
        QVERIFY(refreshed.wait(kWaitMs));
        QCOMPARE(table.model()->rowCount(), 1);  // the session itself
        QCOMPARE(table.model()->row(0).lang, QStringLiteral("C"));
        QVERIFY(table.statusText().contains(QStringLiteral("$SYS")));

        // An ordinary account has no $SYS responders: both ways fail, and the poller says so.
        NatsSession app_session;
        profile.user = QStringLiteral("app");
        profile.monitor_url.clear();
        app_session.open(profile);
        QTRY_COMPARE_WITH_TIMEOUT(app_session.state(), SessionState::Connected, kWaitMs);
        VarzPoller unavailable(&app_session);
        QSignalSpy failures(&unavailable, &VarzPoller::errorReported);
        QVERIFY(unavailable.pollNow());
        QVERIFY(failures.wait(kWaitMs));
        QVERIFY2(failures.at(0).at(0).toString().startsWith(
                     QStringLiteral("monitoring unavailable: ")),
                 qPrintable(failures.at(0).at(0).toString()));
        QVERIFY(unavailable.source().startsWith(QStringLiteral("unavailable: ")));
        // But $SYS.REQ.SERVER.PING.CONNZ answers any account with its own connections.
        ConnectionsTablePanel app_table(&app_session);
        QSignalSpy app_refreshed(&app_table, &ConnectionsTablePanel::refreshed);
        app_table.refresh();
        QVERIFY(app_refreshed.wait(kWaitMs));
        // As nats-server 2.9.10, an account's request sees that account's connections only.
        QCOMPARE(app_table.model()->rowCount(), 1);
        QVERIFY(app_table.statusText().contains(QStringLiteral("$SYS")));

        // Neither HTTP nor a connected session: the table says why.
        app_session.close();
        QTRY_COMPARE_WITH_TIMEOUT(app_session.state(), SessionState::Closed, kWaitMs);
        QSignalSpy table_errors(&app_table, &ConnectionsTablePanel::errorReported);
        app_table.refresh();
        QVERIFY(table_errors.count() == 1 || table_errors.wait(kWaitMs));
        QVERIFY(app_table.statusText().startsWith(QStringLiteral("Connections unavailable: ")));
    }

    void connectionsTable() {
        Node node("monitor-n1");
        QVERIFY(node.start());
        auto conns = openConnections(node.clientUrl(), 3);
        QCOMPARE(conns.size(), 3u);
        // 100, 9, 12 messages: a lexical sort would put 100 first.
        QVERIFY(publishN(conns[0].get(), 100));
        QVERIFY(publishN(conns[1].get(), 9));
        QVERIFY(publishN(conns[2].get(), 12));

        ConnectionsTablePanel panel(nullptr);
        QAbstractItemModelTester tester(panel.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxy_tester(
            panel.proxyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setMonitorUrl(QString::fromStdString(node.monitorUrl()));
        QSignalSpy refreshed(&panel, &ConnectionsTablePanel::refreshed);
        panel.resize(1000, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(refreshed.count() >= 1 || refreshed.wait(kWaitMs));
        QCOMPARE(panel.model()->rowCount(), 3);
        QCOMPARE(panel.model()->total(), 3);
        QVERIFY(panel.statusText().contains(QStringLiteral("HTTP")));

        panel.view()->sortByColumn(ConnzModel::InMsgs, Qt::AscendingOrder);
        QSortFilterProxyModel* proxy = panel.proxyModel();
        QList<qint64> in_msgs;
        for (int r = 0; r < proxy->rowCount(); ++r) {
            in_msgs << proxy->data(proxy->index(r, ConnzModel::InMsgs), ConnzModel::kSortRole)
                           .toLongLong();
        }
        QCOMPARE(in_msgs, (QList<qint64>{9, 12, 100}));
        QCOMPARE(proxy->data(proxy->index(0, ConnzModel::Name)).toString(),
                 QStringLiteral("monitoring-test-1"));

        // Auto-refresh every 2 s while visible picks up a closed connection.
        conns.pop_back();
        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 2, kWaitMs);
        panel.grab().save(QStringLiteral(NWB_SCREENSHOT_DIR "/connections_table.png"));

        // The filter narrows the rows to the matching connection.
        auto* filter = panel.findChild<QLineEdit*>();
        QVERIFY(filter);
        filter->setText(QStringLiteral("test-0"));
        QCOMPARE(proxy->rowCount(), 1);
    }

    void latencyProbe() {
        Node node("monitor-n1");
        QVERIFY(node.start());
        NatsSession session;
        session.open(profileFor(node.clientUrl()));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Connected, kWaitMs);
        LatencyProbe probe(&session);
        QVERIFY(probe.subject().startsWith(QStringLiteral("_nwb.probe.")));
        QSignalSpy rtts(&probe, &LatencyProbe::rttMeasured);
        QSignalSpy errors(&probe, &LatencyProbe::errorReported);
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(rtts.count() >= 2, kWaitMs);
        for (const auto& args : rtts) QVERIFY(args.at(0).toLongLong() > 0);
        QCOMPARE(errors.count(), 0);

        probe.stop();
        const qsizetype after_stop = rtts.count();
        QTest::qWait(1500);  // nothing may arrive once stopped
        QCOMPARE(rtts.count(), after_stop);

        // A closed session stops the probe for good.
        probe.start();
        session.close();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Closed, kWaitMs);
        const qsizetype after_close = rtts.count();
        QTest::qWait(1500);
        QCOMPARE(rtts.count(), after_close);
    }

    void monitoringPanel() {
        Node node("monitor-n1");
        QVERIFY(node.start());
        auto conns = openConnections(node.clientUrl(), 2);
        QCOMPARE(conns.size(), 2u);
        NatsSession session;
        session.open(profileFor(node.clientUrl(), QString::fromStdString(node.monitorUrl())));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Connected, kWaitMs);

        MonitoringPanel panel(&session);
        QCOMPARE(panel.rangeMinutes(), 5);
        QSignalSpy updated(&panel, &MonitoringPanel::chartsUpdated);
        // Some traffic so the charts show something.
        QTimer traffic;
        connect(&traffic, &QTimer::timeout, this, [&] { publishN(conns[0].get(), 200); });
        traffic.start(100);
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTRY_VERIFY_WITH_TIMEOUT(panel.series().points().size() >= 3, 3 * kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 1, kWaitMs);
        traffic.stop();

        QVERIFY(panel.headerText().contains(QStringLiteral("monitor-n1")));
        QVERIFY(panel.headerText().contains(QStringLiteral("2.10.22")));
        QVERIFY(panel.headerText().contains(
            QStringLiteral("HTTP %1").arg(QString::fromStdString(node.monitorUrl()))));
        const RatePoint& last = panel.series().points().back();
        QCOMPARE(last.connections, 3);  // the test's two and the session
        bool some_rtt = false;
        for (const RatePoint& p : panel.series().points()) some_rtt |= p.rtt_ms.has_value();
        QVERIFY(some_rtt);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString csv_path = dir.filePath(QStringLiteral("monitoring.csv"));
        QVERIFY(panel.exportCsv(csv_path));
        QFile csv(csv_path);
        QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines =
            QString::fromUtf8(csv.readAll()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.first(),
                 QStringLiteral("time,in_msgs_per_s,out_msgs_per_s,in_bytes_per_s,"
                                "out_bytes_per_s,connections,subscriptions,slow_consumers,rtt_ms"));
        QVERIFY(lines.size() >= 3);
        QCOMPARE(qsizetype(lines.size() - 1), qsizetype(panel.series().points().size()));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QStringList fields = lines[i].split(u',');
            QCOMPARE(fields.size(), 9);
            const QDateTime t = QDateTime::fromString(fields[0], Qt::ISODateWithMs);
            QVERIFY2(t.isValid() && fields[0].endsWith(u'Z'), qPrintable(fields[0]));
            QCOMPARE(t.toMSecsSinceEpoch(), panel.series().points()[i - 1].time_ms);
        }

        const QString png_path = dir.filePath(QStringLiteral("monitoring.png"));
        QVERIFY(panel.exportPng(png_path));
        QVERIFY(QFileInfo(png_path).size() > 0);
        QImage png(png_path, "PNG");
        QVERIFY(!png.isNull());
        QVERIFY(png.width() > 100 && png.height() > 100);

        panel.setRangeMinutes(1);
        QCOMPARE(panel.rangeMinutes(), 1);
        panel.grab().save(QStringLiteral(NWB_SCREENSHOT_DIR "/monitoring.png"));

        // Hidden, it stops polling.
        panel.hide();
        QVERIFY(!panel.poller()->isActive());
        QVERIFY(!panel.latencyProbe()->isActive());
    }
};

QTEST_MAIN(TstMonitoringLive)
#include "tst_monitoring_live.moc"
