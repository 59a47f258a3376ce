// Go duration syntax and formatting, which nats-server uses for options and in its messages.
#include <QTest>

#include "engine/config/go_duration.h"

using namespace nwb::config;
using namespace std::chrono_literals;

class TstGoDuration : public QObject {
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void format_data();
    void format();
};

void TstGoDuration::parse_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("nanoseconds");
    QTest::addColumn<QString>("error");
    QTest::newRow("zero") << "0" << qint64(0) << "";
    QTest::newRow("2m") << "2m" << qint64(120'000'000'000) << "";
    QTest::newRow("1h30m") << "1h30m" << qint64(5'400'000'000'000) << "";
    QTest::newRow("500ms") << "500ms" << qint64(500'000'000) << "";
    QTest::newRow("1.5s") << "1.5s" << qint64(1'500'000'000) << "";
    QTest::newRow(".5s") << ".5s" << qint64(500'000'000) << "";
    QTest::newRow("micro sign") << "3\xC2\xB5s" << qint64(3000) << "";
    QTest::newRow("us") << "3us" << qint64(3000) << "";
    QTest::newRow("negative") << "-1m" << qint64(-60'000'000'000) << "";
    QTest::newRow("plus") << "+10ns" << qint64(10) << "";
    QTest::newRow("missing unit") << "5" << qint64(0) << "time: missing unit in duration \"5\"";
    QTest::newRow("unknown unit") << "5x" << qint64(0)
                                  << "time: unknown unit \"x\" in duration \"5x\"";
    QTest::newRow("empty") << "" << qint64(0) << "time: invalid duration \"\"";
    QTest::newRow("dot only") << ".s" << qint64(0) << "time: invalid duration \".s\"";
    QTest::newRow("overflow") << "9999999999h" << qint64(0)
                              << "time: invalid duration \"9999999999h\"";
}

void TstGoDuration::parse() {
    QFETCH(QString, text);
    QFETCH(qint64, nanoseconds);
    QFETCH(QString, error);
    const DurationParse result = parseGoDuration(text.toStdString());
    QCOMPARE(QString::fromStdString(result.error), error);
    QCOMPARE(qint64(result.value.count()), nanoseconds);
}

void TstGoDuration::format_data() {
    QTest::addColumn<qint64>("nanoseconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << "0s";
    QTest::newRow("ns") << qint64(12) << "12ns";
    QTest::newRow("us") << qint64(1500) << "1.5\xC2\xB5s";
    QTest::newRow("ms") << qint64(500'000'000) << "500ms";
    QTest::newRow("s") << qint64(10'000'000'000) << "10s";
    QTest::newRow("fraction") << qint64(1'500'000'000) << "1.5s";
    QTest::newRow("minutes") << qint64(90'000'000'000) << "1m30s";
    QTest::newRow("hours") << qint64(3'600'000'000'000) << "1h0m0s";
    QTest::newRow("negative") << qint64(-2'000'000'000) << "-2s";
}

void TstGoDuration::format() {
    QFETCH(qint64, nanoseconds);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(formatGoDuration(std::chrono::nanoseconds(nanoseconds))), text);
}

QTEST_APPLESS_MAIN(TstGoDuration)
#include "tst_go_duration.moc"
