// Message headers (HPUB/HMSG) through a real server: libnats round trips, and the exact bytes
// that header-aware and header-unaware raw subscribers receive.
#include "tests/integration/integration_test.h"
#include "tests/integration/raw_connection.h"

#include <QtTest/QtTest>

#include <map>
#include <string>
#include <vector>

using namespace nwb::test;

class TestHeaders : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }

    void roundTrip_data();
    void roundTrip();
    void plainMessageHasNoHeaders();
    void headersInRequestReply();
    void rawSubscriberBytes_data();
    void rawSubscriberBytes();
};

void TestHeaders::roundTrip_data() {
    QTest::addColumn<QByteArrayList>("fields");  // "Key: Value", added in this order
    QTest::addColumn<QByteArray>("payload");

    QTest::newRow("one field") << QByteArrayList{"X-Id: 42"} << QByteArray("body");
    QTest::newRow("multiple values")
        << QByteArrayList{"X-Multi: a", "X-Multi: b", "X-Multi: c"} << QByteArray("body");
    QTest::newRow("several keys") << QByteArrayList{"A: 1", "B: 2", "A: 3",
                                                    "Content-Type: text/plain"}
                                  << QByteArray("x");
    QTest::newRow("empty payload") << QByteArrayList{"Only-Header: yes"} << QByteArray();
    QTest::newRow("value with spaces and colon")
        << QByteArrayList{"Note: a: b  c", "Path: /x/y?z=1"} << QByteArray("p");
    QTest::newRow("key case preserved") << QByteArrayList{"X-MiXeD-CaSe: v"} << QByteArray("p");
    QTest::newRow("binary payload") << QByteArrayList{"K: v"} << QByteArray("\r\n\r\n\0x", 6);
}

void TestHeaders::roundTrip() {
    QFETCH(QByteArrayList, fields);
    QFETCH(QByteArray, payload);

    std::map<std::string, std::vector<std::string>> expected;
    for (const QByteArray& field : fields) {
        const auto colon = field.indexOf(": ");
        expected[field.left(colon).toStdString()].push_back(field.mid(colon + 2).toStdString());
    }

    NWB_START_SERVER(server);
    NWB_CONNECT(sub_nc, server.url());
    NWB_CONNECT(pub_nc, server.url());
    NWB_SUBSCRIBE(sub, sub_nc, "hdr.test");
    QVERIFY(barrier({sub_nc}));

    natsMsg* raw_out = nullptr;
    QCOMPARE(natsMsg_Create(&raw_out, "hdr.test", nullptr, payload.constData(),
                            static_cast<int>(payload.size())),
             NATS_OK);
    MsgPtr out(raw_out);
    for (const auto& [key, values] : expected) {
        for (const std::string& value : values) {
            QCOMPARE(natsMsgHeader_Add(out.get(), key.c_str(), value.c_str()), NATS_OK);
        }
    }
    QCOMPARE(natsConnection_PublishMsg(pub_nc, out.get()), NATS_OK);

    auto in = nextMsg(sub, kWaitMs);
    QVERIFY(in.has_value());
    QCOMPARE(QByteArray::fromStdString(msgData(in->get())), payload);

    const char** keys = nullptr;
    int key_count = 0;
    QCOMPARE(natsMsgHeader_Keys(in->get(), &keys, &key_count), NATS_OK);
    std::vector<std::string> got_keys(keys, keys + key_count);
    free(keys);
    std::sort(got_keys.begin(), got_keys.end());
    std::vector<std::string> want_keys;
    for (const auto& entry : expected) want_keys.push_back(entry.first);
    QCOMPARE(got_keys, want_keys);

    for (const auto& [key, values] : expected) {
        const char* first = nullptr;
        QCOMPARE(natsMsgHeader_Get(in->get(), key.c_str(), &first), NATS_OK);
        QCOMPARE(std::string(first), values.front());
        const char** all = nullptr;
        int count = 0;
        QCOMPARE(natsMsgHeader_Values(in->get(), key.c_str(), &all, &count), NATS_OK);
        std::vector<std::string> got(all, all + count);
        free(all);
        QCOMPARE(got, values);
    }
    const char* missing = nullptr;
    QCOMPARE(natsMsgHeader_Get(in->get(), "Not-There", &missing), NATS_NOT_FOUND);
}

void TestHeaders::plainMessageHasNoHeaders() {
    NWB_START_SERVER(server);
    NWB_CONNECT(nc, server.url());
    NWB_SUBSCRIBE(sub, nc, "plain");
    QVERIFY(barrier({nc}));
    QCOMPARE(natsConnection_PublishString(nc, "plain", "no headers"), NATS_OK);
    auto in = nextMsg(sub, kWaitMs);
    QVERIFY(in.has_value());
    const char* value = nullptr;
    QCOMPARE(natsMsgHeader_Get(in->get(), "Any", &value), NATS_NOT_FOUND);
    QCOMPARE(msgData(in->get()), std::string("no headers"));
}

