// The workbench as a new user meets it: an embedded node starts and is connected; subscribe,
// publish, request, kill and restart the node; layout and tabs come back after a restart.
#include "tests/ui/app/main_window_probes.h"
#include "tests/ui/app/workbench_test_support.h"
#include "ui/app/command_palette.h"
#include "ui/app/event_log.h"
#include "ui/app/main_window.h"
#include "ui/app/navigator.h"
#include "ui/app/session_registry.h"
#include "ui/app/theme.h"
#include "ui/app/translations.h"
#include "ui/browser/message_detail_view.h"
#include "ui/browser/message_list_model.h"
#include "ui/browser/payload_viewer.h"
#include "ui/browser/subject_browser_panel.h"
#include "ui/browser/subject_tree_model.h"
#include "ui/cluster/cluster_controller.h"
#include "ui/cluster/local_cluster_panel.h"
#include "ui/publish/publish_history_panel.h"
#include "ui/publish/publish_panel.h"
#include "ui/storage/publish_history_model.h"

#include <nats/nats.h>

#include <QAction>
#include <QLabel>
#include <QPointer>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace nwb::ui;

namespace {

constexpr int kWaitMs = 10000;

PublishPanel* publishPanelOf(QWidget* view) {
    return view ? qobject_cast<PublishPanel*>(view->property("nwbPublishPanel").value<QObject*>())
                : nullptr;
}

const NodeInfo* node(MainWindow& window, const QString& name) {
    return window.cluster()->find(name);
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(installTranslators(*qApp, QLocale(QLocale::English))); }
    void firstLaunchRunsAndConnectsOneNode();
    void subscribePublishAndSeeTheMessage();
    void requestShowsTheReply();
    void killAndRestartTheNode();
    void tabsAndClusterSizeComeBack();
    void commandPaletteFindsCommands();
    void busySubjectTree();
    void darkThemeIsRememberedAndApplied();

private:
    static void waitUntilReady(MainWindow& window) {
        QTRY_VERIFY_WITH_TIMEOUT(nwb::test::nodeIs(window, QStringLiteral("n1"), NodeRunState::Running), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(nwb::test::connected(window, QStringLiteral("node:n1")), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(window.view(QStringLiteral("node:n1"), ViewKind::Publish), kWaitMs);
    }
};

void TestMainWindow::firstLaunchRunsAndConnectsOneNode() {
    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("first-launch"));
    MainWindow window(sandbox.database, {});
    window.show();
    waitUntilReady(window);

    QCOMPARE(window.cluster()->nodes().size(), 1);
    // The cluster panel, n1's subjects and n1's publish views, publish in front.
    QCOMPARE(window.tabs()->count(), 3);
    QCOMPARE(window.tabs()->tabText(0), QStringLiteral("Local cluster"));
    QCOMPARE(window.tabs()->tabText(1), QStringLiteral("n1 · Subjects"));
    QCOMPARE(window.tabs()->tabText(2), QStringLiteral("n1 · Publish"));
    auto* browser = qobject_cast<SubjectBrowserPanel*>(
        window.view(QStringLiteral("node:n1"), ViewKind::Subjects));
    QVERIFY(browser);
    QTRY_VERIFY_WITH_TIMEOUT(browser->isSubscribed(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(window.connectionStatus()->text().contains(QStringLiteral("connected")),
                             kWaitMs);
    QVERIFY(window.navigator()->itemFor(QStringLiteral("node:n1"), ViewKind::Monitoring));
    nwb::test::screenshot(&window, QStringLiteral("workbench_first_launch"));
}

void TestMainWindow::subscribePublishAndSeeTheMessage() {
    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("publish"));
    MainWindow window(sandbox.database, {});
    window.show();
    waitUntilReady(window);
    auto* browser = qobject_cast<SubjectBrowserPanel*>(
        window.view(QStringLiteral("node:n1"), ViewKind::Subjects));
    QTRY_VERIFY_WITH_TIMEOUT(browser->isSubscribed(), kWaitMs);

    QWidget* publish_view = window.view(QStringLiteral("node:n1"), ViewKind::Publish);
    PublishPanel* publish = publishPanelOf(publish_view);
    QVERIFY(publish);
    window.tabs()->setCurrentWidget(publish_view);
    publish->load({QStringLiteral("orders.new"), {}, {{QStringLiteral("Trace"), QStringLiteral("7")}},
                   QByteArrayLiteral("{\"id\":42}"), false});
    // Ctrl+Enter in the payload editor sends.
    QPlainTextEdit* payload_editor = publish->findChild<QPlainTextEdit*>();
    payload_editor->setFocus();
    QTest::keyClick(payload_editor, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(publish->statusLabel()->text(), QStringLiteral("Published 9 bytes to orders.new"));

    MessageListModel* list = browser->messageList();
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 1, kWaitMs);
    QCOMPARE(list->message(0).subject, QStringLiteral("orders.new"));
    QCOMPARE(list->message(0).payload, QByteArrayLiteral("{\"id\":42}"));
    QCOMPARE(list->message(0).headers,
             (HeaderList{{QStringLiteral("Trace"), QStringLiteral("7")}}));

    window.tabs()->setCurrentWidget(browser);
    browser->listView()->selectRow(0);
    QTRY_VERIFY(window.messageDetail()->hasMessage());
    QCOMPARE(window.messageDetail()->message().payload, QByteArrayLiteral("{\"id\":42}"));
    QCOMPARE(window.messageDetail()->subjectLabel()->text(), QStringLiteral("orders.new"));
    QCOMPARE(window.messageDetail()->payloadViewer()->detectedMode(), PayloadMode::Json);

    // The history keeps it, to send again.
    auto* history = publish_view->findChild<PublishHistoryPanel*>();
    QVERIFY(history);
    QCOMPARE(history->model()->rowCount(), 1);
    QCOMPARE(history->draftAt(0).subject, QStringLiteral("orders.new"));
    nwb::test::screenshot(&window, QStringLiteral("workbench_subject_browser"));
}

void TestMainWindow::requestShowsTheReply() {
    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("request"));
    MainWindow window(sandbox.database, {});
    window.show();
    waitUntilReady(window);

    // A responder from outside the app, through libnats.
    natsConnection* responder = nullptr;
    QCOMPARE(natsConnection_ConnectTo(&responder, qPrintable(node(window, QStringLiteral("n1"))->clientUrl())),
             NATS_OK);
    natsSubscription* sub = nullptr;
    QCOMPARE(natsConnection_Subscribe(
                 &sub, responder, "time.now",
                 [](natsConnection* nc, natsSubscription*, natsMsg* msg, void*) {
                     natsConnection_PublishString(nc, natsMsg_GetReply(msg), "12:00");
                     natsMsg_Destroy(msg);
                 },
                 nullptr),
             NATS_OK);
    QCOMPARE(natsConnection_Flush(responder), NATS_OK);

    QWidget* publish_view = window.view(QStringLiteral("node:n1"), ViewKind::Publish);
    PublishPanel* publish = publishPanelOf(publish_view);
    window.tabs()->setCurrentWidget(publish_view);
    QSignalSpy finished(publish, &PublishPanel::requestFinished);
    publish->load({QStringLiteral("time.now"), {}, {}, QByteArrayLiteral("?"), true});
    publish->send();
    QVERIFY(finished.wait(kWaitMs));
    const auto result = finished.at(0).at(0).value<RequestResult>();
    QVERIFY(result.ok);
    QCOMPARE(result.reply.payload, QByteArrayLiteral("12:00"));
    QCOMPARE(publish->replyView()->toPlainText(), QStringLiteral("12:00"));
    QVERIFY2(publish->statusLabel()->text().startsWith(QStringLiteral("Reply from ")),
             qPrintable(publish->statusLabel()->text()));
    nwb::test::screenshot(&window, QStringLiteral("workbench_request"));

    // The subject browser's ">" subscription receives every request but never replies, so a
    // request to a subject nobody serves times out...
    finished.clear();
    publish->setTimeoutMs(200);
    publish->load({QStringLiteral("nobody.home"), {}, {}, {}, true});
    publish->send();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(publish->statusLabel()->text(), QStringLiteral("Request failed: timeout"));

    // ...and once that tab is closed there is no subscriber at all: no responders.
    QPointer<QWidget> browser = window.view(QStringLiteral("node:n1"), ViewKind::Subjects);
    window.closeTab(window.tabs()->indexOf(browser));
    QTRY_VERIFY(browser.isNull());
    finished.clear();
    publish->send();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(publish->statusLabel()->text(),
             QStringLiteral("Request failed: no responders available for request"));

    natsSubscription_Destroy(sub);
    natsConnection_Destroy(responder);
}

void TestMainWindow::killAndRestartTheNode() {
    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("kill"));
    MainWindow window(sandbox.database, {});
    window.show();
    waitUntilReady(window);
    const int port = node(window, QStringLiteral("n1"))->port;
    const QString first_id = node(window, QStringLiteral("n1"))->server_id;

