// SubjectBrowserPanel: fed by hand (pause, drops, filters, Ctrl+F) and end to end against a real
// in-process node, with messages published from libnats.
#include "engine/embed/node.h"
#include "tests/integration/nats_test_support.h"
#include "ui/browser/message_detail_view.h"
#include "ui/browser/message_filter_proxy.h"
#include "ui/browser/message_list_model.h"
#include "ui/browser/payload_viewer.h"
#include "ui/browser/subject_browser_panel.h"
#include "ui/browser/subject_tree_model.h"
#include "ui/client/nats_session.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTreeView>
#include <QtTest>

using nwb::embed::Node;
using nwb::ui::ConnectionProfile;
using nwb::ui::MessageListModel;
using nwb::ui::NatsSession;
using nwb::ui::PayloadMode;
using nwb::ui::ReceivedMessage;
using nwb::ui::SessionState;
using nwb::ui::SubjectBrowserPanel;
using nwb::ui::SubjectTreeModel;

namespace {

constexpr int kWaitMs = 10000;

ReceivedMessage msg(const QString& subject, const QByteArray& payload) {
    ReceivedMessage m;
    m.subject = subject;
    m.payload = payload;
    return m;
}

bool publish(natsConnection* nc, const char* subject, const QByteArray& payload,
             const char* header_key = nullptr, const char* header_value = nullptr) {
    natsMsg* raw = nullptr;
    if (natsMsg_Create(&raw, subject, nullptr, payload.constData(), payload.size()) != NATS_OK)
        return false;
    nwb::test::MsgPtr m(raw);
    if (header_key && natsMsgHeader_Add(raw, header_key, header_value) != NATS_OK) return false;
    return natsConnection_PublishMsg(nc, raw) == NATS_OK;
}

quint64 treeCount(const SubjectBrowserPanel& panel, const QString& subject) {
    const QModelIndex index = panel.subjectTree()->indexForSubject(subject);
    return index.isValid() ? index.data(SubjectTreeModel::CountRole).toULongLong() : 0;
}

}  // namespace

class TstSubjectBrowserPanel : public QObject {
    Q_OBJECT
private slots:
    void cleanupTestCase() { nats_Close(); }
    void withoutSessionEverythingWaits();
    void droppedCounterIsRed();
    void treeClickFiltersList();
    void ctrlFFocusesQuickFilter();
    void endToEndAgainstNode();
    void keepsUpWithLargeBatches();
    void sessionGoneEndsSubscription();
};

void TstSubjectBrowserPanel::withoutSessionEverythingWaits() {
    NatsSession session;
    SubjectBrowserPanel panel(&session);
    QVERIFY(!panel.subscribeButton()->isEnabled());
    QVERIFY(!panel.subscribeTo(QStringLiteral(">")));
    QVERIFY(!panel.isSubscribed());
    SubjectBrowserPanel orphan(nullptr);
    QVERIFY(!orphan.subscribeTo(QStringLiteral(">")));
}

void TstSubjectBrowserPanel::droppedCounterIsRed() {
    SubjectBrowserPanel panel(nullptr);
    panel.messageList()->setCapacity(3);
    panel.addBatch({msg("a", "1"), msg("b", "2")}, 0);
    QCOMPARE(panel.statusText(), QStringLiteral("received 2 · shown 2 · dropped 0"));
    QVERIFY(panel.droppedLabel()->styleSheet().isEmpty());

    panel.setPaused(true);
    QVERIFY(panel.isPaused());
    panel.addBatch({msg("c", "3"), msg("d", "4"), msg("e", "5"), msg("f", "6")}, 2);
    QCOMPARE(panel.messageList()->rowCount(), 2);
    QCOMPARE(treeCount(panel, "f"), 1u);  // the tree keeps counting while paused
    // 2 lost upstream, 1 dropped from the hold of 3.
    QCOMPARE(panel.droppedCount(), 3u);
    QCOMPARE(panel.statusText(), QStringLiteral("received 6 · shown 2 · dropped 3"));
    QVERIFY(panel.droppedLabel()->styleSheet().contains(QStringLiteral("color")));

    panel.setPaused(false);
    QStringList payloads;
    for (int row = 0; row < panel.messageList()->rowCount(); ++row)
        payloads << QString::fromUtf8(panel.messageList()->message(row).payload);
    QCOMPARE(payloads, (QStringList{"4", "5", "6"}));

    panel.clear();
    QCOMPARE(panel.statusText(), QStringLiteral("received 0 · shown 0 · dropped 0"));
    QCOMPARE(panel.subjectTree()->rowCount(), 0);
    QVERIFY(panel.droppedLabel()->styleSheet().isEmpty());
}

