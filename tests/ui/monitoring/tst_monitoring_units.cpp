// RateSeries, Go durations, /varz and $SYS parsing and ConnzModel, from hand-made input.
#include "ui/monitoring/connz_model.h"
#include "ui/monitoring/go_duration.h"
#include "ui/monitoring/monitor_endpoint.h"
#include "ui/monitoring/rate_series.h"
#include "ui/monitoring/varz_sample.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace nwb::ui;

namespace {

VarzSample sample(qint64 t_ms, qint64 in_msgs, qint64 out_msgs, qint64 in_bytes, qint64 out_bytes,
                  const QString& server_id = QStringLiteral("S1")) {
    VarzSample s;
    s.taken_ms = t_ms;
    s.server_id = server_id;
    s.in_msgs = in_msgs;
    s.out_msgs = out_msgs;
    s.in_bytes = in_bytes;
    s.out_bytes = out_bytes;
    s.connections = 3;
    s.subscriptions = 7;
    s.slow_consumers = 1;
    return s;
}

QJsonObject connection(qint64 cid, const QString& name, qint64 in_msgs, const QString& rtt) {
    return QJsonObject{{"cid", cid},
                       {"ip", "127.0.0.1"},
                       {"port", 40000 + cid},
                       {"name", name},
                       {"lang", "C"},
                       {"version", "3.4.1"},
                       {"uptime", "1m5s"},
                       {"rtt", rtt},
                       {"pending_bytes", 0},
                       {"in_msgs", in_msgs},
                       {"out_msgs", 2 * in_msgs},
                       {"in_bytes", 10 * in_msgs},
                       {"out_bytes", 20 * in_msgs},
                       {"subscriptions", cid}};
}

}  // namespace

class TstMonitoringUnits : public QObject {
    Q_OBJECT
private slots:
    void ratesFromTwoSamples() {
        RateSeries rs;
        QVERIFY(!rs.add(sample(1000, 100, 50, 1000, 500)));  // no rate from one sample
        const auto p = rs.add(sample(3000, 300, 150, 5000, 1500));
        QVERIFY(p);
        QCOMPARE(p->time_ms, 3000);
        QCOMPARE(p->in_msgs_per_s, 100.0);
        QCOMPARE(p->out_msgs_per_s, 50.0);
        QCOMPARE(p->in_bytes_per_s, 2000.0);
        QCOMPARE(p->out_bytes_per_s, 500.0);
        QCOMPARE(p->connections, 3);
        QCOMPARE(p->subscriptions, 7);
        QCOMPARE(p->slow_consumers, 1);
        QVERIFY(!p->rtt_ms);
        QCOMPARE(rs.points().size(), 1u);
    }

    void counterResetGivesZero() {
        RateSeries rs;
        rs.add(sample(1000, 1000, 1000, 1000, 1000));
        // in_msgs and in_bytes went down: a reset; the out counters still grew by 250 in 0.5 s.
        const auto p = rs.add(sample(1500, 10, 1250, 20, 1250));
        QVERIFY(p);
        QCOMPARE(p->in_msgs_per_s, 0.0);
        QCOMPARE(p->in_bytes_per_s, 0.0);
        QCOMPARE(p->out_msgs_per_s, 500.0);
        QCOMPARE(p->out_bytes_per_s, 500.0);
        // A new server id: counters from zero even though they are higher now.
        const auto q = rs.add(sample(2500, 5000, 5000, 5000, 5000, QStringLiteral("S2")));
        QVERIFY(q);
        QCOMPARE(q->in_msgs_per_s, 0.0);
        QCOMPARE(q->out_msgs_per_s, 0.0);
        QCOMPARE(q->in_bytes_per_s, 0.0);
        QCOMPARE(q->out_bytes_per_s, 0.0);
        // And from there on, normal rates again.
        const auto r = rs.add(sample(3500, 5100, 5000, 5400, 5000, QStringLiteral("S2")));
        QCOMPARE(r->in_msgs_per_s, 100.0);
        QCOMPARE(r->in_bytes_per_s, 400.0);
    }

    void sampleNotLaterIsIgnored() {
        RateSeries rs;
        rs.add(sample(1000, 0, 0, 0, 0));
        QVERIFY(!rs.add(sample(1000, 10, 0, 0, 0)));
        QVERIFY(!rs.add(sample(900, 10, 0, 0, 0)));
        QVERIFY(rs.points().empty());
        const auto p = rs.add(sample(2000, 10, 0, 0, 0));
        QCOMPARE(p->in_msgs_per_s, 10.0);
    }

