// The Streams view's parts without a server: list replies captured from nats-server 2.9.10 and
// nwb-server, error texts, paging, and the two models' in-place updates under the model tester.
#include "ui/app/translations.h"
#include "ui/jetstream/consumer_table_model.h"
#include "ui/jetstream/js_error.h"
#include "ui/jetstream/js_list_fetcher.h"
#include "ui/jetstream/js_list_page.h"
#include "ui/jetstream/stream_table_model.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QtTest>

#include <optional>

using namespace nwb::ui;

namespace {

QByteArray captured(const QString& server, const QString& file) {
    QFile f(QStringLiteral(NWB_JETSTREAM_TEST_DATA "/%1/%2").arg(server, file));
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

QList<StreamRow> streamRows(const JsListPage& page) {
    QList<StreamRow> rows;
    for (const QJsonValue& v : page.items) rows.append(streamRowFromJson(v.toObject()));
    return rows;
}

QList<ConsumerRow> consumerRows(const JsListPage& page) {
    QList<ConsumerRow> rows;
    for (const QJsonValue& v : page.items) rows.append(consumerRowFromJson(v.toObject()));
    return rows;
}

StreamRow stream(const QString& name, qint64 messages) {
    StreamRow row;
    row.name = name;
    row.subjects = {name.toLower() + QStringLiteral(".>")};
    row.storage = QStringLiteral("file");
    row.retention = QStringLiteral("limits");
    row.messages = messages;
    row.bytes = messages * 100;
    row.first_seq = messages > 0 ? 1 : 0;
    row.last_seq = messages;
    return row;
}

/// A list service in memory: `total` items named "s<i>", `limit` per page, answered from the
/// event loop as a server's reply would be. Records each request's payload.
struct FakeListServer {
    int total = 0;
    int limit = 256;
    int fail_at_offset = -1;  ///< answer "timeout" to the request with this offset
    int lie_total = -1;       ///< claim this total instead
    QList<QByteArray> requests;

    JsRequester requester() {
        return [this](const QString&, const QByteArray& payload, QObject* context,
                      std::function<void(const RequestResult&)> done) {
            requests.append(payload);
            const qint64 offset =
                QJsonDocument::fromJson(payload).object().value(u"offset").toInteger();
            RequestResult result;
            if (offset == fail_at_offset) {
                result.error = NatsSession::tr("timeout");
            } else {
                QJsonArray items;
                for (qint64 i = offset; i < std::min<qint64>(total, offset + limit); ++i)
                    items.append(
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("s%1").arg(i)}});
                result.ok = true;
                result.reply.payload =
                    QJsonDocument(
                        QJsonObject{{QStringLiteral("total"), lie_total >= 0 ? lie_total : total},
                                    {QStringLiteral("offset"), offset},
                                    {QStringLiteral("limit"), limit},
                                    {QStringLiteral("streams"), items}})
                        .toJson(QJsonDocument::Compact);
            }
            QTimer::singleShot(0, context, [done, result] { done(result); });
        };
    }
};

std::optional<JsListFetcher::Result> fetchAll(JsListFetcher& fetcher) {
    std::optional<JsListFetcher::Result> out;
    fetcher.fetch(QStringLiteral("$JS.API.STREAM.LIST"), QStringLiteral("streams"),
                  [&out](JsListFetcher::Result r) { out = std::move(r); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 5000)) return std::nullopt;
    return out;
}

}  // namespace

class TstJetStreamUnits : public QObject {
    Q_OBJECT
private slots:
    // English plural forms ("2 sources") come from the translations.
    void initTestCase() { QVERIFY(installTranslators(*qApp, QLocale(QLocale::English))); }
    void streamListFromBothServers_data();
    void streamListFromBothServers();
    void consumerListFromBothServers_data();
    void consumerListFromBothServers();
    void apiErrorsFromTheServers();
    void requestFailuresAreClassified();
    void errorTexts();
    void replyThatIsNotAList();
    void fetcherFollowsPages();
    void fetcherStopsOnAnErrorAndOnAShortList();
    void fetcherAbandonsARunningFetch();
    void streamModelUpdatesInPlace();
    void streamModelColumns();
    void consumerModelUpdatesInPlace();
};

void TstJetStreamUnits::streamListFromBothServers_data() {
    QTest::addColumn<QString>("server");
    QTest::addColumn<qint64>("file_bytes");  // 5 messages "hello" on orders.new in a file store
    // nats-server counts 22 + subject + payload + 8 per file-store record; we count our own
    // record size (docs/compat.md).
    QTest::newRow("nats-server 2.9.10") << QStringLiteral("nats-server-2.9.10") << qint64(225);
    QTest::newRow("nwb-server") << QStringLiteral("nwb-server") << qint64(255);
}

