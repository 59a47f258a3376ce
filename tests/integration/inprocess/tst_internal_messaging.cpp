// In-process subscribers and server publishes (what $JS.API and $SYS are built on), exercised
// with a real libnats client against a core::Server running in this process.
#include <QtTest>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "engine/core/server.h"
#include "tests/integration/nats_test_support.h"

using nwb::core::InternalMessage;
using nwb::core::InternalSubscriber;
using nwb::core::Server;
using nwb::core::ServerOptions;

namespace {

/// Answers every request on its subject with "echo:<payload>", from inside the callback.
class Echo final : public InternalSubscriber {
public:
    explicit Echo(Server& server) : server_(server) {}
    void onMessage(const InternalMessage& msg) override {
        calls.fetch_add(1);
        if (!msg.reply.empty()) {
            server_.publishInternal(msg.reply, {}, {}, "echo:" + std::string(msg.payload));
        }
        std::lock_guard lock(mutex);
        last_headers.assign(msg.headers);
    }
    std::atomic<int> calls{0};
    std::mutex mutex;
    std::string last_headers;

private:
    Server& server_;
};

ServerOptions localOptions() {
    ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.io_threads = 2;
    return o;
}

std::string url(const Server& s) { return "nats://127.0.0.1:" + std::to_string(s.port()); }

}  // namespace

class TstInternalMessaging : public QObject {
    Q_OBJECT

private slots:
    void requestToInternalSubscriberGetsReply() {
        Server server(localOptions());
        server.start();
        Echo echo(server);
        auto sub = server.subscribeInternal("svc.echo", {}, &echo);
        QVERIFY(sub != nullptr);

        auto nc = nwb::test::connect(url(server));
        QVERIFY(nc.has_value());
        natsMsg* reply = nullptr;
        QCOMPARE(natsConnection_RequestString(&reply, nc->get(), "svc.echo", "hello", 2000), NATS_OK);
        nwb::test::MsgPtr owned(reply);
        QCOMPARE(std::string(natsMsg_GetData(reply), natsMsg_GetDataLength(reply)),
                 std::string("echo:hello"));
        QCOMPARE(echo.calls.load(), 1);

        server.unsubscribeInternal(sub);
        natsMsg* none = nullptr;
        QCOMPARE(natsConnection_RequestString(&none, nc->get(), "svc.echo", "x", 2000),
                 NATS_NO_RESPONDERS);
        QCOMPARE(echo.calls.load(), 1);
    }

    void headersReachInternalSubscriber() {
        Server server(localOptions());
        server.start();
        Echo echo(server);
        auto sub = server.subscribeInternal("svc.>", {}, &echo);
        auto nc = nwb::test::connect(url(server));
        QVERIFY(nc.has_value());
        natsMsg* msg = nullptr;
        QCOMPARE(natsMsg_Create(&msg, "svc.h", nullptr, "p", 1), NATS_OK);
        nwb::test::MsgPtr owned(msg);
        QCOMPARE(natsMsgHeader_Set(msg, "K", "v"), NATS_OK);
        QCOMPARE(natsConnection_PublishMsg(nc->get(), msg), NATS_OK);
        QCOMPARE(natsConnection_Flush(nc->get()), NATS_OK);
        QCOMPARE(echo.calls.load(), 1);
        {
            std::lock_guard lock(echo.mutex);
            QCOMPARE(echo.last_headers, std::string("NATS/1.0\r\nK: v\r\n\r\n"));
        }
        server.unsubscribeInternal(sub);  // before `echo` goes
    }

    void serverPublishReachesClients() {
        Server server(localOptions());
        server.start();
        auto nc = nwb::test::connect(url(server));
        QVERIFY(nc.has_value());
        auto sub = nwb::test::subscribeSync(nc->get(), "events.>");
        QVERIFY(sub.has_value());
        QCOMPARE(natsConnection_Flush(nc->get()), NATS_OK);

        // From a thread that is not an I/O thread: the publish must flush by itself.
        QVERIFY(server.publishInternal("events.a", "r.1", "NATS/1.0\r\nX: 1\r\n\r\n", "body"));
        QVERIFY(!server.publishInternal("nobody.listens", {}, {}, "x"));
        natsMsg* got = nullptr;
        QCOMPARE(natsSubscription_NextMsg(&got, sub->get(), 2000), NATS_OK);
        nwb::test::MsgPtr owned(got);
        QCOMPARE(std::string(natsMsg_GetSubject(got)), std::string("events.a"));
        QCOMPARE(std::string(natsMsg_GetReply(got)), std::string("r.1"));
        QCOMPARE(std::string(natsMsg_GetData(got), natsMsg_GetDataLength(got)), std::string("body"));
        const char* value = nullptr;
        QCOMPARE(natsMsgHeader_Get(got, "X", &value), NATS_OK);
        QCOMPARE(std::string(value), std::string("1"));
        QCOMPARE(server.counters().out_msgs.load(), std::int64_t{1});
    }

    void deliverKeepsTheOriginalSubjectOnTheWire() {
        Server server(localOptions());
        server.start();
        auto nc = nwb::test::connect(url(server));
        QVERIFY(nc.has_value());
        auto inbox = nwb::test::subscribeSync(nc->get(), "_INBOX.pull.1");
        QVERIFY(inbox.has_value());
        QCOMPARE(natsConnection_Flush(nc->get()), NATS_OK);
        QVERIFY(server.deliverInternal(server.globalAccount(), "_INBOX.pull.1", "orders.new",
                                       "$JS.ACK.S.C.1.5.5.0.0", {}, "payload"));
        natsMsg* got = nullptr;
        QCOMPARE(natsSubscription_NextMsg(&got, inbox->get(), 2000), NATS_OK);
        nwb::test::MsgPtr owned(got);
        QCOMPARE(std::string(natsMsg_GetSubject(got)), std::string("orders.new"));
        QCOMPARE(std::string(natsMsg_GetReply(got)), std::string("$JS.ACK.S.C.1.5.5.0.0"));
        QCOMPARE(std::string(natsMsg_GetData(got), natsMsg_GetDataLength(got)),
                 std::string("payload"));
    }

    void internalQueueMemberSharesWithClients() {
        Server server(localOptions());
        server.start();
        Echo echo(server);
        auto internal = server.subscribeInternal("work", "q", &echo);
        auto nc = nwb::test::connect(url(server));
        QVERIFY(nc.has_value());
        auto member = nwb::test::subscribeSync(nc->get(), "work");
        natsSubscription* qsub = nullptr;
        QCOMPARE(natsConnection_QueueSubscribeSync(&qsub, nc->get(), "work", "q"), NATS_OK);
        nwb::test::SubscriptionPtr owned_q(qsub);
        QCOMPARE(natsConnection_Flush(nc->get()), NATS_OK);
        constexpr int kMessages = 200;
        for (int i = 0; i < kMessages; ++i) {
            QCOMPARE(natsConnection_PublishString(nc->get(), "work", "m"), NATS_OK);
        }
        QCOMPARE(natsConnection_Flush(nc->get()), NATS_OK);
        int queued = 0;
        natsMsg* m = nullptr;
        while (natsSubscription_NextMsg(&m, qsub, 200) == NATS_OK) {
            natsMsg_Destroy(m);
            ++queued;
        }
        QCOMPARE(queued + echo.calls.load(), kMessages);
        QVERIFY(echo.calls.load() > 0);
        QVERIFY(queued > 0);
        server.unsubscribeInternal(internal);  // before `echo` goes
    }
};

QTEST_APPLESS_MAIN(TstInternalMessaging)
#include "tst_internal_messaging.moc"
