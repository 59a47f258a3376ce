// Request/reply through a real server, including the no-responders status (503).
#include "tests/integration/integration_test.h"

#include <QtTest/QtTest>

#include <string>

using namespace nwb::test;

class TestRequestReply : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }

    void requestGetsReply_data();
    void requestGetsReply();
    void manySequentialRequests();
    void noResponders_data();
    void noResponders();
    void noRespondersStatusOnAsyncInbox();
    void silentResponderTimesOut();
};

namespace {

/// Answers every request with "re:" + payload; records the reply subjects it saw.
void echoResponder(natsConnection* nc, natsSubscription*, natsMsg* msg, void* closure) {
    const std::string reply = msgReply(msg);
    static_cast<Mailbox<std::string>*>(closure)->push(reply);
    if (!reply.empty()) {
        const std::string answer = "re:" + msgData(msg);
        natsConnection_Publish(nc, reply.c_str(), answer.data(), static_cast<int>(answer.size()));
    }
    natsMsg_Destroy(msg);
}

void collectMsg(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
    static_cast<Mailbox<SharedMsg>*>(closure)->push(SharedMsg(msg, natsMsg_Destroy));
}

}  // namespace

void TestRequestReply::requestGetsReply_data() {
    QTest::addColumn<bool>("old_style");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("new style") << false << QByteArray("ping");
    QTest::newRow("new style, empty payload") << false << QByteArray();
    QTest::newRow("new style, 64 KiB payload") << false << QByteArray(64 * 1024, 'q');
    QTest::newRow("old style") << true << QByteArray("ping");
}

void TestRequestReply::requestGetsReply() {
    QFETCH(bool, old_style);
    QFETCH(QByteArray, payload);

    NWB_START_SERVER(server);
    NWB_CONNECT(responder_nc, server.url());
    Mailbox<std::string> seen_replies;
    natsSubscription* raw_sub = nullptr;
    QCOMPARE(natsConnection_Subscribe(&raw_sub, responder_nc, "service.echo", echoResponder,
                                      &seen_replies),
             NATS_OK);
    SubscriptionPtr responder(raw_sub);
    QVERIFY(barrier({responder_nc}));

    NWB_CONNECT(requester_nc, server.url(),
                [&](natsOptions* o) { natsOptions_UseOldRequestStyle(o, old_style); });
    natsMsg* raw_reply = nullptr;
    QCOMPARE(natsConnection_Request(&raw_reply, requester_nc, "service.echo", payload.constData(),
                                    static_cast<int>(payload.size()), kWaitMs),
             NATS_OK);
    MsgPtr reply(raw_reply);
    QCOMPARE(QByteArray::fromStdString(msgData(reply.get())), "re:" + payload);

    QCOMPARE(seen_replies.size(), std::size_t{1});
    const std::string reply_subject = seen_replies.snapshot().front();
    QVERIFY2(reply_subject.starts_with("_INBOX."), reply_subject.c_str());
    QCOMPARE(std::string(natsMsg_GetSubject(reply.get())), reply_subject);
}

void TestRequestReply::manySequentialRequests() {
    constexpr int kRequests = 200;
    NWB_START_SERVER(server);
    NWB_CONNECT(responder_nc, server.url());
    Mailbox<std::string> seen_replies;
    natsSubscription* raw_sub = nullptr;
    QCOMPARE(natsConnection_QueueSubscribe(&raw_sub, responder_nc, "service.echo", "svc",
                                           echoResponder, &seen_replies),
             NATS_OK);
    SubscriptionPtr responder(raw_sub);
    QVERIFY(barrier({responder_nc}));

    NWB_CONNECT(requester_nc, server.url());
    for (int i = 0; i < kRequests; ++i) {
        natsMsg* raw_reply = nullptr;
        QCOMPARE(natsConnection_RequestString(&raw_reply, requester_nc, "service.echo",
                                              std::to_string(i).c_str(), kWaitMs),
                 NATS_OK);
        MsgPtr reply(raw_reply);
        QCOMPARE(msgData(reply.get()), "re:" + std::to_string(i));
    }
    QCOMPARE(seen_replies.size(), std::size_t{kRequests});
}

