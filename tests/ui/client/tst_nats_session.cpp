// NatsSession and LiveSubscription against an in-process embed::Node and (where installed)
// nats-server: batches, bounded inboxes, requests, reconnects, auth, destruction under load.
#include "tests/integration/nats_test_support.h"
#include "tests/ui/client/client_test_support.h"
#include "ui/client/live_subscription.h"
#include "ui/client/echo_responder.h"
#include "ui/client/nats_session.h"
#include "ui/client/nats_support.h"
#include "ui/client/nkey_signer.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

using nwb::embed::Node;
using nwb::ui::AuthKind;
using nwb::ui::ConnectionProfile;
using nwb::ui::HeaderList;
using nwb::ui::LiveSubscription;
using nwb::ui::NatsSession;
using nwb::ui::ReceivedMessage;
using nwb::ui::RequestResult;
using nwb::ui::SessionState;
using namespace nwb::test;
using namespace std::chrono_literals;

namespace {

constexpr int kWaitMs = 5000;

/// Collects every batch a subscription delivers.
struct BatchCollector {
    QList<ReceivedMessage> messages;
    QList<quint64> dropped_before;
    int batches = 0;

    void attach(LiveSubscription* sub, QObject* context) {
        QObject::connect(sub, &LiveSubscription::messagesArrived, context,
                         [this](const QList<ReceivedMessage>& batch, quint64 dropped) {
                             messages += batch;
                             dropped_before.append(dropped);
                             ++batches;
                         });
    }
};

HeaderList sortedByKey(HeaderList headers) {
    std::stable_sort(headers.begin(), headers.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return headers;
}

/// Blocks the test thread (no event loop) until `sub` has taken in `count` messages.
bool waitForArrivals(const LiveSubscription& sub, quint64 count) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kWaitMs);
    while (sub.arrived() < count) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

/// Replies "pong:<payload>" to every request on `subject`.
void onEchoRequest(natsConnection* nc, natsSubscription*, natsMsg* msg, void*) {
    const std::string reply = "pong:" + msgData(msg);
    if (natsMsg_GetReply(msg) != nullptr)
        natsConnection_PublishString(nc, natsMsg_GetReply(msg), reply.c_str());
    natsMsg_Destroy(msg);
}

ConnectionProfile userProfile(const QString& url, const QString& user, const QString& password) {
    ConnectionProfile profile = profileFor(url);
    profile.auth = AuthKind::UserPassword;
    profile.user = user;
    profile.password = password;
    return profile;
}

}  // namespace

class TstNatsSession : public QObject {
    Q_OBJECT

private:
    /// Opens `session` on `profile` and waits for the outcome.
    static bool openAndWait(NatsSession& session, const ConnectionProfile& profile) {
        session.open(profile);
        return QTest::qWaitFor(
                   [&] {
                       return session.state() == SessionState::Connected ||
                              session.state() == SessionState::Closed;
                   },
                   kWaitMs) &&
               session.state() == SessionState::Connected;
    }

    static void serverKinds() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("embedded") << QStringLiteral("embedded");
        QTest::newRow("nats-server") << QStringLiteral("nats-server");
    }