    void rttGoesToTheNextPointOnly() {
        RateSeries rs;
        rs.add(sample(1000, 0, 0, 0, 0));
        rs.noteRtt(900);
        rs.noteRtt(1500);  // the latest wins
        QCOMPARE(rs.add(sample(2000, 0, 0, 0, 0))->rtt_ms, std::optional<double>(1.5));
        QVERIFY(!rs.add(sample(3000, 0, 0, 0, 0))->rtt_ms);
    }

    void historyIsBounded() {
        RateSeries rs(5);
        QCOMPARE(rs.capacity(), 5u);
        for (int i = 0; i < 20; ++i) rs.add(sample(1000 * (i + 1), 10 * i, 0, 0, 0));
        QCOMPARE(rs.points().size(), 5u);
        QCOMPARE(rs.points().front().time_ms, 16000);
        QCOMPARE(rs.points().back().time_ms, 20000);
        for (const RatePoint& p : rs.points()) QCOMPARE(p.in_msgs_per_s, 10.0);
        QCOMPARE(RateSeries().capacity(), 600u);
        rs.clear();
        QVERIFY(rs.points().empty());
        QVERIFY(!rs.lastSample());
    }

    void goDurations_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("micros");
        QTest::addColumn<bool>("valid");
        QTest::newRow("seconds") << "5s" << 5e6 << true;
        QTest::newRow("uptime") << "1h2m3s" << 3723e6 << true;
        QTest::newRow("days") << "2d0h0m1s" << (2 * 86400 + 1) * 1e6 << true;
        QTest::newRow("years") << "1y1d0h0m0s" << 366 * 86400e6 << true;
        QTest::newRow("fraction") << "1.5ms" << 1500.0 << true;
        QTest::newRow("micro sign") << QString::fromUtf8("812\u00b5s") << 812.0 << true;
        QTest::newRow("greek mu") << QString::fromUtf8("3\u03bcs") << 3.0 << true;
        QTest::newRow("us") << "7us" << 7.0 << true;
        QTest::newRow("nanoseconds") << "500ns" << 0.5 << true;
        QTest::newRow("go minutes") << "2m30.25s" << 150.25e6 << true;
        QTest::newRow("zero") << "0" << 0.0 << true;
        QTest::newRow("negative") << "-1s" << -1e6 << true;
        QTest::newRow("empty") << "" << 0.0 << false;
        QTest::newRow("no unit") << "12" << 0.0 << false;
        QTest::newRow("bad unit") << "3w" << 0.0 << false;
        QTest::newRow("no number") << "ms" << 0.0 << false;
    }
    void goDurations() {
        QFETCH(QString, text);
        QFETCH(double, micros);
        QFETCH(bool, valid);
        const auto us = goDurationMicros(text);
        QCOMPARE(us.has_value(), valid);
        if (valid) QCOMPARE(*us, micros);
    }

    void varzFields() {
        const QByteArray body = R"({"server_id":"NABC","server_name":"n1","version":"2.9.10",
            "jetstream":{"config":{"max_memory":1024,"store_dir":"/tmp/js"},"stats":{}},
            "connections":4,"subscriptions":12,"slow_consumers":2,"in_msgs":1000,
            "out_msgs":2000,"in_bytes":30000,"out_bytes":40000,"cpu":3.5,"mem":123456,
            "uptime":"1d2h3m4s"})";
        const VarzSample s = varzSampleFromJson(QJsonDocument::fromJson(body).object(), 77);
        QCOMPARE(s.taken_ms, 77);
        QCOMPARE(s.server_id, QStringLiteral("NABC"));
        QCOMPARE(s.server_name, QStringLiteral("n1"));
        QCOMPARE(s.version, QStringLiteral("2.9.10"));
        QVERIFY(s.jetstream);
        QCOMPARE(s.connections, 4);
        QCOMPARE(s.subscriptions, 12);
        QCOMPARE(s.slow_consumers, 2);
        QCOMPARE(s.in_msgs, 1000);
        QCOMPARE(s.out_msgs, 2000);
        QCOMPARE(s.in_bytes, 30000);
        QCOMPARE(s.out_bytes, 40000);
        QCOMPARE(s.cpu, 3.5);
        QCOMPARE(s.mem, 123456);
        QCOMPARE(s.uptime_s, 86400 + 2 * 3600 + 3 * 60 + 4);

        // nats-server writes an empty object when JetStream is off.
        const VarzSample off = varzSampleFromJson(
            QJsonDocument::fromJson(R"({"jetstream":{},"uptime":"5s"})").object(), 0);
        QVERIFY(!off.jetstream);
        QCOMPARE(off.uptime_s, 5);
    }

    void endpointUrls() {
        QCOMPARE(monitorEndpointUrl("http://127.0.0.1:8222", "varz").toString(),
                 QStringLiteral("http://127.0.0.1:8222/varz"));
        QCOMPARE(monitorEndpointUrl("http://h:8222/", "varz").toString(),
                 QStringLiteral("http://h:8222/varz"));
        QCOMPARE(monitorEndpointUrl("https://h:8222/base", "connz", "subs=0&limit=1024").toString(),
                 QStringLiteral("https://h:8222/base/connz?subs=0&limit=1024"));
        QVERIFY(!monitorEndpointUrl("nats://h:4222", "varz").isValid());
        QVERIFY(!monitorEndpointUrl("", "varz").isValid());
    }

    void sysEnvelope() {
        QString error;
        const auto data = sysReplyData(
            R"({"server":{"name":"n1","id":"NABC"},"data":{"server_id":"NABC","connections":2}})",
            &error);
        QVERIFY(data);
        QCOMPARE(data->value("connections").toInt(), 2);

        QVERIFY(!sysReplyData(R"({"server":{},"error":{"code":503,"description":"nope"}})",
                              &error));
        QCOMPARE(error, QStringLiteral("$SYS error 503: nope"));
        QVERIFY(!sysReplyData(R"({"server":{}})", &error));
        QVERIFY(!sysReplyData("not json", &error));
        QVERIFY(!error.isEmpty());
    }

    void connzModel() {
        ConnzModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(ConnzModel::kSortRole);
        QAbstractItemModelTester proxy_tester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        QJsonArray conns{connection(1, "a", 100, "1.5ms"), connection(2, "b", 9, "812\u00b5s"),
                         connection(3, "c", 12, "2ms")};
        model.setConnz(QJsonObject{{"total", 3}, {"connections", conns}});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(ConnzModel::ColumnCount));
        QCOMPARE(model.total(), 3);
        QCOMPARE(model.data(model.index(0, ConnzModel::Address)).toString(),
                 QStringLiteral("127.0.0.1:40001"));
        QCOMPARE(model.data(model.index(0, ConnzModel::Client)).toString(),
                 QStringLiteral("C 3.4.1"));
        QCOMPARE(model.data(model.index(1, ConnzModel::Rtt), ConnzModel::kSortRole).toDouble(),
                 812.0);
        QCOMPARE(model.data(model.index(0, ConnzModel::Uptime), ConnzModel::kSortRole).toDouble(),
                 65.0);

        // Numeric, not lexical: 9 < 12 < 100.
        proxy.sort(ConnzModel::InMsgs, Qt::AscendingOrder);
        QList<qint64> order;
        for (int r = 0; r < proxy.rowCount(); ++r) {
            order << proxy.data(proxy.index(r, ConnzModel::Cid), ConnzModel::kSortRole).toLongLong();
        }
        QCOMPARE(order, (QList<qint64>{2, 3, 1}));
        proxy.sort(ConnzModel::Rtt, Qt::AscendingOrder);
        QCOMPARE(proxy.data(proxy.index(0, ConnzModel::Cid)).toString(), QStringLiteral("2"));

        // Refresh: cid 2 gone, cid 1 updated in place, cid 4 new.
        QPersistentModelIndex first(model.index(0, ConnzModel::Cid));
        conns = QJsonArray{connection(1, "a", 150, "1ms"), connection(3, "c", 12, "2ms"),
                           connection(4, "d", 1, "1ms")};
        model.setConnz(QJsonObject{{"total", 3}, {"connections", conns}});
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(first.isValid());
        QCOMPARE(first.row(), 0);
        QCOMPARE(model.row(0).in_msgs, 150);
        QCOMPARE(model.row(1).cid, 3);
        QCOMPARE(model.row(2).cid, 4);

        model.setConnz(QJsonObject{{"total", 0}, {"connections", QJsonValue()}});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TstMonitoringUnits)
#include "tst_monitoring_units.moc"
