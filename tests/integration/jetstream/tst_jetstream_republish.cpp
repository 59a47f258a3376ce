// Stream republish in a server process (nwb-server as 2.10, nats-server 2.9.10): the exact HMSG
// frame a raw subscriber sees on the destination, headers_only, and each version's config errors.
#include "tests/integration/integration_test.h"
#include "tests/integration/jetstream/js_process.h"
#include "tests/integration/raw_connection.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <string>

using namespace nwb::test;

namespace {

/// A raw client subscribed to `subject` (sid 1), past its first PONG.
std::expected<RawConnection, std::string> rawSubscriber(int port, const std::string& subject) {
    auto raw = RawConnection::open(port);
    if (!raw) return raw;
    const std::string hello =
        "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"protocol\":1}\r\nSUB " +
        subject + " 1\r\nPING\r\n";
    if (!raw->sendAll(hello)) return std::unexpected("send failed");
    if (raw->readUntil("PONG\r\n", std::chrono::milliseconds(kWaitMs)) !=
        RawConnection::ReadEnd::kFound) {
        return std::unexpected("no PONG: " + raw->received());
    }
    return raw;
}

std::string hmsg(const std::string& subject, const std::string& headers,
                 const std::string& payload) {
    return "HMSG " + subject + " 1 " + std::to_string(headers.size()) + " " +
           std::to_string(headers.size() + payload.size()) + "\r\n" + headers + payload + "\r\n";
}

/// Everything after the first PONG, once the frames of `expected` have arrived (or the deadline
/// passed). nats-server writes an internal message's HMSG line with an empty reply field
/// ("HMSG s 1  91 96"); the control lines are compared with single spaces.
QByteArray framesAfterPong(RawConnection& raw, const std::string& expected) {
    const std::size_t start = raw.received().find("PONG\r\n") + 6;
    const std::string tail = expected.substr(expected.rfind("HMSG "));
    raw.readUntil(tail.substr(tail.find("\r\n")), std::chrono::milliseconds(kWaitMs), start);
    QByteArray frames = QByteArray::fromStdString(raw.received().substr(start));
    return frames.replace(" 1  ", " 1 ");
}

const std::string kCreate = "$JS.API.STREAM.CREATE.";

std::string createError(const std::string& description) {
    return R"({"type":"io.nats.jetstream.api.v1.stream_create_response","error":{"code":500,)"
           R"("err_code":10052,"description":")" +
           description + "\"}}";
}

}  // namespace

class TestJetStreamRepublish : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }

    void republishesStoredMessagesWithHeaders();
    void headersOnlySendsSizeAndNoPayload();
    void invalidConfigsAreRefused();
    void updateChangesRepublishFrom210();
    void restartKeepsRepublish();
};

void TestJetStreamRepublish::republishesStoredMessagesWithHeaders() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    NWB_START_SERVER(server, jetStreamOptions(dir));
    NWB_CONNECT(nc, server.url());
    auto sub = rawSubscriber(server.port(), "rp.>");
    QVERIFY2(sub.has_value(), describe(sub).c_str());

    const std::string created = apiRequest(
        nc, kCreate + "RP", R"({"name":"RP","subjects":["foo.>"],"republish":{"dest":"rp.>"}})");
    QVERIFY2(created.find(R"("republish":{"src":"\u003e","dest":"rp.\u003e"},)"
                          R"("allow_direct":false)") != std::string::npos,
             created.c_str());

    QCOMPARE(jsPublish(nc, "foo.a", "hello"), std::string(R"({"stream":"RP", "seq":1})"));
    QCOMPARE(jsPublish(nc, "foo.a", "again", "X-Id", "7"),
             std::string(R"({"stream":"RP", "seq":2})"));
    QCOMPARE(jsPublish(nc, "foo.b.c", ""), std::string(R"({"stream":"RP", "seq":3})"));

    const std::string expected =
        hmsg("rp.foo.a",
             "NATS/1.0\r\nNats-Stream: RP\r\nNats-Subject: foo.a\r\nNats-Sequence: 1\r\n"
             "Nats-Last-Sequence: 0\r\n\r\n",
             "hello") +
        hmsg("rp.foo.a",
             "NATS/1.0\r\nX-Id: 7\r\nNats-Stream: RP\r\nNats-Subject: foo.a\r\nNats-Sequence: 2\r\n"
             "Nats-Last-Sequence: 1\r\n\r\n",
             "again") +
        hmsg("rp.foo.b.c",
             "NATS/1.0\r\nNats-Stream: RP\r\nNats-Subject: foo.b.c\r\nNats-Sequence: 3\r\n"
             "Nats-Last-Sequence: 0\r\n\r\n",
             "");
    QCOMPARE(framesAfterPong(*sub, expected), QByteArray::fromStdString(expected));
}

