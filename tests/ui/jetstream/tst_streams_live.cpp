// The Streams panel on an embedded node with JetStream (streams, a durable pull consumer,
// updates in place, a deletion) and without it, as the workbench shows it.
#include "engine/embed/node.h"
#include "tests/ui/app/workbench_test_support.h"
#include "tests/ui/jetstream/embedded_jetstream.h"
#include "tests/ui/jetstream/jetstream_test_support.h"
#include "ui/app/translations.h"
#include "ui/browser/payload_viewer.h"
#include "ui/jetstream/consumer_table_model.h"
#include "ui/jetstream/stream_table_model.h"
#include "ui/jetstream/streams_panel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QItemSelectionModel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace nwb::ui;
using nwb::embed::Node;

namespace {

constexpr int kWaitMs = 10000;

qint64 cell(StreamsPanel& panel, const QString& stream, int column) {
    const int row = panel.streamModel()->rowOf(stream);
    if (row < 0) return -1;
    return panel.streamModel()->index(row, column).data(StreamTableModel::kSortRole).toLongLong();
}

qint64 consumerCell(StreamsPanel& panel, const QString& consumer, int column) {
    const int row = panel.consumerModel()->rowOf(consumer);
    if (row < 0) return -1;
    return panel.consumerModel()
        ->index(row, column)
        .data(ConsumerTableModel::kSortRole)
        .toLongLong();
}

QStringList shownStreams(StreamsPanel& panel) {
    QStringList names;
    for (int r = 0; r < panel.streamProxy()->rowCount(); ++r)
        names.append(panel.streamProxy()->index(r, StreamTableModel::Name).data().toString());
    return names;
}

}  // namespace

class TstStreamsLive : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        nats_Open(-1);
        registerClientMetaTypes();
        QVERIFY(installTranslators(*qApp, QLocale(QLocale::English)));
    }
    void streamsAndConsumersOfAnEmbeddedNode();
    void nodeWithoutJetStream();
    void notConnected();
};

