// The client protocol parser: every op fed whole and then byte by byte must give the same events.
#include <QtTest>

#include <string>
#include <vector>

#include "engine/protocol/client_parser.h"

using nwb::protocol::ClientParser;
using nwb::protocol::ParseStatus;
using nwb::protocol::PubArgs;

namespace {

/// Records each event as one text line, so a whole session compares as a list of strings.
class Recorder final : public nwb::protocol::ClientParserHandler {
public:
    std::vector<std::string> events;
    bool allow_before_connect = false;

    bool onConnect(std::string_view json) override { return add("CONNECT " + std::string(json)); }
    bool onPubArgs(const PubArgs&) override { return true; }
    bool onMsg(const PubArgs& a, std::string_view data) override {
        std::string e = a.header_size >= 0 ? "HPUB " : "PUB ";
        e += std::string(a.subject) + "|" + std::string(a.reply) + "|";
        if (a.header_size >= 0) e += std::to_string(a.header_size) + "|";
        e += std::to_string(a.total_size) + "|" + std::string(data);
        return add(e);
    }
    bool onSub(std::string_view s, std::string_view q, std::string_view sid) override {
        return add("SUB " + std::string(s) + "|" + std::string(q) + "|" + std::string(sid));
    }
    bool onUnsub(std::string_view sid, std::int64_t max) override {
        return add("UNSUB " + std::string(sid) + "|" + std::to_string(max));
    }
    bool onPing() override { return add("PING"); }
    bool onPong() override { return add("PONG"); }
    bool onInfo(std::string_view json) override { return add("INFO " + std::string(json)); }
    bool onErr(std::string_view text) override { return add("ERR " + std::string(text)); }
    bool onOpBeforeConnect() override { return allow_before_connect; }

private:
    bool add(std::string e) {
        events.push_back(std::move(e));
        return true;
    }
};

struct Outcome {
    std::vector<std::string> events;
    ParseStatus status;
};

Outcome parseWhole(const std::string& input, std::int32_t mcl, std::int32_t max_payload) {
    ClientParser parser(mcl, max_payload);
    parser.setHeadersAllowed(true);
    Recorder r;
    const ParseStatus st = parser.parse(input, r);
    return {r.events, st};
}

Outcome parseByteByByte(const std::string& input, std::int32_t mcl, std::int32_t max_payload) {
    ClientParser parser(mcl, max_payload);
    parser.setHeadersAllowed(true);
    Recorder r;
    ParseStatus st = ParseStatus::Ok;
    for (char c : input) {
        st = parser.parse(std::string_view(&c, 1), r);
        if (st != ParseStatus::Ok) break;
    }
    return {r.events, st};
}

QStringList toQt(const std::vector<std::string>& v) {
    QStringList out;
    for (const auto& s : v) out << QString::fromStdString(s);
    return out;
}

}  // namespace

Q_DECLARE_METATYPE(ParseStatus)

class TstClientParser : public QObject {
    Q_OBJECT

private slots:
    void parse_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("events");
        QTest::addColumn<ParseStatus>("status");
        const auto ok = ParseStatus::Ok;

