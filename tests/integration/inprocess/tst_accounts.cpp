// Accounts isolate subjects: users of different accounts never see each other's messages.
#include <QtTest>

#include <condition_variable>
#include <mutex>
#include <string>

#include "engine/core/server.h"
#include "tests/integration/nats_test_support.h"

using nwb::core::Server;
using nwb::core::ServerOptions;

namespace {

ServerOptions twoAccounts() {
    ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.io_threads = 2;
    nwb::auth::User a{"a", "pa", std::nullopt, "A"};
    nwb::auth::User a2{"a2", "pa2", std::nullopt, "A"};
    nwb::auth::User b{"b", "pb", std::nullopt, "B"};
    nwb::auth::User g{"g", "pg", std::nullopt, ""};
    o.users = {a, a2, b, g};
    return o;
}

nwb::test::ConnectionPtr connectAs(const Server& s, const std::string& user,
                                   const std::string& pass) {
    auto nc = nwb::test::connect("nats://127.0.0.1:" + std::to_string(s.port()),
                                 [&](natsOptions* o) {
                                     natsOptions_SetUserInfo(o, user.c_str(), pass.c_str());
                                 });
    return nc ? std::move(*nc) : nullptr;
}

int drain(natsSubscription* sub) {
    int n = 0;
    natsMsg* m = nullptr;
    while (natsSubscription_NextMsg(&m, sub, 100) == NATS_OK) {
        natsMsg_Destroy(m);
        ++n;
    }
    return n;
}

}  // namespace

class TstAccounts : public QObject {
    Q_OBJECT

private slots:
    void accountsAreCreatedFromUsers() {
        Server server(twoAccounts());
        QVERIFY(server.findAccount("$G") != nullptr);
        QVERIFY(server.findAccount("A") != nullptr);
        QVERIFY(server.findAccount("B") != nullptr);
        QVERIFY(server.systemAccount() != nullptr);
        QCOMPARE(server.systemAccount()->name(), std::string("$SYS"));
        QVERIFY(server.findAccount("C") == nullptr);
    }

    void messagesStayInTheirAccount() {
        Server server(twoAccounts());
        server.start();
        auto a = connectAs(server, "a", "pa");
        auto a2 = connectAs(server, "a2", "pa2");
        auto b = connectAs(server, "b", "pb");
        auto g = connectAs(server, "g", "pg");
        QVERIFY(a && a2 && b && g);
        auto sub_a2 = nwb::test::subscribeSync(a2.get(), "orders");
        auto sub_b = nwb::test::subscribeSync(b.get(), "orders");
        auto sub_g = nwb::test::subscribeSync(g.get(), "orders");
        QVERIFY(sub_a2 && sub_b && sub_g);
        for (auto* nc : {a2.get(), b.get(), g.get()}) QCOMPARE(natsConnection_Flush(nc), NATS_OK);

        QCOMPARE(natsConnection_PublishString(a.get(), "orders", "from-a"), NATS_OK);
        QCOMPARE(natsConnection_PublishString(a.get(), "orders", "from-a"), NATS_OK);
        QCOMPARE(natsConnection_PublishString(b.get(), "orders", "from-b"), NATS_OK);
        for (auto* nc : {a.get(), b.get()}) QCOMPARE(natsConnection_Flush(nc), NATS_OK);

        QCOMPARE(drain(sub_a2->get()), 2);
        QCOMPARE(drain(sub_b->get()), 1);
        QCOMPARE(drain(sub_g->get()), 0);

        const auto conns = server.connections(false);
        QCOMPARE(conns.size(), std::size_t{4});
        QCOMPARE(conns[0].account, std::string("A"));
        QCOMPARE(conns[2].account, std::string("B"));
        QCOMPARE(conns[3].account, std::string("$G"));
    }

    void closedConnectionsKeepTheirTotalsInTheAccount() {
        Server server(twoAccounts());
        std::mutex mutex;
        std::condition_variable cv;
        int disconnects = 0;
        server.setClientEventListener([&](const nwb::core::ConnectionInfo&, bool connected) {
            if (connected) return;
            std::lock_guard lock(mutex);
            ++disconnects;
            cv.notify_all();
        });
        server.start();
        {
            auto a = connectAs(server, "a", "pa");
            auto a2 = connectAs(server, "a2", "pa2");
            QVERIFY(a && a2);
            auto sub = nwb::test::subscribeSync(a2.get(), "t");
            QVERIFY(sub.has_value());
            QCOMPARE(natsConnection_Flush(a2.get()), NATS_OK);
            QCOMPARE(natsConnection_PublishString(a.get(), "t", "12345"), NATS_OK);
            QCOMPARE(natsConnection_PublishString(a.get(), "t", "678"), NATS_OK);
            QCOMPARE(natsConnection_Flush(a.get()), NATS_OK);
            QCOMPARE(drain(sub->get()), 2);
        }
        {
            // Both connections have closed once their disconnect events are in.
            std::unique_lock lock(mutex);
            QVERIFY(cv.wait_for(lock, std::chrono::seconds(5), [&] { return disconnects == 2; }));
        }
        const auto totals = server.findAccount("A")->closedTotals();
        QCOMPARE(totals.in_msgs, std::int64_t{2});
        QCOMPARE(totals.in_bytes, std::int64_t{8});
        QCOMPARE(totals.out_msgs, std::int64_t{2});
        QCOMPARE(totals.out_bytes, std::int64_t{8});
        QCOMPARE(server.findAccount("B")->closedTotals().in_msgs, std::int64_t{0});
    }

    void requestsDoNotCrossAccounts() {
        Server server(twoAccounts());
        server.start();
        auto a = connectAs(server, "a", "pa");
        auto b = connectAs(server, "b", "pb");
        QVERIFY(a && b);
        auto responder = nwb::test::subscribeSync(b.get(), "svc");
        QVERIFY(responder.has_value());
        QCOMPARE(natsConnection_Flush(b.get()), NATS_OK);
        natsMsg* reply = nullptr;
        QCOMPARE(natsConnection_RequestString(&reply, a.get(), "svc", "x", 1000), NATS_NO_RESPONDERS);
    }
};

QTEST_APPLESS_MAIN(TstAccounts)
#include "tst_accounts.moc"