void TstStreamsLive::streamsAndConsumersOfAnEmbeddedNode() {
    QTemporaryDir store;
    Node node("streams-n1", nwb::test::withJetStream(store.path()));
    QVERIFY2(node.start(), node.error().c_str());
    auto nc = nwb::test::connect(node.clientUrl());
    QVERIFY(nc);
    natsConnection* c = nc->get();

    // ORDERS in memory (nats-server and we count subject + payload + 16 bytes a message),
    // EVENTS on file; a durable pull consumer on ORDERS.
    QVERIFY(nwb::test::jsApi(c, "$JS.API.STREAM.CREATE.ORDERS",
                             R"({"name":"ORDERS","subjects":["orders.>"],"storage":"memory"})")
                .contains(u"config"));
    QVERIFY(nwb::test::jsApi(c, "$JS.API.STREAM.CREATE.EVENTS",
                             R"({"name":"EVENTS","subjects":["events.*"],"storage":"file"})")
                .contains(u"config"));
    QVERIFY(nwb::test::jsApi(c, "$JS.API.CONSUMER.DURABLE.CREATE.ORDERS.worker",
                             R"({"stream_name":"ORDERS","config":{"durable_name":"worker",)"
                             R"("ack_policy":"explicit","filter_subject":"orders.>"}})")
                .contains(u"config"));
    QVERIFY(nwb::test::jsPublish(c, "orders.new", 5));
    QVERIFY(nwb::test::jsPublish(c, "events.login", 5));
    const QJsonObject events_state =
        nwb::test::jsApi(c, "$JS.API.STREAM.INFO.EVENTS", {}).value(u"state").toObject();
    QCOMPARE(events_state.value(u"messages").toInteger(), 5);

    NatsSession session;
    QVERIFY(nwb::test::openSession(session, node.clientUrl()));
    StreamsPanel panel(&session);
    QAbstractItemModelTester streams_tester(panel.streamModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester consumers_tester(
        panel.consumerModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy refreshed(&panel, &StreamsPanel::streamsRefreshed);
    panel.resize(1200, 700);
    panel.show();

    QTRY_COMPARE_WITH_TIMEOUT(shownStreams(panel),
                              (QStringList{QStringLiteral("EVENTS"), QStringLiteral("ORDERS")}),
                              kWaitMs);
    QCOMPARE(panel.messageText(), QString());
    QCOMPARE(panel.statusText(), QStringLiteral("2 streams"));
    QVERIFY(panel.streamView()->isVisible());
    QCOMPARE(cell(panel, QStringLiteral("ORDERS"), StreamTableModel::Messages), 5);
    QCOMPARE(cell(panel, QStringLiteral("ORDERS"), StreamTableModel::Bytes), 5 * (10 + 5 + 16));
    QCOMPARE(cell(panel, QStringLiteral("ORDERS"), StreamTableModel::FirstSeq), 1);
    QCOMPARE(cell(panel, QStringLiteral("ORDERS"), StreamTableModel::LastSeq), 5);
    QCOMPARE(cell(panel, QStringLiteral("ORDERS"), StreamTableModel::Consumers), 1);
    QCOMPARE(cell(panel, QStringLiteral("EVENTS"), StreamTableModel::Messages), 5);
    QCOMPARE(cell(panel, QStringLiteral("EVENTS"), StreamTableModel::Bytes),
             events_state.value(u"bytes").toInteger());
    QCOMPARE(cell(panel, QStringLiteral("EVENTS"), StreamTableModel::FirstSeq), 1);
    QCOMPARE(cell(panel, QStringLiteral("EVENTS"), StreamTableModel::LastSeq), 5);
    QCOMPARE(cell(panel, QStringLiteral("EVENTS"), StreamTableModel::Consumers), 0);
    const QModelIndex orders_bytes = panel.streamModel()->index(
        panel.streamModel()->rowOf(QStringLiteral("ORDERS")), StreamTableModel::Bytes);
    QCOMPARE(orders_bytes.data().toString(), QLocale().formattedDataSize(155));
    QCOMPARE(orders_bytes.data(Qt::ToolTipRole).toString(), QStringLiteral("155 bytes"));
    QCOMPARE(
        panel.streamModel()
            ->index(panel.streamModel()->rowOf(QStringLiteral("EVENTS")), StreamTableModel::Storage)
            .data()
            .toString(),
        QStringLiteral("file"));

    // Select ORDERS: its JSON and its consumer, with all 5 messages pending.
    QCOMPARE(panel.consumerMessageText(),
             QStringLiteral("Select a stream to see its configuration, state and consumers."));
    QVERIFY(panel.selectStream(QStringLiteral("ORDERS")));
    QCOMPARE(panel.selectedStream(), QStringLiteral("ORDERS"));
    QTRY_COMPARE_WITH_TIMEOUT(panel.consumerModel()->rowCount(), 1, kWaitMs);
    QCOMPARE(panel.consumerMessageText(), QString());
    QCOMPARE(panel.consumerModel()->row(0).name, QStringLiteral("worker"));
    QCOMPARE(panel.consumerModel()->index(0, ConsumerTableModel::Kind).data().toString(),
             QStringLiteral("durable"));
    QCOMPARE(panel.consumerModel()->index(0, ConsumerTableModel::Filter).data().toString(),
             QStringLiteral("orders.>"));
    QCOMPARE(panel.consumerModel()->index(0, ConsumerTableModel::AckPolicy).data().toString(),
             QStringLiteral("explicit"));
    QCOMPARE(consumerCell(panel, QStringLiteral("worker"), ConsumerTableModel::Pending), 5);
    QCOMPARE(consumerCell(panel, QStringLiteral("worker"), ConsumerTableModel::Delivered), 0);
    QCOMPARE(consumerCell(panel, QStringLiteral("worker"), ConsumerTableModel::Waiting), 0);
    QCOMPARE(panel.detailViewer()->effectiveMode(), PayloadMode::Json);
    const QJsonObject detail = QJsonDocument::fromJson(panel.detailViewer()->payload()).object();
    QCOMPARE(detail.value(u"config").toObject().value(u"name").toString(),
             QStringLiteral("ORDERS"));
    QCOMPARE(detail.value(u"state").toObject().value(u"messages").toInteger(), 5);
    nwb::test::screenshotOf(&panel, QStringLiteral("streams_view"));

    // More messages: the timer's refresh updates the rows in place; the selection stays.
    const QPersistentModelIndex selected =
        panel.streamView()->selectionModel()->selectedRows().value(0);
    QVERIFY(selected.isValid());
    QVERIFY(nwb::test::jsPublish(c, "orders.paid", 3));
    QTRY_COMPARE_WITH_TIMEOUT(cell(panel, QStringLiteral("ORDERS"), StreamTableModel::Messages), 8,
                              kWaitMs);
    QCOMPARE(cell(panel, QStringLiteral("ORDERS"), StreamTableModel::LastSeq), 8);
    QTRY_COMPARE_WITH_TIMEOUT(
        consumerCell(panel, QStringLiteral("worker"), ConsumerTableModel::Pending), 8, kWaitMs);
    QCOMPARE(panel.selectedStream(), QStringLiteral("ORDERS"));
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data().toString(), QStringLiteral("ORDERS"));
    QTRY_COMPARE(QJsonDocument::fromJson(panel.detailViewer()->payload())
                     .object()
                     .value(u"state")
                     .toObject()
                     .value(u"messages")
                     .toInteger(),
                 8);

    // EVENTS goes; F5 (refresh) shows it at once, ORDERS stays selected.
    QCOMPARE(nwb::test::jsApi(c, "$JS.API.STREAM.DELETE.EVENTS", {}).value(u"success").toBool(),
             true);
    refreshed.clear();
    panel.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(shownStreams(panel), QStringList{QStringLiteral("ORDERS")}, kWaitMs);
    QCOMPARE(panel.statusText(), QStringLiteral("1 stream"));
    QCOMPARE(panel.selectedStream(), QStringLiteral("ORDERS"));
    QCOMPARE(panel.consumerModel()->rowCount(), 1);

    // A new stream appears; deleting the selected one clears the selection and the consumers.
    QVERIFY(nwb::test::jsApi(c, "$JS.API.STREAM.CREATE.AUDIT",
                             R"({"name":"AUDIT","subjects":["audit.>"],"storage":"memory"})")
                .contains(u"config"));
    QTRY_COMPARE_WITH_TIMEOUT(shownStreams(panel),
                              (QStringList{QStringLiteral("AUDIT"), QStringLiteral("ORDERS")}),
                              kWaitMs);
    QCOMPARE(panel.selectedStream(), QStringLiteral("ORDERS"));
    QCOMPARE(nwb::test::jsApi(c, "$JS.API.STREAM.DELETE.ORDERS", {}).value(u"success").toBool(),
             true);
    panel.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(shownStreams(panel), QStringList{QStringLiteral("AUDIT")}, kWaitMs);
    QCOMPARE(panel.selectedStream(), QString());
    QCOMPARE(panel.consumerModel()->rowCount(), 0);
    QCOMPARE(panel.consumerMessageText(),
             QStringLiteral("Select a stream to see its configuration, state and consumers."));

    // The node stops: the panel says so instead of showing a table.
    node.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.messageText().isEmpty(), kWaitMs);
    QVERIFY(!panel.streamView()->isVisible());
}