void TestRequestReply::noResponders_data() {
    QTest::addColumn<bool>("old_style");
    QTest::newRow("new style") << false;
    QTest::newRow("old style") << true;
}

void TestRequestReply::noResponders() {
    QFETCH(bool, old_style);
    NWB_START_SERVER(server);
    NWB_CONNECT(nc, server.url(),
                [&](natsOptions* o) { natsOptions_UseOldRequestStyle(o, old_style); });

    // The 30 s timeout is never reached: the server answers with a 503 status at once.
    natsMsg* raw_reply = nullptr;
    QCOMPARE(natsConnection_RequestString(&raw_reply, nc, "nobody.home", "anyone?", 30'000),
             NATS_NO_RESPONDERS);
    QVERIFY(raw_reply == nullptr);
    QCOMPARE(natsConnection_Status(nc), NATS_CONN_STATUS_CONNECTED);

    // A subscriber appearing later makes the same request succeed.
    NWB_CONNECT(responder_nc, server.url());
    Mailbox<std::string> seen_replies;
    natsSubscription* raw_sub = nullptr;
    QCOMPARE(natsConnection_Subscribe(&raw_sub, responder_nc, "nobody.home", echoResponder,
                                      &seen_replies),
             NATS_OK);
    SubscriptionPtr responder(raw_sub);
    QVERIFY(barrier({responder_nc}));
    QCOMPARE(natsConnection_RequestString(&raw_reply, nc, "nobody.home", "anyone?", kWaitMs),
             NATS_OK);
    MsgPtr reply(raw_reply);
    QCOMPARE(msgData(reply.get()), std::string("re:anyone?"));
}

void TestRequestReply::noRespondersStatusOnAsyncInbox() {
    NWB_START_SERVER(server);
    NWB_CONNECT(nc, server.url());
    Mailbox<SharedMsg> inbox;
    natsSubscription* raw_sub = nullptr;
    QCOMPARE(natsConnection_Subscribe(&raw_sub, nc, "my.inbox", collectMsg, &inbox), NATS_OK);
    SubscriptionPtr sub(raw_sub);
    QVERIFY(barrier({nc}));

    QCOMPARE(natsConnection_PublishRequestString(nc, "nobody.home", "my.inbox", "hello"), NATS_OK);
    QVERIFY(inbox.waitForCount(1, std::chrono::milliseconds(kWaitMs)));
    QVERIFY(barrier({nc}));
    QCOMPARE(inbox.size(), std::size_t{1});

    const SharedMsg status_msg = inbox.snapshot().front();
    natsMsg* status = status_msg.get();
    QVERIFY(natsMsg_IsNoResponders(status));
    QCOMPARE(std::string(natsMsg_GetSubject(status)), std::string("my.inbox"));
    QCOMPARE(natsMsg_GetDataLength(status), 0);
    const char* code = nullptr;
    QCOMPARE(natsMsgHeader_Get(status, "Status", &code), NATS_OK);
    QCOMPARE(std::string(code), std::string("503"));
}

void TestRequestReply::silentResponderTimesOut() {
    NWB_START_SERVER(server);
    NWB_CONNECT(silent_nc, server.url());
    NWB_SUBSCRIBE(silent, silent_nc, "service.silent");
    QVERIFY(barrier({silent_nc}));
    NWB_CONNECT(nc, server.url());

    natsMsg* raw_reply = nullptr;
    QCOMPARE(natsConnection_RequestString(&raw_reply, nc, "service.silent", "hello?", 250),
             NATS_TIMEOUT);
    auto request = nextMsg(silent, kWaitMs);  // the request did arrive
    QVERIFY(request.has_value());
    QCOMPARE(msgData(request->get()), std::string("hello?"));
    QVERIFY(msgReply(request->get()).starts_with("_INBOX."));
}

QTEST_APPLESS_MAIN(TestRequestReply)
#include "tst_request_reply.moc"