void TestJetStreamRepublish::headersOnlySendsSizeAndNoPayload() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    NWB_START_SERVER(server, jetStreamOptions(dir));
    NWB_CONNECT(nc, server.url());
    auto sub = rawSubscriber(server.port(), "hrp.>");
    QVERIFY2(sub.has_value(), describe(sub).c_str());

    const std::string created = apiRequest(
        nc, kCreate + "HO",
        R"({"name":"HO","subjects":["ho.*","other"],"storage":"memory",)"
        R"("republish":{"src":"ho.*","dest":"hrp.{{wildcard(1)}}","headers_only":true}})");
    QVERIFY2(created.find(R"("republish":{"src":"ho.*","dest":"hrp.{{wildcard(1)}}",)"
                          R"("headers_only":true},"allow_direct":false)") != std::string::npos,
             created.c_str());

    QCOMPARE(jsPublish(nc, "other", "skip"), std::string(R"({"stream":"HO", "seq":1})"));
    QCOMPARE(jsPublish(nc, "ho.x", "12345"), std::string(R"({"stream":"HO", "seq":2})"));
    QCOMPARE(jsPublish(nc, "ho.x", "123", "X-A", "b"), std::string(R"({"stream":"HO", "seq":3})"));

    const std::string expected =
        hmsg("hrp.x",
             "NATS/1.0\r\nNats-Stream: HO\r\nNats-Subject: ho.x\r\nNats-Sequence: 2\r\n"
             "Nats-Last-Sequence: 0\r\nNats-Msg-Size: 5\r\n\r\n",
             "") +
        hmsg("hrp.x",
             "NATS/1.0\r\nX-A: b\r\nNats-Stream: HO\r\nNats-Subject: ho.x\r\nNats-Sequence: 3\r\n"
             "Nats-Last-Sequence: 2\r\nNats-Msg-Size: 3\r\n\r\n",
             "");
    QCOMPARE(framesAfterPong(*sub, expected), QByteArray::fromStdString(expected));
}

void TestJetStreamRepublish::invalidConfigsAreRefused() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    NWB_START_SERVER(server, jetStreamOptions(dir));
    NWB_CONNECT(nc, server.url());

    auto create = [&](const std::string& republish, const char* subject) {
        return apiRequest(nc, kCreate + "A",
                          R"({"name":"A","subjects":[")" + std::string(subject) +
                              R"("],"republish":)" + republish + "}");
    };
    QCOMPARE(create(R"({"dest":"foo.rp.>"})", "foo.>"),
             createError("stream configuration for republish destination forms a cycle"));
    if (behavesAs210(server)) {
        // 2.10: names the transform; a source outside the subjects and unused wildcards are fine.
        QCOMPARE(create(R"({"dest":"rp"})", "foo"),
                 createError("stream configuration for republish with transform from '\\u003e' to 'rp' "
                             "not valid"));
        QCOMPARE(create(R"({"src":"foo.*","dest":"rp.$2"})", "foo.*"),
                 createError("stream configuration for republish with transform from 'foo.*' to "
                             "'rp.$2' not valid"));
        QCOMPARE(create(R"({"src":"foo.*","dest":"rp.*"})", "foo.*"),
                 createError("stream configuration for republish with transform from 'foo.*' to "
                             "'rp.*' not valid"));
    } else {
        QCOMPARE(create(R"({"src":"bar.>","dest":"rp.>"})", "foo.>"),
                 createError(
                     "stream configuration for republish source is not valid subset of subjects"));
        QCOMPARE(create(R"({"dest":"rp"})", "foo"),
                 createError("stream configuration for republish not valid"));
        QCOMPARE(create(R"({"src":"foo.*","dest":"rp.$2"})", "foo.*"),
                 createError("stream configuration for republish not valid"));
        QCOMPARE(create(R"({"src":"foo.*","dest":"rp.*"})", "foo.*"),
                 createError("stream configuration for republish not valid"));
    }
    QCOMPARE(apiRequest(nc, kCreate + "A", R"({"name":"A","republish":{"dest":1}})"),
             std::string(R"({"type":"io.nats.jetstream.api.v1.stream_create_response","error":)"
                         R"({"code":400,"err_code":10025,"description":"invalid JSON"}})"));
    // None of them created a stream.
    QCOMPARE(apiRequest(nc, "$JS.API.STREAM.NAMES", ""),
             std::string(R"({"type":"io.nats.jetstream.api.v1.stream_names_response","total":0,)"
                         R"("offset":0,"limit":1024,"streams":null})"));
}