    auto* panel = qobject_cast<LocalClusterPanel*>(window.openView(QString(), ViewKind::Cluster));
    QVERIFY(panel);
    panel->selectNode(QStringLiteral("n1"));
    auto* kill = [&] {
        for (auto* b : panel->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Kill")) return b;
        return static_cast<QPushButton*>(nullptr);
    }();
    QVERIFY(kill);
    QTRY_VERIFY(kill->isEnabled());
    QTest::mouseClick(kill, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(nwb::test::nodeIs(window, QStringLiteral("n1"), NodeRunState::Killed), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(window.sessions()->find(QStringLiteral("node:n1"))->state(),
                              SessionState::Reconnecting, kWaitMs);
    QCOMPARE(panel->table()->model()->index(0, 1).data().toString(), QStringLiteral("killed"));
    QVERIFY(window.eventLog()->lines().join('\n').contains(QStringLiteral("Node n1 is killed")));
    nwb::test::screenshot(&window, QStringLiteral("workbench_node_killed"));

    window.cluster()->restartNode(QStringLiteral("n1"));
    QTRY_VERIFY_WITH_TIMEOUT(nwb::test::nodeIs(window, QStringLiteral("n1"), NodeRunState::Running), kWaitMs);
    QCOMPARE(node(window, QStringLiteral("n1"))->port, port);
    QVERIFY(node(window, QStringLiteral("n1"))->server_id != first_id);
    QTRY_VERIFY_WITH_TIMEOUT(nwb::test::connected(window, QStringLiteral("node:n1")), kWaitMs);
    QCOMPARE(panel->table()->model()->index(0, 1).data().toString(), QStringLiteral("running"));
    nwb::test::screenshot(&window, QStringLiteral("workbench_node_restarted"));
}

void TestMainWindow::tabsAndClusterSizeComeBack() {
    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("restore"));
    {
        MainWindow window(sandbox.database, {});
        window.show();
        waitUntilReady(window);
        window.openView(QStringLiteral("node:n1"), ViewKind::Monitoring);
        window.closeTab(window.tabs()->indexOf(window.view(QStringLiteral("node:n1"), ViewKind::Publish)));
        window.cluster()->resize(3);
        QTRY_VERIFY_WITH_TIMEOUT(nwb::test::nodeIs(window, QStringLiteral("n3"), NodeRunState::Running), kWaitMs);
        window.close();
    }
    MainWindow again(sandbox.database, {});
    again.show();
    QTRY_VERIFY_WITH_TIMEOUT(nwb::test::nodeIs(again, QStringLiteral("n3"), NodeRunState::Running), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(again.tabs()->count(), 3, kWaitMs);
    QCOMPARE(again.tabs()->tabText(0), QStringLiteral("Local cluster"));
    QCOMPARE(again.tabs()->tabText(1), QStringLiteral("n1 · Subjects"));
    QCOMPARE(again.tabs()->tabText(2), QStringLiteral("n1 · Monitoring"));
}

void TestMainWindow::commandPaletteFindsCommands() {
    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("palette"));
    MainWindow window(sandbox.database, {.initial_nodes = 0, .restore_state = false});
    CommandPalette palette(window.commands());
    palette.setFilter(QStringLiteral("theme da"));
    QCOMPARE(palette.visibleCommands(), QStringList{QStringLiteral("Theme: Dark")});
    palette.setFilter(QStringLiteral("local node"));
    QCOMPARE(palette.visibleCommands(),
             (QStringList{QStringLiteral("Run 1 local node"), QStringLiteral("Run 3 local nodes"),
                          QStringLiteral("Run 5 local nodes"), QStringLiteral("Stop all local nodes")}));
}

// A window with traffic on several subjects: exact per-subject counts in the tree; its
// screenshot is the README's.
void TestMainWindow::busySubjectTree() {
    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("busy"));
    MainWindow window(sandbox.database, {});
    window.resize(1400, 820);
    window.show();
    waitUntilReady(window);
    auto* browser = qobject_cast<SubjectBrowserPanel*>(
        window.view(QStringLiteral("node:n1"), ViewKind::Subjects));
    QTRY_VERIFY_WITH_TIMEOUT(browser->isSubscribed(), kWaitMs);

    natsConnection* nc = nullptr;
    QCOMPARE(natsConnection_ConnectTo(&nc, qPrintable(node(window, QStringLiteral("n1"))->clientUrl())),
             NATS_OK);
    const char* subjects[] = {"orders.eu.created", "orders.eu.paid", "orders.us.created",
                              "sensors.kitchen.temp", "sensors.garage.temp", "billing.invoice"};
    int sent = 0;
    for (int round = 0; round < 5; ++round) {
        for (const char* subject : subjects) {
            const QByteArray payload =
                QStringLiteral("{\"id\":%1,\"subject\":\"%2\",\"amount\":%3.50,\"tags\":[\"demo\"]}")
                    .arg(++sent).arg(QLatin1String(subject)).arg(round * 10 + 7).toUtf8();
            QCOMPARE(natsConnection_Publish(nc, subject, payload.constData(), payload.size()), NATS_OK);
        }
    }
    QCOMPARE(natsConnection_Flush(nc), NATS_OK);
    natsConnection_Destroy(nc);

    QTRY_COMPARE_WITH_TIMEOUT(browser->messageList()->rowCount(), 30, kWaitMs);
    SubjectTreeModel* tree = browser->subjectTree();
    QCOMPARE(tree->indexForSubject(QStringLiteral("orders")).data(SubjectTreeModel::CountRole).toULongLong(), 15u);
    QCOMPARE(tree->indexForSubject(QStringLiteral("orders.eu")).data(SubjectTreeModel::CountRole).toULongLong(), 10u);
    QCOMPARE(tree->indexForSubject(QStringLiteral("sensors.garage.temp")).data(SubjectTreeModel::CountRole).toULongLong(), 5u);
    QCOMPARE(tree->totalMessages(), 30u);

    window.tabs()->setCurrentWidget(browser);
    browser->treeView()->expandAll();
    browser->listView()->selectRow(27);
    QTRY_VERIFY(window.messageDetail()->hasMessage());
    QCOMPARE(window.messageDetail()->message().subject, QStringLiteral("sensors.kitchen.temp"));
    auto* json = window.messageDetail()->payloadViewer()->findChild<QTreeView*>();
    QVERIFY(json);
    const QModelIndex root = json->model()->index(0, 0);
    QCOMPARE(json->model()->index(2, 1, root).data().toString(), QStringLiteral("47.5"));
    // The status bar's rate needs two /varz samples, a second apart.
    QTRY_VERIFY_WITH_TIMEOUT(window.rateStatus()->text().startsWith(QStringLiteral("in ")), kWaitMs);
    nwb::test::screenshot(&window, QStringLiteral("workbench"));
}

void TestMainWindow::darkThemeIsRememberedAndApplied() {
    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("theme"));
    rememberSystemTheme();
    MainWindow window(sandbox.database, {.initial_nodes = 0, .restore_state = false});
    window.show();
    QAction* dark = nullptr;
    for (QAction* action : window.commands())
        if (action->text() == QStringLiteral("Theme: Dark")) dark = action;
    QVERIFY(dark);
    dark->trigger();
    QVERIFY(darkPaletteInUse());
    QCOMPARE(QSettings().value(QStringLiteral("ui/theme")).toString(), QStringLiteral("dark"));
    window.openView(QString(), ViewKind::Cluster);
    // The palette reaches every widget through posted change events.
    QTRY_VERIFY(window.palette().color(QPalette::Window).lightness() < 128);
    QTRY_VERIFY(window.tabs()->currentWidget()->palette().color(QPalette::Window).lightness() < 128);
    nwb::test::screenshot(&window, QStringLiteral("workbench_dark"));
    applyTheme(ThemeChoice::Light);
    QVERIFY(!darkPaletteInUse());
    applyTheme(ThemeChoice::System);
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
