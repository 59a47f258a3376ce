// SequenceTracker and DeliveryCheck: losses, duplicates, reordering, per receiver and per group.
#include "app/bench/sequence_tracker.h"

#include <QtTest>

#include <utility>
#include <vector>

using nwb::bench::DeliveryCheck;
using nwb::bench::SequenceTracker;

/// (publisher, sequence) pairs in arrival order.
using Arrivals = std::vector<std::pair<quint32, quint64>>;
Q_DECLARE_METATYPE(Arrivals)

namespace {

SequenceTracker replay(const Arrivals& arrivals, std::vector<std::uint64_t> expected) {
    SequenceTracker t(std::move(expected));
    for (const auto& [p, s] : arrivals) t.record(p, s);
    return t;
}

}  // namespace

class TstSequenceTracker : public QObject {
    Q_OBJECT

private slots:
    void single_data() {
        QTest::addColumn<Arrivals>("arrivals");
        QTest::addColumn<quint64>("lost");
        QTest::addColumn<quint64>("duplicates");
        QTest::addColumn<quint64>("out_of_order");
        QTest::addColumn<quint64>("invalid");
        QTest::addColumn<QString>("text");
        // Two publishers sending 3 and 2 messages.
        QTest::newRow("all in order")
            << Arrivals{{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0, 2}} << quint64(0) << quint64(0)
            << quint64(0) << quint64(0) << "ok";
        QTest::newRow("interleaving publishers is fine")
            << Arrivals{{1, 0}, {1, 1}, {0, 0}, {0, 1}, {0, 2}} << quint64(0) << quint64(0)
            << quint64(0) << quint64(0) << "ok";
        QTest::newRow("one lost") << Arrivals{{0, 0}, {0, 2}, {1, 0}, {1, 1}} << quint64(1)
                                  << quint64(0) << quint64(0) << quint64(0) << "LOST 1";
        QTest::newRow("nothing") << Arrivals{} << quint64(5) << quint64(0) << quint64(0)
                                 << quint64(0) << "LOST 5";
        QTest::newRow("duplicate")
            << Arrivals{{0, 0}, {0, 1}, {0, 1}, {0, 2}, {1, 0}, {1, 1}} << quint64(0) << quint64(1)
            << quint64(0) << quint64(0) << "DUPLICATED 1";
        QTest::newRow("reordered") << Arrivals{{0, 1}, {0, 0}, {0, 2}, {1, 0}, {1, 1}} << quint64(0)
                                   << quint64(0) << quint64(1) << quint64(0) << "OUT OF ORDER 1";
        QTest::newRow("unknown publisher")
            << Arrivals{{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {2, 0}} << quint64(0) << quint64(0)
            << quint64(0) << quint64(1) << "INVALID 1";
        QTest::newRow("sequence beyond count")
            << Arrivals{{0, 0}, {0, 1}, {0, 3}, {1, 0}, {1, 1}} << quint64(1) << quint64(0)
            << quint64(0) << quint64(1) << "LOST 1, INVALID 1";
        QTest::newRow("everything twice")
            << Arrivals{{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1},
                        {0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}}
            << quint64(0) << quint64(5) << quint64(0) << quint64(0) << "DUPLICATED 5";
    }
    void single() {
        QFETCH(Arrivals, arrivals);
        QFETCH(quint64, lost);
        QFETCH(quint64, duplicates);
        QFETCH(quint64, out_of_order);
        QFETCH(quint64, invalid);
        QFETCH(QString, text);
        const SequenceTracker t = replay(arrivals, {3, 2});
        const SequenceTracker* trackers[] = {&t};
        const DeliveryCheck c = SequenceTracker::checkEach(trackers);
        QCOMPARE(c.expected, std::uint64_t{5});
        QCOMPARE(c.received, std::uint64_t(arrivals.size()));
        QCOMPARE(quint64(c.lost), lost);
        QCOMPARE(quint64(c.duplicates), duplicates);
        QCOMPARE(quint64(c.out_of_order), out_of_order);
        QCOMPARE(quint64(c.invalid), invalid);
        QCOMPARE(QString::fromStdString(c.describe()), text);
        QCOMPARE(c.ok(), text == "ok");
    }

    void outcomes() {
        SequenceTracker t({4});
        QCOMPARE(t.record(0, 1), SequenceTracker::Outcome::Ok);
        QCOMPARE(t.record(0, 0), SequenceTracker::Outcome::OutOfOrder);
        QCOMPARE(t.record(0, 1), SequenceTracker::Outcome::Duplicate);
        QCOMPARE(t.record(0, 4), SequenceTracker::Outcome::Invalid);
        QCOMPARE(t.record(1, 0), SequenceTracker::Outcome::Invalid);
        QCOMPARE(t.record(0, 3), SequenceTracker::Outcome::Ok);
        t.recordInvalid();
        QCOMPARE(t.received(), std::uint64_t{7});
        QCOMPARE(t.distinct(), std::uint64_t{3});
        QCOMPARE(t.expectedTotal(), std::uint64_t{4});
    }

    void largeSequences() {
        // Bits beyond the first word, and the last one.
        SequenceTracker t({1000});
        for (std::uint64_t s = 0; s < 1000; ++s) {
            if (s != 64 && s != 999) t.record(0, s);
        }
        t.record(0, 130);
        const SequenceTracker* trackers[] = {&t};
        const auto c = SequenceTracker::checkEach(trackers);
        QCOMPARE(c.lost, std::uint64_t{2});
        QCOMPARE(c.duplicates, std::uint64_t{1});
    }

    void fanOut() {
        // Every subscriber must see everything: losses add up per subscriber.
        const auto a = replay({{0, 0}, {0, 1}, {0, 2}}, {3});
        const auto b = replay({{0, 0}, {0, 2}}, {3});
        const auto c = replay({{0, 0}, {0, 1}, {0, 1}, {0, 2}}, {3});
        const SequenceTracker* trackers[] = {&a, &b, &c};
        const auto check = SequenceTracker::checkEach(trackers);
        QCOMPARE(check.expected, std::uint64_t{9});
        QCOMPARE(check.received, std::uint64_t{9});
        QCOMPARE(check.lost, std::uint64_t{1});
        QCOMPARE(check.duplicates, std::uint64_t{1});
        QCOMPARE(QString::fromStdString(check.describe()), QString("LOST 1, DUPLICATED 1"));
    }

    void queueGroup_data() {
        QTest::addColumn<Arrivals>("first");
        QTest::addColumn<Arrivals>("second");
        QTest::addColumn<quint64>("lost");
        QTest::addColumn<quint64>("duplicates");
        // One publisher, 4 messages, shared by two members.
        QTest::newRow("split") << Arrivals{{0, 0}, {0, 2}} << Arrivals{{0, 1}, {0, 3}} << quint64(0)
                               << quint64(0);
        QTest::newRow("all to one")
            << Arrivals{{0, 0}, {0, 1}, {0, 2}, {0, 3}} << Arrivals{} << quint64(0) << quint64(0);
        QTest::newRow("to both members") << Arrivals{{0, 0}, {0, 1}, {0, 2}}
                                         << Arrivals{{0, 2}, {0, 3}} << quint64(0) << quint64(1);
        QTest::newRow("twice to one") << Arrivals{{0, 0}, {0, 0}, {0, 1}}
                                      << Arrivals{{0, 2}, {0, 3}} << quint64(0) << quint64(1);
        QTest::newRow("lost") << Arrivals{{0, 0}} << Arrivals{{0, 3}} << quint64(2) << quint64(0);
        QTest::newRow("lost and duplicated")
            << Arrivals{{0, 0}, {0, 1}} << Arrivals{{0, 1}} << quint64(2) << quint64(1);
    }
    void queueGroup() {
        QFETCH(Arrivals, first);
        QFETCH(Arrivals, second);
        QFETCH(quint64, lost);
        QFETCH(quint64, duplicates);
        const auto a = replay(first, {4});
        const auto b = replay(second, {4});
        const SequenceTracker* trackers[] = {&a, &b};
        const auto check = SequenceTracker::checkUnion(trackers);
        QCOMPARE(check.expected, std::uint64_t{4});
        QCOMPARE(check.received, std::uint64_t(first.size() + second.size()));
        QCOMPARE(quint64(check.lost), lost);
        QCOMPARE(quint64(check.duplicates), duplicates);
    }

    void sums() {
        DeliveryCheck a{10, 9, 1, 0, 0, 0};
        const DeliveryCheck b{5, 6, 0, 1, 2, 3};
        a += b;
        QCOMPARE(a.expected, std::uint64_t{15});
        QCOMPARE(a.received, std::uint64_t{15});
        QCOMPARE(QString::fromStdString(a.describe()),
                 QString("LOST 1, DUPLICATED 1, OUT OF ORDER 2, INVALID 3"));
    }

    void excludeUnsent_data() {
        QTest::addColumn<quint64>("lost");
        QTest::addColumn<quint64>("unsent");
        QTest::addColumn<quint64>("expected_after");
        QTest::addColumn<quint64>("lost_after");
        QTest::newRow("all unsent were the lost ones")
            << quint64(30) << quint64(30) << quint64(70) << quint64(0);
        QTest::newRow("more lost than unsent")
            << quint64(30) << quint64(10) << quint64(90) << quint64(20);
        QTest::newRow("saturates") << quint64(5) << quint64(500) << quint64(0) << quint64(0);
    }
    void excludeUnsent() {
        QFETCH(quint64, lost);
        QFETCH(quint64, unsent);
        QFETCH(quint64, expected_after);
        QFETCH(quint64, lost_after);
        DeliveryCheck c{100, 100 - lost, lost, 0, 0, 0};
        c.excludeUnsent(unsent);
        QCOMPARE(quint64(c.expected), expected_after);
        QCOMPARE(quint64(c.lost), lost_after);
    }
};

QTEST_APPLESS_MAIN(TstSequenceTracker)
#include "tst_sequence_tracker.moc"
