// Core publish/subscribe through a real server: exact delivery, wildcards, fan-out, echo,
// ordering and auto-unsubscribe.
#include "tests/integration/integration_test.h"

#include <QtTest/QtTest>

#include <set>
#include <string>

using namespace nwb::test;

class TestPubSub : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }

    void deliversExactMessage_data();
    void deliversExactMessage();
    void wildcards_data();
    void wildcards();
    void fanOutToEverySubscriber();
    void noEchoSuppressesOwnMessages();
    void preservesPublishOrder();
    void autoUnsubscribeAfterMax();
    void unsubscribeStopsDelivery();
};

void TestPubSub::deliversExactMessage_data() {
    QTest::addColumn<QByteArray>("subject");
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<QByteArray>("payload");

    QTest::newRow("plain") << QByteArray("greet.one") << QByteArray() << QByteArray("hello");
    QTest::newRow("with reply") << QByteArray("greet.two") << QByteArray("answer.here")
                                << QByteArray("question?");
    QTest::newRow("empty payload") << QByteArray("empty") << QByteArray() << QByteArray();
    static const char kProtocolBytes[] = "MSG x 1 5\r\n\0\r\nPING\r\n-ERR 'x'\r\n";
    QTest::newRow("protocol bytes in payload")
        << QByteArray("bin") << QByteArray()
        << QByteArray(kProtocolBytes, sizeof kProtocolBytes - 1);
    QTest::newRow("many tokens") << QByteArray("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p")
                                 << QByteArray("r.s.t") << QByteArray("deep");
    QByteArray big(1024 * 1024, '\0');  // exactly the default max_payload
    for (int i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i % 251);
    QTest::newRow("1 MiB payload") << QByteArray("big") << QByteArray() << big;
}

void TestPubSub::deliversExactMessage() {
    QFETCH(QByteArray, subject);
    QFETCH(QByteArray, reply);
    QFETCH(QByteArray, payload);

    NWB_START_SERVER(server);
    NWB_CONNECT(sub_nc, server.url());
    NWB_CONNECT(pub_nc, server.url());
    NWB_SUBSCRIBE(sub, sub_nc, subject.toStdString());
    QVERIFY(barrier({sub_nc}));

    const natsStatus published =
        reply.isEmpty()
            ? natsConnection_Publish(pub_nc, subject.constData(), payload.constData(),
                                     static_cast<int>(payload.size()))
            : natsConnection_PublishRequest(pub_nc, subject.constData(), reply.constData(),
                                            payload.constData(), static_cast<int>(payload.size()));
    QCOMPARE(published, NATS_OK);

    auto msg = nextMsg(sub, kWaitMs);
    QVERIFY(msg.has_value());
    QCOMPARE(QByteArray(natsMsg_GetSubject(msg->get())), subject);
    QCOMPARE(QByteArray::fromStdString(msgReply(msg->get())), reply);
    QCOMPARE(natsMsg_GetDataLength(msg->get()), static_cast<int>(payload.size()));
    QCOMPARE(QByteArray::fromStdString(msgData(msg->get())), payload);

    QVERIFY(barrier({pub_nc, sub_nc}));
    QCOMPARE(pendingMsgs(sub), 0);  // delivered exactly once
}