namespace {

/// Replies with a message that carries the request's "X-Request" header back as "X-Echo".
void headerEchoResponder(natsConnection* nc, natsSubscription*, natsMsg* msg, void*) {
    const char* value = nullptr;
    natsMsgHeader_Get(msg, "X-Request", &value);
    natsMsg* reply = nullptr;
    if (natsMsg_Create(&reply, natsMsg_GetReply(msg), nullptr, "ok", 2) == NATS_OK) {
        natsMsgHeader_Set(reply, "X-Echo", value == nullptr ? "<missing>" : value);
        natsConnection_PublishMsg(nc, reply);
        natsMsg_Destroy(reply);
    }
    natsMsg_Destroy(msg);
}

}  // namespace

void TestHeaders::headersInRequestReply() {
    NWB_START_SERVER(server);
    NWB_CONNECT(responder_nc, server.url());
    natsSubscription* raw_sub = nullptr;
    QCOMPARE(
        natsConnection_Subscribe(&raw_sub, responder_nc, "svc.hdr", headerEchoResponder, nullptr),
        NATS_OK);
    SubscriptionPtr responder(raw_sub);
    QVERIFY(barrier({responder_nc}));

    NWB_CONNECT(nc, server.url());
    natsMsg* raw_request = nullptr;
    QCOMPARE(natsMsg_Create(&raw_request, "svc.hdr", nullptr, "q", 1), NATS_OK);
    MsgPtr request(raw_request);
    QCOMPARE(natsMsgHeader_Set(request.get(), "X-Request", "trace-7"), NATS_OK);
    natsMsg* raw_reply = nullptr;
    QCOMPARE(natsConnection_RequestMsg(&raw_reply, nc, request.get(), kWaitMs), NATS_OK);
    MsgPtr reply(raw_reply);
    const char* echoed = nullptr;
    QCOMPARE(natsMsgHeader_Get(reply.get(), "X-Echo", &echoed), NATS_OK);
    QCOMPARE(std::string(echoed), std::string("trace-7"));
    QCOMPARE(msgData(reply.get()), std::string("ok"));
}

void TestHeaders::rawSubscriberBytes_data() {
    QTest::addColumn<bool>("headers");
    QTest::addColumn<QByteArray>("expected");
    // libnats encodes one field as "NATS/1.0\r\nK: v\r\n\r\n" (18 bytes); payload "body".
    QTest::newRow("header-aware subscriber")
        << true << QByteArray("HMSG raw.hdr 1 18 22\r\nNATS/1.0\r\nK: v\r\n\r\nbody\r\n");
    QTest::newRow("subscriber without headers: stripped")
        << false << QByteArray("MSG raw.hdr 1 4\r\nbody\r\n");
}

void TestHeaders::rawSubscriberBytes() {
    QFETCH(bool, headers);
    QFETCH(QByteArray, expected);

    NWB_START_SERVER(server);
    auto raw = RawConnection::open(server.port());
    QVERIFY2(raw.has_value(), describe(raw).c_str());
    QCOMPARE(raw->readUntil("\r\n", std::chrono::milliseconds(kWaitMs)),
             RawConnection::ReadEnd::kFound);
    QVERIFY(raw->received().starts_with("INFO {"));
    const std::string connect = std::string("CONNECT {\"verbose\":false,\"pedantic\":false,") +
                                "\"protocol\":1,\"headers\":" + (headers ? "true" : "false") +
                                "}\r\nSUB raw.hdr 1\r\nPING\r\n";
    QVERIFY(raw->sendAll(connect));
    QCOMPARE(raw->readUntil("PONG\r\n", std::chrono::milliseconds(kWaitMs)),
             RawConnection::ReadEnd::kFound);
    const std::size_t start = raw->received().size();

    NWB_CONNECT(pub_nc, server.url());
    natsMsg* raw_out = nullptr;
    QCOMPARE(natsMsg_Create(&raw_out, "raw.hdr", nullptr, "body", 4), NATS_OK);
    MsgPtr out(raw_out);
    QCOMPARE(natsMsgHeader_Set(out.get(), "K", "v"), NATS_OK);
    QCOMPARE(natsConnection_PublishMsg(pub_nc, out.get()), NATS_OK);
    QVERIFY(barrier({pub_nc}));

    QVERIFY(raw->sendAll("PING\r\n"));
    QCOMPARE(raw->readUntil("PONG\r\n", std::chrono::milliseconds(kWaitMs), start),
             RawConnection::ReadEnd::kFound);
    QCOMPARE(QByteArray::fromStdString(raw->received().substr(start)), expected + "PONG\r\n");
}

QTEST_APPLESS_MAIN(TestHeaders)
#include "tst_headers.moc"
