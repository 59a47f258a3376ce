// The workbench against a server it did not start: $NWB_TEST_SERVER (nwb-server, or Debian's
// nats-server) as a separate process, reached through a saved connection.
#include "tests/integration/server_process.h"
#include "tests/ui/app/workbench_test_support.h"
#include "ui/app/main_window.h"
#include "ui/app/session_registry.h"
#include "ui/app/translations.h"
#include "ui/browser/message_list_model.h"
#include "ui/browser/subject_browser_panel.h"
#include "ui/client/nats_support.h"
#include "ui/monitoring/connections_table_panel.h"
#include "ui/monitoring/connz_model.h"
#include "ui/monitoring/monitoring_panel.h"
#include "ui/publish/publish_panel.h"
#include "ui/storage/profile_store.h"

#include <QLabel>
#include <QTabWidget>
#include <QTcpServer>
#include <QTest>

using namespace nwb::ui;

namespace {

constexpr int kWaitMs = 15000;

int freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

}  // namespace

class TestRemoteServers : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { installTranslators(*qApp, QLocale(QLocale::English)); }
    void cleanupTestCase() { closeNatsLibrary(); }

    void subscribePublishAndMonitorAServerProcess() {
        const int http_port = freePort();
        nwb::test::ServerOptions server_options;
        server_options.extra_args = {"-m", std::to_string(http_port), "-n", "remote-one"};
        auto server = nwb::test::ServerProcess::start(server_options);
        QVERIFY2(server.has_value(), server ? "" : server.error().c_str());

        nwb::test::WorkbenchSandbox sandbox(QStringLiteral("remote"));
        ProfileStore profiles(sandbox.database);
        ConnectionProfile profile;
        profile.name = QStringLiteral("staging");
        profile.colour = QColor(0x8e, 0x44, 0xad);
        profile.urls = {QString::fromStdString((*server)->url())};
        profile.monitor_url = QStringLiteral("http://127.0.0.1:%1").arg(http_port);
        const auto id = profiles.save(profile);
        QVERIFY(id.has_value());
        const QString target = profileTargetKey(*id);

        MainWindow window(sandbox.database, {.initial_nodes = 0, .restore_state = false});
        window.show();
        auto* browser = qobject_cast<SubjectBrowserPanel*>(window.openView(target, ViewKind::Subjects));
        QVERIFY(browser);
        QTRY_VERIFY_WITH_TIMEOUT(browser->isSubscribed(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(window.connectionStatus()->text().contains(
                                      QStringLiteral("staging — connected")),
                                  true, kWaitMs);

        QWidget* publish_view = window.openView(target, ViewKind::Publish);
        auto* publish =
            qobject_cast<PublishPanel*>(publish_view->property("nwbPublishPanel").value<QObject*>());
        QVERIFY(publish);
        publish->load({QStringLiteral("remote.hello"), {}, {}, QByteArrayLiteral("hi there"), false});
        publish->send();
        QTRY_COMPARE_WITH_TIMEOUT(browser->messageList()->rowCount(), 1, kWaitMs);
        QCOMPARE(browser->messageList()->message(0).subject, QStringLiteral("remote.hello"));
        QCOMPARE(browser->messageList()->message(0).payload, QByteArrayLiteral("hi there"));

        // /varz through the profile's monitoring URL.
        auto* monitoring = qobject_cast<MonitoringPanel*>(window.openView(target, ViewKind::Monitoring));
        QVERIFY(monitoring);
        QTRY_VERIFY_WITH_TIMEOUT(!monitoring->series().points().empty(), kWaitMs);
        QVERIFY2(monitoring->headerText().contains(QStringLiteral("remote-one")),
                 qPrintable(monitoring->headerText()));
        QVERIFY2(monitoring->headerText().contains(QString::fromStdString(nwb::test::expectedServerVersion())),
                 qPrintable(monitoring->headerText()));
        QCOMPARE(monitoring->series().points().back().connections, 1);

        // /connz: the workbench's own single connection, named as libnats names it.
        auto* connections =
            qobject_cast<ConnectionsTablePanel*>(window.openView(target, ViewKind::Connections));
        QVERIFY(connections);
        QTRY_COMPARE_WITH_TIMEOUT(connections->model()->rowCount(), 1, kWaitMs);
        nwb::test::screenshot(&window, QStringLiteral("workbench_remote_") +
                                           QFileInfo(qEnvironmentVariable("NWB_TEST_SERVER")).fileName());
    }
};

QTEST_MAIN(TestRemoteServers)
#include "tst_remote_servers.moc"