void TestPubSub::wildcards_data() {
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArrayList>("published");
    QTest::addColumn<QByteArrayList>("expected");

    const QByteArrayList subjects = {"foo",         "foo.bar",   "foo.baz",     "foo.bar.baz",
                                     "foo.bar.qux", "bar.foo",   "bar.baz.foo", "foo.bar.baz.qux",
                                     "foobar",      "foo.barbaz"};
    QTest::newRow("literal") << QByteArray("foo.bar") << subjects << QByteArrayList{"foo.bar"};
    QTest::newRow("* one token") << QByteArray("foo.*") << subjects
                                 << QByteArrayList{"foo.bar", "foo.baz", "foo.barbaz"};
    QTest::newRow("* leading") << QByteArray("*.foo") << subjects << QByteArrayList{"bar.foo"};
    QTest::newRow("* middle") << QByteArray("foo.*.baz") << subjects
                              << QByteArrayList{"foo.bar.baz"};
    QTest::newRow("*.*") << QByteArray("*.*") << subjects
                         << QByteArrayList{"foo.bar", "foo.baz", "bar.foo", "foo.barbaz"};
    QTest::newRow("> needs a token")
        << QByteArray("foo.>") << subjects
        << QByteArrayList{"foo.bar",     "foo.baz",         "foo.bar.baz",
                          "foo.bar.qux", "foo.bar.baz.qux", "foo.barbaz"};
    QTest::newRow("*.>") << QByteArray("foo.*.>") << subjects
                         << QByteArrayList{"foo.bar.baz", "foo.bar.qux", "foo.bar.baz.qux"};
    QTest::newRow("> alone") << QByteArray(">") << subjects << subjects;
    QTest::newRow("* alone") << QByteArray("*") << subjects << QByteArrayList{"foo", "foobar"};
    QTest::newRow("no match") << QByteArray("nothing.*") << subjects << QByteArrayList{};
}

void TestPubSub::wildcards() {
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArrayList, published);
    QFETCH(QByteArrayList, expected);

    NWB_START_SERVER(server);
    NWB_CONNECT(sub_nc, server.url());
    NWB_CONNECT(pub_nc, server.url());
    NWB_SUBSCRIBE(sub, sub_nc, pattern.toStdString());
    QVERIFY(barrier({sub_nc}));

    for (const QByteArray& subject : published) {
        QCOMPARE(natsConnection_PublishString(pub_nc, subject.constData(), subject.constData()),
                 NATS_OK);
    }
    QVERIFY(barrier({pub_nc, sub_nc}));

    QByteArrayList received;
    while (pendingMsgs(sub) > 0) {
        auto msg = nextMsg(sub, kWaitMs);
        QVERIFY(msg.has_value());
        QCOMPARE(QByteArray::fromStdString(msgData(msg->get())),
                 QByteArray(natsMsg_GetSubject(msg->get())));
        received << QByteArray(natsMsg_GetSubject(msg->get()));
    }
    QCOMPARE(received, expected);
}

void TestPubSub::fanOutToEverySubscriber() {
    NWB_START_SERVER(server);
    NWB_CONNECT(a_nc, server.url());
    NWB_CONNECT(b_nc, server.url());
    NWB_CONNECT(pub_nc, server.url());
    NWB_SUBSCRIBE(a1, a_nc, "fan.out");
    NWB_SUBSCRIBE(a2, a_nc, "fan.*");  // two subscriptions on one connection: two copies
    NWB_SUBSCRIBE(b, b_nc, "fan.>");
    NWB_SUBSCRIBE(self, pub_nc, "fan.out");  // echo is on by default
    QVERIFY(barrier({a_nc, b_nc, pub_nc}));

    QCOMPARE(natsConnection_PublishString(pub_nc, "fan.out", "x"), NATS_OK);
    QVERIFY(barrier({pub_nc, a_nc, b_nc}));

    for (natsSubscription* sub : {a1, a2, b, self}) {
        QCOMPARE(pendingMsgs(sub), 1);
        auto msg = nextMsg(sub, kWaitMs);
        QVERIFY(msg.has_value());
        QCOMPARE(msgData(msg->get()), std::string("x"));
    }
}

void TestPubSub::noEchoSuppressesOwnMessages() {
    NWB_START_SERVER(server);
    NWB_CONNECT(quiet_nc, server.url(), [](natsOptions* o) { natsOptions_SetNoEcho(o, true); });
    NWB_CONNECT(other_nc, server.url());
    NWB_SUBSCRIBE(own, quiet_nc, "echo.test");
    NWB_SUBSCRIBE(other, other_nc, "echo.test");
    QVERIFY(barrier({quiet_nc, other_nc}));

    QCOMPARE(natsConnection_PublishString(quiet_nc, "echo.test", "from quiet"), NATS_OK);
    QCOMPARE(natsConnection_PublishString(other_nc, "echo.test", "from other"), NATS_OK);
    QVERIFY(barrier({quiet_nc, other_nc, quiet_nc}));

    QCOMPARE(pendingMsgs(own), 1);
    auto msg = nextMsg(own, kWaitMs);
    QVERIFY(msg.has_value());
    QCOMPARE(msgData(msg->get()), std::string("from other"));

    // Two connections publish: the server may route either first (nats-server reads each
    // connection on its own goroutine), so only the set is fixed.
    QCOMPARE(pendingMsgs(other), 2);
    std::set<std::string> received;
    for (int i = 0; i < 2; ++i) {
        auto got = nextMsg(other, kWaitMs);
        QVERIFY(got.has_value());
        received.insert(msgData(got->get()));
    }
    QCOMPARE(received, (std::set<std::string>{"from other", "from quiet"}));
}