void TstJetStreamUnits::streamListFromBothServers() {
    QFETCH(QString, server);
    QFETCH(qint64, file_bytes);
    const auto page = parseJsListPage(captured(server, QStringLiteral("stream_list.json")),
                                      QStringLiteral("streams"));
    QVERIFY(page);
    QCOMPARE(page->total, 3);
    QCOMPARE(page->offset, 0);
    QCOMPARE(page->limit, 256);
    const QList<StreamRow> rows = streamRows(*page);
    QCOMPARE(rows.size(), 3);

    const StreamRow& backup = rows[0];
    QCOMPARE(backup.name, QStringLiteral("BACKUP"));
    QCOMPARE(backup.subjects, QStringList{});
    QCOMPARE(backup.storage, QStringLiteral("file"));
    QCOMPARE(backup.retention, QStringLiteral("limits"));
    QCOMPARE(backup.messages, 5);
    QCOMPARE(backup.bytes, file_bytes);
    QCOMPARE(backup.first_seq, 1);
    QCOMPARE(backup.last_seq, 5);
    QCOMPARE(backup.consumer_count, 0);
    QCOMPARE(backup.mirror, QStringLiteral("ORDERS"));
    QCOMPARE(backup.sources, QStringList{});
    QCOMPARE(StreamTableModel::originText(backup), QStringLiteral("mirror of ORDERS"));

    const StreamRow& events = rows[1];
    QCOMPARE(events.name, QStringLiteral("EVENTS"));
    QCOMPARE(events.subjects,
             (QStringList{QStringLiteral("events.a"), QStringLiteral("events.b")}));
    QCOMPARE(events.storage, QStringLiteral("memory"));
    QCOMPARE(events.retention, QStringLiteral("workqueue"));
    QCOMPARE(events.messages, 1);
    QCOMPARE(events.bytes, 25);  // both count subject + payload + 16 in memory
    QCOMPARE(events.first_seq, 1);
    QCOMPARE(events.last_seq, 1);
    QCOMPARE(events.consumer_count, 0);
    QCOMPARE(events.mirror, QString());
    QCOMPARE(StreamTableModel::originText(events), QString());

    const StreamRow& orders = rows[2];
    QCOMPARE(orders.name, QStringLiteral("ORDERS"));
    QCOMPARE(orders.subjects, QStringList{QStringLiteral("orders.>")});
    QCOMPARE(orders.storage, QStringLiteral("file"));
    QCOMPARE(orders.retention, QStringLiteral("limits"));
    QCOMPARE(orders.messages, 5);
    QCOMPARE(orders.bytes, file_bytes);
    QCOMPARE(orders.first_seq, 1);
    QCOMPARE(orders.last_seq, 5);
    QCOMPARE(orders.consumer_count, 2);
    // The whole entry is kept for the detail view, but not the reply's time stamp.
    QCOMPARE(orders.info.value(u"config").toObject().value(u"duplicate_window").toInteger(),
             120000000000);
    QVERIFY(orders.info.contains(u"created"));
    QVERIFY(!orders.info.contains(u"ts"));

    // Past the end: a valid, empty page.
    const auto end = parseJsListPage(captured(server, QStringLiteral("stream_list_past_end.json")),
                                     QStringLiteral("streams"));
    QVERIFY(end);
    QCOMPARE(end->total, 3);
    QCOMPARE(end->offset, 3);
    QCOMPARE(end->items.size(), 0);
}

void TstJetStreamUnits::consumerListFromBothServers_data() {
    QTest::addColumn<QString>("server");
    QTest::newRow("nats-server 2.9.10") << QStringLiteral("nats-server-2.9.10");
    QTest::newRow("nwb-server") << QStringLiteral("nwb-server");
}

