// The Streams view in the workbench window: under every server in the navigator, opened from
// the command palette, restored on restart; on an embedded node and on a server process
// ($NWB_TEST_SERVER: nwb-server, or Debian's nats-server) with and without JetStream.
#include "tests/integration/server_process.h"
#include "tests/ui/app/main_window_probes.h"
#include "tests/ui/app/workbench_test_support.h"
#include "tests/ui/jetstream/jetstream_test_support.h"
#include "ui/app/command_palette.h"
#include "ui/app/main_window.h"
#include "ui/app/navigator.h"
#include "ui/app/session_registry.h"
#include "ui/app/translations.h"
#include "ui/client/nats_support.h"
#include "ui/cluster/cluster_controller.h"
#include "ui/jetstream/consumer_table_model.h"
#include "ui/jetstream/stream_table_model.h"
#include "ui/jetstream/streams_panel.h"
#include "ui/storage/profile_store.h"

#include <QAction>
#include <QDir>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidgetItem>

using namespace nwb::ui;

namespace {

constexpr int kWaitMs = 15000;

qint64 messagesOf(StreamsPanel* panel, const QString& stream) {
    const int row = panel ? panel->streamModel()->rowOf(stream) : -1;
    return row < 0 ? -1 : panel->streamModel()->row(row).messages;
}

}  // namespace

class TestStreamsView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(installTranslators(*qApp, QLocale(QLocale::English))); }
    void cleanupTestCase() { closeNatsLibrary(); }
    void embeddedNodeFromThePaletteAndBackAfterARestart();
    void serverProcessWithJetStream();
    void serverProcessWithoutJetStream();
};

void TestStreamsView::embeddedNodeFromThePaletteAndBackAfterARestart() {
    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("streams-view"));
    // The nodes' JetStream store lives in the app's data folder: start without old streams.
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    const QString target = QStringLiteral("node:n1");
    {
        MainWindow window(sandbox.database, {});
        window.resize(1400, 820);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(
            nwb::test::nodeIs(window, QStringLiteral("n1"), NodeRunState::Running), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(nwb::test::connected(window, target), kWaitMs);
        QTreeWidgetItem* item = window.navigator()->itemFor(target, ViewKind::Streams);
        QVERIFY(item);
        QCOMPARE(item->text(0), QStringLiteral("Streams"));
        QCOMPARE(item->parent()->childCount(), 6);  // Key-Value follows Streams

        auto nc = nwb::test::connect(
            window.cluster()->find(QStringLiteral("n1"))->clientUrl().toStdString());
        QVERIFY(nc);
        QVERIFY(nwb::test::jsApi(nc->get(), "$JS.API.STREAM.CREATE.ORDERS",
                                 R"({"name":"ORDERS","subjects":["orders.>"]})")
                    .contains(u"config"));
        QVERIFY(nwb::test::jsApi(nc->get(), "$JS.API.CONSUMER.DURABLE.CREATE.ORDERS.worker",
                                 R"({"stream_name":"ORDERS","config":{"durable_name":"worker",)"
                                 R"("ack_policy":"explicit"}})")
                    .contains(u"config"));
        QVERIFY(nwb::test::jsPublish(nc->get(), "orders.new", 5));

        // Ctrl+K, "n1 streams", Enter.
        CommandPalette palette(window.commands());
        palette.setFilter(QStringLiteral("n1 streams"));
        QCOMPARE(palette.visibleCommands(), QStringList{QStringLiteral("Open n1 · Streams")});
        QAction* open = nwb::test::paletteCommand(window, QStringLiteral("Open n1 · Streams"));
        QVERIFY(open);
        open->trigger();
        auto* panel = qobject_cast<StreamsPanel*>(window.view(target, ViewKind::Streams));
        QVERIFY(panel);
        QCOMPARE(window.tabs()->currentWidget(), panel);
        QCOMPARE(window.tabs()->tabText(window.tabs()->indexOf(panel)),
                 QStringLiteral("n1 · Streams"));
        QTRY_COMPARE_WITH_TIMEOUT(messagesOf(panel, QStringLiteral("ORDERS")), 5, kWaitMs);
        QVERIFY(panel->selectStream(QStringLiteral("ORDERS")));
        QTRY_COMPARE_WITH_TIMEOUT(panel->consumerModel()->rowCount(), 1, kWaitMs);
        QCOMPARE(panel->consumerModel()->row(0).num_pending, 5);
        nwb::test::screenshot(&window, QStringLiteral("workbench_streams"));
        window.close();
    }
    // The tab comes back, and with it the stream, kept in the node's store.
    MainWindow again(sandbox.database, {});
    again.show();
    QTRY_VERIFY_WITH_TIMEOUT(again.view(target, ViewKind::Streams), kWaitMs);
    auto* panel = qobject_cast<StreamsPanel*>(again.view(target, ViewKind::Streams));
    QVERIFY(panel);
    QCOMPARE(again.tabs()->tabText(again.tabs()->indexOf(panel)), QStringLiteral("n1 · Streams"));
    again.tabs()->setCurrentWidget(panel);
    QTRY_COMPARE_WITH_TIMEOUT(messagesOf(panel, QStringLiteral("ORDERS")), 5, kWaitMs);
}

