// The Key-Value panel on an embedded node with JetStream (a bucket with puts, a delete, a
// key's history, new keys), on a node without JetStream and without a connection.
#include "engine/embed/node.h"
#include "tests/ui/app/workbench_test_support.h"
#include "tests/ui/jetstream/embedded_jetstream.h"
#include "tests/ui/jetstream/kv_test_support.h"
#include "ui/app/translations.h"
#include "ui/client/nats_support.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace nwb::ui;
using nwb::embed::Node;

namespace {

constexpr int kWaitMs = 10000;

}  // namespace

class TstKvLive : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        nats_Open(-1);
        registerClientMetaTypes();
        QVERIFY(installTranslators(*qApp, QLocale(QLocale::English)));
    }
    void bucketOfAnEmbeddedNode();
    void nodeWithoutJetStream();
    void notConnected();
};

void TstKvLive::bucketOfAnEmbeddedNode() {
    QTemporaryDir store;
    Node node("kv-n1", nwb::test::withJetStream(store.path()));
    QVERIFY2(node.start(), node.error().c_str());
    auto nc = nwb::test::connect(node.clientUrl());
    QVERIFY(nc);
    // A plain stream is no bucket.
    QVERIFY(nwb::test::jsApi(nc->get(), "$JS.API.STREAM.CREATE.ORDERS",
                             R"({"name":"ORDERS","subjects":["orders.>"]})")
                .contains(u"config"));

    NatsSession session;
    QVERIFY(nwb::test::openSession(session, node.clientUrl()));
    KvPanel panel(&session);
    QAbstractItemModelTester buckets_tester(panel.bucketModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester keys_tester(panel.keyModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester history_tester(panel.historyModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.resize(1200, 760);
    panel.show();
    QTRY_COMPARE_WITH_TIMEOUT(panel.statusText(), QStringLiteral("0 buckets"), kWaitMs);
    QCOMPARE(panel.keyMessageText(), QStringLiteral("Select a bucket to see its keys."));

    nwb::test::kvScenario(panel, nc->get(), "file");
    if (QTest::currentTestFailed()) return;
    nwb::test::screenshotOf(&panel, QStringLiteral("kv_view"));

    // The buckets poll goes on; while the bucket does not change, its keys are not fetched again.
    QSignalSpy buckets_refreshed(&panel, &KvPanel::bucketsRefreshed);
    QSignalSpy keys_refreshed(&panel, &KvPanel::keysRefreshed);
    QTRY_VERIFY_WITH_TIMEOUT(buckets_refreshed.size() >= 2, kWaitMs);
    QCOMPARE(keys_refreshed.size(), 0);

    // A bucket that goes away leaves nothing selected.
    QVERIFY(nwb::test::jsApi(nc->get(), "$JS.API.STREAM.DELETE.KV_CONFIG", {})
                .value(u"success")
                .toBool());
    QTRY_COMPARE_WITH_TIMEOUT(panel.bucketModel()->rowCount(), 0, kWaitMs);
    QCOMPARE(panel.selectedBucket(), QString());
    QCOMPARE(panel.keyModel()->rowCount(), 0);
    QCOMPARE(panel.keyMessageText(), QStringLiteral("Select a bucket to see its keys."));
}

void TstKvLive::nodeWithoutJetStream() {
    Node node("kv-plain");
    QVERIFY2(node.start(), node.error().c_str());
    NatsSession session;
    QVERIFY(nwb::test::openSession(session, node.clientUrl()));
    KvPanel panel(&session);
    panel.resize(900, 500);
    panel.show();
    QTRY_COMPARE_WITH_TIMEOUT(
        panel.messageText(),
        QStringLiteral("JetStream is not enabled on this server: nobody answers on $JS.API."),
        kWaitMs);
    QVERIFY(!panel.bucketView()->isVisible());
    QCOMPARE(panel.statusText(), QString());
}

void TstKvLive::notConnected() {
    NatsSession session;  // never opened
    KvPanel panel(&session);
    panel.show();
    QCOMPARE(panel.messageText(), QStringLiteral("Not connected to the server."));
    panel.refresh();
    QCOMPARE(panel.messageText(), QStringLiteral("Not connected to the server."));
    KvPanel orphan(nullptr);
    orphan.show();
    QCOMPARE(orphan.messageText(), QStringLiteral("Not connected to the server."));
}

QTEST_MAIN(TstKvLive)
#include "tst_kv_live.moc"