void TstSubjectBrowserPanel::treeClickFiltersList() {
    SubjectBrowserPanel panel(nullptr);
    panel.addBatch({msg("a.b.c", "1"), msg("a.b", "2"), msg("a.x", "3"), msg("z", "4")}, 0);
    auto* tree = panel.subjectTree();
    emit panel.treeView()->clicked(tree->indexForSubject("a.b"));
    QCOMPARE(panel.filterProxy()->subjectFilter(), QStringLiteral("a.b.>"));
    QCOMPARE(panel.filterProxy()->rowCount(), 1);
    emit panel.treeView()->clicked(
        tree->indexForSubject("a.x").siblingAtColumn(SubjectTreeModel::MessagesColumn));
    QCOMPARE(panel.filterProxy()->subjectFilter(), QStringLiteral("a.x"));
    QCOMPARE(panel.filterProxy()->rowCount(), 1);
    QCOMPARE(panel.statusText(), QStringLiteral("received 4 · shown 1 · dropped 0"));
    panel.filterProxy()->setSubjectFilter({});
    QCOMPARE(panel.filterProxy()->rowCount(), 4);
}

void TstSubjectBrowserPanel::ctrlFFocusesQuickFilter() {
    SubjectBrowserPanel panel(nullptr);
    panel.show();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    panel.listView()->setFocus();
    QTRY_VERIFY(panel.listView()->hasFocus());
    QTest::keyClick(panel.listView(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(panel.quickFilterEdit()->hasFocus());
    panel.addBatch({msg("x.one", "needle"), msg("x.two", "hay")}, 0);
    QTest::keyClicks(panel.quickFilterEdit(), QStringLiteral("NEEDLE"));
    QCOMPARE(panel.filterProxy()->rowCount(), 1);
}

void TstSubjectBrowserPanel::endToEndAgainstNode() {
    Node node("browser");
    QVERIFY(node.start());
    NatsSession session;
    SubjectBrowserPanel panel(&session);
    panel.resize(1280, 860);
    panel.show();
    QSignalSpy subscribed(&panel, &SubjectBrowserPanel::subscriptionChanged);
    QSignalSpy selected(&panel, &SubjectBrowserPanel::messageSelected);

    ConnectionProfile profile;
    profile.name = QStringLiteral("test");
    profile.urls = {QString::fromStdString(node.clientUrl())};
    session.open(profile);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Connected, kWaitMs);
    QTRY_VERIFY(panel.subscribeButton()->isEnabled());
    QVERIFY(panel.subscribeTo(QStringLiteral(">")));
    QCOMPARE(subscribed.count(), 1);
    QCOMPARE(panel.subscribeButton()->text(), QStringLiteral("Unsubscribe"));

    auto nc = nwb::test::connect(node.clientUrl());
    QVERIFY(nc.has_value());
    // The SUB travels on another connection: publish a probe until it comes through.
    QVERIFY(QTest::qWaitFor(
        [&] {
            publish(nc->get(), "probe", "p");
            natsConnection_Flush(nc->get());
            return panel.messageList()->rowCount() > 0;
        },
        kWaitMs));
    // One publisher's messages arrive in order: once the marker is in, every probe is.
    QVERIFY(publish(nc->get(), "probe.end", "e"));
    QCOMPARE(natsConnection_Flush(nc->get()), NATS_OK);
    QTRY_VERIFY_WITH_TIMEOUT(panel.subjectTree()->indexForSubject("probe.end").isValid(), kWaitMs);
    panel.clear();

    QVERIFY(publish(nc->get(), "orders.eu.new", R"({"id":1,"item":"it's"})", "Trace", "t-1"));
    QVERIFY(publish(nc->get(), "orders.us.new", "plain text"));
    QVERIFY(publish(nc->get(), "sensors.t1", QByteArray("\x01\x02\x03", 3)));
    QCOMPARE(natsConnection_Flush(nc->get()), NATS_OK);

    QTRY_COMPARE_WITH_TIMEOUT(panel.messageList()->rowCount(), 3, kWaitMs);
    QCOMPARE(panel.subjectTree()->rowCount(), 2);  // orders, sensors
    emit panel.treeView()->clicked(panel.subjectTree()->indexForSubject("orders"));
    QCOMPARE(panel.filterProxy()->subjectFilter(), QStringLiteral("orders.>"));
    QCOMPARE(panel.filterProxy()->rowCount(), 2);
    panel.filterProxy()->setSubjectFilter({});
    QStringList subjects;
    for (int row = 0; row < panel.messageList()->rowCount(); ++row)
        subjects << panel.messageList()->message(row).subject;
    QCOMPARE(subjects, (QStringList{"orders.eu.new", "orders.us.new", "sensors.t1"}));
    QCOMPARE(treeCount(panel, "orders.eu"), 1u);
    QCOMPARE(treeCount(panel, "orders.us.new"), 1u);
    QCOMPARE(treeCount(panel, "sensors.t1"), 1u);
    QCOMPARE(panel.statusText(), QStringLiteral("received 3 · shown 3 · dropped 0"));

    // Select the JSON message: the detail shows it, and the panel says so.
    int json_row = -1;
    for (int row = 0; row < panel.filterProxy()->rowCount(); ++row)
        if (panel.filterProxy()->index(row, MessageListModel::SubjectColumn).data() ==
            QStringLiteral("orders.eu.new"))
            json_row = row;
    QVERIFY(json_row >= 0);
    panel.listView()->setCurrentIndex(panel.filterProxy()->index(json_row, 0));
    QCOMPARE(selected.count(), 1);
    const auto chosen = selected.at(0).at(0).value<ReceivedMessage>();
    QCOMPARE(chosen.subject, QStringLiteral("orders.eu.new"));
    auto* detail = panel.detailView();
    QCOMPARE(detail->payloadViewer()->payload(), QByteArray(R"({"id":1,"item":"it's"})"));
    QCOMPARE(detail->payloadViewer()->detectedMode(), PayloadMode::Json);
    QCOMPARE(detail->headersTable()->rowCount(), 1);
    QCOMPARE(nwb::ui::MessageDetailView::natsPubCommand(detail->message()),
             R"(nats pub 'orders.eu.new' '{"id":1,"item":"it'\''s"}' -H 'Trace:t-1')");

    panel.treeView()->expandAll();
    const QString dir = QStringLiteral(NWB_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    QVERIFY(panel.grab().save(dir + QStringLiteral("/subject_browser.png")));

    // A closed session ends the subscription; subscribing needs a connection again.
    session.close();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Closed, kWaitMs);
    QTRY_VERIFY(!panel.isSubscribed());
    QCOMPARE(subscribed.count(), 2);
    QVERIFY(!panel.subscribeButton()->isEnabled());
    session.open(profile);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Connected, kWaitMs);
    QVERIFY(panel.subscribeButton()->isEnabled());
    QVERIFY(!panel.isSubscribed());
    QVERIFY(panel.subscribeTo(QStringLiteral("orders.>")));
    panel.unsubscribe();
    QVERIFY(!panel.isSubscribed());
    QCOMPARE(subscribed.count(), 4);
}

void TstSubjectBrowserPanel::sessionGoneEndsSubscription() {
    Node node("browser");
    QVERIFY(node.start());
    auto session = std::make_unique<NatsSession>();
    SubjectBrowserPanel panel(session.get());
    ConnectionProfile profile;
    profile.urls = {QString::fromStdString(node.clientUrl())};
    session->open(profile);
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), SessionState::Connected, kWaitMs);
    QVERIFY(panel.subscribeTo(QStringLiteral("x.>"), QStringLiteral("workers")));
    session.reset();
    QVERIFY(!panel.isSubscribed());
    QVERIFY(!panel.subscribeButton()->isEnabled());
    QVERIFY(!panel.subscribeTo(QStringLiteral("x.>")));
}

void TstSubjectBrowserPanel::keepsUpWithLargeBatches() {
    // 100 batches of 1,000 messages over 2,000 subjects: what 100k msgs/s looks like at ~30
    // batches a second. Counts must be exact; the time is printed, not asserted.
    SubjectBrowserPanel panel(nullptr);
    panel.resize(1280, 860);
    panel.show();
    QList<QList<ReceivedMessage>> batches(100);
    for (int b = 0; b < 100; ++b) {
        batches[b].reserve(1000);
        for (int i = 0; i < 1000; ++i) {
            const int n = b * 1000 + i;
            batches[b] << msg(QStringLiteral("load.%1.%2").arg(n % 50).arg(n % 2000),
                              QByteArray::number(n));
        }
    }
    QElapsedTimer timer;
    timer.start();
    for (const auto& batch : batches) {
        panel.addBatch(batch, 0);
        QCoreApplication::processEvents();
    }
    qInfo("100,000 messages in 100 batches: %lld ms", qint64(timer.elapsed()));
    QCOMPARE(panel.messageList()->rowCount(), MessageListModel::kDefaultCapacity);
    QCOMPARE(panel.messageList()->evicted(), 90'000u);
    QCOMPARE(treeCount(panel, "load"), 100'000u);
    QCOMPARE(panel.subjectTree()->rowCount(panel.subjectTree()->indexForSubject("load")), 50);
    QCOMPARE(treeCount(panel, "load.7.7"), 50u);  // n ≡ 7 (mod 2000)
    QCOMPARE(treeCount(panel, "load.7"), 2000u);
    QCOMPARE(panel.subjectTree()->nodeCount(), 1 + 50 + 2000);
}

QTEST_MAIN(TstSubjectBrowserPanel)
#include "tst_subject_browser_panel.moc"
