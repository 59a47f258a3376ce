// The JetStream scenarios' pure parts: which names need JetStream, the final-state checks of a
// stream and a consumer, KV key names, kv-get's random order and filesystem names.
#include "app/bench/js_checks.h"

#include <QtTest>

#include <algorithm>
#include <numeric>
#include <string>

using namespace nwb::bench;

class TstJsChecks : public QObject {
    Q_OBJECT

private slots:
    void jetStreamNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("jetstream");
        QTest::newRow("js-pub-sync") << "js-pub-sync" << true;
        QTest::newRow("js-fetch-ack") << "js-fetch-ack" << true;
        QTest::newRow("kv-get") << "kv-get" << true;
        QTest::newRow("pub") << "pub" << false;
        QTest::newRow("req-open") << "req-open" << false;
        QTest::newRow("no dash") << "js" << false;
    }
    void jetStreamNames() {
        QFETCH(QString, name);
        QFETCH(bool, jetstream);
        QCOMPARE(isJetStreamScenario(name.toStdString()), jetstream);
    }

    void streamCounts_data() {
        QTest::addColumn<quint64>("msgs");
        QTest::addColumn<quint64>("first");
        QTest::addColumn<quint64>("last");
        QTest::addColumn<quint64>("expected");
        QTest::addColumn<QString>("problem");
        QTest::newRow("exact") << quint64(100) << quint64(1) << quint64(100) << quint64(100) << "";
        QTest::newRow("empty") << quint64(0) << quint64(0) << quint64(0) << quint64(0) << "";
        QTest::newRow("lost one")
            << quint64(99) << quint64(1) << quint64(99) << quint64(100)
            << "the stream holds 99 messages (sequences 1..99), expected 100 (1..100)";
        QTest::newRow("stored twice")
            << quint64(101) << quint64(1) << quint64(101) << quint64(100)
            << "the stream holds 101 messages (sequences 1..101), expected 100 (1..100)";
        QTest::newRow("gap in sequences")
            << quint64(100) << quint64(1) << quint64(101) << quint64(100)
            << "the stream holds 100 messages (sequences 1..101), expected 100 (1..100)";
        QTest::newRow("not from 1")
            << quint64(100) << quint64(2) << quint64(100) << quint64(100)
            << "the stream holds 100 messages (sequences 2..100), expected 100 (1..100)";
    }
    void streamCounts() {
        QFETCH(quint64, msgs);
        QFETCH(quint64, first);
        QFETCH(quint64, last);
        QFETCH(quint64, expected);
        QFETCH(QString, problem);
        QCOMPARE(QString::fromStdString(checkStreamCounts({msgs, first, last}, expected)), problem);
    }

    void consumerCounts_data() {
        QTest::addColumn<quint64>("deliveries");
        QTest::addColumn<quint64>("delivered_stream");
        QTest::addColumn<quint64>("ack_floor");
        QTest::addColumn<quint64>("ack_pending");
        QTest::addColumn<quint64>("redelivered");
        QTest::addColumn<quint64>("pending");
        QTest::addColumn<bool>("acked");
        QTest::addColumn<QString>("problem");
        QTest::newRow("all acked") << quint64(50) << quint64(50) << quint64(50) << quint64(0)
                                   << quint64(0) << quint64(0) << true << "";
        QTest::newRow("no acks needed") << quint64(50) << quint64(50) << quint64(0) << quint64(0)
                                        << quint64(0) << quint64(0) << false << "";
        QTest::newRow("acks outstanding")
            << quint64(50) << quint64(50) << quint64(47) << quint64(3) << quint64(0) << quint64(0)
            << true
            << "the consumer of 50 messages reports 3 unacknowledged, ack floor at stream sequence "
               "47";
        QTest::newRow("redelivered")
            << quint64(52) << quint64(50) << quint64(50) << quint64(0) << quint64(2) << quint64(0)
            << true << "the consumer of 50 messages reports 52 deliveries, 2 redelivered";
        QTest::newRow("left behind")
            << quint64(40) << quint64(40) << quint64(40) << quint64(0) << quint64(0) << quint64(10)
            << false
            << "the consumer of 50 messages reports delivered up to stream sequence 40, 40 "
               "deliveries, 10 still pending";
    }
    void consumerCounts() {
        QFETCH(quint64, deliveries);
        QFETCH(quint64, delivered_stream);
        QFETCH(quint64, ack_floor);
        QFETCH(quint64, ack_pending);
        QFETCH(quint64, redelivered);
        QFETCH(quint64, pending);
        QFETCH(bool, acked);
        QFETCH(QString, problem);
        const ConsumerCounts counts{deliveries,  delivered_stream, ack_floor,
                                    ack_pending, redelivered,      pending};
        QCOMPARE(QString::fromStdString(checkConsumerCounts(counts, 50, acked)), problem);
    }

    void keys() {
        QCOMPARE(QString::fromStdString(kvKey(0)), QString("k0"));
        QCOMPARE(QString::fromStdString(kvKey(12345)), QString("k12345"));
    }

    void shuffled() {
        const auto order = shuffledIndexes(1000, 42);
        QCOMPARE(order.size(), std::size_t{1000});
        auto sorted = order;
        std::sort(sorted.begin(), sorted.end());
        std::vector<std::uint64_t> all(1000);
        std::iota(all.begin(), all.end(), std::uint64_t{0});
        QVERIFY(sorted == all);                       // each index exactly once
        QVERIFY(order != all);                        // not left in order
        QVERIFY(order == shuffledIndexes(1000, 42));  // the seed decides
        QVERIFY(order != shuffledIndexes(1000, 43));
        QVERIFY(shuffledIndexes(0, 1).empty());
    }

    void filesystems() {
        QCOMPARE(QString::fromStdString(filesystemName(0xEF53)), QString("ext4"));
        QCOMPARE(QString::fromStdString(filesystemName(0x01021994)), QString("tmpfs"));
        QCOMPARE(QString::fromStdString(filesystemName(0x58465342)), QString("xfs"));
        QCOMPARE(QString::fromStdString(filesystemName(0x1234)), QString("filesystem 0x1234"));
    }
};

QTEST_APPLESS_MAIN(TstJsChecks)
#include "tst_js_checks.moc"