void TstJetStreamUnits::consumerListFromBothServers() {
    QFETCH(QString, server);
    const auto page = parseJsListPage(captured(server, QStringLiteral("consumer_list_orders.json")),
                                      QStringLiteral("consumers"));
    QVERIFY(page);
    QCOMPARE(page->total, 2);
    const QList<ConsumerRow> rows = consumerRows(*page);
    QCOMPARE(rows.size(), 2);

    // An ephemeral push consumer (deliver last, no acks) that nobody listens to.
    const ConsumerRow& push = rows[0];
    QCOMPARE(push.name.size(), 8);  // a generated name
    QVERIFY(!push.durable);
    QCOMPARE(push.filter_subjects, QStringList{});
    QCOMPARE(push.deliver_policy, QStringLiteral("last"));
    QCOMPARE(push.ack_policy, QStringLiteral("none"));
    QCOMPARE(push.delivered_stream_seq, 0);
    QCOMPARE(push.ack_floor_stream_seq, 0);
    QCOMPARE(push.num_pending, 5);
    QCOMPARE(push.num_ack_pending, 0);
    QCOMPARE(push.num_redelivered, 0);
    QCOMPARE(push.num_waiting, 0);

    // A durable pull consumer that fetched one message and did not ack it.
    const ConsumerRow& worker = rows[1];
    QCOMPARE(worker.name, QStringLiteral("worker"));
    QVERIFY(worker.durable);
    QCOMPARE(worker.filter_subjects, QStringList{QStringLiteral("orders.>")});
    QCOMPARE(worker.deliver_policy, QStringLiteral("all"));
    QCOMPARE(worker.ack_policy, QStringLiteral("explicit"));
    QCOMPARE(worker.delivered_stream_seq, 1);
    QCOMPARE(worker.ack_floor_stream_seq, 0);
    QCOMPARE(worker.num_pending, 4);
    QCOMPARE(worker.num_ack_pending, 1);
    QCOMPARE(worker.num_redelivered, 0);
    QCOMPARE(worker.num_waiting, 0);
}

void TstJetStreamUnits::apiErrorsFromTheServers() {
    for (const QString& server :
         {QStringLiteral("nats-server-2.9.10"), QStringLiteral("nwb-server")}) {
        const auto page =
            parseJsListPage(captured(server, QStringLiteral("consumer_list_no_stream.json")),
                            QStringLiteral("consumers"));
        QVERIFY(!page);
        QCOMPARE(page.error().kind, JsFailure::ApiError);
        QCOMPARE(page.error().code, 404);
        QCOMPARE(page.error().err_code, 10059);
        QCOMPARE(page.error().detail, QStringLiteral("stream not found"));
    }
    // nats-server for a user whose account has no JetStream while others do.
    const auto page =
        parseJsListPage(captured(QStringLiteral("nats-server-2.9.10"),
                                 QStringLiteral("stream_list_account_without_jetstream.json")),
                        QStringLiteral("streams"));
    QVERIFY(!page);
    QCOMPARE(page.error().kind, JsFailure::NotEnabled);
    QCOMPARE(page.error().code, 503);
    QCOMPARE(page.error().err_code, 10039);
    QCOMPARE(jsErrorText(page.error()),
             QStringLiteral("JetStream is not enabled for this account: JetStream not enabled for "
                            "account (error 503, code 10039)."));
}

void TstJetStreamUnits::requestFailuresAreClassified() {
    RequestResult result;
    result.error = NatsSession::tr("no responders available for request");
    QCOMPARE(jsErrorFromRequest(result).kind, JsFailure::NotEnabled);
    result.error = NatsSession::tr("timeout");
    QCOMPARE(jsErrorFromRequest(result).kind, JsFailure::Timeout);
    result.error = NatsSession::tr("not connected");
    QCOMPARE(jsErrorFromRequest(result).kind, JsFailure::NotConnected);
    result.error = QStringLiteral("Connection Closed");
    QCOMPARE(jsErrorFromRequest(result), jsError(JsFailure::RequestFailed, result.error));
}

void TstJetStreamUnits::errorTexts() {
    QCOMPARE(jsErrorText(jsError(JsFailure::NotConnected)),
             QStringLiteral("Not connected to the server."));
    QCOMPARE(jsErrorText(jsError(JsFailure::NotEnabled)),
             QStringLiteral("JetStream is not enabled on this server: nobody answers on $JS.API."));
    QCOMPARE(jsErrorText(jsError(JsFailure::Timeout)),
             QStringLiteral("The JetStream API did not answer in time."));
    QCOMPARE(jsErrorText(jsError(JsFailure::RequestFailed, QStringLiteral("Connection Closed"))),
             QStringLiteral("The JetStream request failed: Connection Closed."));
    JsError api = jsError(JsFailure::ApiError, QStringLiteral("stream not found"));
    api.code = 404;
    api.err_code = 10059;
    QCOMPARE(jsErrorText(api), QStringLiteral("The JetStream API reported an error: stream not "
                                              "found (error 404, code 10059)."));
}