        QTest::newRow("ping pong") << QByteArray("PING\r\nPONG\r\n") << QStringList{"PING", "PONG"} << ok;
        QTest::newRow("lower case and bare newline")
            << QByteArray("ping\npong\n") << QStringList{"PING", "PONG"} << ok;
        QTest::newRow("ping with trailing junk") << QByteArray("PINGxyz\r\n") << QStringList{"PING"} << ok;
        QTest::newRow("connect") << QByteArray("CONNECT {\"verbose\":false}\r\n")
                                 << QStringList{"CONNECT {\"verbose\":false}"} << ok;
        QTest::newRow("connect without space") << QByteArray("connect{}\r\n")
                                               << QStringList{"CONNECT {}"} << ok;
        QTest::newRow("pub") << QByteArray("PUB foo 5\r\nhello\r\n")
                             << QStringList{"PUB foo||5|hello"} << ok;
        QTest::newRow("pub with reply and tabs") << QByteArray("pub\tfoo \t bar\t5\r\nhello\r\n")
                                                 << QStringList{"PUB foo|bar|5|hello"} << ok;
        QTest::newRow("pub empty payload") << QByteArray("PUB foo 0\r\n\r\nPING\r\n")
                                           << QStringList{"PUB foo||0|", "PING"} << ok;
        QTest::newRow("payload holding CRLF") << QByteArray("PUB a 4\r\n\r\n\r\n\r\n")
                                              << QStringList{"PUB a||4|\r\n\r\n"} << ok;
        QTest::newRow("hpub") << QByteArray("HPUB foo r 12 14\r\nNATS/1.0\r\n\r\nhi\r\n")
                              << QStringList{"HPUB foo|r|12|14|NATS/1.0\r\n\r\nhi"} << ok;
        QTest::newRow("sub") << QByteArray("SUB foo.* 1\r\n") << QStringList{"SUB foo.*||1"} << ok;
        QTest::newRow("sub with queue") << QByteArray("SUB foo q 22\r\n")
                                        << QStringList{"SUB foo|q|22"} << ok;
        QTest::newRow("unsub") << QByteArray("UNSUB 1\r\nUNSUB 2 10\r\n")
                               << QStringList{"UNSUB 1|-1", "UNSUB 2|10"} << ok;
        QTest::newRow("info and errors from client")
            << QByteArray("INFO {}\r\n+OK\r\n-ERR 'x'\r\n")
            << QStringList{"INFO {}", "ERR 'x'"} << ok;
        QTest::newRow("unknown op") << QByteArray("FOO\r\n") << QStringList{} << ParseStatus::UnknownOp;
        QTest::newRow("route op from client") << QByteArray("RS+ foo\r\n") << QStringList{}
                                              << ParseStatus::UnknownOp;
        QTest::newRow("pub without space") << QByteArray("PUB\r\n") << QStringList{}
                                           << ParseStatus::UnknownOp;
        QTest::newRow("payload too long for its size") << QByteArray("PUB foo 2\r\nhello\r\n")
                                                       << QStringList{} << ParseStatus::UnknownOp;
        QTest::newRow("bad size closes silently") << QByteArray("PUB foo x\r\n") << QStringList{}
                                                  << ParseStatus::BadArgs;
        QTest::newRow("ten digit size") << QByteArray("PUB foo 1234567890\r\n") << QStringList{}
                                        << ParseStatus::BadArgs;
        QTest::newRow("too many pub args") << QByteArray("PUB a b c 1\r\n") << QStringList{}
                                           << ParseStatus::BadArgs;
        QTest::newRow("header larger than total") << QByteArray("HPUB a 5 2\r\n") << QStringList{}
                                                  << ParseStatus::BadArgs;
        QTest::newRow("sub missing sid") << QByteArray("SUB foo\r\n") << QStringList{}
                                         << ParseStatus::BadArgs;
        QTest::newRow("max payload") << QByteArray("PUB foo 1025\r\n") << QStringList{}
                                     << ParseStatus::MaxPayload;
        QTest::newRow("control line over limit")
            << QByteArray("SUB " + QByteArray(200, 'a') + " 1\r\n") << QStringList{}
            << ParseStatus::MaxControlLine;
        QTest::newRow("partial control line over limit")
            << QByteArray("SUB " + QByteArray(200, 'a')) << QStringList{}
            << ParseStatus::MaxControlLine;
    }

    void parse() {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, events);
        QFETCH(ParseStatus, status);
        const std::string in(input.constData(), static_cast<std::size_t>(input.size()));
        const Outcome whole = parseWhole(in, 128, 1024);
        QCOMPARE(toQt(whole.events), events);
        QCOMPARE(whole.status, status);
        const Outcome bytes = parseByteByByte(in, 128, 1024);
        QCOMPARE(toQt(bytes.events), events);
        QCOMPARE(bytes.status, status);
    }

    void splitAtEveryBoundary() {
        const std::string in =
            "CONNECT {}\r\nSUB foo 1\r\nPUB foo bar 5\r\nhello\r\nHPUB foo 12 14\r\nNATS/1.0\r\n"
            "\r\nhi\r\nPING\r\n";
        const std::vector<std::string> expected = parseWhole(in, 4096, 1024).events;
        QCOMPARE(expected.size(), std::size_t{5});
        for (std::size_t cut = 1; cut < in.size(); ++cut) {
            ClientParser parser(4096, 1024);
            parser.setHeadersAllowed(true);
            Recorder r;
            QCOMPARE(parser.parse(std::string_view(in).substr(0, cut), r), ParseStatus::Ok);
            QCOMPARE(parser.parse(std::string_view(in).substr(cut), r), ParseStatus::Ok);
            QCOMPARE(toQt(r.events), toQt(expected));
        }
    }

    void hpubNeedsHeaderSupport() {
        ClientParser parser(4096, 1024);
        Recorder r;
        QCOMPARE(parser.parse("HPUB foo 12 14\r\n", r), ParseStatus::BadArgs);
    }

    void authRequiredRejectsOtherFirstOps() {
        ClientParser parser(4096, 1024);
        parser.setAwaitingConnect(true);
        Recorder r;
        QCOMPARE(parser.parse("PING\r\n", r), ParseStatus::AuthViolation);
        ClientParser allowed(4096, 1024);
        allowed.setAwaitingConnect(true);
        Recorder r2;
        r2.allow_before_connect = true;
        QCOMPARE(allowed.parse("PING\r\n", r2), ParseStatus::Ok);
        QCOMPARE(toQt(r2.events), QStringList{"PING"});
    }
};

QTEST_APPLESS_MAIN(TstClientParser)
#include "tst_client_parser.moc"
