// The Key-Value view in the workbench window: under every server in the navigator after
// Streams, opened from the command palette, restored on restart; on an embedded node and on a
// server process ($NWB_TEST_SERVER: nwb-server, or Debian's nats-server).
#include "tests/integration/server_process.h"
#include "tests/ui/app/main_window_probes.h"
#include "tests/ui/app/workbench_test_support.h"
#include "tests/ui/jetstream/kv_test_support.h"
#include "ui/app/command_palette.h"
#include "ui/app/main_window.h"
#include "ui/app/navigator.h"
#include "ui/app/session_registry.h"
#include "ui/app/translations.h"
#include "ui/client/nats_support.h"
#include "ui/cluster/cluster_controller.h"
#include "ui/storage/profile_store.h"

#include <QAction>
#include <QDir>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidgetItem>

using namespace nwb::ui;

namespace {

constexpr int kWaitMs = 15000;

}  // namespace

class TestKvView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(installTranslators(*qApp, QLocale(QLocale::English))); }
    void cleanupTestCase() { closeNatsLibrary(); }
    void embeddedNodeFromThePaletteAndBackAfterARestart();
    void serverProcessWithJetStream();
};

void TestKvView::embeddedNodeFromThePaletteAndBackAfterARestart() {
    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("kv-view"));
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    const QString target = QStringLiteral("node:n1");
    {
        MainWindow window(sandbox.database, {});
        window.resize(1400, 820);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(
            nwb::test::nodeIs(window, QStringLiteral("n1"), NodeRunState::Running), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(nwb::test::connected(window, target), kWaitMs);
        QTreeWidgetItem* item = window.navigator()->itemFor(target, ViewKind::KeyValue);
        QVERIFY(item);
        QCOMPARE(item->text(0), QStringLiteral("Key-Value"));
        QTreeWidgetItem* server = item->parent();
        QCOMPARE(server->childCount(), 6);
        QCOMPARE(server->indexOfChild(item), 5);
        QCOMPARE(server->child(4)->text(0), QStringLiteral("Streams"));

        // Ctrl+K, "n1 key", Enter.
        CommandPalette palette(window.commands());
        palette.setFilter(QStringLiteral("n1 key"));
        QCOMPARE(palette.visibleCommands(), QStringList{QStringLiteral("Open n1 · Key-Value")});
        QAction* open = nwb::test::paletteCommand(window, QStringLiteral("Open n1 · Key-Value"));
        QVERIFY(open);
        open->trigger();
        auto* panel = qobject_cast<KvPanel*>(window.view(target, ViewKind::KeyValue));
        QVERIFY(panel);
        QCOMPARE(window.tabs()->currentWidget(), panel);
        QCOMPARE(window.tabs()->tabText(window.tabs()->indexOf(panel)),
                 QStringLiteral("n1 · Key-Value"));

        auto nc = nwb::test::connect(
            window.cluster()->find(QStringLiteral("n1"))->clientUrl().toStdString());
        QVERIFY(nc);
        nwb::test::kvScenario(*panel, nc->get(), "file");
        if (QTest::currentTestFailed()) return;
        nwb::test::screenshot(&window, QStringLiteral("workbench_kv"));
        window.close();
    }
    // The tab comes back, and with it the bucket, kept in the node's store.
    MainWindow again(sandbox.database, {});
    again.show();
    QTRY_VERIFY_WITH_TIMEOUT(again.view(target, ViewKind::KeyValue), kWaitMs);
    auto* panel = qobject_cast<KvPanel*>(again.view(target, ViewKind::KeyValue));
    QVERIFY(panel);
    QCOMPARE(again.tabs()->tabText(again.tabs()->indexOf(panel)), QStringLiteral("n1 · Key-Value"));
    again.tabs()->setCurrentWidget(panel);
    QTRY_COMPARE_WITH_TIMEOUT(panel->bucketModel()->rowOf(QStringLiteral("CONFIG")), 0, kWaitMs);
    QCOMPARE(panel->bucketModel()->row(0).last_seq, 7);
}

void TestKvView::serverProcessWithJetStream() {
    QTemporaryDir store;
    nwb::test::ServerOptions server_options;
    server_options.extra_args = {"-js", "-sd", store.path().toStdString()};
    auto server = nwb::test::ServerProcess::start(server_options);
    QVERIFY2(server.has_value(), server ? "" : server.error().c_str());
    auto nc = nwb::test::connect((*server)->url());
    QVERIFY(nc);

    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("kv-remote"));
    ConnectionProfile profile;
    profile.name = QStringLiteral("staging");
    profile.urls = {QString::fromStdString((*server)->url())};
    const auto id = ProfileStore(sandbox.database).save(profile);
    QVERIFY(id.has_value());
    MainWindow window(sandbox.database, {.initial_nodes = 0, .restore_state = false});
    window.resize(1400, 820);
    window.show();
    QVERIFY(window.navigator()->itemFor(profileTargetKey(*id), ViewKind::KeyValue));
    QVERIFY(nwb::test::paletteCommand(window, QStringLiteral("Open staging · Key-Value")));
    auto* panel =
        qobject_cast<KvPanel*>(window.openView(profileTargetKey(*id), ViewKind::KeyValue));
    QVERIFY(panel);
    QTRY_COMPARE_WITH_TIMEOUT(panel->statusText(), QStringLiteral("0 buckets"), kWaitMs);
    nwb::test::kvScenario(*panel, nc->get(), "memory");
}

QTEST_MAIN(TestKvView)
#include "tst_kv_view.moc"