void TstJetStreamUnits::replyThatIsNotAList() {
    auto page = parseJsListPage("not json", QStringLiteral("streams"));
    QVERIFY(!page);
    QCOMPARE(page.error().kind, JsFailure::BadReply);
    page = parseJsListPage("[1]", QStringLiteral("streams"));
    QVERIFY(!page);
    QCOMPARE(page.error().detail, QStringLiteral("not a JSON object"));
    page = parseJsListPage(R"({"total":1,"consumers":[]})", QStringLiteral("streams"));
    QVERIFY(!page);
    QCOMPARE(jsErrorText(page.error()),
             QStringLiteral("The JetStream API sent a reply that cannot be read: no \"streams\" "
                            "array."));
}

void TstJetStreamUnits::fetcherFollowsPages() {
    FakeListServer server;
    server.total = 5;
    server.limit = 2;
    JsListFetcher fetcher(server.requester());
    const auto result = fetchAll(fetcher);
    QVERIFY(result && *result);
    QCOMPARE((*result)->size(), 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE((*result)->at(i).toObject().value(u"name").toString(),
                 QStringLiteral("s%1").arg(i));
    QCOMPARE(server.requests,
             (QList<QByteArray>{R"({"offset":0})", R"({"offset":2})", R"({"offset":4})"}));
    QVERIFY(!fetcher.isBusy());

    // One page when it holds everything; an empty list is one request too.
    server.requests.clear();
    server.limit = 256;
    QVERIFY(fetchAll(fetcher).value().value().size() == 5);
    QCOMPARE(server.requests.size(), 1);
    server.requests.clear();
    server.total = 0;
    QVERIFY(fetchAll(fetcher).value().value().isEmpty());
    QCOMPARE(server.requests.size(), 1);
}

void TstJetStreamUnits::fetcherStopsOnAnErrorAndOnAShortList() {
    FakeListServer server;
    server.total = 5;
    server.limit = 2;
    server.fail_at_offset = 2;
    JsListFetcher fetcher(server.requester());
    auto result = fetchAll(fetcher);
    QVERIFY(result && !*result);
    QCOMPARE(result->error().kind, JsFailure::Timeout);
    QCOMPARE(server.requests.size(), 2);

    // A total larger than what the server hands out ends at the first empty page.
    server.requests.clear();
    server.fail_at_offset = -1;
    server.lie_total = 9;
    result = fetchAll(fetcher);
    QVERIFY(result && *result);
    QCOMPARE((*result)->size(), 5);
    QCOMPARE(server.requests.size(), 4);  // offsets 0, 2, 4 and the empty 5
}

void TstJetStreamUnits::fetcherAbandonsARunningFetch() {
    FakeListServer server;
    server.total = 3;
    JsListFetcher fetcher(server.requester());
    int first_calls = 0;
    fetcher.fetch(QStringLiteral("$JS.API.STREAM.LIST"), QStringLiteral("streams"),
                  [&](JsListFetcher::Result) { ++first_calls; });
    QVERIFY(fetcher.isBusy());
    fetcher.cancel();
    QVERIFY(!fetcher.isBusy());
    const auto second = fetchAll(fetcher);  // also replaces; the first reply arrives first
    QVERIFY(second && *second);
    QCOMPARE((*second)->size(), 3);
    QCOMPARE(first_calls, 0);
}

void TstJetStreamUnits::streamModelUpdatesInPlace() {
    StreamTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(StreamTableModel::kSortRole);
    proxy.sort(StreamTableModel::Messages, Qt::DescendingOrder);
    QAbstractItemModelTester proxy_tester(&proxy,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    model.setStreams({stream("A", 1), stream("B", 2), stream("C", 3), stream("D", 4)});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(proxy.index(0, StreamTableModel::Name).data().toString(), QStringLiteral("D"));
    const QPersistentModelIndex b(model.index(1, StreamTableModel::Name));
    const QPersistentModelIndex d(model.index(3, StreamTableModel::Name));

    // The same list again: no signal at all.
    inserted.clear();
    model.setStreams({stream("A", 1), stream("B", 2), stream("C", 3), stream("D", 4)});
    QCOMPARE(inserted.count() + removed.count() + changed.count(), 0);

    // A and C go (two removals), B changes, E comes; the first of a repeated name wins.
    model.setStreams({stream("B", 20), stream("E", 5), stream("D", 4), stream("B", 99)});
    QCOMPARE(removed.count(), 2);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(b.row(), 0);
    QCOMPARE(b.data().toString(), QStringLiteral("B"));
    QCOMPARE(
        model.index(0, StreamTableModel::Messages).data(StreamTableModel::kSortRole).toLongLong(),
        20);
    QCOMPARE(d.row(), 1);
    QCOMPARE(model.row(2).name, QStringLiteral("E"));
    QCOMPARE(model.rowOf(QStringLiteral("E")), 2);
    QCOMPARE(model.rowOf(QStringLiteral("A")), -1);
    QCOMPARE(proxy.index(0, StreamTableModel::Name).data().toString(), QStringLiteral("B"));

    // Contiguous removals are one signal; an empty list removes everything.
    removed.clear();
    model.setStreams({});
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!b.isValid());
    model.setStreams({stream("X", 1)});
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TstJetStreamUnits::streamModelColumns() {
    StreamTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    StreamRow big = stream("BIG", 1234);
    big.subjects = {QStringLiteral("a.>"), QStringLiteral("b")};
    big.bytes = 5'368'709'120;  // 5 GiB: past int
    StreamRow sourced = stream("SUM", 0);
    sourced.sources = {QStringLiteral("A"), QStringLiteral("B")};
    StreamRow one = stream("ONE", 1);
    one.bytes = 1;
    model.setStreams({big, sourced, one});
    auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.index(row, column).data(role);
    };
    QCOMPARE(model.columnCount(), 10);
    QCOMPARE(cell(0, StreamTableModel::Subjects).toString(), QStringLiteral("a.>, b"));
    QCOMPARE(cell(0, StreamTableModel::Messages).toString(), QStringLiteral("1,234"));
    QCOMPARE(cell(0, StreamTableModel::Messages, StreamTableModel::kSortRole).toLongLong(), 1234);
    QCOMPARE(cell(0, StreamTableModel::Bytes).toString(), QStringLiteral("5.00 GiB"));
    QCOMPARE(cell(0, StreamTableModel::Bytes, Qt::ToolTipRole).toString(),
             QStringLiteral("5,368,709,120 bytes"));
    QCOMPARE(cell(0, StreamTableModel::Bytes, StreamTableModel::kSortRole).toLongLong(),
             5'368'709'120);
    QCOMPARE(cell(1, StreamTableModel::Origin).toString(), QStringLiteral("2 sources: A, B"));
    QCOMPARE(cell(2, StreamTableModel::Bytes).toString(), QStringLiteral("1 bytes"));
    QCOMPARE(cell(2, StreamTableModel::Bytes, Qt::ToolTipRole).toString(),
             QStringLiteral("1 byte"));
    QCOMPARE(model.headerData(StreamTableModel::FirstSeq, Qt::Horizontal).toString(),
             QStringLiteral("First seq"));
}

void TstJetStreamUnits::consumerModelUpdatesInPlace() {
    ConsumerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto page = parseJsListPage(
        captured(QStringLiteral("nats-server-2.9.10"), QStringLiteral("consumer_list_orders.json")),
        QStringLiteral("consumers"));
    QVERIFY(page);
    QList<ConsumerRow> rows = consumerRows(*page);
    model.setConsumers(rows);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 11);
    auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(1, ConsumerTableModel::Name), QStringLiteral("worker"));
    QCOMPARE(cell(1, ConsumerTableModel::Kind), QStringLiteral("durable"));
    QCOMPARE(cell(0, ConsumerTableModel::Kind), QStringLiteral("ephemeral"));
    QCOMPARE(cell(1, ConsumerTableModel::Filter), QStringLiteral("orders.>"));
    QCOMPARE(cell(1, ConsumerTableModel::DeliverPolicy), QStringLiteral("all"));
    QCOMPARE(cell(1, ConsumerTableModel::AckPolicy), QStringLiteral("explicit"));
    QCOMPARE(cell(1, ConsumerTableModel::Delivered), QStringLiteral("1"));
    QCOMPARE(cell(1, ConsumerTableModel::AckFloor), QStringLiteral("0"));
    QCOMPARE(cell(1, ConsumerTableModel::Pending), QStringLiteral("4"));
    QCOMPARE(cell(1, ConsumerTableModel::AckPending), QStringLiteral("1"));
    QCOMPARE(cell(1, ConsumerTableModel::Redelivered), QStringLiteral("0"));
    QCOMPARE(cell(1, ConsumerTableModel::Waiting), QStringLiteral("0"));

    const QPersistentModelIndex worker(model.index(1, 0));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // The push consumer goes, worker acks, a new one comes.
    ConsumerRow acked = rows[1];
    acked.num_ack_pending = 0;
    acked.ack_floor_stream_seq = 1;
    ConsumerRow fresh = rows[1];
    fresh.name = QStringLiteral("audit");
    model.setConsumers({fresh, acked});
    QCOMPARE(removed.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(worker.row(), 0);
    QCOMPARE(cell(0, ConsumerTableModel::AckFloor), QStringLiteral("1"));
    QCOMPARE(cell(1, ConsumerTableModel::Name), QStringLiteral("audit"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TstJetStreamUnits)
#include "tst_jetstream_units.moc"
