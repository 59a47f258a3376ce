// The Key-Value view's parts without a server: replies captured from nats-server 2.9.10 and
// nwb-server, the keys and history fetchers on a fake bucket, and the models under the tester.
#include "ui/app/translations.h"
#include "ui/jetstream/js_list_page.h"
#include "ui/jetstream/kv_bucket_table_model.h"
#include "ui/jetstream/kv_entry.h"
#include "ui/jetstream/kv_history_fetcher.h"
#include "ui/jetstream/kv_key_table_model.h"
#include "ui/jetstream/kv_keys_fetcher.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

QByteArray json(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// A bucket "B" in memory that answers STREAM.INFO (subjects_filter, `page_limit` subjects a
/// page, sorted) and STREAM.MSG.GET (last_by_subj, seq + next_by_subj) from the event loop.
struct FakeBucket {
    struct Message {
        qint64 seq;
        QString subject;
        QByteArray data;
        QByteArray op;  ///< "DEL", "PURGE" or empty
    };
    QList<Message> messages;
    int page_limit = 100000;
    QStringList vanished;  ///< subjects listed by INFO whose GET finds nothing
    QStringList requests;

    void put(const QString& key, const QByteArray& data, const QByteArray& op = {}) {
        messages.append({messages.size() + 1, QStringLiteral("$KV.B.") + key, data, op});
    }

    QJsonObject messageJson(const Message& m) const {
        QJsonObject o{{QStringLiteral("subject"), m.subject},
                      {QStringLiteral("seq"), m.seq},
                      {QStringLiteral("time"), QStringLiteral("2026-11-27T01:48:07.886289308Z")}};
        if (!m.data.isEmpty())
            o.insert(QStringLiteral("data"), QString::fromLatin1(m.data.toBase64()));
        if (!m.op.isEmpty()) {
            const QByteArray hdrs = "NATS/1.0\r\nKV-Operation: " + m.op + "\r\n\r\n";
            o.insert(QStringLiteral("hdrs"), QString::fromLatin1(hdrs.toBase64()));
        }
        return {{QStringLiteral("message"), o}};
    }

    QByteArray answer(const QString& subject, const QJsonObject& request) const {
        const QJsonObject not_found{
            {QStringLiteral("error"),
             QJsonObject{{QStringLiteral("code"), 404},
                         {QStringLiteral("err_code"), 10037},
                         {QStringLiteral("description"), QStringLiteral("no message found")}}}};
        if (subject.startsWith(u"$JS.API.STREAM.INFO.")) {
            QMap<QString, qint64> counts;
            for (const Message& m : messages) ++counts[m.subject];
            const qint64 offset = request.value(u"offset").toInteger();
            QJsonObject subjects;
            qint64 i = 0;
            for (auto it = counts.begin(); it != counts.end(); ++it, ++i)
                if (i >= offset && i < offset + page_limit) subjects.insert(it.key(), it.value());
            return json(
                {{QStringLiteral("total"), counts.size()},
                 {QStringLiteral("offset"), offset},
                 {QStringLiteral("state"), QJsonObject{{QStringLiteral("subjects"), subjects}}}});
        }
        const QString last = request.value(u"last_by_subj").toString();
        const QString next = request.value(u"next_by_subj").toString();
        if (vanished.contains(last)) return json(not_found);
        const Message* found = nullptr;
        for (const Message& m : messages) {
            if (!last.isEmpty() && m.subject == last) found = &m;
            if (!next.isEmpty() && m.subject == next &&
                m.seq >= request.value(u"seq").toInteger()) {
                found = &m;
                break;
            }
        }
        return json(found ? messageJson(*found) : not_found);
    }

    JsRequester requester() {
        return [this](const QString& subject, const QByteArray& payload, QObject* context,
                      std::function<void(const RequestResult&)> done) {
            requests.append(subject + ' ' + QString::fromUtf8(payload));
            RequestResult result;
            result.ok = true;
            result.reply.payload = answer(subject, QJsonDocument::fromJson(payload).object());
            QTimer::singleShot(0, context, [done, result] { done(result); });
        };
    }
};

template <typename Fetcher, typename... Args>
auto fetchNow(Fetcher& fetcher, Args&&... args) -> std::optional<typename Fetcher::Result> {
    std::optional<typename Fetcher::Result> out;
    fetcher.fetch(std::forward<Args>(args)...,
                  [&out](typename Fetcher::Result r) { out = std::move(r); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 5000)) return std::nullopt;
    return out;
}

KvEntry entry(const QString& name, qint64 revision, KvOperation op = KvOperation::Put) {
    KvEntry e;
    e.name = name;
    e.revision = revision;
    e.operation = op;
    e.value = name.toUtf8();
    e.time = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + revision, Qt::UTC);
    return e;
}

}  // namespace