private slots:
    void cleanupTestCase() { nwb::ui::closeNatsLibrary(); }

    void openReachesConnected_data() { serverKinds(); }
    void openReachesConnected() {
        QFETCH(QString, kind);
        TestServer server;
        START_TEST_SERVER(server, kind);
        NatsSession session;
        QSignalSpy states(&session, &NatsSession::stateChanged);
        session.open(profileFor(server.url()));
        QCOMPARE(session.state(), SessionState::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Connected, kWaitMs);
        QCOMPARE(states.size(), 2);
        QCOMPARE(states.at(0).at(0).value<SessionState>(), SessionState::Connecting);
        QCOMPARE(states.at(1).at(0).value<SessionState>(), SessionState::Connected);
        QVERIFY(session.lastError().isEmpty());

        const auto info = session.info();
        QCOMPARE(info.connected_url, server.url());
        QVERIFY(!info.server_id.isEmpty());
        if (server.node() != nullptr)
            QCOMPARE(info.server_id, QString::fromStdString(server.node()->serverId()));
        QCOMPARE(info.max_payload, 1024 * 1024);
        QVERIFY(info.headers);
        QVERIFY(info.rtt_us >= 0);

        session.close();
        QCOMPARE(session.state(), SessionState::Closed);
        QCOMPARE(states.size(), 3);
    }

    void subscribeDeliversBatchesWithHeaders_data() { serverKinds(); }
    void subscribeDeliversBatchesWithHeaders() {
        QFETCH(QString, kind);
        TestServer server;
        START_TEST_SERVER(server, kind);
        NatsSession session;
        QVERIFY(openAndWait(session, profileFor(server.url())));

        auto sub = session.subscribe(QStringLiteral(">"));
        QVERIFY2(sub, qPrintable(session.lastError()));
        QCOMPARE(sub->subject(), QStringLiteral(">"));
        QVERIFY(sub->queue().isEmpty());
        BatchCollector collector;
        collector.attach(sub.get(), this);

        const HeaderList headers_a{{"Trace", "t-1"}, {"Tag", "x"}, {"Tag", "y"}};
        const HeaderList headers_b{{"Single", "1"}};
        QVERIFY(session.publish("orders.new", {}, headers_a, "first"));
        QVERIFY(session.publish("orders.paid", "reply.box.1", headers_b, "second"));
        QVERIFY(session.publish("metrics", {}, {}, QByteArray()));

        QTRY_COMPARE_WITH_TIMEOUT(collector.messages.size(), 3, kWaitMs);
        QVERIFY(collector.batches >= 1);
        QVERIFY(std::all_of(collector.dropped_before.begin(), collector.dropped_before.end(),
                            [](quint64 d) { return d == 0; }));
        const auto& m = collector.messages;
        QCOMPARE(m[0].subject, QStringLiteral("orders.new"));
        QCOMPARE(m[1].subject, QStringLiteral("orders.paid"));
        QCOMPARE(m[2].subject, QStringLiteral("metrics"));
        QCOMPARE(m[0].payload, QByteArray("first"));
        QCOMPARE(m[1].payload, QByteArray("second"));
        QCOMPARE(m[2].payload, QByteArray());
        QCOMPARE(sortedByKey(m[0].headers), sortedByKey(headers_a));
        QCOMPARE(m[1].headers, headers_b);
        QVERIFY(m[2].headers.isEmpty());
        QCOMPARE(m[0].reply, QString());
        QCOMPARE(m[1].reply, QStringLiteral("reply.box.1"));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(m[i].sequence, quint64(i + 1));
            QVERIFY(m[i].received_ms > 0);
        }
        QCOMPARE(sub->received(), quint64(3));
        QCOMPARE(sub->dropped(), quint64(0));
    }

    void queueSubscriptionSharesMessages() {
        TestServer server;
        START_TEST_SERVER(server, QStringLiteral("embedded"));
        NatsSession session;
        QVERIFY(openAndWait(session, profileFor(server.url())));
        auto first = session.subscribe("work", "workers");
        auto second = session.subscribe("work", "workers");
        QVERIFY(first && second);
        QCOMPARE(first->queue(), QStringLiteral("workers"));
        BatchCollector a;
        BatchCollector b;
        a.attach(first.get(), this);
        b.attach(second.get(), this);
        for (int i = 0; i < 20; ++i)
            QVERIFY(session.publish("work", {}, {}, QByteArray::number(i)));
        QTRY_COMPARE_WITH_TIMEOUT(a.messages.size() + b.messages.size(), 20, kWaitMs);
        QTest::qWait(3 * LiveSubscription::kBatchIntervalMs);
        QCOMPARE(a.messages.size() + b.messages.size(), 20);
    }

    void fullInboxDropsTheOldest() {
        TestServer server;
        START_TEST_SERVER(server, QStringLiteral("embedded"));
        NatsSession session;
        QVERIFY(openAndWait(session, profileFor(server.url())));
        auto sub = session.subscribe(QStringLiteral("burst.data"));
        QVERIFY(sub);
        sub->setCapacity(10);
        BatchCollector collector;
        collector.attach(sub.get(), this);

        // The publisher is another connection. Once a message from it reaches a subscription
        // made after `sub`, the server has `sub` in place too.
        auto publisher = nwb::test::connect(server.url().toStdString());
        QVERIFY(publisher.has_value());
        auto marker = session.subscribe(QStringLiteral("burst.marker"));
        QVERIFY(marker);
        QVERIFY(QTest::qWaitFor(
            [&] {
                natsConnection_PublishString(publisher->get(), "burst.marker", "m");
                natsConnection_Flush(publisher->get());
                return marker->arrived() > 0;
            },
            kWaitMs));

        // From here on the GUI thread does not spin its event loop until all 100 are in.
        for (int i = 1; i <= 100; ++i) {
            const std::string payload = std::to_string(i);
            QCOMPARE(natsConnection_PublishString(publisher->get(), "burst.data", payload.c_str()),
                     NATS_OK);
        }
        QCOMPARE(natsConnection_Flush(publisher->get()), NATS_OK);
        QVERIFY(waitForArrivals(*sub, 100));
        QCOMPARE(collector.batches, 0);

        QSignalSpy batches(sub.get(), &LiveSubscription::messagesArrived);
        QVERIFY(batches.wait(kWaitMs));
        QCOMPARE(collector.batches, 1);
        QCOMPARE(collector.dropped_before, QList<quint64>{90});
        QCOMPARE(collector.messages.size(), 10);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(collector.messages[i].payload, QByteArray::number(91 + i));
            QCOMPARE(collector.messages[i].sequence, quint64(91 + i));
        }
        QCOMPARE(sub->dropped(), quint64(90));
        QCOMPARE(sub->received(), quint64(100));

        // Nothing new: no more batches.
        QTest::qWait(3 * LiveSubscription::kBatchIntervalMs);
        QCOMPARE(collector.batches, 1);
    }

    void highRateKeepsEveryCount() {
        TestServer server;
        START_TEST_SERVER(server, QStringLiteral("embedded"));
        NatsSession session;
        QVERIFY(openAndWait(session, profileFor(server.url())));
        auto sub = session.subscribe(QStringLiteral("rate.data"));
        QVERIFY(sub);
        quint64 delivered = 0;
        quint64 dropped = 0;
        quint64 last_sequence = 0;
        bool ordered = true;
        int batches = 0;
        connect(sub.get(), &LiveSubscription::messagesArrived, this,
                [&](const QList<ReceivedMessage>& batch, quint64 dropped_before) {
                    ++batches;
                    dropped += dropped_before;
                    delivered += static_cast<quint64>(batch.size());
                    for (const auto& m : batch) {
                        ordered = ordered && m.sequence > last_sequence;
                        last_sequence = m.sequence;
                    }
                });

        auto publisher = nwb::test::connect(server.url().toStdString());
        QVERIFY(publisher.has_value());
        auto marker = session.subscribe(QStringLiteral("rate_marker"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                natsConnection_PublishString(publisher->get(), "rate_marker", "m");
                natsConnection_Flush(publisher->get());
                return marker->arrived() > 0;
            },
            kWaitMs));
        marker.reset();
        constexpr quint64 before = 0;

        constexpr quint64 kCount = 100'000;
        QElapsedTimer clock;
        clock.start();
        std::jthread pump([&] {
            for (quint64 i = 0; i < kCount; ++i)
                natsConnection_PublishString(publisher->get(), "rate.data", "0123456789");
            natsConnection_Flush(publisher->get());
        });
        QTRY_COMPARE_WITH_TIMEOUT(sub->received(), before + kCount, 30000);
        QTest::qWait(3 * LiveSubscription::kBatchIntervalMs);
        QCOMPARE(delivered + dropped, before + kCount);
        QCOMPARE(sub->dropped(), dropped);
        QVERIFY(ordered);
        QCOMPARE(last_sequence, before + kCount);
        // Coalesced: about 30 batches a second, however fast messages come.
        QVERIFY2(
            batches <= clock.elapsed() / LiveSubscription::kBatchIntervalMs + 3,
            qPrintable(QStringLiteral("%1 batches in %2 ms").arg(batches).arg(clock.elapsed())));
        qInfo() << kCount << "messages in" << clock.elapsed() << "ms," << batches << "batches,"
                << dropped << "dropped";
    }

    void requestGetsTheReply() {
        TestServer server;
        START_TEST_SERVER(server, QStringLiteral("embedded"));
        auto responder = nwb::test::connect(server.url().toStdString());
        QVERIFY(responder.has_value());
        natsSubscription* raw_sub = nullptr;
        QCOMPARE(natsConnection_Subscribe(&raw_sub, responder->get(), "svc.echo", onEchoRequest,
                                          nullptr),
                 NATS_OK);
        SubscriptionPtr echo(raw_sub);
        QCOMPARE(natsConnection_Flush(responder->get()), NATS_OK);

        NatsSession session;
        QVERIFY(openAndWait(session, profileFor(server.url())));
        RequestResult result;
        int calls = 0;
        session.request("svc.echo", {{"Kind", "ping"}}, "hello", 2000, this,
                        [&](const RequestResult& r) {
                            result = r;
                            ++calls;
                        });
        QTRY_COMPARE_WITH_TIMEOUT(calls, 1, kWaitMs);
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.reply.payload, QByteArray("pong:hello"));
        QVERIFY(result.reply.subject.startsWith("_INBOX."));
        QVERIFY(result.rtt_us > 0);
    }

    void echoResponderAnswersFromItsOwnThread() {
        TestServer server;
        START_TEST_SERVER(server, QStringLiteral("embedded"));
        NatsSession session;
        QVERIFY(openAndWait(session, profileFor(server.url())));
        auto echo = session.echoResponder(QStringLiteral("probe.echo"));
        QVERIFY(echo);
        QCOMPARE(echo->subject(), QStringLiteral("probe.echo"));

        // A plain libnats requester: no GUI event loop runs while it waits, so a reply can only
        // come from the responder's own libnats thread.
        auto requester = nwb::test::connect(server.url().toStdString());
        QVERIFY(requester.has_value());
        // The SUB goes out on the session's connection: until the server has it, no responders.
        QByteArray echoed;
        QTRY_COMPARE_WITH_TIMEOUT(
            [&] {
                natsMsg* reply = nullptr;
                const natsStatus s = natsConnection_RequestString(&reply, requester->get(),
                                                                  "probe.echo", "abc", 2000);
                if (s == NATS_OK)
                    echoed = QByteArray(natsMsg_GetData(reply), natsMsg_GetDataLength(reply));
                natsMsg_Destroy(reply);
                return s;
            }(),
            NATS_OK, kWaitMs);
        QCOMPARE(echoed, QByteArray("abc"));

        echo.reset();  // unsubscribed: nobody answers any more
        QCOMPARE(natsConnection_Flush(requester->get()), NATS_OK);
        QTRY_COMPARE_WITH_TIMEOUT(
            [&] {
                natsMsg* none = nullptr;
                const natsStatus s = natsConnection_RequestString(&none, requester->get(),
                                                                  "probe.echo", "x", 500);
                natsMsg_Destroy(none);
                return s;
            }(),
            NATS_NO_RESPONDERS, kWaitMs);
    }

    void requestWithoutResponders_data() { serverKinds(); }
    void requestWithoutResponders() {
        QFETCH(QString, kind);
        TestServer server;
        START_TEST_SERVER(server, kind);
        NatsSession session;
        QVERIFY(openAndWait(session, profileFor(server.url())));
        RequestResult result;
        int calls = 0;
        session.request("nobody.home", {}, "x", 2000, this, [&](const RequestResult& r) {
            result = r;
            ++calls;
        });
        QTRY_COMPARE_WITH_TIMEOUT(calls, 1, kWaitMs);
        QVERIFY(!result.ok);
        QCOMPARE(result.error, QStringLiteral("no responders available for request"));
    }

    void requestTimesOut() {
        TestServer server;
        START_TEST_SERVER(server, QStringLiteral("embedded"));
        auto silent = nwb::test::connect(server.url().toStdString());
        QVERIFY(silent.has_value());
        auto sink = subscribeSync(silent->get(), "svc.silent");
        QVERIFY(sink.has_value());
        QCOMPARE(natsConnection_Flush(silent->get()), NATS_OK);

        NatsSession session;
        QVERIFY(openAndWait(session, profileFor(server.url())));
        RequestResult result;
        int calls = 0;
        session.request("svc.silent", {}, "x", 200, this, [&](const RequestResult& r) {
            result = r;
            ++calls;
        });
        QTRY_COMPARE_WITH_TIMEOUT(calls, 1, kWaitMs);
        QVERIFY(!result.ok);
        QCOMPARE(result.error, QStringLiteral("timeout"));
    }

    void requestSkipsCallbackWhenContextIsGone() {
        TestServer server;
        START_TEST_SERVER(server, QStringLiteral("embedded"));
        NatsSession session;
        QVERIFY(openAndWait(session, profileFor(server.url())));
        int calls = 0;
        auto* context = new QObject;
        session.request("nobody.home", {}, "x", 1000, context,
                        [&](const RequestResult&) { ++calls; });
        delete context;
        int later_calls = 0;
        session.request("nobody.home", {}, "x", 1000, this,
                        [&](const RequestResult&) { ++later_calls; });
        QTRY_COMPARE_WITH_TIMEOUT(later_calls, 1, kWaitMs);
        QTest::qWait(50);
        QCOMPARE(calls, 0);
    }

    void reconnectsAfterTheNodeComesBack() {
        Node node("n1");
        QVERIFY(node.start());
        NatsSession session;
        QVERIFY(openAndWait(session, profileFor(QString::fromStdString(node.clientUrl()))));
        auto sub = session.subscribe(QStringLiteral("after.>"));
        QVERIFY(sub);
        BatchCollector collector;
        collector.attach(sub.get(), this);
        QSignalSpy states(&session, &NatsSession::stateChanged);

        node.kill();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Reconnecting, kWaitMs);
        QVERIFY(node.restart());
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Connected, kWaitMs);
        QCOMPARE(session.info().server_id, QString::fromStdString(node.serverId()));

        // libnats resubscribed: the same LiveSubscription keeps receiving.
        QVERIFY(session.publish("after.restart", {}, {}, "again"));
        QTRY_COMPARE_WITH_TIMEOUT(collector.messages.size(), 1, kWaitMs);
        QCOMPARE(collector.messages[0].payload, QByteArray("again"));

        session.close();
        QCOMPARE(session.state(), SessionState::Closed);
        QList<SessionState> seen;
        for (const auto& args : states) seen.append(args.at(0).value<SessionState>());
        QCOMPARE(seen, (QList<SessionState>{SessionState::Reconnecting, SessionState::Connected,
                                            SessionState::Closed}));
        QVERIFY(!session.publish("after.close", {}, {}, "x"));
        QVERIFY(!session.lastError().isEmpty());
    }

    void connectToAClosedPortFails() {
        NatsSession session;
        QSignalSpy errors(&session, &NatsSession::errorReported);
        session.open(profileFor(QStringLiteral("nats://127.0.0.1:%1").arg(freePort())));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Closed, kWaitMs);
        QCOMPARE(session.lastError(), QStringLiteral("No server available for connection"));
        QCOMPARE(errors.size(), 1);
        QVERIFY(!session.subscribe("x"));
        QVERIFY(!session.lastError().isEmpty());
    }

    void userPasswordAuthentication() {
        auto options = Node::defaultOptions();
        options.username = "alice";
        options.password = "s3cret";
        Node node("n1", options);
        QVERIFY(node.start());
        const QString url = QString::fromStdString(node.clientUrl());

        NatsSession wrong;
        QVERIFY(!openAndWait(wrong, userProfile(url, "alice", "nope")));
        QCOMPARE(wrong.state(), SessionState::Closed);
        QCOMPARE(wrong.lastError(), QStringLiteral("Authorization Violation"));

        NatsSession right;
        QVERIFY2(openAndWait(right, userProfile(url, "alice", "s3cret")),
                 qPrintable(right.lastError()));
    }

    void tokenAuthentication() {
        auto options = Node::defaultOptions();
        options.auth_token = "t0ken";
        Node node("n1", options);
        QVERIFY(node.start());
        ConnectionProfile profile = profileFor(QString::fromStdString(node.clientUrl()));
        profile.auth = AuthKind::Token;

        profile.token = "wrong";
        NatsSession wrong;
        QVERIFY(!openAndWait(wrong, profile));
        QCOMPARE(wrong.lastError(), QStringLiteral("Authorization Violation"));

        profile.token = "t0ken";
        NatsSession right;
        QVERIFY2(openAndWait(right, profile), qPrintable(right.lastError()));
    }

    void nkeyAuthenticationAgainstNatsServer() {
        if (!natsServerInstalled()) QSKIP("nats-server is not installed");
        QByteArray raw(32, '\0');
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(raw.data()), 8);
        const QByteArray seed = nwb::ui::encodeUserSeed(raw);
        auto signer = nwb::ui::NkeySigner::fromSeed(QString::fromLatin1(seed));
        QVERIFY2(signer.has_value(), qPrintable(signer ? QString() : signer.error()));

        QTemporaryDir dir;
        QFile config(dir.filePath("nkey.conf"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("authorization { users = [ { nkey: " + (*signer)->publicKey() + " } ] }\n");
        config.close();
        NatsServerProcess server;
        QVERIFY(server.start({QStringLiteral("-c"), config.fileName()}));

        ConnectionProfile profile = profileFor(server.url());
        profile.auth = AuthKind::NkeySeed;
        profile.nkey_seed = QString::fromLatin1(seed);
        NatsSession right;
        QVERIFY2(openAndWait(right, profile), qPrintable(right.lastError()));

        QByteArray other_raw(32, '\x07');
        profile.nkey_seed = QString::fromLatin1(nwb::ui::encodeUserSeed(other_raw));
        NatsSession wrong;
        QVERIFY(!openAndWait(wrong, profile));
        QCOMPARE(wrong.lastError(), QStringLiteral("Authorization Violation"));

        profile.nkey_seed = QStringLiteral("SUNOTASEED");
        NatsSession invalid;
        QVERIFY(!openAndWait(invalid, profile));
        QVERIFY(invalid.lastError().contains("seed", Qt::CaseInsensitive));
    }

    void destroyWhileMessagesArrive() {
        TestServer server;
        START_TEST_SERVER(server, QStringLiteral("embedded"));
        auto publisher = nwb::test::connect(server.url().toStdString());
        QVERIFY(publisher.has_value());
        // Stops and joins when the test ends, however it ends.
        std::jthread pump([&](std::stop_token stop) {
            for (int i = 0; !stop.stop_requested(); ++i) {
                natsConnection_PublishString(publisher->get(), "flood.data", "payload");
                if (i % 1000 == 0) std::this_thread::sleep_for(1ms);
            }
        });

        for (int round = 0; round < 3; ++round) {
            auto session = std::make_unique<NatsSession>();
            QVERIFY(openAndWait(*session, profileFor(server.url())));
            auto sub = session->subscribe(QStringLiteral("flood.>"));
            QVERIFY(sub);
            QTRY_VERIFY_WITH_TIMEOUT(sub->received() > 100, kWaitMs);
            if (round == 0) {
                session.reset();  // the subscription outlives its session
                QTest::qWait(50);
                sub.reset();
            } else if (round == 1) {
                sub.reset();
                session.reset();
            } else {
                auto held = sub;  // both go while the libnats thread is busy delivering
                session.reset();
                held.reset();
                sub.reset();
            }
        }

        // Subscriptions come and go on a live connection while the flood goes on.
        NatsSession session;
        QVERIFY(openAndWait(session, profileFor(server.url())));
        for (int i = 0; i < 30; ++i) {
            auto sub = session.subscribe(QStringLiteral("flood.>"));
            QVERIFY(sub);
            QVERIFY(QTest::qWaitFor([&] { return sub->arrived() > 10; }, kWaitMs));
        }
        QCOMPARE(session.state(), SessionState::Connected);
    }
};

QTEST_GUILESS_MAIN(TstNatsSession)
#include "tst_nats_session.moc"
