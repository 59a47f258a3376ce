// Parsing of what --compare reads from outside: /proc stat and status, cpuinfo, server logs.
#include "app/bench/machine_info.h"
#include "app/bench/proc_stats.h"
#include "app/bench/server_process.h"

#include <QtTest>

#include <unistd.h>

using namespace nwb::bench;

class TstProcStats : public QObject {
    Q_OBJECT

private slots:
    void cpuTicks_data() {
        QTest::addColumn<QString>("stat");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<quint64>("ticks");
        QTest::newRow("plain")
            << "1234 (nats-server) S 1 1234 1234 0 -1 4194560 1203 0 0 0 150 37 0 0 20 0 9" << true
            << quint64(187);
        QTest::newRow("spaces and parens in name")
            << "99 (a (b) c) R 1 99 99 0 -1 0 0 0 0 0 7 5 0 0 20 0 1" << true << quint64(12);
        QTest::newRow("large") << "5 (x) S 1 5 5 0 -1 0 0 0 0 0 4294967296 1 0" << true
                               << quint64(4294967297);
        QTest::newRow("truncated") << "1234 (nats-server) S 1 1234 1234 0 -1 4194560 1203 0 0 0 150"
                                   << false << quint64(0);
        QTest::newRow("no parens") << "1234 nats-server S 1" << false << quint64(0);
        QTest::newRow("not a number")
            << "1 (x) S 1 1 1 0 -1 0 0 0 0 0 ab 5 0" << false << quint64(0);
    }
    void cpuTicks() {
        QFETCH(QString, stat);
        QFETCH(bool, valid);
        QFETCH(quint64, ticks);
        const auto parsed = parseCpuTicks(stat.toStdString());
        QCOMPARE(parsed.has_value(), valid);
        if (valid) QCOMPARE(quint64(*parsed), ticks);
    }

    void statusKib_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<quint64>("kib");
        QTest::newRow("VmHWM") << "VmHWM" << true << quint64(24576);
        QTest::newRow("VmRSS") << "VmRSS" << true << quint64(10240);
        QTest::newRow("prefix of another key") << "Vm" << false << quint64(0);
        QTest::newRow("missing") << "VmSwap" << false << quint64(0);
    }
    void statusKib() {
        QFETCH(QString, key);
        QFETCH(bool, valid);
        QFETCH(quint64, kib);
        const std::string status =
            "Name:\tnats-server\nVmPeak:\t  800000 kB\nVmHWM:\t   24576 kB\n"
            "VmRSS:\t   10240 kB\nThreads:\t5\n";
        const auto parsed = parseStatusKib(status, key.toStdString());
        QCOMPARE(parsed.has_value(), valid);
        if (valid) QCOMPARE(quint64(*parsed), kib);
    }

    void ownProcess() {
        // The live files parse: this test has used some CPU and memory.
        QVERIFY(processCpuSeconds(::getpid()).has_value());
        const auto rss = processMemoryKib(::getpid(), "VmRSS");
        const auto hwm = processMemoryKib(::getpid(), "VmHWM");
        QVERIFY(rss.has_value() && *rss > 0);
        QVERIFY(hwm.has_value() && *hwm >= *rss);
    }

    void listeningPort_data() {
        QTest::addColumn<QString>("output");
        QTest::addColumn<int>("port");  // 0: none yet
        QTest::newRow("nats-server")
            << "[1] 2024/01/01 00:00:00.000000 [INF] Starting nats-server\n"
               "[1] 2024/01/01 00:00:00.000000 [INF] Listening for client connections on "
               "127.0.0.1:43211\n"
            << 43211;
        QTest::newRow("crlf") << "[INF] Listening for client connections on 0.0.0.0:4222\r\n"
                              << 4222;
        QTest::newRow("ipv6") << "Listening for client connections on [::1]:5000\n" << 5000;
        QTest::newRow("line not complete")
            << "Listening for client connections on 127.0.0.1:432" << 0;
        QTest::newRow("absent") << "[INF] Server is ready\n" << 0;
        QTest::newRow("no port") << "Listening for client connections on localhost\n" << 0;
        QTest::newRow("port out of range") << "Listening for client connections on h:70000\n" << 0;
    }
    void listeningPort() {
        QFETCH(QString, output);
        QFETCH(int, port);
        QCOMPARE(parseListeningPort(output.toStdString()).value_or(0), port);
    }

    void cpuModel_data() {
        QTest::addColumn<QString>("cpuinfo");
        QTest::addColumn<QString>("model");
        QTest::newRow("x86")
            << "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel\t\t: 1\n"
               "model name\t: AMD EPYC 7B13 \nprocessor\t: 1\nmodel name\t: other\n"
            << "AMD EPYC 7B13";
        QTest::newRow("none") << "processor\t: 0\nBogoMIPS\t: 50.00\n"
                              << "";
    }
    void cpuModel() {
        QFETCH(QString, cpuinfo);
        QFETCH(QString, model);
        QCOMPARE(QString::fromStdString(parseCpuModel(cpuinfo.toStdString())), model);
    }
};

QTEST_APPLESS_MAIN(TstProcStats)
#include "tst_proc_stats.moc"
