// LatencyHistogram: bucket boundaries, percentiles, merging, and the relative-error bound.
#include "app/bench/latency_histogram.h"

#include <QtTest>

#include <cstdint>
#include <vector>

using nwb::bench::LatencyHistogram;

using Values = std::vector<quint64>;
Q_DECLARE_METATYPE(Values)

class TstLatencyHistogram : public QObject {
    Q_OBJECT

private slots:
    void buckets_data() {
        QTest::addColumn<quint64>("value");
        QTest::addColumn<quint64>("index");
        QTest::addColumn<quint64>("lowest");
        QTest::addColumn<quint64>("highest");
        QTest::newRow("zero") << quint64(0) << quint64(0) << quint64(0) << quint64(0);
        QTest::newRow("one") << quint64(1) << quint64(1) << quint64(1) << quint64(1);
        QTest::newRow("last exact") << quint64(127) << quint64(127) << quint64(127) << quint64(127);
        QTest::newRow("first of k=0")
            << quint64(128) << quint64(128) << quint64(128) << quint64(128);
        QTest::newRow("last of k=0")
            << quint64(255) << quint64(255) << quint64(255) << quint64(255);
        QTest::newRow("first of k=1")
            << quint64(256) << quint64(256) << quint64(256) << quint64(257);
        QTest::newRow("second of pair")
            << quint64(257) << quint64(256) << quint64(256) << quint64(257);
        QTest::newRow("k=1 next") << quint64(258) << quint64(257) << quint64(258) << quint64(259);
        QTest::newRow("last of k=1")
            << quint64(511) << quint64(383) << quint64(510) << quint64(511);
        QTest::newRow("1000") << quint64(1000) << quint64(506) << quint64(1000) << quint64(1003);
        QTest::newRow("1 ms") << quint64(1'000'000) << quint64(1780) << quint64(999'424)
                              << quint64(1'003'519);
        QTest::newRow("max") << ~quint64(0) << quint64(7423) << quint64(0xFF00000000000000ull)
                             << ~quint64(0);
    }
    void buckets() {
        QFETCH(quint64, value);
        QFETCH(quint64, index);
        QFETCH(quint64, lowest);
        QFETCH(quint64, highest);
        QCOMPARE(quint64(LatencyHistogram::bucketIndex(value)), index);
        QCOMPARE(quint64(LatencyHistogram::bucketLowest(index)), lowest);
        QCOMPARE(quint64(LatencyHistogram::bucketHighest(index)), highest);
        QVERIFY(index < LatencyHistogram::kBucketCount);
    }

    void bucketsAreContiguous() {
        // Each bucket starts right after the previous one ends, up to the last.
        for (std::size_t i = 1; i < LatencyHistogram::kBucketCount; ++i) {
            QCOMPARE(LatencyHistogram::bucketLowest(i), LatencyHistogram::bucketHighest(i - 1) + 1);
            QCOMPARE(LatencyHistogram::bucketIndex(LatencyHistogram::bucketLowest(i)), i);
            QCOMPARE(LatencyHistogram::bucketIndex(LatencyHistogram::bucketHighest(i)), i);
        }
        QCOMPARE(LatencyHistogram::bucketHighest(LatencyHistogram::kBucketCount - 1),
                 ~std::uint64_t{0});
    }

    void relativeErrorBound() {
        // Bucket width / lowest value stays below 1/128 everywhere (2 significant digits).
        for (std::size_t i = LatencyHistogram::kSubBucketCount; i < LatencyHistogram::kBucketCount;
             ++i) {
            const auto width =
                LatencyHistogram::bucketHighest(i) - LatencyHistogram::bucketLowest(i) + 1;
            QVERIFY(width * 128 <= LatencyHistogram::bucketLowest(i));
        }
    }

    void percentiles_data() {
        QTest::addColumn<Values>("values");
        QTest::addColumn<double>("percentile");
        QTest::addColumn<quint64>("expected");
        Values hundred;
        for (quint64 v = 1; v <= 100; ++v) hundred.push_back(v);
        QTest::newRow("empty") << Values{} << 50.0 << quint64(0);
        QTest::newRow("single p50") << Values{42} << 50.0 << quint64(42);
        QTest::newRow("single p0") << Values{42} << 0.0 << quint64(42);
        QTest::newRow("1..100 p50") << hundred << 50.0 << quint64(50);
        QTest::newRow("1..100 p90") << hundred << 90.0 << quint64(90);
        QTest::newRow("1..100 p99") << hundred << 99.0 << quint64(99);
        QTest::newRow("1..100 p99.9") << hundred << 99.9 << quint64(100);
        QTest::newRow("1..100 p100") << hundred << 100.0 << quint64(100);
        QTest::newRow("1..100 p0") << hundred << 0.0 << quint64(1);
        QTest::newRow("1..100 p0.5") << hundred << 0.5 << quint64(1);
        QTest::newRow("1..100 p1") << hundred << 1.0 << quint64(1);
        // Above 255 a bucket spans several values; the answer is its upper end...
        QTest::newRow("upper end") << Values{1000, 5000, 9000} << 50.0 << quint64(5023);
        // ...but never more than the largest value recorded.
        QTest::newRow("clamped to max") << Values{1000, 1000, 1001} << 50.0 << quint64(1001);
        QTest::newRow("outlier p99")
            << Values{10, 10, 10, 10, 10, 10, 10, 10, 10, 1'000'000} << 99.0 << quint64(1'000'000);
        QTest::newRow("outlier p90")
            << Values{10, 10, 10, 10, 10, 10, 10, 10, 10, 1'000'000} << 90.0 << quint64(10);
    }
    void percentiles() {
        QFETCH(Values, values);
        QFETCH(double, percentile);
        QFETCH(quint64, expected);
        LatencyHistogram h;
        for (const auto v : values) h.record(v);
        QCOMPARE(quint64(h.valueAtPercentile(percentile)), expected);
    }

    void rankWithThousandValues() {
        // 99.9% of 1000 is exactly rank 999: binary rounding must not push it to 1000.
        LatencyHistogram h;
        for (quint64 v = 1; v <= 999; ++v) h.record(1);
        h.record(100);
        QCOMPARE(h.valueAtPercentile(99.9), std::uint64_t{1});
        QCOMPARE(h.valueAtPercentile(99.95), std::uint64_t{100});
    }

    void summary() {
        LatencyHistogram h;
        QCOMPARE(h.count(), std::uint64_t{0});
        QCOMPARE(h.min(), std::uint64_t{0});
        QCOMPARE(h.max(), std::uint64_t{0});
        QCOMPARE(h.mean(), 0.0);
        h.record(10);
        h.record(30, 3);
        QCOMPARE(h.count(), std::uint64_t{4});
        QCOMPARE(h.min(), std::uint64_t{10});
        QCOMPARE(h.max(), std::uint64_t{30});
        QCOMPARE(h.mean(), 25.0);
        h.record(7, 0);  // no-op
        QCOMPARE(h.count(), std::uint64_t{4});
        QCOMPARE(h.min(), std::uint64_t{10});
        h.reset();
        QCOMPARE(h.count(), std::uint64_t{0});
        QCOMPARE(h.valueAtPercentile(50), std::uint64_t{0});
    }

    void merge() {
        LatencyHistogram a;
        LatencyHistogram b;
        LatencyHistogram both;
        for (quint64 v = 1; v <= 50; ++v) {
            a.record(v * 1000);
            both.record(v * 1000);
        }
        for (quint64 v = 51; v <= 100; ++v) {
            b.record(v * 1000);
            both.record(v * 1000);
        }
        a.merge(b);
        a.merge(LatencyHistogram{});
        QCOMPARE(a.count(), both.count());
        QCOMPARE(a.min(), std::uint64_t{1000});
        QCOMPARE(a.max(), std::uint64_t{100'000});
        QCOMPARE(a.mean(), both.mean());
        for (const double p : {0.0, 10.0, 50.0, 90.0, 99.0, 99.9, 100.0}) {
            QCOMPARE(a.valueAtPercentile(p), both.valueAtPercentile(p));
        }
        QCOMPARE(a.valueAtPercentile(50), std::uint64_t{50'175});  // bucket [49'920, 50'175]
    }
};

QTEST_APPLESS_MAIN(TstLatencyHistogram)
#include "tst_latency_histogram.moc"