void TestPubSub::preservesPublishOrder() {
    constexpr int kMessages = 2000;
    NWB_START_SERVER(server);
    NWB_CONNECT(sub_nc, server.url());
    NWB_CONNECT(pub_nc, server.url());
    NWB_SUBSCRIBE(sub, sub_nc, "ordered");
    QVERIFY(barrier({sub_nc}));

    for (int i = 0; i < kMessages; ++i) {
        QCOMPARE(natsConnection_PublishString(pub_nc, "ordered", std::to_string(i).c_str()),
                 NATS_OK);
    }
    for (int i = 0; i < kMessages; ++i) {
        auto msg = nextMsg(sub, kWaitMs);
        QVERIFY(msg.has_value());
        QCOMPARE(msgData(msg->get()), std::to_string(i));
    }
    QVERIFY(barrier({pub_nc, sub_nc}));
    QCOMPARE(pendingMsgs(sub), 0);
}

void TestPubSub::autoUnsubscribeAfterMax() {
    NWB_START_SERVER(server);
    NWB_CONNECT(sub_nc, server.url());
    NWB_CONNECT(pub_nc, server.url());
    NWB_SUBSCRIBE(limited, sub_nc, "limited");
    NWB_SUBSCRIBE(unlimited, sub_nc, "limited");
    QCOMPARE(natsSubscription_AutoUnsubscribe(limited, 3), NATS_OK);
    QVERIFY(barrier({sub_nc}));

    for (int i = 0; i < 5; ++i) {
        QCOMPARE(natsConnection_PublishString(pub_nc, "limited", std::to_string(i).c_str()),
                 NATS_OK);
    }
    QVERIFY(barrier({pub_nc, sub_nc}));

    for (int i = 0; i < 3; ++i) {
        auto msg = nextMsg(limited, kWaitMs);
        QVERIFY(msg.has_value());
        QCOMPARE(msgData(msg->get()), std::to_string(i));
    }
    auto after_max = nextMsg(limited, 0);
    QVERIFY(!after_max.has_value());
    QCOMPARE(after_max.error(), NATS_MAX_DELIVERED_MSGS);
    QCOMPARE(pendingMsgs(unlimited), 5);
}

void TestPubSub::unsubscribeStopsDelivery() {
    NWB_START_SERVER(server);
    NWB_CONNECT(sub_nc, server.url());
    NWB_CONNECT(pub_nc, server.url());
    NWB_SUBSCRIBE(sub, sub_nc, "stop.here");
    NWB_SUBSCRIBE(witness, sub_nc, "stop.here");
    QVERIFY(barrier({sub_nc}));

    QCOMPARE(natsConnection_PublishString(pub_nc, "stop.here", "before"), NATS_OK);
    QVERIFY(barrier({pub_nc, sub_nc}));
    QCOMPARE(natsSubscription_Unsubscribe(sub), NATS_OK);
    QVERIFY(barrier({sub_nc}));
    QCOMPARE(natsConnection_PublishString(pub_nc, "stop.here", "after"), NATS_OK);
    QVERIFY(barrier({pub_nc, sub_nc}));

    QCOMPARE(pendingMsgs(witness), 2);
    QVERIFY(!natsSubscription_IsValid(sub));
}

QTEST_APPLESS_MAIN(TestPubSub)
#include "tst_pubsub.moc"