class TstKvUnits : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(installTranslators(*qApp, QLocale(QLocale::English))); }
    void capturedReplies_data();
    void capturedReplies();
    void otherStreamsAreNoBuckets();
    void headerValues();
    void ttlTexts();
    void keysFetcherPagesAndGetsEveryKey();
    void keysFetcherIsBounded();
    void historyFetcherWalksForward();
    void bucketModelUnderTester();
    void keyModelUnderTester();
};

void TstKvUnits::capturedReplies_data() {
    QTest::addColumn<QString>("server");
    QTest::addColumn<qint64>("bytes");  // each server counts its own file-store record size
    QTest::newRow("nats-server 2.9.10") << QStringLiteral("nats-server-2.9.10") << qint64(262);
    QTest::newRow("nwb-server") << QStringLiteral("nwb-server") << qint64(288);
}

void TstKvUnits::capturedReplies() {
    QFETCH(QString, server);
    QFETCH(qint64, bytes);
    // Bucket CONFIG (history 5, TTL 1h, file): a=1, b="first", b={"v":2}, c="gone", c deleted.
    const auto page = parseJsListPage(captured(server, QStringLiteral("kv_stream_list.json")),
                                      QStringLiteral("streams"));
    QVERIFY(page);
    QCOMPARE(page->items.size(), 1);
    const auto bucket = kvBucketFromStream(streamRowFromJson(page->items.first().toObject()));
    QVERIFY(bucket);
    QCOMPARE(bucket->bucket, QStringLiteral("CONFIG"));
    QCOMPARE(bucket->values, 5);
    QCOMPARE(bucket->bytes, bytes);
    QCOMPARE(bucket->history, 5);
    QCOMPARE(bucket->ttl_ns, qint64(3'600'000'000'000));
    QCOMPARE(bucket->storage, QStringLiteral("file"));
    QCOMPARE(bucket->mirror, false);
    QCOMPARE(bucket->last_seq, 5);

    const auto subjects =
        parseKvSubjectsPage(captured(server, QStringLiteral("kv_info_subjects.json")));
    QVERIFY(subjects);
    QCOMPARE(subjects->total, 3);
    QCOMPARE(subjects->offset, 0);
    const QMap<QString, qint64> all{{QStringLiteral("$KV.CONFIG.a"), 1},
                                    {QStringLiteral("$KV.CONFIG.b"), 2},
                                    {QStringLiteral("$KV.CONFIG.c"), 2}};
    QCOMPARE(subjects->subjects, all);
    const auto rest =
        parseKvSubjectsPage(captured(server, QStringLiteral("kv_info_subjects_offset.json")));
    QVERIFY(rest);
    QCOMPARE(rest->total, 3);
    QCOMPARE(rest->offset, 2);
    QCOMPARE(rest->subjects, (QMap<QString, qint64>{{QStringLiteral("$KV.CONFIG.c"), 2}}));

    const QString prefix = kvSubjectPrefix(QStringLiteral("CONFIG"));
    const auto b = parseKvEntry(captured(server, QStringLiteral("kv_get_last_b.json")), prefix);
    QVERIFY(b);
    QCOMPARE(b->name, QStringLiteral("b"));
    QCOMPARE(b->revision, 3);
    QCOMPARE(b->value, QByteArrayLiteral("{\"v\":2}"));
    QCOMPARE(b->operation, KvOperation::Put);
    QVERIFY(b->time.isValid());
    QCOMPARE(b->time.date().year(), 2026);
    const auto c = parseKvEntry(captured(server, QStringLiteral("kv_get_last_c.json")), prefix);
    QVERIFY(c);
    QCOMPARE(c->name, QStringLiteral("c"));
    QCOMPARE(c->revision, 5);
    QCOMPARE(c->operation, KvOperation::Delete);
    QVERIFY(c->value.isEmpty());
    QVERIFY(c->time > b->time);
    const auto first_b =
        parseKvEntry(captured(server, QStringLiteral("kv_get_next_b.json")), prefix);
    QVERIFY(first_b);
    QCOMPARE(first_b->revision, 2);
    QCOMPARE(first_b->value, QByteArrayLiteral("first"));
    for (const char* file : {"kv_get_next_b_end.json", "kv_get_missing.json"}) {
        const auto none = parseKvEntry(captured(server, QString::fromLatin1(file)), prefix);
        QVERIFY(!none);
        QCOMPARE(none.error().kind, JsFailure::ApiError);
        QCOMPARE(none.error().code, 404);
        QCOMPARE(none.error().err_code, 10037);
        QCOMPARE(none.error().detail, QStringLiteral("no message found"));
    }
}