void TstStreamsLive::nodeWithoutJetStream() {
    Node node("streams-plain");
    QVERIFY2(node.start(), node.error().c_str());
    NatsSession session;
    QVERIFY(nwb::test::openSession(session, node.clientUrl()));
    StreamsPanel panel(&session);
    panel.resize(900, 500);
    panel.show();
    QTRY_COMPARE_WITH_TIMEOUT(
        panel.messageText(),
        QStringLiteral("JetStream is not enabled on this server: nobody answers on $JS.API."),
        kWaitMs);
    QVERIFY(!panel.streamView()->isVisible());
    QCOMPARE(panel.statusText(), QString());
    nwb::test::screenshotOf(&panel, QStringLiteral("streams_view_no_jetstream"));
}

void TstStreamsLive::notConnected() {
    NatsSession session;  // never opened
    StreamsPanel panel(&session);
    panel.show();
    QCOMPARE(panel.messageText(), QStringLiteral("Not connected to the server."));
    panel.refresh();
    QCOMPARE(panel.messageText(), QStringLiteral("Not connected to the server."));
    StreamsPanel orphan(nullptr);
    orphan.show();
    QCOMPARE(orphan.messageText(), QStringLiteral("Not connected to the server."));
}

QTEST_MAIN(TstStreamsLive)
#include "tst_streams_live.moc"
