// The subject browser's models: the subject tree, the message ring and the filter proxy, each
// under QAbstractItemModelTester while batches arrive, rows are trimmed and the model is cleared.
#include "ui/browser/message_filter_proxy.h"
#include "ui/browser/message_list_model.h"
#include "ui/browser/subject_tree_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using nwb::ui::MessageFilterProxy;
using nwb::ui::MessageListModel;
using nwb::ui::ReceivedMessage;
using nwb::ui::SubjectTreeModel;

namespace {

ReceivedMessage msg(const QString& subject, const QByteArray& payload = {}, qint64 ms = 0) {
    static quint64 sequence = 0;
    ReceivedMessage m;
    m.sequence = ++sequence;
    m.received_ms = ms;
    m.subject = subject;
    m.payload = payload;
    return m;
}

QList<ReceivedMessage> numbered(int from, int to) {
    QList<ReceivedMessage> batch;
    for (int i = from; i <= to; ++i)
        batch << msg(QStringLiteral("n.%1").arg(i), QByteArray::number(i));
    return batch;
}

quint64 count(const SubjectTreeModel& model, const QString& subject) {
    const QModelIndex index = model.indexForSubject(subject);
    return index.isValid() ? index.data(SubjectTreeModel::CountRole).toULongLong() : 0;
}

QStringList childTokens(const SubjectTreeModel& model, const QString& subject) {
    const QModelIndex parent = subject.isEmpty() ? QModelIndex() : model.indexForSubject(subject);
    QStringList tokens;
    for (int row = 0; row < model.rowCount(parent); ++row)
        tokens << model.index(row, 0, parent).data().toString();
    return tokens;
}

QStringList visibleSubjects(const QAbstractItemModel& model) {
    QStringList subjects;
    for (int row = 0; row < model.rowCount(); ++row)
        subjects << model.index(row, MessageListModel::SubjectColumn).data().toString();
    return subjects;
}

QStringList visiblePayloads(const QAbstractItemModel& model) {
    QStringList payloads;
    for (int row = 0; row < model.rowCount(); ++row)
        payloads << model.index(row, MessageListModel::PayloadColumn).data().toString();
    return payloads;
}

}  // namespace

class TstBrowserModels : public QObject {
    Q_OBJECT
private slots:
    void treeCountsPerNode();
    void treeSignalsAreCoalesced();
    void treeRatesAfterTick();
    void treeSubjectFor();
    void treeNodeCap();
    void treeClear();
    void ringKeepsNewest();
    void ringBatchLargerThanCapacity();
    void ringCapacityShrinks();
    void pauseHoldsAndResumeAppends();
    void pauseHoldIsBounded();
    void droppedUpstreamSums();
    void listColumns();
    void wildcardMatcher_data();
    void wildcardMatcher();
    void proxyFilters();
};

void TstBrowserModels::treeCountsPerNode() {
    SubjectTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addBatch({msg("a.b.c", "1"), msg("a.b.d", "2"), msg("a.x", "3"), msg("a.b.c", "4")});
    model.addBatch({msg("a.b", "5"), msg("z", "6"), msg("a.b.c", "7"), msg("m.n", "8")});

    QCOMPARE(childTokens(model, {}), (QStringList{"a", "m", "z"}));
    QCOMPARE(childTokens(model, "a"), (QStringList{"b", "x"}));
    QCOMPARE(childTokens(model, "a.b"), (QStringList{"c", "d"}));
    QCOMPARE(count(model, "a"), 6u);
    QCOMPARE(count(model, "a.b"), 5u);
    QCOMPARE(count(model, "a.b.c"), 3u);
    QCOMPARE(count(model, "a.b.d"), 1u);
    QCOMPARE(count(model, "a.x"), 1u);
    QCOMPARE(count(model, "z"), 1u);
    QCOMPARE(count(model, "m"), 1u);
    QCOMPARE(count(model, "m.n"), 1u);
    QCOMPARE(model.ownCount(model.indexForSubject("a.b")), 1u);
    QCOMPARE(model.ownCount(model.indexForSubject("a")), 0u);
    QCOMPARE(model.nodeCount(), 8);
    QCOMPARE(model.totalMessages(), 8u);

    // The displayed columns: messages, and the last payload at exactly that subject.
    const QModelIndex abc = model.indexForSubject("a.b.c");
    QCOMPARE(abc.siblingAtColumn(SubjectTreeModel::MessagesColumn).data().toULongLong(), 3u);
    QCOMPARE(abc.siblingAtColumn(SubjectTreeModel::PayloadColumn).data().toString(), "7");
    QCOMPARE(model.indexForSubject("a.b")
                 .siblingAtColumn(SubjectTreeModel::PayloadColumn)
                 .data()
                 .toString(),
             "5");
    QCOMPARE(model.indexForSubject("a")
                 .siblingAtColumn(SubjectTreeModel::PayloadColumn)
                 .data()
                 .toString(),
             "");
}