void TestStreamsView::serverProcessWithJetStream() {
    QTemporaryDir store;
    nwb::test::ServerOptions server_options;
    server_options.extra_args = {"-js", "-sd", store.path().toStdString()};
    auto server = nwb::test::ServerProcess::start(server_options);
    QVERIFY2(server.has_value(), server ? "" : server.error().c_str());
    auto nc = nwb::test::connect((*server)->url());
    QVERIFY(nc);
    QVERIFY(nwb::test::jsApi(nc->get(), "$JS.API.STREAM.CREATE.ORDERS",
                             R"({"name":"ORDERS","subjects":["orders.>"],"storage":"memory"})")
                .contains(u"config"));
    QVERIFY(nwb::test::jsApi(nc->get(), "$JS.API.CONSUMER.DURABLE.CREATE.ORDERS.worker",
                             R"({"stream_name":"ORDERS","config":{"durable_name":"worker",)"
                             R"("ack_policy":"explicit"}})")
                .contains(u"config"));
    QVERIFY(nwb::test::jsPublish(nc->get(), "orders.new", 5));

    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("streams-remote"));
    ConnectionProfile profile;
    profile.name = QStringLiteral("staging");
    profile.urls = {QString::fromStdString((*server)->url())};
    const auto id = ProfileStore(sandbox.database).save(profile);
    QVERIFY(id.has_value());
    MainWindow window(sandbox.database, {.initial_nodes = 0, .restore_state = false});
    window.show();
    QVERIFY(window.navigator()->itemFor(profileTargetKey(*id), ViewKind::Streams));
    QVERIFY(nwb::test::paletteCommand(window, QStringLiteral("Open staging · Streams")));
    auto* panel =
        qobject_cast<StreamsPanel*>(window.openView(profileTargetKey(*id), ViewKind::Streams));
    QVERIFY(panel);
    QTRY_COMPARE_WITH_TIMEOUT(messagesOf(panel, QStringLiteral("ORDERS")), 5, kWaitMs);
    const StreamRow& orders = panel->streamModel()->row(0);
    QCOMPARE(orders.bytes, 5 * (10 + 5 + 16));
    QCOMPARE(orders.first_seq, 1);
    QCOMPARE(orders.last_seq, 5);
    QCOMPARE(orders.consumer_count, 1);
    QCOMPARE(orders.storage, QStringLiteral("memory"));
    QVERIFY(panel->selectStream(QStringLiteral("ORDERS")));
    QTRY_COMPARE_WITH_TIMEOUT(panel->consumerModel()->rowCount(), 1, kWaitMs);
    QCOMPARE(panel->consumerModel()->row(0).name, QStringLiteral("worker"));
    QCOMPARE(panel->consumerModel()->row(0).num_pending, 5);
    QCOMPARE(panel->consumerModel()->row(0).durable, true);
}

void TestStreamsView::serverProcessWithoutJetStream() {
    auto server = nwb::test::ServerProcess::start();
    QVERIFY2(server.has_value(), server ? "" : server.error().c_str());
    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("streams-remote-plain"));
    ConnectionProfile profile;
    profile.name = QStringLiteral("plain");
    profile.urls = {QString::fromStdString((*server)->url())};
    const auto id = ProfileStore(sandbox.database).save(profile);
    QVERIFY(id.has_value());
    MainWindow window(sandbox.database, {.initial_nodes = 0, .restore_state = false});
    window.show();
    auto* panel =
        qobject_cast<StreamsPanel*>(window.openView(profileTargetKey(*id), ViewKind::Streams));
    QVERIFY(panel);
    QTRY_COMPARE_WITH_TIMEOUT(
        panel->messageText(),
        QStringLiteral("JetStream is not enabled on this server: nobody answers on $JS.API."),
        kWaitMs);
    QVERIFY(!panel->streamView()->isVisible());
}

QTEST_MAIN(TestStreamsView)
#include "tst_streams_view.moc"