void TestJetStreamRepublish::updateChangesRepublishFrom210() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    NWB_START_SERVER(server, jetStreamOptions(dir));
    NWB_CONNECT(nc, server.url());

    const std::string created =
        apiRequest(nc, kCreate + "U", R"({"name":"U","subjects":["up.>"]})");
    QVERIFY2(created.find("\"error\"") == std::string::npos, created.c_str());
    const std::string updated = apiRequest(
        nc, "$JS.API.STREAM.UPDATE.U", R"({"name":"U","subjects":["up.>"],"republish":{"dest":"rp.>"}})");
    if (!behavesAs210(server)) {
        QCOMPARE(updated,
                 std::string(R"({"type":"io.nats.jetstream.api.v1.stream_update_response","error":)"
                             R"({"code":500,"err_code":10052,"description":)"
                             R"("stream configuration update can not change RePublish"}})"));
        return;
    }
    // 2.10 takes the change: the next stored message is republished.
    QVERIFY2(updated.find(R"("republish":{"src":"\u003e","dest":"rp.\u003e"})") != std::string::npos,
             updated.c_str());
    auto sub = rawSubscriber(server.port(), "rp.>");
    QVERIFY2(sub.has_value(), describe(sub).c_str());
    QCOMPARE(jsPublish(nc, "up.x", "hi"), std::string(R"({"stream":"U", "seq":1})"));
    const std::string expected =
        hmsg("rp.up.x",
             "NATS/1.0\r\nNats-Stream: U\r\nNats-Subject: up.x\r\nNats-Sequence: 1\r\n"
             "Nats-Last-Sequence: 0\r\n\r\n",
             "hi");
    QCOMPARE(framesAfterPong(*sub, expected), QByteArray::fromStdString(expected));
}

void TestJetStreamRepublish::restartKeepsRepublish() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        NWB_START_SERVER(server, jetStreamOptions(dir));
        NWB_CONNECT(nc, server.url());
        const std::string created = apiRequest(
            nc, kCreate + "K", R"({"name":"K","subjects":["k.*"],"republish":{"dest":"out.>"}})");
        QVERIFY2(created.find("\"error\"") == std::string::npos, created.c_str());
        QCOMPARE(jsPublish(nc, "k.a", "one"), std::string(R"({"stream":"K", "seq":1})"));
    }
    NWB_START_SERVER(server, jetStreamOptions(dir));
    NWB_CONNECT(nc, server.url());
    auto sub = rawSubscriber(server.port(), "out.>");
    QVERIFY2(sub.has_value(), describe(sub).c_str());
    QCOMPARE(jsPublish(nc, "k.a", "two"), std::string(R"({"stream":"K", "seq":2})"));
    const std::string expected =
        hmsg("out.k.a",
             "NATS/1.0\r\nNats-Stream: K\r\nNats-Subject: k.a\r\nNats-Sequence: 2\r\n"
             "Nats-Last-Sequence: 1\r\n\r\n",
             "two");
    QCOMPARE(framesAfterPong(*sub, expected), QByteArray::fromStdString(expected));
}

QTEST_GUILESS_MAIN(TestJetStreamRepublish)
#include "tst_jetstream_republish.moc"
