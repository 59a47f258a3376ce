// nwb-bench's CPU placement: CPU list syntax, the --pin split, and affinity on this process.
#include "app/bench/cpu_placement.h"

#include <QtTest>

#include <atomic>
#include <optional>
#include <string>
#include <thread>

using namespace nwb::bench;

Q_DECLARE_METATYPE(nwb::bench::CpuList)

class TstCpuPlacement : public QObject {
    Q_OBJECT

private slots:
    void lists_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<CpuList>("cpus");
        QTest::addColumn<QString>("formatted");
        QTest::newRow("one") << "1" << true << CpuList{1} << "1";
        QTest::newRow("range") << "0-3" << true << CpuList{0, 1, 2, 3} << "0-3";
        QTest::newRow("mixed") << "5,0-2" << true << CpuList{0, 1, 2, 5} << "0-2,5";
        QTest::newRow("duplicates") << "1,1,0-1" << true << CpuList{0, 1} << "0-1";
        QTest::newRow("pairs") << "0,2,3,7" << true << CpuList{0, 2, 3, 7} << "0,2-3,7";
        QTest::newRow("empty") << "" << false << CpuList{} << "";
        QTest::newRow("trailing comma") << "0," << false << CpuList{} << "";
        QTest::newRow("leading comma") << ",0" << false << CpuList{} << "";
        QTest::newRow("reversed") << "3-1" << false << CpuList{} << "";
        QTest::newRow("negative") << "-1" << false << CpuList{} << "";
        QTest::newRow("word") << "all" << false << CpuList{} << "";
        QTest::newRow("too large") << "100000" << false << CpuList{} << "";
    }
    void lists() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(CpuList, cpus);
        QFETCH(QString, formatted);
        const auto parsed = parseCpuList(text.toStdString());
        QCOMPARE(parsed.has_value(), valid);
        if (!valid) return;
        QCOMPARE(*parsed, cpus);
        QCOMPARE(QString::fromStdString(formatCpuList(*parsed)), formatted);
        QCOMPARE(fromCpuSet(toCpuSet(*parsed)), cpus);
    }

    void split_data() {
        QTest::addColumn<CpuList>("allowed");
        QTest::addColumn<CpuList>("server");
        QTest::addColumn<CpuList>("client");
        QTest::newRow("2 cores") << CpuList{0, 1} << CpuList{0} << CpuList{1};
        QTest::newRow("3 cores") << CpuList{0, 1, 2} << CpuList{0} << CpuList{1, 2};
        QTest::newRow("4 cores") << CpuList{0, 1, 2, 3} << CpuList{0, 1} << CpuList{2, 3};
        QTest::newRow("sparse") << CpuList{2, 5, 7, 9} << CpuList{2, 5} << CpuList{7, 9};
    }
    void split() {
        QFETCH(CpuList, allowed);
        QFETCH(CpuList, server);
        QFETCH(CpuList, client);
        const auto placement = resolvePlacement({true, {}, {}}, allowed);
        QVERIFY2(placement.has_value(), placement ? "" : placement.error().c_str());
        QCOMPARE(placement->server, server);
        QCOMPARE(placement->client, client);
        QVERIFY(placement->active());
    }

    void resolveErrors() {
        const auto one = resolvePlacement({true, {}, {}}, {3});
        QVERIFY(!one.has_value());
        QCOMPARE(QString::fromStdString(one.error()),
                 QString("--pin: needs at least 2 CPUs, this process may use 3"));
        const auto outside = resolvePlacement({false, {}, {4}}, {0, 1});
        QVERIFY(!outside.has_value());
        QCOMPARE(QString::fromStdString(outside.error()),
                 QString("CPU list 4 is not within the CPUs this process may use (0-1)"));
        const auto both = resolvePlacement({true, {0}, {}}, {0, 1});
        QVERIFY(!both.has_value());
    }

    void explicitAndNone() {
        const auto none = resolvePlacement({}, {0, 1});
        QVERIFY(none.has_value());
        QVERIFY(!none->active());
        const auto lists = resolvePlacement({false, {1}, {0}}, {0, 1});
        QVERIFY(lists.has_value());
        QCOMPARE(QString::fromStdString(lists->describe()),
                 QString("servers on CPU 1, nwb-bench on CPU 0"));
        const auto half = resolvePlacement({false, {}, {0, 1}}, {0, 1});
        QCOMPARE(QString::fromStdString(half->describe()),
                 QString("servers on any CPU, nwb-bench on CPUs 0-1"));
    }

    void pinsEveryThread() {
        const auto allowed = processCpus(0);
        QVERIFY(allowed.has_value() && !allowed->empty());
        // A thread that exists before pinning must be moved too, not only the caller.
        std::atomic<bool> pinned{false};
        std::optional<CpuList> seen;
        std::thread other([&] {
            pinned.wait(false);
            seen = processCpus(0);
        });
        const CpuList first{allowed->front()};
        QCOMPARE(QString::fromStdString(pinThisProcess(first)), QString());
        pinned.store(true);
        pinned.notify_all();
        other.join();
        QCOMPARE(seen, std::optional<CpuList>(first));
        QCOMPARE(processCpus(0), std::optional<CpuList>(first));
        QCOMPARE(QString::fromStdString(pinThisProcess(*allowed)), QString());
        QCOMPARE(processCpus(0), allowed);
    }
};

QTEST_APPLESS_MAIN(TstCpuPlacement)
#include "tst_cpu_placement.moc"
