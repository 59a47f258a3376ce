// Mirror and source helpers: the Nats-Stream-Source header (2.10 genSourceHeader, streamAndSeq),
// the headers a source strips, the StreamSourceInfo JSON and the cursor over several filters.
#include "engine/jetstream/stream_source.h"
#include "engine/store/mem_store.h"

#include <QtTest>

#include <string>

using namespace nwb::jetstream;

class TstStreamSource : public QObject {
    Q_OBJECT

private slots:
    void sourceHeaderFormat() {
        StreamSource cfg;
        cfg.name = "ORDERS";
        QCOMPARE(SourceFollower(cfg, false).sourceHeader(42), std::string("ORDERS 42 > >"));
        cfg.filter_subject = "orders.eu.*";
        QCOMPARE(SourceFollower(cfg, false).sourceHeader(7), std::string("ORDERS 7 orders.eu.* >"));
    }

    void parseSourceHeader_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("iname");
        QTest::addColumn<qulonglong>("seq");
        QTest::newRow("2.10") << "S 12 > >"
                              << "S > >" << 12ull;
        QTest::newRow("2.10 filtered") << "S 3 a.* b.$1"
                                       << "S a.* b.$1" << 3ull;
        QTest::newRow("2.9") << "S 9"
                             << "S" << 9ull;
        QTest::newRow("three fields") << "S 9 >"
                                      << "" << 0ull;
        QTest::newRow("not a number") << "S x > >"
                                      << "" << 0ull;
    }
    void parseSourceHeader() {
        QFETCH(QString, value);
        QFETCH(QString, iname);
        QFETCH(qulonglong, seq);
        const auto parsed = nwb::jetstream::parseSourceHeader(value.toStdString());
        if (iname.isEmpty()) {
            QVERIFY(!parsed.has_value());
            return;
        }
        QVERIFY(parsed.has_value());
        QCOMPARE(QString::fromStdString(parsed->first), iname);
        QCOMPARE(qulonglong(parsed->second), seq);
    }

    void sourcedHeadersStripAndAppend() {
        QCOMPARE(sourcedHeaders("", "S 1 > >"),
                 std::string("NATS/1.0\r\nNats-Stream-Source: S 1 > >\r\n\r\n"));
        QCOMPARE(
            sourcedHeaders("NATS/1.0\r\nX-A: 1\r\nNats-Stream-Source: OLD 5 > >\r\n"
                           "Nats-Expected-Last-Sequence: 3\r\nNats-Msg-Id: m\r\n\r\n",
                           "S 2 > >"),
            std::string(
                "NATS/1.0\r\nX-A: 1\r\nNats-Msg-Id: m\r\nNats-Stream-Source: S 2 > >\r\n\r\n"));
    }

    void infoJsonBeforeAnyContact() {
        StreamSource cfg;
        cfg.name = "O";
        cfg.filter_subject = "a.>";
        SourceFollower f(cfg, true);
        f.setOrigin(nullptr, makeApiError(ApiErrc::StreamNotFound));
        QCOMPARE(
            f.infoJson(),
            std::string(R"({"name":"O","lag":0,"active":-1,"error":{"code":404,"err_code":10059,)"
                        R"("description":"stream not found"},"filter_subject":"a.\u003e"})"));
        f.setOrigin(nullptr, std::nullopt);
        f.noteProgress(3);
        const std::string json = f.infoJson();
        QVERIFY2(json.starts_with(R"({"name":"O","lag":3,"active":)"), json.c_str());
        QVERIFY(json.find("\"error\"") == std::string::npos);
    }

    void transformsAndFilters() {
        StreamSource cfg;
        cfg.name = "O";
        cfg.subject_transforms = {{"a.*", "x.$1"}, {"b.>", ""}};
        SourceFollower f(cfg, false);
        QCOMPARE(f.filters(), (std::vector<std::string>{"a.*", "b.>"}));
        QCOMPARE(f.storedSubject("a.1"), std::string("x.1"));
        QCOMPARE(f.storedSubject("b.1.2"), std::string("b.1.2"));

        nwb::store::MemStore store;
        for (const char* s : {"c", "b.1", "c", "a.2"}) {
            QVERIFY(store.store(nwb::store::NewMessage{s, {}, "p", std::nullopt}).has_value());
        }
        auto m = loadNextMatching(store, f.filters(), 1);
        QVERIFY(m.has_value());
        QCOMPARE(m->seq, std::uint64_t{2});
        m = loadNextMatching(store, f.filters(), 3);
        QVERIFY(m.has_value());
        QCOMPARE(m->seq, std::uint64_t{4});
        QVERIFY(!loadNextMatching(store, f.filters(), 5).has_value());
    }
};

QTEST_APPLESS_MAIN(TstStreamSource)
#include "tst_stream_source.moc"