void TstBrowserModels::treeSignalsAreCoalesced() {
    SubjectTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addBatch({msg("a.b"), msg("a.c"), msg("a.d"), msg("e")});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QList<ReceivedMessage> batch;
    for (int i = 0; i < 1000; ++i) batch << msg(i % 2 ? "a.b" : "a.d");
    model.addBatch(batch);
    QCOMPARE(inserted.count(), 0);
    // One signal for the top level (a), one for a's children spanning rows b..d.
    QCOMPARE(changed.count(), 2);
    QSet<QString> spans;
    for (const auto& args : changed) {
        const auto from = args[0].toModelIndex();
        const auto to = args[1].toModelIndex();
        spans << QStringLiteral("%1:%2-%3")
                     .arg(model.subjectFor(from.parent()))
                     .arg(from.row())
                     .arg(to.row());
    }
    QCOMPARE(spans, (QSet<QString>{":0-0", "a:0-2"}));
    QCOMPARE(count(model, "a"), 1003u);

    // New nodes are inserted where the sort order puts them.
    model.addBatch({msg("a.a"), msg("a.cc"), msg("b")});
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(childTokens(model, "a"), (QStringList{"a", "b", "c", "cc", "d"}));
    QCOMPARE(childTokens(model, {}), (QStringList{"a", "b", "e"}));
}