void TstKvUnits::otherStreamsAreNoBuckets() {
    StreamRow stream;
    stream.name = QStringLiteral("ORDERS");
    QVERIFY(!kvBucketFromStream(stream));
    stream.name = QStringLiteral("KV_");
    QVERIFY(!kvBucketFromStream(stream));
    stream.name = QStringLiteral("KV_x");
    stream.mirror = QStringLiteral("KV_y");
    const auto bucket = kvBucketFromStream(stream);
    QVERIFY(bucket);
    QCOMPARE(bucket->bucket, QStringLiteral("x"));
    QCOMPARE(bucket->mirror, true);
}

void TstKvUnits::headerValues() {
    const QByteArray block = "NATS/1.0\r\nKV-Operation: PURGE\r\nNats-Rollup: sub\r\n\r\n";
    QCOMPARE(natsHeaderValue(block, "kv-operation"), QByteArrayLiteral("PURGE"));
    QCOMPARE(natsHeaderValue(block, "Nats-Rollup"), QByteArrayLiteral("sub"));
    QCOMPARE(natsHeaderValue(block, "Missing"), QByteArray());
    QCOMPARE(natsHeaderValue(QByteArray(), "KV-Operation"), QByteArray());
}

void TstKvUnits::ttlTexts() {
    QCOMPARE(KvBucketTableModel::ttlText(0), QStringLiteral("none"));
    QCOMPARE(KvBucketTableModel::ttlText(500'000'000), QStringLiteral("500 ms"));
    QCOMPARE(KvBucketTableModel::ttlText(3'600'000'000'000), QStringLiteral("1h"));
    QCOMPARE(KvBucketTableModel::ttlText(90'000'000'000), QStringLiteral("1m 30s"));
    QCOMPARE(KvBucketTableModel::ttlText(90'061'000'000'000), QStringLiteral("1d 1h"));
}

void TstKvUnits::keysFetcherPagesAndGetsEveryKey() {
    FakeBucket bucket;
    bucket.page_limit = 2;
    bucket.put(QStringLiteral("b"), "1");
    bucket.put(QStringLiteral("a"), "2");
    bucket.put(QStringLiteral("b"), "3");
    bucket.put(QStringLiteral("c"), {}, "DEL");
    bucket.put(QStringLiteral("gone"), "4");
    bucket.vanished = {QStringLiteral("$KV.B.gone")};
    KvKeysFetcher fetcher(bucket.requester());
    const auto keys = fetchNow(fetcher, QStringLiteral("B"));
    QVERIFY(keys && *keys);
    // Four subjects, two a page: two STREAM.INFO pages, then one get per key.
    QCOMPARE(bucket.requests.mid(0, 3),
             (QStringList{
                 QStringLiteral("$JS.API.STREAM.INFO.KV_B {\"subjects_filter\":\"$KV.B.>\"}"),
                 QStringLiteral(
                     "$JS.API.STREAM.INFO.KV_B {\"offset\":2,\"subjects_filter\":\"$KV.B.>\"}"),
                 QStringLiteral("$JS.API.STREAM.MSG.GET.KV_B {\"last_by_subj\":\"$KV.B.a\"}")}));
    QCOMPARE(bucket.requests.size(), 2 + 4);
    QCOMPARE((*keys)->total_keys, 4);
    QVERIFY(!(*keys)->truncated());
    QCOMPARE((*keys)->entries.size(), 3);  // "gone" went away between the two requests
    QCOMPARE((*keys)->entries[0].name, QStringLiteral("a"));
    QCOMPARE((*keys)->entries[1].name, QStringLiteral("b"));
    QCOMPARE((*keys)->entries[1].revision, 3);
    QCOMPARE((*keys)->entries[1].value, QByteArrayLiteral("3"));
    QCOMPARE((*keys)->entries[2].name, QStringLiteral("c"));
    QCOMPARE((*keys)->entries[2].operation, KvOperation::Delete);
    QCOMPARE((*keys)->counts.value(QStringLiteral("b")), 2);
    QVERIFY(!fetcher.isBusy());
}

void TstKvUnits::keysFetcherIsBounded() {
    FakeBucket bucket;
    for (int i = 0; i < KvKeysFetcher::kMaxKeys + 5; ++i)
        bucket.put(QStringLiteral("k%1").arg(i, 4, 10, QLatin1Char('0')), "v");
    KvKeysFetcher fetcher(bucket.requester());
    const auto keys = fetchNow(fetcher, QStringLiteral("B"));
    QVERIFY(keys && *keys);
    QCOMPARE((*keys)->total_keys, KvKeysFetcher::kMaxKeys + 5);
    QCOMPARE((*keys)->entries.size(), KvKeysFetcher::kMaxKeys);
    QVERIFY((*keys)->truncated());
    QCOMPARE((*keys)->entries.last().name, QStringLiteral("k0999"));
    QCOMPARE(bucket.requests.size(), 1 + KvKeysFetcher::kMaxKeys);
}

void TstKvUnits::historyFetcherWalksForward() {
    FakeBucket bucket;
    bucket.put(QStringLiteral("a"), "1");
    bucket.put(QStringLiteral("b"), "first");
    bucket.put(QStringLiteral("a"), "2");
    bucket.put(QStringLiteral("b"), {}, "DEL");
    KvHistoryFetcher fetcher(bucket.requester());
    const auto all = fetchNow(fetcher, QStringLiteral("B"), QStringLiteral("b"), 5);
    QVERIFY(all && *all);
    QCOMPARE((*all)->size(), 2);
    QCOMPARE((*all)->at(0).revision, 2);
    QCOMPARE((*all)->at(0).value, QByteArrayLiteral("first"));
    QCOMPARE((*all)->at(1).revision, 4);
    QCOMPARE((*all)->at(1).operation, KvOperation::Delete);
    QCOMPARE(
        bucket.requests,
        (QStringList{
            QStringLiteral("$JS.API.STREAM.MSG.GET.KV_B {\"next_by_subj\":\"$KV.B.b\",\"seq\":1}"),
            QStringLiteral("$JS.API.STREAM.MSG.GET.KV_B {\"next_by_subj\":\"$KV.B.b\",\"seq\":3}"),
            QStringLiteral(
                "$JS.API.STREAM.MSG.GET.KV_B {\"next_by_subj\":\"$KV.B.b\",\"seq\":5}")}));
    bucket.requests.clear();
    const auto bounded = fetchNow(fetcher, QStringLiteral("B"), QStringLiteral("b"), 1);
    QVERIFY(bounded && *bounded);
    QCOMPARE((*bounded)->size(), 1);
    QCOMPARE(bucket.requests.size(), 1);
}

void TstKvUnits::bucketModelUnderTester() {
    KvBucketTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    KvBucketRow a{QStringLiteral("a"), 1, 10, 1, 0, QStringLiteral("file"), false, 1};
    KvBucketRow b{QStringLiteral("b"), 2, 20, 5, 60'000'000'000, QStringLiteral("memory"), true, 7};
    model.setBuckets({a, b});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, KvBucketTableModel::Ttl).data().toString(), QStringLiteral("1m"));
    QCOMPARE(model.index(1, KvBucketTableModel::Mirror).data().toString(), QStringLiteral("yes"));
    QCOMPARE(model.index(1, KvBucketTableModel::History).data(KvBucketTableModel::kSortRole),
             QVariant(qint64(5)));
    const QPersistentModelIndex kept = model.index(1, 0);
    b.values = 3;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setBuckets({b});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(kept.row(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(0, KvBucketTableModel::Values).data(KvBucketTableModel::kSortRole),
             QVariant(qint64(3)));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TstKvUnits::keyModelUnderTester() {
    KvKeyTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setKeys({entry(QStringLiteral("a"), 1), entry(QStringLiteral("b"), 3)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(QStringLiteral("b")), 1);
    QCOMPARE(model.index(1, KvKeyTableModel::Revision).data(KvKeyTableModel::kSortRole),
             QVariant(qint64(3)));
    QCOMPARE(model.index(1, KvKeyTableModel::Size).data(KvKeyTableModel::kSortRole),
             QVariant(qint64(1)));
    QCOMPARE(model.index(1, KvKeyTableModel::Operation).data().toString(), QStringLiteral("PUT"));
    QCOMPARE(model.index(1, KvKeyTableModel::Size).data().toString(), QStringLiteral("1 byte"));
    model.setKeys(
        {entry(QStringLiteral("b"), 4, KvOperation::Purge), entry(QStringLiteral("c"), 5)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.entry(0).name, QStringLiteral("b"));
    QCOMPARE(model.index(0, KvKeyTableModel::Operation).data().toString(), QStringLiteral("PURGE"));
    model.setHistory(
        {entry(QStringLiteral("b"), 2), entry(QStringLiteral("b"), 4, KvOperation::Delete)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(QStringLiteral("4")), 1);
    QCOMPARE(model.index(1, KvKeyTableModel::Operation).data().toString(), QStringLiteral("DEL"));
}

QTEST_MAIN(TstKvUnits)
#include "tst_kv_units.moc"