void TstBrowserModels::treeRatesAfterTick() {
    SubjectTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Seconds 100..104: 10 messages each on s.x; second 104 also 5 on s.y; second 105: 7 on s.x.
    QList<ReceivedMessage> batch;
    for (int second = 100; second <= 104; ++second)
        for (int i = 0; i < 10; ++i) batch << msg("s.x", {}, second * 1000 + i * 50);
    for (int i = 0; i < 5; ++i) batch << msg("s.y", {}, 104'500 + i);
    for (int i = 0; i < 7; ++i) batch << msg("s.x", {}, 105'000 + i);
    model.addBatch(batch);

    auto rate = [&](const QString& subject) {
        return model.indexForSubject(subject).data(SubjectTreeModel::RateRole).toDouble();
    };
    QCOMPARE(rate("s"), 0.0);  // not ticked yet

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.tick(105'400);  // window: seconds 100..104
    QCOMPARE(rate("s.x"), 10.0);
    QCOMPARE(rate("s.y"), 1.0);
    QCOMPARE(rate("s"), 11.0);
    QCOMPARE(model.indexForSubject("s.x")
                 .siblingAtColumn(SubjectTreeModel::RateColumn)
                 .data()
                 .toString(),
             QLocale().toString(10.0, 'f', 1));
    QCOMPARE(changed.count(), 2);  // top level, and s's children

    model.tick(106'000);  // window: 101..105
    QCOMPARE(rate("s.x"), 47.0 / 5);
    QCOMPARE(rate("s.y"), 1.0);
    model.tick(110'999);  // window: 105..109
    QCOMPARE(rate("s.x"), 7.0 / 5);
    QCOMPARE(rate("s.y"), 0.0);
    QCOMPARE(rate("s"), 7.0 / 5);
    changed.clear();
    model.tick(110'999);  // nothing moved: no signal
    QCOMPARE(changed.count(), 0);
    model.tick(111'000);  // window: 106..110
    QCOMPARE(rate("s"), 0.0);
}

void TstBrowserModels::treeSubjectFor() {
    SubjectTreeModel model;
    model.addBatch({msg("orders.eu.new"), msg("orders.us")});
    const QModelIndex orders = model.index(0, 0);
    QCOMPARE(model.subjectFor(orders), "orders");
    const QModelIndex eu = model.index(0, 0, orders);
    QCOMPARE(model.subjectFor(eu), "orders.eu");
    QCOMPARE(model.subjectFor(model.index(0, 2, eu)), "orders.eu.new");
    QCOMPARE(model.subjectFor(model.index(1, 0, orders)), "orders.us");
    QCOMPARE(model.subjectFor({}), "");
    QCOMPARE(model.indexForSubject("orders.eu"), eu);
    QVERIFY(!model.indexForSubject("orders.asia").isValid());
    QCOMPARE(eu.data(SubjectTreeModel::SubjectRole).toString(), "orders.eu");
}

void TstBrowserModels::treeNodeCap() {
    SubjectTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxNodes(4);
    model.addBatch({msg("a.b"), msg("a.c"), msg("d"), msg("a.e"), msg("f.g"), msg("a.b")});
    QCOMPARE(model.nodeCount(), 4);
    QCOMPARE(childTokens(model, {}), (QStringList{"a", "d"}));
    QCOMPARE(childTokens(model, "a"), (QStringList{"b", "c"}));
    QCOMPARE(model.overflowMessages(), 2u);  // a.e (counted on a) and f.g
    QCOMPARE(count(model, "a"), 4u);
    QCOMPARE(count(model, "a.b"), 2u);
}

void TstBrowserModels::treeClear() {
    SubjectTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addBatch({msg("a.b"), msg("c")});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.nodeCount(), 0);
    QCOMPARE(model.totalMessages(), 0u);
    model.addBatch({msg("x.y")});
    QCOMPARE(count(model, "x"), 1u);
}

void TstBrowserModels::ringKeepsNewest() {
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(5);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.addBatch(numbered(1, 4));
    model.addBatch(numbered(5, 9));
    model.addBatch(numbered(10, 12));
    QCOMPARE(model.rowCount(), 5);
    QStringList payloads;
    for (int row = 0; row < 5; ++row) payloads << QString::fromUtf8(model.message(row).payload);
    QCOMPARE(payloads, (QStringList{"8", "9", "10", "11", "12"}));
    QCOMPARE(model.index(0, MessageListModel::NumberColumn).data().toULongLong(), 8u);
    QCOMPARE(model.number(4), 12u);
    QCOMPARE(model.evicted(), 7u);
    QCOMPARE(model.received(), 12u);
    QCOMPARE(removed.count(), 2);  // one removal per batch
    QCOMPARE(model.droppedUpstream(), 0u);
}

void TstBrowserModels::ringBatchLargerThanCapacity() {
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(5);
    model.addBatch(numbered(1, 2));
    model.addBatch(numbered(3, 12));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(QString::fromUtf8(model.message(0).payload), "8");
    QCOMPARE(model.evicted(), 7u);
    QCOMPARE(model.number(0), 3u);  // numbers count rows shown, not messages skipped
}

void TstBrowserModels::ringCapacityShrinks() {
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.capacity(), MessageListModel::kDefaultCapacity);
    model.addBatch(numbered(1, 10));
    model.setCapacity(3);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(QString::fromUtf8(model.message(0).payload), "8");
    QCOMPARE(model.evicted(), 7u);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.evicted(), 0u);
    QCOMPARE(model.received(), 0u);
    model.addBatch(numbered(1, 1));
    QCOMPARE(model.number(0), 1u);
}

void TstBrowserModels::pauseHoldsAndResumeAppends() {
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addBatch(numbered(1, 2));
    model.setPaused(true);
    model.addBatch(numbered(3, 4));
    model.addBatch(numbered(5, 5));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.heldCount(), 3);
    QCOMPARE(model.received(), 5u);
    model.setPaused(false);
    QCOMPARE(model.heldCount(), 0);
    QStringList payloads;
    for (int row = 0; row < model.rowCount(); ++row)
        payloads << QString::fromUtf8(model.message(row).payload);
    QCOMPARE(payloads, (QStringList{"1", "2", "3", "4", "5"}));
    QCOMPARE(model.droppedWhilePaused(), 0u);
}

void TstBrowserModels::pauseHoldIsBounded() {
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(4);
    model.addBatch(numbered(1, 2));
    model.setPaused(true);
    model.addBatch(numbered(3, 8));
    QCOMPARE(model.heldCount(), 4);
    QCOMPARE(model.droppedWhilePaused(), 2u);  // 3 and 4
    model.setPaused(false);
    QStringList payloads;
    for (int row = 0; row < model.rowCount(); ++row)
        payloads << QString::fromUtf8(model.message(row).payload);
    QCOMPARE(payloads, (QStringList{"5", "6", "7", "8"}));
    QCOMPARE(model.evicted(), 2u);  // 1 and 2 made room
}

void TstBrowserModels::droppedUpstreamSums() {
    MessageListModel model;
    QSignalSpy counters(&model, &MessageListModel::countersChanged);
    model.addBatch(numbered(1, 1), 3);
    model.addBatch({}, 4);
    model.setPaused(true);
    model.addBatch(numbered(2, 2), 5);
    QCOMPARE(model.droppedUpstream(), 12u);
    QCOMPARE(counters.count(), 4);  // three batches and the pause
}

void TstBrowserModels::listColumns() {
    MessageListModel model;
    ReceivedMessage m =
        msg("orders.new", QByteArray("{\"id\":1,\n\t\"x\":\x01}") + QByteArray(100, 'y'),
            QDateTime(QDate(2026, 1, 2), QTime(13, 4, 5, 67)).toMSecsSinceEpoch());
    model.addBatch({m});
    QCOMPARE(model.columnCount(), 5);
    QCOMPARE(model.index(0, MessageListModel::NumberColumn).data().toULongLong(), 1u);
    QCOMPARE(model.index(0, MessageListModel::TimeColumn).data().toString(), "13:04:05.067");
    QCOMPARE(model.index(0, MessageListModel::SubjectColumn).data().toString(), "orders.new");
    QCOMPARE(model.index(0, MessageListModel::SizeColumn).data().toLongLong(), 116);
    const QString preview = model.index(0, MessageListModel::PayloadColumn).data().toString();
    QCOMPARE(preview,
             QStringLiteral("{\"id\":1,  \"x\":\u00b7}") + QString(64, u'y') + QChar(0x2026));
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), "Subject");
}

void TstBrowserModels::wildcardMatcher_data() {
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<bool>("matches");
    QTest::newRow("literal") << "a.b"
                             << "a.b" << true;
    QTest::newRow("literal other") << "a.b"
                                   << "a.c" << false;
    QTest::newRow("literal longer") << "a.b"
                                    << "a.b.c" << false;
    QTest::newRow("literal shorter") << "a.b.c"
                                     << "a.b" << false;
    QTest::newRow("star") << "a.*.c"
                          << "a.b.c" << true;
    QTest::newRow("star not two") << "a.*.c"
                                  << "a.b.x.c" << false;
    QTest::newRow("star end") << "a.*"
                              << "a.b" << true;
    QTest::newRow("star end short") << "a.*"
                                    << "a" << false;
    QTest::newRow("gt") << "a.>"
                        << "a.b.c" << true;
    QTest::newRow("gt one") << "a.>"
                            << "a.b" << true;
    QTest::newRow("gt none") << "a.>"
                             << "a" << false;
    QTest::newRow("gt all") << ">"
                            << "x.y" << true;
    QTest::newRow("star gt") << "*.>"
                             << "x" << false;
    QTest::newRow("prefix not token") << "ab"
                                      << "abc" << false;
    QTest::newRow("gt inside is literal") << "a.>.c"
                                          << "a.b.c" << false;
}

void TstBrowserModels::wildcardMatcher() {
    QFETCH(QString, pattern);
    QFETCH(QString, subject);
    QFETCH(bool, matches);
    QCOMPARE(MessageFilterProxy::subjectMatches(pattern, subject), matches);
}

void TstBrowserModels::proxyFilters() {
    MessageListModel source;
    MessageFilterProxy proxy;
    proxy.setSourceModel(&source);
    QAbstractItemModelTester source_tester(&source,
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    source.setCapacity(6);
    source.addBatch({msg("a.b.c", "Hello"), msg("a.x.c", "world"), msg("a.b.d", "HELLO there"),
                     msg("b.c", "other"), msg("a.b", "greeting: hello")});

    proxy.setSubjectFilter("a.*.c");
    QCOMPARE(visibleSubjects(proxy), (QStringList{"a.b.c", "a.x.c"}));
    proxy.setSubjectFilter("a.>");
    QCOMPARE(visibleSubjects(proxy), (QStringList{"a.b.c", "a.x.c", "a.b.d", "a.b"}));
    proxy.setQuickFilter("hello");
    QCOMPARE(visiblePayloads(proxy), (QStringList{"Hello", "HELLO there", "greeting: hello"}));
    proxy.setSubjectFilter({});
    proxy.setQuickFilter("B.C");  // subject text, case-insensitive
    QCOMPARE(visibleSubjects(proxy), (QStringList{"a.b.c", "b.c"}));

    // New rows are filtered as they arrive; trimmed rows leave the proxy too.
    proxy.setQuickFilter({});
    proxy.setSubjectFilter("a.*.c");
    source.addBatch({msg("a.q.c", "new"), msg("z", "new")});
    QCOMPARE(visibleSubjects(proxy), (QStringList{"a.x.c", "a.q.c"}));  // a.b.c evicted
    source.clear();
    QCOMPARE(proxy.rowCount(), 0);
}

QTEST_MAIN(TstBrowserModels)
#include "tst_browser_models.moc"
